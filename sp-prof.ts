import { launchBrowser, mainThreadIdle, showExample, startSite } from './tests/browser/harness';
const label = 'Live example: element-wise vs spatial dropout on a convolutional network';
const site = await startSite();
const browser = await launchBrowser();
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(site.url + '/', { waitUntil: 'load' });
  await mainThreadIdle(page);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  await showExample(page, label);
  await mainThreadIdle(page, 10_000);
  const { profile } = await cdp.send('Profiler.stop');
  const byId = new Map(profile.nodes.map((n: any) => [n.id, n]));
  const self = new Map<number, number>();
  const dt = profile.timeDeltas!;
  profile.samples!.forEach((id: number, i: number) => self.set(id, (self.get(id) ?? 0) + (dt[i] ?? 0)));
  const agg = new Map<string, number>();
  for (const [id, t] of self) {
    const n: any = byId.get(id);
    const cf = n.callFrame;
    const key = `${cf.functionName || '(anon)'} ${cf.url.split('/').pop()}:${cf.lineNumber}:${cf.columnNumber}`;
    agg.set(key, (agg.get(key) ?? 0) + t);
  }
  const top = [...agg].sort((a, b) => b[1] - a[1]).slice(0, 25);
  for (const [k, t] of top) console.log((t / 1000).toFixed(1).padStart(7), 'ms', k);
  await context.close();
} finally { await browser.close(); await site.close(); }
