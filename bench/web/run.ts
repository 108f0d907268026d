// `npm run bench:web`: page weight and paint timings of the built lesson in headless Chromium.
// Builds first (the npm script does), serves build/ on a free port, loads the page cold RUNS times, prints the
// medians against the targets and writes bench/web/results.json. Local server, no network or CPU throttling:
// the timings say how heavy our page is, not how a slow phone on 3G would feel it.
// Then, for each live example in turn (a fresh page each), the longest main-thread task from the moment it is
// scrolled to (it mounts) until its first result is shown and the main thread is idle (at most 10 s more),
// from a Chromium trace; then the augmentation example's default run, timed (bench/web/augment.ts).
// --no-examples skips those parts. Then the rate sweep's default grid from click to verdict
// (bench/web/sweep.ts; --no-sweep skips it). Last, layout shift (bench/web/cls.ts): a twin-run deep
// link and a full scroll-through at 360×800 and 1280×800; --no-cls skips it. Pass --strict to exit 1 when a
// target is missed.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  LIVE_EXAMPLES,
  launchBrowser,
  mainThreadIdle,
  showExample,
  startSite,
  type Browser,
  type Site
} from '../../tests/browser/harness';
import { formatAugment, measureAugment, type AugmentTiming } from './augment';
import { formatCls, measureCls, type ClsRow } from './cls';
import { measureLoad } from './measure';
import { mainThreadTasks, type Task } from './trace';
import { TARGETS, formatTable, summarise, verdicts, type LoadSample } from './summary';
import { formatSweep, measureSweep } from './sweep';

/** How many cold loads to take the median of. */
const RUNS = Number(process.env.RUNS ?? 5);

/** Where the results go (ignored by git along with other bench output, see the report). */
const RESULTS_PATH = fileURLToPath(new URL('./results.json', import.meta.url));

/**
 * A one-paragraph page measured the same way: its paint time is what this machine and browser cost for
 * nothing at all, so the lesson's own cost is roughly the difference (useful on a busy shared machine).
 */
const BASELINE_HTML =
  '<!doctype html><html lang="en"><meta charset="utf-8"><title>baseline</title><p>One paragraph.</p></html>';

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

/** What mounting one live example cost the main thread. */
interface ExampleTasks {
  /** The example's region name. */
  label: string;
  /** Milliseconds from scrolling to it until its first result (LIVE_EXAMPLES' ready marker) was shown. */
  readyMs: number;
  /** Whether the main thread was idle (within 10 s) after that; if not, the window ends 10 s after. */
  idle: boolean;
  /** True when it had mounted before the measurement started (it sat within the lazy-mount margin). */
  mountedBefore: boolean;
  /** The longest task in the window (wall time), or null when the trace held none. */
  longest: Task | null;
  /** How many tasks in the window took over 50 ms of wall time. */
  over50: number;
}

/**
 * Loads the lesson in a fresh page per example, lets it settle, then traces the main thread while the example
 * is scrolled to, mounts and shows its first result, until the main thread is idle. Examples near it (within
 * the 800 px mount margin) may mount in the same window: their tasks count too, as a reader would feel them.
 */
async function measureExamples(browser: Browser, site: Site): Promise<ExampleTasks[]> {
  const out: ExampleTasks[] = [];
  for (const { label, ready } of LIVE_EXAMPLES) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    try {
      const page = await context.newPage();
      await page.goto(site.url + '/', { waitUntil: 'load' });
      await mainThreadIdle(page);
      const mountedBefore = await page.evaluate(
        (l) =>
          Array.from(document.querySelectorAll('section[aria-label]')).some(
            (s) => s.getAttribute('aria-label') === l && s.querySelector(':scope > :not(noscript)') !== null
          ),
        label
      );
      await browser.startTracing(page, { categories: ['toplevel', 'devtools.timeline'] });
      const t0 = Date.now();
      await showExample(page, label, { ready });
      const readyMs = Date.now() - t0;
      const idle = await mainThreadIdle(page, 10_000);
      // The bench's own evaluate calls (scrolling, idle checks) are its tasks, not the page's.
      const tasks = mainThreadTasks((await browser.stopTracing()).toString('utf8')).filter(
        (t) => !t.kind.startsWith('evaluate')
      );
      const longest = tasks.reduce<Task | null>((a, t) => (a === null || t.wall > a.wall ? t : a), null);
      out.push({ label, readyMs, idle, mountedBefore, longest, over50: tasks.filter((t) => t.wall > 50).length });
    } finally {
      await context.close();
    }
  }
  return out;
}

/** The per-example lines of the report. */
function formatExamples(rows: ExampleTasks[]): string {
  const ms = (v: number) => v.toFixed(0);
  return rows
    .map((r) => {
      const name = r.label.replace(/^Live example: /, '');
      const t = r.longest;
      const task = t
        ? `${ms(t.wall)} ms wall / ${ms(t.cpu)} ms CPU (${t.kind}; js ${ms(t.script)}, render ${ms(t.render)})`
        : 'none traced';
      const notes = [
        r.idle ? '' : 'never idle: window ends 10 s after',
        r.mountedBefore ? 'had mounted before scrolling' : ''
      ].filter(Boolean);
      return `  ${name}: first result ${(r.readyMs / 1000).toFixed(1)} s after scrolling to it; longest main-thread task ${task}; ${r.over50} over 50 ms${notes.length ? ` (${notes.join('; ')})` : ''}`;
    })
    .join('\n');
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
    let examples: ExampleTasks[] = [];
    if (!process.argv.includes('--no-examples')) {
      examples = await measureExamples(browser, site);
      console.log(
        '\nLive examples, from scrolling to one until its first result is shown and the main thread is idle:'
      );
      console.log(formatExamples(examples));
    }
    // The experiments' own runs, timed in the page: how long a learner waits for a verdict.
    let augment: AugmentTiming | null = null;
    if (!process.argv.includes('--no-examples')) {
      augment = await measureAugment(browser, site);
      console.log('\n' + formatAugment(augment));
    }
    const sweep = process.argv.includes('--no-sweep') ? null : await measureSweep(browser, site);
    if (sweep) console.log('\n' + formatSweep(sweep));
    let cls: ClsRow[] = [];
    if (!process.argv.includes('--no-cls')) {
      cls = await measureCls(browser, site);
      console.log('\nLayout shift (target ≤ 0.05; Core Web Vitals CLS and the plain sum, input excluded):');
      console.log(formatCls(cls));
    }
    const pass = verdicts(summary);
    writeFileSync(
      RESULTS_PATH,
      JSON.stringify(
        {
          date: new Date().toISOString(),
          chromium: browser.version(),
          runs: RUNS,
          targets: TARGETS,
          median: summary,
          pass,
          lcpElement,
          baselineFcpMs,
          samples,
          examples,
          experiments: { augment, sweep },
          cls
        },
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
