// Neuron explorer: how long a neuron click takes to reach the screen, with every map updated
// (64×64 maps, both twins: 16 hidden maps each plus decision and zoom maps), in headless Chromium against
// the built site. Target: p95 ≤ 16 ms, i.e. a click's whole update fits in one frame at 60 Hz.
// Run after a build: `DL_BUILD_DIR=build npx tsx bench/web/explorer.ts` (CLICKS=200 to change the count).
//
// Why more than one figure: "click → next painted frame" depends on WHEN in the frame the click lands.
//  1. Frame cost (the target): the click lands at the start of a frame (in a requestAnimationFrame
//     callback) and we time until that frame's rendering is done (a task queued from the callback runs
//     after style, layout, paint and commit): handler + Svelte's DOM update + the browser's rendering work.
//     p95 ≤ 16 ms means the update fits in one 60 Hz frame. The same clicks are also timed in main-thread
//     CPU time (Chromium's ThreadTime), which waiting for a CPU another process holds does not inflate
//     (a busy machine still slows it some: shared caches, fewer idle cores for Chromium's other threads). "Late frames"
//     counts clicks after which the next frame came more than 1.5 intervals later (the update, or its
//     raster and compositing, overran).
//  2. Click just after a frame → next painted frame (what this bench first printed): the click lands right
//     after a frame, so the time includes waiting for the next frame's turn — about one whole interval
//     (16.7 ms) even for a click that does nothing. Printed with that floor, measured the same way without
//     a click; its p95 cannot be ≤ 16 ms whatever the page does.
//  3. Chromium's own per-click averages of script, style, layout and main-thread CPU time.
import { cpus, loadavg } from 'node:os';
import { launchBrowser, mainThreadIdle, showExample, startSite } from '../../tests/browser/harness';

const CLICKS = Number(process.env.CLICKS ?? 200);
const TARGET_P95_MS = 16;

function quantile(sorted: number[], q: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i];
}

const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
const fmt = (xs: number[]) => {
  const s = sorted(xs);
  return `median ${quantile(s, 0.5).toFixed(1)} ms, p95 ${quantile(s, 0.95).toFixed(1)} ms, max ${s[s.length - 1].toFixed(1)} ms`;
};

