// `npm run bench:web`: page weight and paint timings of the built lesson in headless Chromium.
// Builds first (the npm script does), serves build/ on a free port, loads the page cold RUNS times, prints the
// medians against the targets and writes bench/web/results.json. Local server, no network or CPU throttling:
// the timings say how heavy our page is, not how a slow phone on 3G would feel it.
// Then, for each live example in turn (a fresh page each), the longest main-thread task from the moment it is
// scrolled to (it mounts) until its first result is shown and the main thread is idle (at most 10 s more),
// from a Chromium trace (--only=NAME,… picks examples; --examples-only skips the load samples); then the
// augmentation example's default run, timed (bench/web/augment.ts). --no-examples skips those parts. Then the
// rate sweep's default grid from click to verdict (bench/web/sweep.ts; --no-sweep skips it). With --only, those
// two timed runs happen only when named too (--only=augment,sweep), as they take the longest. Last, layout shift
// (bench/web/cls.ts): a twin-run deep link and a full scroll-through at 360×800 and 1280×800; --no-cls skips
// it. Pass --strict to exit 1 when a target is missed.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
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
/**
 * How many times each live example is mounted in a fresh page. The machine's load moves single tasks by tens of
 * milliseconds, so the verdict takes the median run (by its longest task) and every run is printed.
 */
const EXAMPLE_RUNS = Number(process.env.EXAMPLE_RUNS ?? 3);

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

/** Where `--trace-dir=DIR` asked each example's Chromium trace to be written (to read with trace.ts), or null. */
const TRACE_DIR = process.argv.find((a) => a.startsWith('--trace-dir='))?.slice('--trace-dir='.length) ?? null;

/** Short names of the live examples, as `--only=` takes them (in LIVE_EXAMPLES order). */
const SHORT_NAMES: Record<string, string> = {
  'flip the mask coin': 'refresher',
  'drop neurons by hand': 'explorer',
  'the twin run': 'twin',
  'animated walkthrough of dropout': 'walkthrough',
  'inside the exponential ensemble': 'ensemble',
  'element-wise vs spatial dropout on a convolutional network': 'spatial',
  'dropout and data augmentation, four networks': 'augment',
  'a sweep of drop probabilities over layer widths': 'rates'
};

/** The experiments' timed runs, as `--only=` names them: with `--only`, each runs only when named. */
const TIMED_RUNS = ['augment', 'sweep'];

/** The short name of an example's region label ("Live example: the twin run" → "twin"). */
function shortName(label: string): string {
  const rest = label.replace(/^Live example: /, '');
  return SHORT_NAMES[rest] ?? rest;
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
  /** Short names of the other examples that mounted in the same window (within the lazy-mount margin of it). */
  alsoMounted: string[];
  /** The longest task in the window (wall time), or null when the trace held none. */
  longest: Task | null;
  /** The task with the most CPU time in the window (what the page itself costs, whatever the load), or null. */
  busiest: Task | null;
  /** How many tasks in the window took TARGETS.longTaskMs or more of wall time. */
  overTarget: number;
}

/**
 * Loads the lesson in a fresh page per example, lets it settle (service worker installed, main thread idle), then traces the main thread while the example
 * is scrolled to, mounts and shows its first result, until the main thread is idle. Examples near it (within
 * the 800 px mount margin) may mount in the same window: their tasks count too, as a reader would feel them.
 */
async function measureExamples(browser: Browser, site: Site, only: string[] | null): Promise<ExampleTasks[]> {
  const out: ExampleTasks[] = [];
  for (const { label, ready } of LIVE_EXAMPLES)
    for (let run = 0; run < EXAMPLE_RUNS; run++) {
      if (only && !only.includes(shortName(label))) continue;
      out.push(await measureExample(browser, site, label, ready));
    }
  return out;
}

