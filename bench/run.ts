/**
 * `npm run bench`: every workload on our engine (WebAssembly SIMD kernels, and pure-TS kernels
 * for reference), on TensorFlow.js 4.22 (cpu and wasm backends) in this one Node process, and,
 * when /usr/bin/python3 can import torch, the MNIST workloads in PyTorch on one thread
 * (bench/torch.ts). Prints samples/s, our ratios to the faster TF.js backend and to PyTorch,
 * checks the targets, and writes bench/results.json. Options: `--time=ms` per measurement
 * (default 1500), `--only=W2,W3`, `--reps=N` (default 3 with PyTorch, else 1), `--no-torch`, `--no-tfjs`, `--no-web` (skips the Chromium worker),
 * `--gemm` to add the kernel micro-benchmark (bench/gemm.ts).
 *
 * With PyTorch, our WebAssembly figure and PyTorch's are taken in alternation (ours, PyTorch, ours,
 * PyTorch, … for `reps` rounds) and each is the total over its rounds, so a burst of load from other
 * processes falls on both engines alike and their ratio is comparable within the run. When Chromium
 * is installed, W2 and W3 also run in a Chromium Web Worker (bench/web/workloads.ts, rates per CPU-second
 * of the worker thread), with a PyTorch round after each of its rounds too.
 *
 * Rates are per second of this process's CPU time: every engine here is single-threaded, and on
 * a shared machine other processes steal wall-clock time but not CPU time. Wall-clock rates and
 * the load average are recorded in results.json too.
 */
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { jsKernels, kernels, loadWasmKernels, useKernels } from '../src/lib/engine/index';
import { runGemmBench } from './gemm';
import { oursGrid, oursTrain } from './ours';
import { tfGrid, tfTrain, useTfBackend, type TfBackend } from './tfjs';
import { TORCH_INSTALL_HINT, TorchEngine, torchVersion } from './torch';
import { chromiumAvailable, chromiumWorkloads } from './web/workloads';
import type { Measurement } from './timing';
import { dataFor, workloads, type TrainWorkload, type Workload } from './workloads';

/** One line of results.json. */
export interface Result {
  workload: string;
  engine: 'ours-wasm' | 'ours-js' | 'tfjs-cpu' | 'tfjs-wasm' | 'pytorch' | 'ours-chromium';
  /** Training examples (or grid points, for W1h) processed per second of CPU time (see timing.ts). */
  samplesPerSec: number;
  /** The same per second of wall-clock time (lower when other processes share the cores). */
  samplesPerWallSec: number;
  /** Only for W1h: whole grids per second of CPU time. */
  gridsPerSec?: number;
  /** Steps (or grids) timed, over how many wall-clock and CPU seconds. */
  calls: number;
  seconds: number;
  cpuSeconds: number;
  description: string;
}

const args = new Map<string, string | undefined>(
  process.argv.slice(2).map((a) => {
    const [key, value] = a.replace(/^--/, '').split('=');
    return [key, value];
  })
);
const timeMs = Number(args.get('time') ?? 1500);
const only = args.get('only')?.split(',');
const selected = workloads.filter((w) => !only || only.includes(w.id));
/** Workloads PyTorch runs too (the MNIST networks the ratio targets are about). */
const torchable = (w: Workload): w is TrainWorkload => w.kind === 'train' && w.vsTorch !== undefined;

/** Several measurements of one thing as one: totals of calls, wall and CPU time. */
function combine(ms: readonly Measurement[]): Measurement {
  const calls = ms.reduce((s, m) => s + m.calls, 0);
  const seconds = ms.reduce((s, m) => s + m.seconds, 0);
  const cpuSeconds = ms.reduce((s, m) => s + m.cpuSeconds, 0);
  return { calls, seconds, cpuSeconds, callsPerSec: calls / seconds, callsPerCpuSec: calls / cpuSeconds };
}

function toResult(w: Workload, engine: Result['engine'], m: Measurement): Result {
  const perCall = w.kind === 'grid' ? w.side * w.side : w.batch;
  return {
    workload: w.id,
    engine,
    samplesPerSec: m.callsPerCpuSec * perCall,
    samplesPerWallSec: m.callsPerSec * perCall,
    ...(w.kind === 'grid' ? { gridsPerSec: m.callsPerCpuSec } : {}),
    calls: m.calls,
    seconds: m.seconds,
    cpuSeconds: m.cpuSeconds,
    description: w.description
  };
}

/** The rate a target is about: grids/s for W1h, samples/s otherwise. */
const rateOf = (r: Result): number => r.gridsPerSec ?? r.samplesPerSec;
/** The same per wall-clock second. */
const wallRateOf = (r: Result): number => (r.samplesPerWallSec * rateOf(r)) / r.samplesPerSec;

