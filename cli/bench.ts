import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * `dropout-lab bench`: runs the engine benchmark, bench/run.ts — the very file `npm run bench`
 * runs, not a copy — in a child Node process with the same TypeScript loader. Its options are
 * passed through unchanged, and its exit status becomes ours.
 */

/** The benchmark script (owned by the kernel engineer). */
export const BENCH_SCRIPT = fileURLToPath(new URL('../bench/run.ts', import.meta.url));

/** Help text of `bench` (the options are bench/run.ts's own). */
export const BENCH_HELP = `Run the engine benchmark: our engine (WebAssembly SIMD and pure-TS kernels) against
TensorFlow.js (cpu and wasm backends) on the lesson's workloads, in one Node process. Prints
samples per CPU-second and the targets, and writes bench/results.json. Same code as npm run bench.

Options (passed to bench/run.ts):
  --time=MS         Milliseconds per measurement (default 1500).
  --only=W2,W3      Only these workloads.
  --gemm            Add the kernel micro-benchmark.
  --help            Show this help and exit.`;

/** Spawns the benchmark with `argv`; resolves to its exit status (130 if it was interrupted). */
export function runBench(argv: string[]): Promise<number> {
  const loader = import.meta.resolve('tsx');
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', loader, BENCH_SCRIPT, ...argv], { stdio: 'inherit' });
    child.on('error', (e) => {
      process.stderr.write(`dropout-lab: error: could not start the benchmark: ${e.message}\n`);
      resolve(1);
    });
    child.on('exit', (code, signal) => resolve(code ?? (signal === 'SIGINT' ? 130 : 1)));
  });
}
