/**
 * Micro-benchmark of the Linear kernels alone (no layers, no training loop): the three products
 * of the big layers of W2 and W3, with the sparsity they really see (MNIST input ~80% zeros
 * then dropout 0.2; hidden activations ~50% zero after ReLU then dropout 0.5; gradients zero
 * wherever ReLU or dropout was). GFLOP/s counts the dense work (2·n·in·out), so skipping
 * zeros shows up as a higher rate. Rates are per CPU-second (see timing.ts). Run: `npx tsx bench/gemm.ts`.
 */
import { jsKernels, loadWasmKernelsSync, Random, type LinearKernels } from '../src/lib/engine/index';
import { measureSync } from './timing';

/** One layer shape plus the fraction of zeros in its input x and its output gradient gy. */
export interface GemmCase {
  name: string;
  n: number;
  inF: number;
  outF: number;
  xZeros: number;
  gyZeros: number;
}

/** The big layers of W2 and W3. */
export const gemmCases: GemmCase[] = [
  { name: 'W2 784→256', n: 64, inF: 784, outF: 256, xZeros: 0.84, gyZeros: 0.75 },
  { name: 'W2 256→256', n: 64, inF: 256, outF: 256, xZeros: 0.75, gyZeros: 0.75 },
  { name: 'W3 784→1024', n: 100, inF: 784, outF: 1024, xZeros: 0.84, gyZeros: 0.75 },
  { name: 'W3 1024→1024', n: 100, inF: 1024, outF: 1024, xZeros: 0.75, gyZeros: 0.75 },
  { name: 'W3 1024→10', n: 100, inF: 1024, outF: 10, xZeros: 0.75, gyZeros: 0 }
];

/** Random values with the given fraction of exact zeros. */
function sparse(rng: Random, len: number, zeroFrac: number): Float32Array {
  const a = new Float32Array(len);
  for (let i = 0; i < len; i++) a[i] = rng.next() < zeroFrac ? 0 : rng.normal();
  return a;
}

/** GFLOP/s (dense-equivalent) of forward, backwardInput and backwardParams for one case. */
export function benchGemm(
  k: LinearKernels,
  c: GemmCase,
  timeMs = 400
): { forward: number; backwardInput: number; backwardParams: number } {
  const rng = new Random(1);
  const { n, inF, outF } = c;
  const x = sparse(rng, n * inF, c.xZeros);
  const gy = sparse(rng, n * outF, c.gyZeros);
  const w = sparse(rng, outF * inF, 0);
  const b = sparse(rng, outF, 0);
  const y = new Float32Array(n * outF);
  const gx = new Float32Array(n * inF);
  const gw = new Float32Array(outF * inF);
  const gb = new Float32Array(outF);
  const flop = 2 * n * inF * outF;
  const opts = { warmupMs: 100, timeMs };
  const rate = (f: () => void) => (measureSync(f, opts).callsPerCpuSec * flop) / 1e9;
  return {
    forward: rate(() => k.forward(x, w, b, y, n, inF, outF)),
    backwardInput: rate(() => k.backwardInput(gy, w, gx, n, inF, outF)),
    backwardParams: rate(() => k.backwardParams(gy, x, gw, gb, n, inF, outF))
  };
}

/** Prints the table for the JS and wasm kernels. */
export function runGemmBench(timeMs = 400): void {
  const wasm = loadWasmKernelsSync();
  const impls: LinearKernels[] = wasm ? [jsKernels, wasm] : [jsKernels];
  console.log('\nKernel micro-benchmark, dense-equivalent GFLOP/s (forward / backwardInput / backwardParams)');
  for (const c of gemmCases) {
    const cells = impls.map((k) => {
      const r = benchGemm(k, c, timeMs);
      return `${k.name}: ${r.forward.toFixed(1)} / ${r.backwardInput.toFixed(1)} / ${r.backwardParams.toFixed(1)}`;
    });
    console.log(`  ${c.name.padEnd(14)} ${cells.join('   ')}`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) runGemmBench();