/** One fresh page, one example mounted in it: see measureExamples. */
async function measureExample(browser: Browser, site: Site, label: string, ready: string): Promise<ExampleTasks> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    const page = await context.newPage();
    await page.goto(site.url + '/', { waitUntil: 'load' });
    // A first visit installs the service worker, which caches the whole app shell on a thread of its own; a reader
    // takes longer than that to reach the first example, so it is over before the measurement starts.
    await page.evaluate(() =>
      Promise.race([navigator.serviceWorker?.ready, new Promise((resolve) => setTimeout(resolve, 10_000))])
    );
    await mainThreadIdle(page);
    const mountedNow = () =>
      page.evaluate(() =>
        Array.from(document.querySelectorAll('section[aria-label^="Live example"]'))
          .filter((s) => s.querySelector(':scope > :not(noscript)') !== null)
          .map((s) => s.getAttribute('aria-label') ?? '')
      );
    const before = await mountedNow();
    const mountedBefore = before.includes(label);
    await browser.startTracing(page, { categories: ['toplevel', 'devtools.timeline'] });
    const t0 = Date.now();
    await showExample(page, label, { ready });
    const readyMs = Date.now() - t0;
    const idle = await mainThreadIdle(page, 10_000);
    const alsoMounted = (await mountedNow()).filter((l) => l !== label && !before.includes(l)).map(shortName);
    // The bench's own evaluate calls (scrolling, idle checks) are its tasks, not the page's.
    const trace = (await browser.stopTracing()).toString('utf8');
    if (TRACE_DIR) mkdirSync(TRACE_DIR, { recursive: true });
    if (TRACE_DIR) writeFileSync(join(TRACE_DIR, `${shortName(label)}-${Date.now()}.json`), trace);
    const tasks = mainThreadTasks(trace).filter((t) => !t.kind.startsWith('evaluate'));
    const longest = tasks.reduce<Task | null>((a, t) => (a === null || t.wall > a.wall ? t : a), null);
    const busiest = tasks.reduce<Task | null>((a, t) => (a === null || t.cpu > a.cpu ? t : a), null);
    return {
      label,
      readyMs,
      idle,
      mountedBefore,
      alsoMounted,
      longest,
      busiest,
      overTarget: tasks.filter((t) => t.wall >= TARGETS.longTaskMs).length
    };
  } finally {
    await context.close();
  }
}

/** The runs of one example, and the median one (by the wall time of its longest task). */
interface ExampleSummary {
  label: string;
  runs: ExampleTasks[];
  median: ExampleTasks;
}

/** Groups the runs by example, in LIVE_EXAMPLES order. */
function byExample(rows: ExampleTasks[]): ExampleSummary[] {
  const labels = [...new Set(rows.map((r) => r.label))];
  return labels.map((label) => {
    const runs = rows.filter((r) => r.label === label);
    const sorted = [...runs].sort((a, b) => (a.longest?.wall ?? 0) - (b.longest?.wall ?? 0));
    return { label, runs, median: sorted[(sorted.length - 1) >> 1] };
  });
}

/** Whether an example meets the target: in its median run, no main-thread task of TARGETS.longTaskMs or more. */
function exampleMeetsTarget(e: ExampleSummary): boolean {
  return (e.median.longest?.wall ?? 0) < TARGETS.longTaskMs;
}

/** The per-example lines of the report. */
function formatExamples(examples: ExampleSummary[]): string {
  const ms = (v: number) => v.toFixed(0);
  const describe = (t: Task) =>
    `${ms(t.wall)} ms wall / ${ms(t.cpu)} ms CPU (${t.kind}; js ${ms(t.script)}, render ${ms(t.render)})`;
  return examples
    .map((e) => {
      const r = e.median;
      const name = shortName(e.label);
      const notes = [
        r.idle ? '' : 'never idle: window ends 10 s after',
        r.mountedBefore ? 'had mounted before scrolling' : '',
        r.alsoMounted.length ? `${r.alsoMounted.join(' and ')} mounted in the same window, and count` : ''
      ].filter(Boolean);
      const verdict = exampleMeetsTarget(e) ? 'ok  ' : 'OVER';
      const cpuOnly =
        !exampleMeetsTarget(e) && (r.longest?.cpu ?? 0) < TARGETS.longTaskMs
          ? ` — its CPU time is under ${TARGETS.longTaskMs} ms: the rest of its wall time it waited for a core`
          : '';
      const lines = [
        `  ${verdict} ${name}: longest main-thread task ${r.longest ? describe(r.longest) : 'none traced'}${cpuOnly}`,
        `       most CPU in one task ${r.busiest ? describe(r.busiest) : 'none traced'}; ${r.overTarget} tasks at or over ${TARGETS.longTaskMs} ms; first result ${(r.readyMs / 1000).toFixed(1)} s after scrolling to it${notes.length ? ` (${notes.join('; ')})` : ''}`
      ];
      if (e.runs.length > 1)
        lines.push(
          `       every run, longest task wall/CPU ms: ${e.runs.map((x) => (x.longest ? `${ms(x.longest.wall)}/${ms(x.longest.cpu)}` : '-')).join(', ')}; most CPU in one task: ${e.runs.map((x) => ms(x.busiest?.cpu ?? 0)).join(', ')}`
        );
      return lines.join('\n');
    })
    .join('\n');
}

