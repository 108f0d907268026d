// `npm run bench:web`: page weight and paint timings of the built lesson in headless Chromium.
// Builds first (the npm script does), serves build/ on a free port, loads the page cold RUNS times, prints the
// medians against the targets and writes bench/web/results.json. Local server, no network or CPU throttling:
// the timings say how heavy our page is, not how a slow phone on 3G would feel it.
// Pass --strict to exit 1 when a target is missed.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { launchBrowser, startSite } from '../../tests/browser/harness';
import { measureLoad } from './measure';
import { TARGETS, formatTable, summarise, verdicts, type LoadSample } from './summary';

/** How many cold loads to take the median of. */
const RUNS = Number(process.env.RUNS ?? 5);

/** Where the results go (ignored by git along with other bench output, see the report). */
const RESULTS_PATH = fileURLToPath(new URL('./results.json', import.meta.url));

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
    console.log(`Dropout Lab, first load of / in headless Chromium ${browser.version()}\n`);
    console.log(formatTable(summary, RUNS));
    console.log(`\nLCP element: ${lcpElement}`);
    const pass = verdicts(summary);
    writeFileSync(
      RESULTS_PATH,
      JSON.stringify(
        { date: new Date().toISOString(), chromium: browser.version(), runs: RUNS, targets: TARGETS, median: summary, pass, lcpElement, samples },
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
