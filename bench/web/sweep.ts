// The rate sweep ("Choosing rates") in the built site, measured — never asserted in tests: the default
// grid (3 widths × 6 rates × 2 seeds on 1,000 digits) from the click on "Run the sweep" until the page
// shows its verdict, on the page's two workers, plus the longest main-thread task meanwhile (the page must
// stay responsive while both cores train). Target: ≤ 30 s on a 2-core machine. The load average is printed
// with it: on a shared machine the workers get only part of the two cores.
// Run: DL_BUILD_DIR=build npx tsx bench/web/sweep.ts   (build the site first); bench/web/run.ts calls it too.
import { cpus, loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import { launchBrowser, openPage, showExample, startSite, type Browser, type Site } from '../../tests/browser/harness';

/** What one sweep took. */
export interface SweepBench {
  /** Wall time from the click to the verdict, in seconds. */
  seconds: number;
  /** The page's own figure ("36 networks trained in 21.3 s …"). */
  status: string;
  /** Longest main-thread task while the sweep ran (ms; 0 when none was over 50 ms). */
  longestTaskMs: number;
  /** The 1-minute load average before and after. */
  load: [number, number];
  /** The verdict the page printed, one sentence a line. */
  verdict: string;
}

/** Runs the page's default sweep once in a fresh page. */
export async function measureSweep(browser: Browser, site: Site): Promise<SweepBench> {
  const { page, close } = await openPage(browser, site, { viewport: { width: 1280, height: 900 } });
  try {
    await page.addInitScript(() => {
      const w = window as unknown as { longTasks: number[] };
      w.longTasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.longTasks.push(e.duration);
      }).observe({ type: 'longtask', buffered: true });
    });
    await page.goto(site.url + '/');
    await showExample(page, 'Live example: a sweep of drop probabilities over layer widths');
    const example = page.getByTestId('rates-example');
    await page.evaluate(() => ((window as unknown as { longTasks: number[] }).longTasks = []));
    const before = loadavg()[0];
    const t0 = Date.now();
    await page.getByTestId('rates-run').click();
    await page.waitForFunction(
      () => document.querySelector('[data-testid="rates-example"]')?.getAttribute('data-state') === 'done',
      null,
      { polling: 250, timeout: 600_000 }
    );
    const seconds = (Date.now() - t0) / 1000;
    const longTasks = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks);
    const status = (await example.getByTestId('rates-status').textContent()) ?? '';
    const verdict = await example.getByTestId('rates-verdict').innerText();
    return {
      seconds,
      status: status.replace(/\s+/g, ' ').trim(),
      longestTaskMs: Math.max(0, ...longTasks),
      load: [before, loadavg()[0]],
      verdict
    };
  } finally {
    await close();
  }
}

/** One line for the report. */
export function formatSweep(r: SweepBench): string {
  return (
    `Rate sweep, default grid (36 networks, two workers): ${r.seconds.toFixed(1)} s from click to verdict (target ≤ 30 s on 2 cores); ` +
    `longest main-thread task ${r.longestTaskMs.toFixed(0)} ms; load average ${r.load[0].toFixed(1)} → ${r.load[1].toFixed(1)} on ${cpus().length} CPUs. ` +
    `Page: "${r.status}"\n${r.verdict}`
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const site = await startSite();
  const browser = await launchBrowser();
  try {
    console.log(formatSweep(await measureSweep(browser, site)));
  } finally {
    await browser.close();
    await site.close();
  }
}