async function main(): Promise<void> {
  const only =
    process.argv
      .find((a) => a.startsWith('--only='))
      ?.slice('--only='.length)
      .split(',')
      .filter(Boolean) ?? null;
  const known = [...new Set([...LIVE_EXAMPLES.map((e) => shortName(e.label)), ...TIMED_RUNS])];
  const unknown = (only ?? []).filter((n) => !known.includes(n));
  if (unknown.length) {
    console.error(`--only: unknown ${unknown.join(', ')}; the names are ${known.join(', ')}`);
    process.exitCode = 2;
    return;
  }
  /** Whether a timed run is wanted: always without --only, else only when named. */
  const timed = (name: string) => only === null || only.includes(name);
  const examplesOnly = process.argv.includes('--examples-only');
  const site = await startSite();
  const browser = await launchBrowser();
  try {
    let summary: LoadSample | null = null;
    let lcpElement = '?';
    let baselineFcpMs = Number.NaN;
    const samples: LoadSample[] = [];
    if (!examplesOnly) {
      // One warm-up load so Chromium's own start-up costs do not land in the first sample.
      await measureLoad(browser, site.url + '/');
      for (let run = 0; run < RUNS; run++) {
        const measured = await measureLoad(browser, site.url + '/');
        samples.push(measured.sample);
        lcpElement = measured.lcpElement;
      }
      summary = summarise(samples);
      baselineFcpMs = await baselineFcp(browser, RUNS);
      console.log(`Dropout Lab, first load of / in headless Chromium ${browser.version()}\n`);
      console.log(formatTable(summary, RUNS));
      console.log(`\nLCP element: ${lcpElement}`);
      console.log(`baseline: a one-paragraph page paints in ${Math.round(baselineFcpMs)} ms on this machine right now`);
    }
    let examples: ExampleSummary[] = [];
    if (!process.argv.includes('--no-examples')) {
      const loadBefore = loadavg()[0];
      examples = byExample(await measureExamples(browser, site, only));
      console.log(
        `\nLive examples, from scrolling to one until its first result is shown and the main thread is idle` +
          ` (target: no task ≥ ${TARGETS.longTaskMs} ms; median of ${EXAMPLE_RUNS} runs each; load average ${loadBefore.toFixed(1)} → ${loadavg()[0].toFixed(1)} on ${cpus().length} cores):`
      );
      console.log(formatExamples(examples));
    }
    // The experiments' own runs, timed in the page: how long a learner waits for a verdict.
    let augment: AugmentTiming | null = null;
    if (!process.argv.includes('--no-examples') && timed('augment')) {
      augment = await measureAugment(browser, site);
      console.log('\n' + formatAugment(augment));
    }
    const sweep = process.argv.includes('--no-sweep') || !timed('sweep') ? null : await measureSweep(browser, site);
    if (sweep) console.log('\n' + formatSweep(sweep));
    let cls: ClsRow[] = [];
    if (!process.argv.includes('--no-cls')) {
      cls = await measureCls(browser, site);
      console.log('\nLayout shift (target ≤ 0.05; Core Web Vitals CLS and the plain sum, input excluded):');
      console.log(formatCls(cls));
    }
    const pass = {
      ...(summary ? verdicts(summary) : {}),
      examples: examples.every((e) => exampleMeetsTarget(e))
    };
    writeFileSync(
      RESULTS_PATH,
      JSON.stringify(
        {
          date: new Date().toISOString(),
          chromium: browser.version(),
          loadAverage: loadavg(),
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
    if (process.argv.includes('--strict') && Object.values(pass).includes(false)) process.exitCode = 1;
  } finally {
    await browser.close();
    await site.close();
  }
}

await main();
