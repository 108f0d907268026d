import { launchBrowser, mainThreadIdle, showExample, startSite } from './tests/browser/harness';
const label = 'Live example: element-wise vs spatial dropout on a convolutional network';
const site = await startSite();
const browser = await launchBrowser();
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(site.url + '/', { waitUntil: 'load' });
  await mainThreadIdle(page);
  await browser.startTracing(page, { categories: ['toplevel', 'devtools.timeline', 'blink', 'v8'] });
  await showExample(page, label, { });
  await mainThreadIdle(page, 10_000);
  const trace = JSON.parse((await browser.stopTracing()).toString('utf8'));
  const ev = (trace.traceEvents ?? trace).filter((e: any) => e.ph === 'X' && e.dur);
  // main thread: the thread of the most 'RunTask' wall time under CrRendererMain
  const names = (trace.traceEvents ?? trace).filter((e: any) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const tids = new Set(names.map((e: any) => `${e.pid}:${e.tid}`));
  const main = ev.filter((e: any) => tids.has(`${e.pid}:${e.tid}`));
  const tasks = main.filter((e: any) => e.name === 'ThreadControllerImpl::RunTask' && e.dur > 20000).sort((a: any, b: any) => (b.tdur ?? 0) - (a.tdur ?? 0)).slice(0, 3);
  for (const t of tasks) {
    console.log(`TASK ${(t.dur / 1000).toFixed(0)} ms wall, ${((t.tdur ?? 0) / 1000).toFixed(0)} cpu`);
    const inside = main.filter((e: any) => e !== t && e.pid === t.pid && e.tid === t.tid && e.ts >= t.ts && e.ts + e.dur <= t.ts + t.dur);
    const agg = new Map<string, number>();
    for (const e of inside) agg.set(e.name, (agg.get(e.name) ?? 0) + (e.tdur ?? 0));
    console.log([...agg].sort((a, b) => b[1] - a[1]).slice(0, 12).map(([n, d]) => `  ${n} ${(d / 1000).toFixed(1)}`).join('\n'));
  }
  await context.close();
} finally { await browser.close(); await site.close(); }
