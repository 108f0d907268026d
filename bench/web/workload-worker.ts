/**
 * The benchmark's MNIST workloads in a Chromium Web Worker: bench/web/workloads.ts bundles this file
 * (esbuild), serves it with the digits of the built site, and posts it commands:
 *   { cmd: 'load' }  fetches mnist-10k.bin, splits it as the Node bench does, installs the wasm kernels
 *   { cmd: 'run', id, timeMs, warmupMs }  trains workload `id` (bench/train-step.ts, the code Node times)
 *     for warmupMs untimed, then replies { calls, seconds }; the driver reads the worker thread's CPU time
 *     of that run from a Chromium trace. Warm-up and timed run are separate tasks for exactly that reason.
 *   { cmd: 'ping' }  replies at once: its answer proves the timed task has ended before the trace stops.
 */
import { mnistSplit, parseMnist } from '../../src/lib/data/mnist';
import { loadWasmKernelsSync, useKernels, type Dataset } from '../../src/lib/engine/index';
import { trainStep } from '../train-step';
import { MNIST_BENCH_SPLIT, workloads, type TrainWorkload } from '../workload-specs';

let train: Dataset | null = null;
let kernelName = 'js';
let pending: (() => void) | null = null;

type Command =
  { cmd: 'load' } | { cmd: 'run'; id: string; timeMs: number; warmupMs: number } | { cmd: 'timed' } | { cmd: 'ping' };

self.onmessage = async (e: MessageEvent<Command>) => {
  try {
    const m = e.data;
    if (m.cmd === 'load') {
      const k = loadWasmKernelsSync();
      if (k) useKernels(k);
      kernelName = k?.name ?? 'js';
      const buf = await (await fetch('./mnist-10k.bin')).arrayBuffer();
      train = mnistSplit(parseMnist(buf), MNIST_BENCH_SPLIT).train;
      postMessage({ ok: true, kernels: kernelName, userAgent: navigator.userAgent });
    } else if (m.cmd === 'run') {
      const w = workloads.find((x): x is TrainWorkload => x.kind === 'train' && x.id === m.id);
      if (!w || !train || w.data !== 'mnist') throw new Error(`cannot run ${m.id} here`);
      const { step, lastLoss } = trainStep(w, train);
      for (const t0 = performance.now(); performance.now() - t0 < m.warmupMs;) step();
      // The timed loop runs in its own task, started by the driver once it has begun tracing.
      pending = () => {
        let calls = 0;
        const t0 = performance.now();
        let t = t0;
        while (t - t0 < m.timeMs) {
          step();
          calls++;
          t = performance.now();
        }
        if (!Number.isFinite(lastLoss())) throw new Error(`${w.id}: training diverged`);
        postMessage({ calls, seconds: (t - t0) / 1000 });
      };
      postMessage({ warm: true });
    } else if (m.cmd === 'ping') {
      postMessage({ pong: true });
    } else if (m.cmd === 'timed') {
      const run = pending;
      pending = null;
      if (!run) throw new Error('timed before run');
      run();
    }
  } catch (error) {
    postMessage({ error: String(error) });
  }
};
