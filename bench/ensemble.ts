/**
 * Benchmark of the ensemble lab, not a test: Monte Carlo averaging of k = 100 thinned
 * networks over a 100×100 grid of the plane, for the lab's 2-D network (2 → 16 → 16 → 1, p = 0.5,
 * trained on two moons). Target: ≤ 100 ms. Run: `npm run bench:ensemble`.
 *
 * Reported per method: the median over repeats of wall-clock ms and of CPU ms (this process's
 * user + system time: on a shared, busy machine other processes steal wall time but not CPU time,
 * so CPU ms is close to what an idle machine's wall clock would show). Methods:
 *   - compact:  the lab's way (ThinnedRunner: first layer cached, each thinned network run as the
 *               small dense network it is, unit-major through the SIMD `matmul` kernel) — timed
 *               from the grid to the mean and std maps;
 *   - modules:  the same thinned networks through the full-width layers with forced masks;
 *   - predictMC: the engine's MC dropout (a fresh mask per grid point and pass, whole network).
 */
import { cpus, loadavg } from 'node:os';
import { Seeds, loadWasmKernelsSync, predictMC, useKernels } from '../src/lib/engine';
import { grid } from '../src/lib/data';
import { ThinnedRunner, monteCarlo, sampleMask, trainEnsembleNet } from '../src/lib/lab/ensemble';

const K = 100;
const RESOLUTION = 100;
const TARGET_MS = 100;

function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Runs `fn` `warmup` times, then `repeats` times, returning median wall and CPU milliseconds. */
function time(fn: () => void, repeats: number, warmup = 3): { wall: number; cpu: number } {
  for (let i = 0; i < warmup; i++) fn();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const w0 = performance.now();
    const c0 = cpuMs();
    fn();
    cpu.push(cpuMs() - c0);
    wall.push(performance.now() - w0);
  }
  return { wall: median(wall), cpu: median(cpu) };
}

const wasm = loadWasmKernelsSync();
if (wasm) useKernels(wasm);
console.log(
  `Ensemble benchmark — kernels: ${wasm ? wasm.name : 'js'}; ${cpus().length} cores; load average ${loadavg()[0].toFixed(1)}`
);
console.log(
  `Monte Carlo average of k = ${K} thinned networks over a ${RESOLUTION}×${RESOLUTION} grid (${RESOLUTION ** 2} points). Target ≤ ${TARGET_MS} ms.\n`
);

/**
 * A yardstick for reading the figures on a busy machine: 64 million multiply-adds in the simplest
 * loop, about the arithmetic of the 16-unit net's 100 passes. An idle laptop does it in ~30–50 ms.
 */
const w8 = new Float32Array(64).map((_, i) => Math.sin(i));
const a8 = new Float64Array(8).map((_, i) => i / 7);
const yardstick = time(
  () => {
    let s = 0;
    for (let r = 0; r < 1_000_000; r++) {
      for (let o = 0; o < 8; o++) {
        let z = 0;
        for (let i = 0; i < 8; i++) z += w8[o * 8 + i] * a8[i];
        s += z > 0 ? z : 0;
      }
    }
    if (s === 0) console.log('');
  },
  5,
  1
);
console.log(
  `Yardstick, 64M multiply-adds in a plain loop: ${yardstick.wall.toFixed(0)} ms wall, ${yardstick.cpu.toFixed(0)} ms CPU.\n`
);

const rows: { net: string; method: string; wall: number; cpu: number }[] = [];
for (const width of [16, 32]) {
  const net = trainEnsembleNet({ data: 'moons', width });
  const x = grid(RESOLUTION);
  const label = `2 → ${width} → ${width} → 1`;
  const compact = time(() => monteCarlo(new ThinnedRunner(net.model, x), K, new Seeds(1).stream('bench')), 11);
  rows.push({ net: label, method: 'compact (the lab)', ...compact });
  const modules = time(
    () => {
      const runner = new ThinnedRunner(net.model, x);
      const rng = new Seeds(1).stream('bench');
      for (let j = 0; j < K; j++) runner.runModules(sampleMask(runner.sites, rng));
    },
    5,
    1
  );
  rows.push({ net: label, method: 'full layers + forced masks', ...modules });
  const mc = time(() => predictMC(net.model, x, K, 'sigmoid'), 5, 1);
  rows.push({ net: label, method: 'engine predictMC', ...mc });
}

console.log('network              | method                      | wall ms | CPU ms | target');
console.log('---------------------|-----------------------------|---------|--------|-------');
for (const r of rows) {
  const ok = r.method.startsWith('compact') ? (r.cpu <= TARGET_MS ? 'met' : 'MISSED') : '';
  console.log(
    `${r.net.padEnd(20)} | ${r.method.padEnd(27)} | ${r.wall.toFixed(1).padStart(7)} | ${r.cpu.toFixed(1).padStart(6)} | ${ok}`
  );
}
