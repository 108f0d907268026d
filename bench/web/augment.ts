// The augmentation example's default run (four networks × three seeds), timed — never asserted in tests:
//   1. in Chromium, the built site: from the click on "Train the four networks" until the example shows its
//      verdict, and the wall time the worker itself reports;
//   2. in Node, the same lab code (AugmentSession, wasm kernels): wall time and CPU time of one process.
// On a shared machine the wall times grow with the load; the Node CPU time is what the run costs on an idle
// core, and the page/Node ratio of one run is the browser's overhead. Target: the page's run ≤ 20 s.
// Run: DL_BUILD_DIR=build npx tsx bench/web/augment.ts   (build the site first). bench/web/run.ts calls
// measureAugment too.
import { loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import { kernels, loadWasmKernelsSync, useKernels } from '../../src/lib/engine';
import { loadMnistNode } from '../../src/lib/data/mnist-node';
import { AugmentSession, DEFAULT_CONFIG, totalEpochs } from '../../src/lib/lab/augment';
import { launchBrowser, openPage, showExample, startSite, type Browser, type Site } from '../../tests/browser/harness';

/** The page's target for the default run. */
export const AUGMENT_TARGET_SECONDS = 20;

/** What one timing gave. */
export interface AugmentTiming {
  /** Seconds from the click until the verdict was shown (page). */
  pageSeconds: number;
  /** Seconds the worker reported for its run (page). */
  workerSeconds: number | null;
  /** The same run in Node: wall and CPU seconds. */
  nodeSeconds: number;
  nodeCpuSeconds: number;
  /** Epochs in the run (all networks, all seeds). */
  epochs: number;
  /** The verdict's headline, as the page printed it. */
  headline: string;
  /** 1-minute load average when the measurement started (2 cores: above 2 means waiting for a core). */
  load: number;
}

/** Times the default run in the page. */
async function pageRun(browser: Browser, site: Site) {
  const { page, close } = await openPage(browser, site, { viewport: { width: 1280, height: 900 } });
  try {
    await page.goto(site.url + '/');
    const label = 'Live example: dropout and data augmentation, four networks';
    await showExample(page, label);
    const example = page.getByTestId('augment-example');
    const t0 = Date.now();
    await example.getByRole('button', { name: 'Train the four networks' }).click();
    await example.locator('[data-testid="augment-verdict"]').waitFor({ timeout: 600_000 });
    const pageSeconds = (Date.now() - t0) / 1000;
    const status = (await example.getByRole('status').textContent()) ?? '';
    const m = /in (\d+(?:\.\d+)?) s in your browser/.exec(status);
    const headline = (await example.getByTestId('augment-verdict').locator('strong').first().textContent()) ?? '';
    return { pageSeconds, workerSeconds: m ? Number(m[1]) : null, headline };
  } finally {
    await close();
  }
}

/** Times the same run in this process (the worker's code, with the wasm kernels). */
async function nodeRun(): Promise<{ seconds: number; cpu: number }> {
  const previous = kernels();
  const wasm = loadWasmKernelsSync();
  if (wasm) useKernels(wasm);
  try {
    const mnist = loadMnistNode();
    let finished = false;
    const session = new AugmentSession({
      post: (m) => {
        if (m.type === 'done') finished = true;
        if (m.type === 'error') throw new Error(m.message);
      },
      loadMnist: async () => mnist,
      prepareKernels: async () => kernels().name,
      breathe: async () => {},
      now: () => performance.now()
    });
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    session.handle({ type: 'start', url: '', run: 1 });
    await session.idle();
    const cpu = process.cpuUsage(cpu0);
    if (!finished) throw new Error('the Node run did not finish');
    return { seconds: (performance.now() - t0) / 1000, cpu: (cpu.user + cpu.system) / 1e6 };
  } finally {
    useKernels(previous);
  }
}

/** Times the default run in the page and in Node. */
export async function measureAugment(browser: Browser, site: Site): Promise<AugmentTiming> {
  const load = loadavg()[0];
  const p = await pageRun(browser, site);
  const n = await nodeRun();
  return { ...p, nodeSeconds: n.seconds, nodeCpuSeconds: n.cpu, epochs: totalEpochs(DEFAULT_CONFIG), load };
}

/** One paragraph for the console. */
export function formatAugment(t: AugmentTiming): string {
  const ok = t.pageSeconds <= AUGMENT_TARGET_SECONDS ? 'within' : 'over';
  return [
    `Augmentation example, default run (${t.epochs} epochs: 4 networks × ${DEFAULT_CONFIG.seeds.length} seeds), load average ${t.load.toFixed(1)}:`,
    `  page ${t.pageSeconds.toFixed(1)} s from the click to the verdict (worker ${t.workerSeconds?.toFixed(1) ?? '–'} s), ${ok} the ${AUGMENT_TARGET_SECONDS} s target`,
    `  Node ${t.nodeSeconds.toFixed(1)} s wall, ${t.nodeCpuSeconds.toFixed(1)} s CPU; page/Node ${(t.pageSeconds / t.nodeSeconds).toFixed(2)}×`,
    `  verdict: ${t.headline}`
  ].join('\n');
}

async function main(): Promise<void> {
  const site = await startSite();
  const browser = await launchBrowser();
  try {
    console.log(formatAugment(await measureAugment(browser, site)));
  } finally {
    await browser.close();
    await site.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
