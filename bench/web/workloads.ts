/**
 * The benchmark's MNIST workloads (W2, W3) in headless Chromium, in a dedicated Web Worker: the
 * learner's runtime, not just Node. bench/web/workload-worker.ts (the same training step as the
 * Node bench, bench/train-step.ts, with the WebAssembly kernels) is bundled with Vite and served
 * from a temporary directory together with the built site's digits (build/data/mnist-10k.bin, else
 * static/data/), split exactly as in Node.
 *
 * Rates are per CPU-second of the worker thread: browsers give a page no CPU clock, so the driver
 * traces each timed run and reads the thread time (`tdur`) of the worker's task that ran it. The
 * warm-up runs in an earlier task, untraced.
 *
 * `npm run bench` calls `chromiumWorkloads` when Chromium is installed; alone:
 * `npx tsx bench/web/workloads.ts [--time=ms] [--only=W2,W3]`.
 */
import { build } from 'vite';
import { copyFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findChromium } from '../../scripts/ensure-chromium.mjs';
import { BUILD_DIR, launchBrowser, startSite } from '../../tests/browser/harness';
import type { Measurement } from '../timing';
import { workloads } from '../workload-specs';

/** What one Chromium session measured. */
export interface ChromiumRun {
  /** The worker's navigator.userAgent. */
  userAgent: string;
  /** The kernels the worker installed ("wasm-simd", or "js" without WebAssembly SIMD). */
  kernels: string;
  /** Workload id → its timed runs, combined (calls, wall seconds, worker-thread CPU seconds). */
  results: Map<string, Measurement>;
}

/** One event of a Chromium trace, the fields used here. */
interface TraceEvent {
  name: string;
  ph: string;
  dur?: number;
  tdur?: number;
  pid: number;
  tid: number;
  args?: { name?: string };
}

/**
 * Thread (CPU) seconds of the longest task on a dedicated-worker thread in `traceJson`. `wallSeconds` is
 * how long the worker says the timed run took: a trace stopped before that task ended holds only other,
 * short tasks, and their CPU time would make the rate look many times faster, so such a trace is refused.
 */
export function workerTaskCpuSeconds(traceJson: string, wallSeconds = 0): number {
  const parsed = JSON.parse(traceJson) as TraceEvent[] | { traceEvents: TraceEvent[] };
  const events = Array.isArray(parsed) ? parsed : parsed.traceEvents;
  const workers = new Set(
    events
      .filter((e) => e.ph === 'M' && e.name === 'thread_name' && /DedicatedWorker/.test(e.args?.name ?? ''))
      .map((e) => `${e.pid}:${e.tid}`)
  );
  let longest: TraceEvent | null = null;
  for (const e of events) {
    if (e.ph !== 'X' || e.name !== 'ThreadControllerImpl::RunTask' || !workers.has(`${e.pid}:${e.tid}`)) continue;
    if (!longest || (e.dur ?? 0) > (longest.dur ?? 0)) longest = e;
  }
  if (!longest?.tdur) throw new Error('the trace holds no timed task of the worker thread');
  if ((longest.dur ?? 0) / 1e6 < 0.9 * wallSeconds)
    throw new Error(
      `the trace's longest worker task (${((longest.dur ?? 0) / 1e3).toFixed(0)} ms) is not the timed run (${(wallSeconds * 1e3).toFixed(0)} ms)`
    );
  return longest.tdur / 1e6;
}

/** True when a Chromium the harness can launch is installed. */
export function chromiumAvailable(): boolean {
  return Boolean(findChromium());
}

