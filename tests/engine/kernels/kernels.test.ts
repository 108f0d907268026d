// The Linear kernels (pure TS and WebAssembly SIMD) against a float64 reference, over random
// shapes and sparsities: n = 1, sizes that are not multiples of 4 or 32, inputs that are mostly
// or entirely zero, and the accumulate semantics of backwardParams.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsKernels } from '../../../src/lib/engine/kernels/js';
import type { LinearKernels } from '../../../src/lib/engine/kernels/types';
import { loadWasmKernelsSync } from '../../../src/lib/engine/kernels/wasm';
import { Random } from '../../../src/lib/engine/rng';
import { firstMismatch, refBackwardInput, refBackwardParams, refForward, refMatmul, type Problem } from './reference';

const wasmAlways = loadWasmKernelsSync({ minWork: 0 }); // every call through wasm, however small
const wasmDefault = loadWasmKernelsSync(); // as the app uses it (small calls fall back to JS)

/** Extra slots after every array: kernels must neither read them into results nor write them. */
const PAD = 3;
const SENTINEL = 12345;

/** Values with the given fraction of exact zeros, followed by PAD sentinels. */
function values(rng: Random, len: number, zeroFrac: number): Float32Array {
  const a = new Float32Array(len + PAD).fill(SENTINEL);
  for (let i = 0; i < len; i++) a[i] = rng.next() < zeroFrac ? 0 : rng.normal();
  return a;
}

function problem(seed: number, n: number, inF: number, outF: number, xZeros: number, gyZeros: number): Problem {
  const rng = new Random(seed);
  return {
    n,
    inF,
    outF,
    x: values(rng, n * inF, xZeros),
    w: values(rng, outF * inF, 0),
    b: values(rng, outF, 0),
    gy: values(rng, n * outF, gyZeros)
  };
}

function tail(a: Float32Array, len: number): number[] {
  return Array.from(a.subarray(len));
}

/** Runs all three products of `k` on `p` and asserts each against the reference. */
function checkKernels(k: LinearKernels, p: Problem): void {
  const { n, inF, outF } = p;
  const where = `${k.name} n=${n} in=${inF} out=${outF}`;

  const y = new Float32Array(n * outF + PAD).fill(SENTINEL);
  y.fill(NaN, 0, n * outF); // forward must overwrite, not accumulate into, y
  k.forward(p.x, p.w, p.b, y, n, inF, outF);
  expect(firstMismatch(y, refForward(p)), `forward ${where}`).toBe(-1);
  expect(tail(y, n * outF)).toEqual(Array(PAD).fill(SENTINEL));

  const gx = new Float32Array(n * inF + PAD).fill(SENTINEL);
  gx.fill(NaN, 0, n * inF); // backwardInput must overwrite gx
  k.backwardInput(p.gy, p.w, gx, n, inF, outF);
  expect(firstMismatch(gx, refBackwardInput(p)), `backwardInput ${where}`).toBe(-1);
  expect(tail(gx, n * inF)).toEqual(Array(PAD).fill(SENTINEL));

  // backwardParams accumulates: start from nonzero gradients and apply it twice.
  const rng = new Random(7);
  const gw = values(rng, outF * inF, 0.3);
  const gb = values(rng, outF, 0.3);
  const ref1 = refBackwardParams(p, gw, gb);
  k.backwardParams(p.gy, p.x, gw, gb, n, inF, outF);
  expect(firstMismatch(gw, ref1.gw), `backwardParams gw ${where}`).toBe(-1);
  expect(firstMismatch(gb, ref1.gb), `backwardParams gb ${where}`).toBe(-1);
  const ref2 = refBackwardParams(p, Float32Array.from(ref1.gw.value), Float32Array.from(ref1.gb.value));
  k.backwardParams(p.gy, p.x, gw, gb, n, inF, outF);
  expect(firstMismatch(gw, ref2.gw), `backwardParams gw (2nd call) ${where}`).toBe(-1);
  expect(firstMismatch(gb, ref2.gb), `backwardParams gb (2nd call) ${where}`).toBe(-1);
  expect(tail(gw, outF * inF)).toEqual(Array(PAD).fill(SENTINEL));
  expect(tail(gb, outF)).toEqual(Array(PAD).fill(SENTINEL));

  // backwardParams with overwrite: what is in gw and gb (here NaN) is never read.
  const gwNew = new Float32Array(outF * inF + PAD).fill(SENTINEL).fill(NaN, 0, outF * inF);
  const gbNew = new Float32Array(outF + PAD).fill(SENTINEL).fill(NaN, 0, outF);
  const ref0 = refBackwardParams(p, new Float32Array(outF * inF), new Float32Array(outF));
  k.backwardParams(p.gy, p.x, gwNew, gbNew, n, inF, outF, true);
  expect(firstMismatch(gwNew, ref0.gw), `backwardParams overwrite gw ${where}`).toBe(-1);
  expect(firstMismatch(gbNew, ref0.gb), `backwardParams overwrite gb ${where}`).toBe(-1);
  expect(tail(gwNew, outF * inF)).toEqual(Array(PAD).fill(SENTINEL));
  expect(tail(gbNew, outF)).toEqual(Array(PAD).fill(SENTINEL));

  // matmul: c[n×outF] += x[n×inF] · B[inF×outF], with B = the weights read as an inF×outF matrix.
  const c = values(rng, n * outF, 0.3);
  const refC = refMatmul(p.x, p.w, c, n, inF, outF);
  k.matmul(p.x, p.w, c, n, inF, outF);
  expect(firstMismatch(c, refC), `matmul ${where}`).toBe(-1);
  expect(tail(c, n * outF)).toEqual(Array(PAD).fill(SENTINEL));
}