async function main(): Promise<void> {
  const site = await startSite();
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(site.url + '/');
    const t0 = Date.now();
    await showExample(page, 'Live example: drop neurons by hand', { ready: '[data-testid="output-plain"]' });
    const readyMs = Date.now() - t0;
    // Start clicking once the page has finished its start-up work (an idle period with nothing due).
    await mainThreadIdle(page);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const metrics = async () =>
      Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));

    // (No named helper functions inside page.evaluate: tsx would wrap them in a __name() call the page lacks.)
    // 1. Frame cost: click at the start of a frame, time until that frame is rendered; then note when the next frame
    //    starts. One page.evaluate per click, so that Chromium's main-thread CPU time (ThreadTime) can be read
    //    between clicks: unlike wall time, it does not count the time another process holds the CPU.
    const cost: number[] = [];
    const cpu: number[] = [];
    const handler: number[] = [];
    const gap: number[] = [];
    const overhead: number[] = [];
    // Round-trip floor of the CPU figure: the same evaluate and frame wait with no click.
    for (let i = 0; i < 40; i++) {
      const a = await metrics();
      await page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))));
      const b = await metrics();
      overhead.push((b.ThreadTime - a.ThreadTime) * 1000);
    }
    const cpuFloor = quantile(sorted(overhead), 0.5);
    let before = await metrics();
    const m0 = before;
    for (let i = 0; i < CLICKS; i++) {
      const r = await page.evaluate(async (i) => {
        const buttons = document.querySelectorAll<HTMLButtonElement>(
          'button[aria-label$="(plain network)"][aria-pressed]'
        );
        const b = buttons[(i * 5) % buttons.length];
        const r = await new Promise<{ frame: number; start: number; handler: number; end: number }>((resolve) =>
          requestAnimationFrame((frame) => {
            const start = performance.now();
            b.click();
            const h = performance.now() - start;
            setTimeout(() => resolve({ frame, start, handler: h, end: performance.now() }), 0);
          })
        );
        const next = await new Promise<number>((resolve) => requestAnimationFrame(resolve));
        return { cost: r.end - r.start, handler: r.handler, gap: next - r.frame };
      }, i);
      const after = await metrics();
      cost.push(r.cost);
      handler.push(r.handler);
      gap.push(r.gap);
      cpu.push(Math.max(0, (after.ThreadTime - before.ThreadTime) * 1000 - cpuFloor));
      before = after;
    }
    const m1 = await metrics();
    // The frame interval with nothing happening, to judge the gaps by.
    const idle = await page.evaluate(async () => {
      const out: number[] = [];
      let last = await new Promise<number>((resolve) => requestAnimationFrame(resolve));
      for (let i = 0; i < 60; i++) {
        const t = await new Promise<number>((resolve) => requestAnimationFrame(resolve));
        out.push(t - last);
        last = t;
      }
      return out;
    });
    const framed = { cost, handler, gap, idle };

    // 2. The first way of measuring: click right after a frame was rendered, wait for the next one (and the task after it).
    const after = await page.evaluate(async (clicks) => {
      const buttons = Array.from(
        document.querySelectorAll<HTMLButtonElement>('button[aria-label$="(plain network)"][aria-pressed]')
      );
      await new Promise<void>((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      const total: number[] = [];
      const floor: number[] = [];
      for (let i = 0; i < clicks; i++) {
        const b = buttons[(i * 5) % buttons.length];
        const start = performance.now();
        b.click();
        await new Promise<void>((r) => requestAnimationFrame(() => setTimeout(r, 0)));
        total.push(performance.now() - start);
      }
      for (let i = 0; i < Math.min(clicks, 100); i++) {
        const start = performance.now();
        await new Promise<void>((r) => requestAnimationFrame(() => setTimeout(r, 0)));
        floor.push(performance.now() - start);
      }
      return { total, floor };
    }, CLICKS);

    const per = (name: string) => (((m1[name] ?? 0) - (m0[name] ?? 0)) * 1000) / CLICKS;
    const interval = quantile(sorted(framed.idle), 0.5);
    const late = framed.gap.filter((g) => g > 1.5 * interval).length;
    const p95 = quantile(sorted(framed.cost), 0.95);
    const cpuP95 = quantile(sorted(cpu), 0.95);
    const verdict = (v: number) => (v <= TARGET_P95_MS ? 'met' : 'MISSED');
    console.log(`Neuron explorer in headless Chromium ${browser.version()}, ${CLICKS} clicks`);
    console.log(`  ready (both twins trained + robustness curves): ${readyMs} ms after scrolling to the example`);
    console.log(
      `  frame cost, click at the start of a frame → that frame rendered: ${fmt(framed.cost)} (target p95 ≤ ${TARGET_P95_MS} ms: ${verdict(p95)})`
    );
    console.log(
      `    of which the click handler (recompute both twins' maps + repaint the changed maps): ${fmt(framed.handler)}`
    );
    console.log(
      `    the same clicks in main-thread CPU time (less inflated by other processes; round-trip floor ${cpuFloor.toFixed(1)} ms taken off): ${fmt(cpu)} (p95 ≤ ${TARGET_P95_MS} ms: ${verdict(cpuP95)})`
    );
    console.log(
      `    late frames (next frame > 1.5 × the ${interval.toFixed(1)} ms interval after the click's): ${late} of ${CLICKS}`
    );
    console.log(`  click just after a frame → next painted frame: ${fmt(after.total)}`);
    console.log(`    floor of that measure (same wait, no click): ${fmt(after.floor)}`);
    console.log(
      `  Chromium's per-click averages (frame-cost clicks): script ${per('ScriptDuration').toFixed(1)} ms, style ${per('RecalcStyleDuration').toFixed(1)} ms, layout ${per('LayoutDuration').toFixed(1)} ms, main-thread CPU ${per('ThreadTime').toFixed(1)} ms (with the round trip)`
    );
    console.log(
      `  (load average of this machine during the run: ${loadavg()[0].toFixed(1)} on ${cpus().length} cores; a busy machine inflates every wall-clock figure)`
    );
    await context.close();
  } finally {
    await browser.close();
    await site.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