async function main(): Promise<void> {
  const load0 = loadavg()[0];
  const wasm = await loadWasmKernels();
  if (!wasm) throw new Error('WebAssembly SIMD is not available in this Node');
  for (const w of selected) {
    const d = w.kind === 'train' ? w.data : w.net.data;
    console.log(`${w.id}: ${w.description} — data: ${dataFor(d).source}`);
  }

  const version = args.has('no-torch') || !selected.some(torchable) ? null : torchVersion();
  const torch = version ? await TorchEngine.start() : null;
  console.log(torch ? `PyTorch ${torch.version} (${'/usr/bin/python3'})` : `PyTorch: ${TORCH_INSTALL_HINT}`);
  const reps = Number(args.get('reps') ?? (torch ? 3 : 1));

  const results: Result[] = [];
  /** PyTorch's rounds per workload: one after each of our Node rounds and each Chromium round. */
  const torchRounds = new Map(selected.filter(torchable).map((w) => [w.id, [] as Measurement[]]));
  const ours = (w: Workload, ms = timeMs): Measurement => (w.kind === 'train' ? oursTrain(w, ms) : oursGrid(w, ms));
  // An untimed pass first: whatever runs first otherwise pays for start-up garbage collection and
  // background compilation (which count as CPU time), measured at 20-50% on W1d.
  for (const k of [wasm, jsKernels]) {
    useKernels(k);
    for (const w of selected) ours(w, 200);
  }
  for (const [engine, k] of [
    ['ours-wasm', wasm],
    ['ours-js', jsKernels]
  ] as const) {
    useKernels(k);
    for (const w of selected) {
      if (engine === 'ours-wasm' && torch && torchable(w)) {
        // Alternate with PyTorch, round by round (see the top of this file).
        const mine: Measurement[] = [];
        for (let r = 0; r < reps; r++) {
          mine.push(ours(w));
          torchRounds.get(w.id)!.push(await torch.train(w, timeMs, r === 0 ? 1500 : 300));
        }
        results.push(toResult(w, engine, combine(mine)));
      } else results.push(toResult(w, engine, ours(w)));
      console.log(
        `  ${engine.padEnd(9)} ${w.id.padEnd(4)} ${fmt(rateOf(results.at(-1)!))} per CPU-s, ${fmt(wallRateOf(results.at(-1)!))} per wall-s (kernels: ${kernels().name})`
      );
    }
  }
  // The same workloads in a Chromium Web Worker (the learner's runtime), PyTorch alternating again.
  const webIds = selected.filter(torchable).map((w) => w.id);
  let browser: string | null = null;
  if (!args.has('no-web') && webIds.length > 0 && chromiumAvailable()) {
    useKernels(wasm);
    const run = await chromiumWorkloads(webIds, { timeMs, reps }, async (id) => {
      const w = selected.find((x) => x.id === id) as TrainWorkload;
      if (torch) torchRounds.get(id)!.push(await torch.train(w, timeMs, 300));
    });
    browser = `${run.userAgent.match(/(Headless)?Chrome\/[\d.]+/)?.[0] ?? run.userAgent}, ${run.kernels}`;
    for (const id of webIds) {
      const w = selected.find((x) => x.id === id)!;
      results.push(toResult(w, 'ours-chromium', run.results.get(id)!));
      console.log(
        `  chromium  ${id.padEnd(4)} ${fmt(rateOf(results.at(-1)!))} per worker CPU-s, ${fmt(wallRateOf(results.at(-1)!))} per wall-s (${browser})`
      );
    }
  } else console.log('  chromium: skipped (--no-web, or no Chromium: node scripts/ensure-chromium.mjs)');
  if (torch) {
    for (const [id, rounds] of torchRounds) {
      const w = selected.find((x) => x.id === id)!;
      results.push(toResult(w, 'pytorch', combine(rounds)));
      console.log(
        `  pytorch   ${id.padEnd(4)} ${fmt(rateOf(results.at(-1)!))} per CPU-s, ${fmt(wallRateOf(results.at(-1)!))} per wall-s (${rounds.length} rounds)`
      );
    }
  }
  torch?.stop();
  useKernels(wasm);
  for (const backend of (args.has('no-tfjs') ? [] : ['cpu', 'wasm']) as TfBackend[]) {
    await useTfBackend(backend);
    for (const w of selected) {
      const m = w.kind === 'train' ? await tfTrain(w, timeMs) : await tfGrid(w, timeMs);
      results.push(toResult(w, `tfjs-${backend}`, m));
      console.log(
        `  tfjs-${backend.padEnd(4)} ${w.id.padEnd(4)} ${fmt(rateOf(results.at(-1)!))} per CPU-s, ${fmt(wallRateOf(results.at(-1)!))} per wall-s`
      );
    }
  }

  printTable(results);
  printTorchTable(results, torch?.version ?? null, browser);
  if (args.has('gemm')) runGemmBench();
  const load1 = loadavg()[0];
  console.log(`\nload average (1 min) before ${load0.toFixed(2)}, after ${load1.toFixed(2)} on ${cpus().length} cores`);
  const out = fileURLToPath(new URL('./results.json', import.meta.url));
  const meta = {
    date: new Date().toISOString(),
    node: process.version,
    cpu: cpus()[0]?.model,
    cores: cpus().length,
    loadAverage: [load0, load1],
    timeMs,
    reps,
    pytorch: torch ? torch.version : null,
    chromium: browser
  };
  writeFileSync(out, JSON.stringify({ meta, results }, null, 2) + '\n');
  console.log(`wrote ${out}`);
}

