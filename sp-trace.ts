import { launchBrowser, mainThreadIdle, showExample, startSite } from './tests/browser/harness';
import { mainThreadTasks } from './bench/web/trace';
const label = 'Live example: element-wise vs spatial dropout on a convolutional network';
const site = await startSite();
const browser = await launchBrowser();
try {
  for (let i = 0; i < Number(process.env.N ?? 2); i++) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(site.url + '/', { waitUntil: 'load' });
  await mainThreadIdle(page);
  await browser.startTracing(page, { categories: ['toplevel', 'devtools.timeline'] });
  await showExample(page, label, { });
  await mainThreadIdle(page, 10_000);
  const tasks = mainThreadTasks((await browser.stopTracing()).toString('utf8')).filter((t) => !t.kind.startsWith('evaluate'));
  const top = [...tasks].sort((a, b) => b.wall - a.wall).slice(0, 6);
  console.log(top.map((t) => `${t.wall.toFixed(0)}w/${t.cpu.toFixed(0)}c ${t.kind} js ${t.script.toFixed(0)} render ${t.render.toFixed(0)}`).join('\n'));
  console.log('---');
  await context.close();
  }
} finally { await browser.close(); await site.close(); }
