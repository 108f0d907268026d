// Soak test: a long session in headless Chromium against the built site. The twin run trains
// (when both twins finish: "New seed" and Play again, as a curious reader would) while the neuron
// explorer's "Keep sampling" draws masks, and the page scrolls between the two every 30 s. Measured:
// - main-thread JS heap after a forced garbage collection, every 15 s: growth after the first minute
//   (target ≤ 20 MB);
// - long tasks on the main thread (PerformanceObserver 'longtask'): none over 100 ms is the target
//   (on a loaded machine the workers compete with the main thread for cores: the load average is printed);
// - worker restarts: every `new Worker` is counted; any started after the examples are running is a restart
//   (target: none), as is any error alert shown by an example;
// - console errors and uncaught errors (target: none).
// Not part of `npm test`; exits 1 when a target is missed. Run after a build:
//   npm run soak -- --minutes 3 [--epochs 2000] [--examples twin|explorer|twin,explorer]
// (default 10 minutes, the preset's epoch cap, both examples; DL_BUILD_DIR picks the build, as for the browser tests)
import { cpus, loadavg } from 'node:os';
import { errors } from 'playwright-core';
import { launchBrowser, openPage, showExample, startSite, type Page } from '../tests/browser/harness';

/** The text after `--name` (or in `--name=value`), or undefined when the flag is absent. */
function flag(argv: string[], name: string): string | undefined {
  const i = argv.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (i < 0) return undefined;
  return argv[i].includes('=') ? argv[i].slice(argv[i].indexOf('=') + 1) : argv[i + 1];
}

/** A positive number from `--name N`, or `fallback` when absent; exits with a one-line error when invalid. */
function positive(argv: string[], name: string, fallback: number): number {
  const raw = flag(argv, name);
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!(n > 0) || !Number.isFinite(n)) {
    console.error(`soak: --${name} needs a positive number, got ${JSON.stringify(raw)}`);
    process.exit(2);
  }
  return n;
}

/**
 * Options: --minutes N (default 10); --epochs N, the twin run's epoch cap (default: the lesson's preset,
 * 300; at most 2000 — longer runs mean longer curves and tables to draw); --examples twin,explorer (default
 * both; one alone tells which example a long task comes from).
 */
function options(argv: string[]) {
  const examples = (flag(argv, 'examples') ?? 'twin,explorer').split(',');
  if (examples.some((e) => e !== 'twin' && e !== 'explorer') || examples.length === 0) {
    console.error('soak: --examples takes twin, explorer or twin,explorer');
    process.exit(2);
  }
  const epochs = flag(argv, 'epochs') === undefined ? null : positive(argv, 'epochs', 300);
  return {
    minutes: positive(argv, 'minutes', 10),
    epochs,
    twin: examples.includes('twin'),
    explorer: examples.includes('explorer')
  };
}

/** What a long session must stay within: heap growth, longest main-thread task, worker restarts. */
const TARGETS = { heapGrowthMB: 20, longTaskMs: 100, workerRestarts: 0 };

/** Counts workers and collects long tasks from the first byte of the page (a string: no tsx helpers inside). */
const INSTRUMENT = `
  window.__soak = { workers: 0, longTasks: [] };
  const NativeWorker = window.Worker;
  window.Worker = class extends NativeWorker {
    constructor(...args) { super(...args); window.__soak.workers++; }
  };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__soak.longTasks.push({ at: e.startTime, ms: e.duration });
  }).observe({ type: 'longtask', buffered: true });
`;

/** What the instrumentation collected so far. */
interface SoakState {
  workers: number;
  longTasks: { at: number; ms: number }[];
}

function state(page: Page): Promise<SoakState> {
  return page.evaluate(() => (window as unknown as { __soak: SoakState }).__soak);
}

const TWIN = 'Live example: the twin run';
const EXPLORER = 'Live example: drop neurons by hand';

