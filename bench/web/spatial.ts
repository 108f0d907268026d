// The spatial-dropout experiment in the built page, measured — never asserted in tests: how long the
// default experiment (three networks × three seeds, then the map knock-out) takes from "Run the
// experiment" to its verdicts, and the longest main-thread task while it runs (wall and CPU time,
// from a Chromium trace: on a busy 2-core machine the wall time of a task can be far above its work).
// Run after a build: DL_BUILD_DIR=build npx tsx bench/web/spatial.ts
import { cpus, loadavg } from 'node:os';
import { launchBrowser, showExample, startSite } from '../../tests/browser/harness';
import { mainThreadTasks } from './trace';

const LABEL = 'Live example: element-wise vs spatial dropout on a convolutional network';

async function main(): Promise<void> {
  const site = await startSite();
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(site.url + '/', { waitUntil: 'load' });
    const example = await showExample(page, LABEL);
    const frame = example.getByTestId('spatial-example');
    await browser.startTracing(page, { categories: ['toplevel', 'devtools.timeline'] });
    const t0 = Date.now();
    await frame.getByRole('button', { name: 'Run the experiment' }).click();
    // Polled, not awaited on an event: the page exposes its state as data-state.
    while ((await frame.getAttribute('data-state')) !== 'done') await page.waitForTimeout(1000);
    const seconds = (Date.now() - t0) / 1000;
    const tasks = mainThreadTasks((await browser.stopTracing()).toString('utf8')).filter(
      (t) => !t.kind.startsWith('evaluate')
    );
    const longest = [...tasks].sort((a, b) => b.wall - a.wall)[0];
    const mostCpu = [...tasks].sort((a, b) => b.cpu - a.cpu)[0];
    console.log(
      `spatial experiment in Chromium ${browser.version()} (${cpus().length} cores, load ${loadavg()[0].toFixed(1)})`
    );
    console.log(
      `  default run to its verdicts: ${seconds.toFixed(0)} s; page says: ${await frame.locator('.status').textContent()}`
    );
    if (longest)
      console.log(
        `  longest main-thread task: ${longest.wall.toFixed(0)} ms wall / ${longest.cpu.toFixed(0)} ms CPU (${longest.kind})`
      );
    if (mostCpu) console.log(`  most CPU in one task: ${mostCpu.cpu.toFixed(0)} ms (${mostCpu.kind})`);
    console.log(`  tasks over 50 ms wall: ${tasks.filter((t) => t.wall > 50).length} of ${tasks.length}`);
    await context.close();
  } finally {
    await browser.close();
    await site.close();
  }
}

await main();