/** The worker bundle and its digits in a fresh directory (with an empty page to host the worker). */
async function stage(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'dl-bench-web-'));
  // Vite's own bundler (a devDependency already), without the site's config: one ES module.
  const out = await build({
    configFile: false,
    logLevel: 'error',
    build: {
      write: false,
      minify: false,
      target: 'es2022',
      lib: {
        entry: fileURLToPath(new URL('./workload-worker.ts', import.meta.url)),
        formats: ['es'],
        fileName: () => 'worker.js'
      }
    }
  });
  const chunk = (Array.isArray(out) ? out[0] : (out as { output: { code?: string }[] })).output[0];
  if (!chunk.code) throw new Error('the worker bundle came out empty');
  writeFileSync(join(dir, 'worker.js'), chunk.code);
  writeFileSync(join(dir, 'index.html'), '<!doctype html><html lang="en"><meta charset="utf-8"><title>bench</title>');
  const built = join(BUILD_DIR, 'data/mnist-10k.bin');
  const fallback = fileURLToPath(new URL('../../static/data/mnist-10k.bin', import.meta.url));
  const data = existsSync(built) ? built : fallback;
  if (!existsSync(data)) throw new Error(`${data} not found: run \`npm run gen\``);
  copyFileSync(data, join(dir, 'mnist-10k.bin'));
  return dir;
}

/**
 * Runs workloads `ids` (each `reps` times, `timeMs` each after `warmupMs` untimed) in one Chromium
 * worker. `between(id, rep)` is awaited after each timed run, so a caller can alternate another
 * engine's rounds with these.
 */
export async function chromiumWorkloads(
  ids: readonly string[],
  { timeMs = 1500, warmupMs = 1000, reps = 1 } = {},
  between: (id: string, rep: number) => Promise<void> = async () => {}
): Promise<ChromiumRun> {
  const dir = await stage();
  const site = await startSite(dir);
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    await page.goto(site.url + '/');
    await page.evaluate(() => {
      const worker = new Worker('./worker.js', { type: 'module' });
      const w = window as unknown as { ask: (msg: unknown) => Promise<unknown> };
      w.ask = (msg) =>
        new Promise((resolve, reject) => {
          worker.onmessage = (e: MessageEvent<{ error?: string }>) =>
            e.data.error ? reject(new Error(e.data.error)) : resolve(e.data);
          worker.onerror = (e) => reject(new Error(e.message));
          worker.postMessage(msg);
        });
    });
    type Ask = (msg: unknown) => Promise<unknown>;
    const ask = <T>(msg: unknown) =>
      page.evaluate((m) => (window as unknown as { ask: Ask }).ask(m), msg) as Promise<T>;
    const hello = await ask<{ kernels: string; userAgent: string }>({ cmd: 'load' });
    const results = new Map<string, Measurement>();
    for (const id of ids) {
      let calls = 0;
      let seconds = 0;
      let cpuSeconds = 0;
      for (let r = 0; r < reps; r++) {
        await ask({ cmd: 'run', id, timeMs, warmupMs: r === 0 ? warmupMs : 300 });
        await browser.startTracing(page, { categories: ['toplevel'] });
        const m = await ask<{ calls: number; seconds: number }>({ cmd: 'timed' });
        // The reply is posted from inside the timed task; a second round trip is answered only after
        // that task has ended, so the trace is stopped with the task's complete event in it.
        await ask({ cmd: 'ping' });
        cpuSeconds += workerTaskCpuSeconds((await browser.stopTracing()).toString('utf8'), m.seconds);
        calls += m.calls;
        seconds += m.seconds;
        await between(id, r);
      }
      results.set(id, { calls, seconds, cpuSeconds, callsPerSec: calls / seconds, callsPerCpuSec: calls / cpuSeconds });
    }
    return { userAgent: hello.userAgent, kernels: hello.kernels, results };
  } finally {
    await browser.close();
    await site.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = new Map(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=') as [string, string]));
  const ids = args.get('only')?.split(',') ?? ['W2', 'W3'];
  const run = await chromiumWorkloads(ids, { timeMs: Number(args.get('time') ?? 1500) });
  console.log(`${run.userAgent} (kernels: ${run.kernels})`);
  for (const [id, m] of run.results) {
    const w = workloads.find((x) => x.id === id);
    const per = w?.kind === 'train' ? w.batch : 1;
    console.log(
      `${id}: ${(m.callsPerCpuSec * per).toFixed(0)} samples per worker CPU-second, ${(m.callsPerSec * per).toFixed(0)} per wall-second`
    );
  }
}