async function main(): Promise<void> {
  const { minutes, epochs, twin: withTwin, explorer: withExplorer } = options(process.argv.slice(2));
  const loadAtStart = loadavg();
  const site = await startSite();
  const browser = await launchBrowser();
  const { context, page, log, close } = await openPage(browser, site, { viewport: { width: 1280, height: 900 } });
  try {
    await context.addInitScript({ content: INSTRUMENT });
    const cdp = await context.newCDPSession(page);
    /** Used JS heap of the page's main thread after a full garbage collection, in MB. */
    const heapMB = async () => {
      await cdp.send('HeapProfiler.collectGarbage');
      const { usedSize } = await cdp.send('Runtime.getHeapUsage');
      return usedSize / 2 ** 20;
    };

    await page.goto(`${site.url}/${epochs ? `?epochs=${epochs}` : ''}`);
    // The driver finds elements by CSS and test id and reads text with textContent: Playwright's role
    // queries and innerText walk or lay out this long page on its main thread (15-190 ms of CPU each),
    // and the long-task observer would count that against the page.
    const twin = page.locator(`section.example[aria-label="${TWIN}"]`);
    const explorer = page.locator(`section.example[aria-label="${EXPLORER}"]`);
    const status = async () =>
      withTwin ? (await page.locator('[data-testid="twin-status"] li').allTextContents()).join(' ') : '';
    const twinButton = (id: 'twin-play' | 'twin-new-seed') => twin.getByTestId(id);
    /** Resolves once the twin run's status text (read with textContent, so nothing is laid out) matches `pattern`. */
    const statusMatches = (pattern: RegExp, timeout = 180_000) =>
      page.waitForFunction(
        ({ source, flags }) =>
          new RegExp(source, flags).test(
            Array.from(document.querySelectorAll('[data-testid="twin-status"] li'), (li) => li.textContent).join(' ')
          ),
        { source: pattern.source, flags: pattern.flags },
        { polling: 250, timeout }
      );
    /** Both twins built, at epoch 0. */
    const BUILT = /Without dropout: epoch 0[\s\S]*With dropout: epoch 0/;
    /** Both twins finished (done, or stopped by divergence). */
    const FINISHED = /(\(done\)|stopped)[\s\S]*(\(done\)|stopped)/;
    if (withExplorer) {
      await showExample(page, EXPLORER, { ready: '[data-testid="output-plain"]', timeout: 180_000 });
      await explorer.getByRole('button', { name: 'Keep sampling', exact: true }).click();
    }
    if (withTwin) {
      await showExample(page, TWIN, { ready: '[data-testid="twin-status"]', timeout: 180_000 });
      await statusMatches(BUILT);
      await twinButton('twin-play').click();
    }
    // Workers alive once both examples run (an example scrolled near mounts too, idle): any later start is a restart.
    const workersAtStart = (await state(page)).workers;

    // Chromium's own count of main-thread busy time: with it, a long task can be told from a starved thread.
    await cdp.send('Performance.enable');
    const busySeconds = async () =>
      (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration')?.value ?? NaN;
    const busyAtStart = await busySeconds();
    const start = Date.now();
    // Long tasks of the page load and the examples' first mount are reported apart: the soak is about the session.
    const startPerf = await page.evaluate(() => performance.now());
    const end = start + minutes * 60_000;
    const heap: { s: number; mb: number }[] = [];
    let runs = withTwin ? 1 : 0;
    let lastEpochs = '';
    let nextSample = start;
    let nextScroll = start + 30_000;
    let onTwin = withTwin;
    while (Date.now() < end) {
      const now = Date.now();
      if (now >= nextSample) {
        heap.push({ s: Math.round((now - start) / 1000), mb: await heapMB() });
        nextSample += 15_000;
        const text = await status();
        if (text !== lastEpochs) lastEpochs = text;
        process.stdout.write(
          `\r${((now - start) / 60_000).toFixed(1)} min, heap ${heap.at(-1)!.mb.toFixed(1)} MB, twin run ${runs}: ${text.replace(/\s+/g, ' ').slice(0, 70)}   `
        );
      }
      // Both twins done (or diverged): a new seed and play again, as a curious reader would.
      if (withTwin && FINISHED.test(await status())) {
        await twinButton('twin-new-seed').click();
        await statusMatches(BUILT);
        await twinButton('twin-play').click();
        runs++;
      }
      if (withTwin && withExplorer && now >= nextScroll) {
        await (onTwin ? explorer : twin).scrollIntoViewIfNeeded();
        onTwin = !onTwin;
        nextScroll += 30_000;
      }
      // Until the twins finish or the next heap sample, scroll or the end is due, whichever comes first.
      const due = Math.min(nextSample, withTwin && withExplorer ? nextScroll : Infinity, end) - Date.now();
      if (due > 0) {
        if (withTwin)
          await statusMatches(FINISHED, due).catch((e: unknown) => {
            if (!(e instanceof errors.TimeoutError)) throw e;
          });
        else await page.waitForTimeout(due); // nothing to wait for but the clock: the explorer samples on its own
      }
    }
    process.stdout.write('\n');

    const busyShare = (await busySeconds()) - busyAtStart;
    const wallSeconds = (Date.now() - start) / 1000;
    const s = await state(page);
    const alerts = await page.getByRole('alert').allInnerTexts();
    const baseline = heap.find((h) => h.s >= 60) ?? heap[0];
    const afterMinute = heap.filter((h) => h.s >= baseline.s);
    const growth = heap.at(-1)!.mb - baseline.mb;
    const peakGrowth = Math.max(...afterMinute.map((h) => h.mb)) - baseline.mb;
    const longTasks = s.longTasks
      .filter((t) => t.at >= startPerf)
      .map((t) => t.ms)
      .sort((a, b) => b - a);
    const setupTasks = s.longTasks
      .filter((t) => t.at < startPerf)
      .map((t) => t.ms)
      .sort((a, b) => b - a);
    const over = longTasks.filter((ms) => ms > TARGETS.longTaskMs);
    const restarts = s.workers - workersAtStart;
    const twinText = await status();

    const ok = {
      heap: growth <= TARGETS.heapGrowthMB,
      longTasks: over.length === 0,
      restarts: restarts <= TARGETS.workerRestarts && alerts.every((a) => !/went wrong|stopped|Sorry/.test(a)),
      console: log.problems().length === 0
    };
    const mark = (b: boolean) => (b ? 'ok  ' : 'MISS');
    const load = (l: number[]) => l.map((x) => x.toFixed(1)).join(' ');
    console.log(
      `Soak: ${minutes} min in headless Chromium, ${[withTwin && 'twin run', withExplorer && 'explorer sampling'].filter(Boolean).join(' + ')}, twin epoch cap ${epochs ?? 'preset (300)'}`
    );
    console.log(
      `  machine: ${cpus().length} CPUs, load average ${load(loadAtStart)} at the start, ${load(loadavg())} at the end`
    );
    console.log(`  twin runs started: ${runs}; last status: ${twinText.replace(/\s+/g, ' ')}`);
    console.log(
      `${mark(ok.heap)} JS heap (main thread, after GC): ${baseline.mb.toFixed(1)} MB at ${baseline.s} s -> ${heap.at(-1)!.mb.toFixed(1)} MB at the end: growth ${growth.toFixed(1)} MB (peak ${peakGrowth.toFixed(1)} MB; target <= ${TARGETS.heapGrowthMB} MB)`
    );
    console.log(
      `${mark(ok.longTasks)} long tasks: ${longTasks.length} over 50 ms, ${over.length} over ${TARGETS.longTaskMs} ms; longest ${
        longTasks
          .slice(0, 5)
          .map((ms) => ms.toFixed(0))
          .join(', ') || '-'
      } ms (page load and first mount, not counted: ${setupTasks.length}, longest ${setupTasks[0]?.toFixed(0) ?? '-'} ms)`
    );
    console.log(
      `     main thread busy ${((100 * busyShare) / wallSeconds).toFixed(0)}% of the time (${busyShare.toFixed(1)} s of ${wallSeconds.toFixed(0)} s): long tasks on a mostly idle thread point to CPU starvation, not page work`
    );
    console.log(
      `${mark(ok.restarts)} workers started: ${workersAtStart} at the start, restarts during the soak: ${restarts}; alerts shown: ${alerts.length ? alerts.join(' | ') : 'none'}`
    );
    console.log(
      `${mark(ok.console)} console/page errors: ${log.problems().length ? log.problems().join(' | ') : 'none'}`
    );
    console.log(
      JSON.stringify({
        minutes,
        epochs,
        examples: { twin: withTwin, explorer: withExplorer },
        runs,
        heap,
        growthMB: growth,
        peakGrowthMB: peakGrowth,
        longTasksOver50: longTasks.length,
        longTasksOver100: over.length,
        longestMs: longTasks[0] ?? 0,
        longTasksOver100Ms: over.map((ms) => Math.round(ms)),
        mainThreadBusyPercent: (100 * busyShare) / wallSeconds,
        workers: s.workers,
        restarts,
        loadavg: loadavg()
      })
    );
    process.exitCode = Object.values(ok).every(Boolean) ? 0 : 1;
  } finally {
    await close();
    await browser.close();
    await site.close();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