const implementations: [string, LinearKernels | null][] = [
  ['js', jsKernels],
  ['wasm (every call)', wasmAlways],
  ['wasm (default threshold)', wasmDefault]
];

/** Zero fractions worth covering: dense, typical ReLU/dropout, MNIST-like, and all zero. */
const zeroFraction = fc.constantFrom(0, 0.5, 0.84, 0.97, 1);

describe('test inputs', () => {
  it('have the zero fraction asked for (else the zero-skipping paths would go untested)', () => {
    const a = values(new Random(1), 10_000, 0.84).subarray(0, 10_000);
    const zeros = a.filter((v) => v === 0).length;
    expect(zeros).toBeGreaterThan(8_000);
    expect(zeros).toBeLessThan(8_800);
  });
});

describe('WebAssembly SIMD is available in Node', () => {
  it('loads synchronously', () => {
    expect(wasmAlways).not.toBeNull();
    expect(wasmAlways?.name).toBe('wasm-simd');
  });
});

describe.each(implementations)('%s kernels agree with a float64 reference', (_label, k) => {
  it('on random small shapes and sparsities', () => {
    if (!k) throw new Error('wasm kernels failed to load');
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 1, max: 70 }),
        fc.integer({ min: 1, max: 70 }),
        zeroFraction,
        zeroFraction,
        (seed, n, inF, outF, xZeros, gyZeros) => checkKernels(k, problem(seed, n, inF, outF, xZeros, gyZeros))
      ),
      { numRuns: 120 }
    );
  });

  it('on layer-sized shapes (32-column blocks, padded strides, odd tails)', () => {
    if (!k) throw new Error('wasm kernels failed to load');
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        fc.integer({ min: 1, max: 24 }),
        fc.constantFrom(1, 2, 10, 33, 127, 128, 130, 256, 300),
        fc.constantFrom(1, 3, 8, 10, 64, 128, 129, 256),
        zeroFraction,
        zeroFraction,
        (seed, n, inF, outF, xZeros, gyZeros) => checkKernels(k, problem(seed, n, inF, outF, xZeros, gyZeros))
      ),
      { numRuns: 40 }
    );
  });

  it('on the MNIST layer shape 784→256 with batch 64', () => {
    if (!k) throw new Error('wasm kernels failed to load');
    checkKernels(k, problem(3, 64, 784, 256, 0.84, 0.75));
  });

  it('on batches longer than one panel of 128 rows (the weight gradient sums over several)', () => {
    if (!k) throw new Error('wasm kernels failed to load');
    for (const [n, zeros] of [
      [129, 0.5],
      [300, 0.75],
      [257, 0]
    ] as const) {
      checkKernels(k, problem(n, n, 37, 21, zeros, zeros));
    }
  });
});

describe('wasm kernels across memory growth', () => {
  it('stay correct when a big call grows memory between small ones', () => {
    const k = loadWasmKernelsSync({ minWork: 0 });
    if (!k) throw new Error('wasm kernels failed to load');
    checkKernels(k, problem(1, 2, 5, 3, 0.5, 0.5));
    checkKernels(k, problem(2, 40, 600, 300, 0.5, 0.5)); // needs several MB: memory grows
    checkKernels(k, problem(3, 3, 7, 6, 0.5, 0.5));
  });

  it('propagate NaN in the input rather than treating it as zero', () => {
    const k = loadWasmKernelsSync({ minWork: 0 });
    if (!k) throw new Error('wasm kernels failed to load');
    const p = problem(4, 2, 8, 8, 0, 0);
    p.x[3] = NaN; // row 0
    const y = new Float32Array(16);
    k.forward(p.x, p.w, p.b, y, 2, 8, 8);
    expect(Array.from(y.subarray(0, 8)).every(Number.isNaN)).toBe(true);
    expect(Array.from(y.subarray(8)).some(Number.isNaN)).toBe(false);
  });
});
