// `npm run bench:web`: page weight and paint timings of the built lesson in headless Chromium.
// Builds first (the npm script does), serves build/ on a free port, loads the page cold RUNS times, prints the
// medians against the targets and writes bench/web/results.json. Local server, no network or CPU throttling:
// the timings say how heavy our page is, not how a slow phone on 3G would feel it.
// Pass --strict to exit 1 when a target is missed.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchBrowser, startSite, type Browser } from '../../tests/browser/harness';
import { measureLoad } from './measure';
import { TARGETS, formatTable, summarise, verdicts, type LoadSample } from './summary';

/** How many cold loads to take the median of. */
const RUNS = Number(process.env.RUNS ?? 5);

/** Where the results go (ignored by git along with other bench output, see the report). */
const RESULTS_PATH = fileURLToPath(new URL('./results.json', import.meta.url));

/**
 * A one-paragraph page measured the same way: its paint time is what this machine and browser cost for
 * nothing at all, so the lesson's own cost is roughly the difference (useful on a busy shared machine).
 */
const BASELINE_HTML = '<!doctype html><html lang="en"><meta charset="utf-8"><title>baseline</title><p>One paragraph.</p></html>';

/** Median FCP of the baseline page over `runs` cold loads. */
async function baselineFcp(browser: Browser, runs: number): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-web-baseline-'));
  writeFileSync(join(dir, 'index.html'), BASELINE_HTML);
  const site = await startSite(dir);
  try {
    const samples: LoadSample[] = [];
    for (let run = 0; run < runs; run++) samples.push((await measureLoad(browser, site.url + '/')).sample);
    return summarise(samples).fcpMs;
  } finally {
    await site.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const site = await startSite();
  const browser = await launchBrowser();
  try {
    // One warm-up load so Chromium's own start-up costs do not land in the first sample.
    await measureLoad(browser, site.url + '/');
    const samples: LoadSample[] = [];
    let lcpElement = '?';
    for (let run = 0; run < RUNS; run++) {
      const measured = await measureLoad(browser, site.url + '/');
      samples.push(measured.sample);
      lcpElement = measured.lcpElement;
    }
    const summary = summarise(samples);
    const baselineFcpMs = await baselineFcp(browser, RUNS);
    console.log(`Dropout Lab, first load of / in headless Chromium ${browser.version()}\n`);
    console.log(formatTable(summary, RUNS));
    console.log(`\nLCP element: ${lcpElement}`);
    console.log(`baseline: a one-paragraph page paints in ${Math.round(baselineFcpMs)} ms on this machine right now`);
    const pass = verdicts(summary);
    writeFileSync(
      RESULTS_PATH,
      JSON.stringify(
        { date: new Date().toISOString(), chromium: browser.version(), runs: RUNS, targets: TARGETS, median: summary, pass, lcpElement, baselineFcpMs, samples },
        null,
        2
      ) + '\n'
    );
    console.log(`\nwrote ${RESULTS_PATH}`);
    if (process.argv.includes('--strict') && !(pass.jsGzip && pass.lcp)) process.exitCode = 1;
  } finally {
    await browser.close();
    await site.close();
  }
}

await main();