function fmt(x: number): string {
  if (Number.isNaN(x)) return '—';
  return x >= 1e6 ? `${(x / 1e6).toFixed(2)}M` : x >= 1e4 ? `${(x / 1e3).toFixed(1)}k` : x.toFixed(0);
}

function printTable(results: Result[]): void {
  const get = (id: string, e: Result['engine']) => results.find((r) => r.workload === id && r.engine === e);
  console.log('\nRates per CPU-second (wall-clock rates are in results.json)');
  console.log('workload  unit         ours-wasm    ours-js   tfjs-cpu  tfjs-wasm  ours/best-tf  target');
  for (const w of selected) {
    const [ow, oj, tc, tw] = (['ours-wasm', 'ours-js', 'tfjs-cpu', 'tfjs-wasm'] as const).map((e) =>
      get(w.id, e) ? rateOf(get(w.id, e)!) : NaN
    );
    const ratio = ow / Math.max(tc, tw);
    const t = w.target;
    const goal = t.kind === 'rate' ? `≥ ${fmt(t.value)} ${t.unit}` : `≥ ${t.times}× tfjs-wasm`;
    const met = t.kind === 'rate' ? ow >= t.value : ow >= t.times * tw;
    const verdict = Number.isNaN(t.kind === 'rate' ? ow : tw) ? 'not measured' : met ? 'MET' : 'NOT MET';
    const unit = w.kind === 'grid' ? 'grids/s' : 'samples/s';
    const times = t.kind === 'vsTfWasm' && !Number.isNaN(tw) ? ` (${(ow / tw).toFixed(1)}×)` : '';
    console.log(
      `${w.id.padEnd(9)} ${unit.padEnd(10)} ${[ow, oj, tc, tw].map((x) => fmt(x).padStart(10)).join(' ')}  ${(Number.isNaN(ratio) ? '—' : ratio.toFixed(2) + '×').padStart(9)}    ${goal}: ${verdict}${times}`
    );
  }
}

/** Ours (Node and the Chromium worker) against PyTorch on one thread, or how to install PyTorch. */
function printTorchTable(results: Result[], torch: string | null, browser: string | null): void {
  const get = (id: string, e: Result['engine']) => results.find((r) => r.workload === id && r.engine === e);
  const list = selected.filter(torchable);
  if (list.length === 0) return;
  console.log(`\nAgainst PyTorch ${torch ?? ''} (samples per CPU-second; Chromium: ${browser ?? 'not run'})`);
  console.log('workload   ours-node  ours-chromium    pytorch  node/pytorch  chromium/pytorch  target (node)');
  for (const w of list) {
    const [node, web, pt] = (['ours-wasm', 'ours-chromium', 'pytorch'] as const).map((e) =>
      get(w.id, e) ? rateOf(get(w.id, e)!) : NaN
    );
    const ratio = (x: number) => (Number.isNaN(x / pt) ? '—' : `${(x / pt).toFixed(2)}×`);
    const verdict = Number.isNaN(pt) ? 'not measured' : node >= w.vsTorch! * pt ? 'MET' : 'NOT MET';
    console.log(
      `${w.id.padEnd(9)} ${fmt(node).padStart(10)} ${fmt(web).padStart(14)} ${fmt(pt).padStart(10)} ${ratio(node).padStart(13)} ${ratio(web).padStart(17)}  ≥ ${w.vsTorch}×: ${verdict}`
    );
  }
  if (!torch) console.log(TORCH_INSTALL_HINT);
}

await main();
