/**
 * Runs one workload on our engine for a while, for a CPU profile, then prints the functions that
 * took the most time (self time). Usage:
 *   node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx bench/profile.ts W2 [seconds] [js]
 * (add `js` to use the pure-TS kernels), then `npx tsx bench/profile-summary.ts /tmp/prof`.
 */
import { jsKernels, loadWasmKernelsSync, useKernels } from '../src/lib/engine/index';
import { oursGrid, oursTrain } from './ours';
import { workloads } from './workloads';

const [id = 'W2', seconds = '5', kernelChoice = 'wasm'] = process.argv.slice(2);
const w = workloads.find((x) => x.id === id);
if (!w) throw new Error(`unknown workload ${id}; one of ${workloads.map((x) => x.id).join(', ')}`);
useKernels(kernelChoice === 'js' ? jsKernels : (loadWasmKernelsSync() ?? jsKernels));
const m = w.kind === 'train' ? oursTrain(w, Number(seconds) * 1000) : oursGrid(w, Number(seconds) * 1000);
const per = w.kind === 'train' ? w.batch : 1;
console.log(
  `${id}: ${(m.callsPerSec * per).toFixed(0)} ${w.kind === 'train' ? 'samples' : 'grids'}/s wall, ${(m.callsPerCpuSec * per).toFixed(0)} per CPU-second`
);
