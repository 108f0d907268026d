// Twin run performance (issue #5), measured — never asserted in tests:
//   1. Node, lab code as the worker runs it (TwinSession, wasm kernels): default preset epochs/s per twin,
//      including eval-mode measurement and the throttled decision maps.
//   2. Chromium, the built site (DL_BUILD_DIR, default build/): the default preset played to its cap —
//      epochs/s per twin as the page sees them (with chart updates), and the longest main-thread task
//      while training (PerformanceObserver 'longtask'); then "Real digits" for 30 epochs of both twins.
// Run: DL_BUILD_DIR=build-x npx tsx bench/web/twin.ts   (build the site first). Targets: ≥ 200 epochs/s
// per twin; digits 30 epochs both twins ≤ 10 s; no main-thread task over 50 ms.
import { loadWasmKernelsSync, useKernels } from '../../src/lib/engine';
import { TwinSession, validateTwinConfig, type TwinOut } from '../../src/lib/lab/twin';
import { launchBrowser, openPage, startSite } from '../../tests/browser/harness';

async function nodeDefault(): Promise<number> {
  const k = loadWasmKernelsSync();
  if (k) useKernels(k);
  const { config } = validateTwinConfig({ preset: 'overfit' });
  const queue: (() => void)[] = [];
  let done = false;
  const s = new TwinSession({
    post: (m: TwinOut) => {
      if (m.type === 'stopped') done = true;
    },
    loadMnist: () => Promise.reject(new Error('not needed')),
    later: (fn) => queue.push(fn),
    now: () => performance.now()
  });
  await s.handle({ type: 'init', config, variant: 'dropout', generation: 1 });
  const t0 = performance.now();
  await s.handle({ type: 'play' });
  while (!done && queue.length) queue.shift()!();
  return config.epochs / ((performance.now() - t0) / 1000);
}

async function browserRuns(): Promise<{ epochsPerSec: number; longestTaskMs: number; digitsSeconds: number; digitsLongestTaskMs: number }> {
  const site = await startSite();
  const browser = await launchBrowser();
  try {
    const { page, close } = await openPage(browser, site);
    await page.addInitScript(() => {
      (window as unknown as { longTasks: number[] }).longTasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) (window as unknown as { longTasks: number[] }).longTasks.push(e.duration);
      }).observe({ type: 'longtask', buffered: true });
    });
    const status = page.locator('[data-testid="twin-status"]');
    const run = async (query: string, epochs: number) => {
      await page.goto(`${site.url}/${query}#why`);
      await status.waitFor({ timeout: 60_000 });
      while (!/Without dropout: epoch 0 [\s\S]*With dropout: epoch 0 /.test(await status.innerText())) await page.waitForTimeout(50);
      await page.evaluate(() => ((window as unknown as { longTasks: number[] }).longTasks = []));
      const t0 = Date.now();
      await page.locator('.twin').getByRole('button', { name: 'Play' }).click();
      const re = new RegExp(`Without dropout: epoch ${epochs} of ${epochs} \\(done\\)[\\s\\S]*With dropout: epoch ${epochs} of ${epochs} \\(done\\)`);
      while (!re.test(await status.innerText())) await page.waitForTimeout(20);
      const seconds = (Date.now() - t0) / 1000;
      const tasks = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks);
      return { seconds, longest: Math.max(0, ...tasks) };
    };
    const d = await run('', 300);
    const m = await run('?preset=digits', 30);
    await close();
    return { epochsPerSec: 300 / d.seconds, longestTaskMs: d.longest, digitsSeconds: m.seconds, digitsLongestTaskMs: m.longest };
  } finally {
    await browser.close();
    await site.close();
  }
}

const node = await nodeDefault();
console.log(`Node, default preset, one twin (TwinSession, wasm kernels): ${node.toFixed(0)} epochs/s (target ≥ 200)`);
const b = await browserRuns();
console.log(`Chromium, default preset, both twins side by side: ${b.epochsPerSec.toFixed(0)} epochs/s per twin incl. eval + chart updates (target ≥ 200)`);
console.log(`  longest main-thread task while training: ${b.longestTaskMs.toFixed(0)} ms (target ≤ 50; 0 = none over 50 ms)`);
console.log(`Chromium, Real digits, 30 epochs of both twins: ${b.digitsSeconds.toFixed(1)} s (target ≤ 10 s), longest task ${b.digitsLongestTaskMs.toFixed(0)} ms`);
