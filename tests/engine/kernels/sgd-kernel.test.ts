// The SGD-with-momentum kernel (TypeScript and WebAssembly SIMD) against a float64 reference, on
// lengths that are and are not multiples of 4, below and above the size where wasm takes over,
// with and without weight decay; and SGD itself giving the same steps on either kernels.
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { jsKernels, useKernels } from '../../../src/lib/engine/kernels/index';
import type { LinearKernels } from '../../../src/lib/engine/kernels/types';
import { loadWasmKernelsSync } from '../../../src/lib/engine/kernels/wasm';
import type { Parameter } from '../../../src/lib/engine/module';
import { SGD } from '../../../src/lib/engine/optim/sgd';
import { Random } from '../../../src/lib/engine/rng';

const wasm = loadWasmKernelsSync();
const PAD = 3;
const SENTINEL = 12345;

afterEach(() => useKernels(jsKernels));

function values(rng: Random, n: number): Float32Array {
  const a = new Float32Array(n + PAD).fill(SENTINEL);
  for (let i = 0; i < n; i++) a[i] = rng.next() < 0.1 ? 0 : rng.normal();
  return a;
}

/** Checks one step of `k` on n values against float64 arithmetic (each float32 op may round). */
function checkStep(k: LinearKernels, seed: number, n: number, lr: number, momentum: number, decay: number): void {
  const rng = new Random(seed);
  const w = values(rng, n);
  const g = values(rng, n);
  const v = values(rng, n);
  const w0 = Float64Array.from(w);
  const v0 = Float64Array.from(v);
  k.sgdMomentum?.(w, g, v, n, lr, momentum, decay);
  for (let i = 0; i < n; i++) {
    const vRef = momentum * v0[i] + g[i] + decay * w0[i];
    const vMag = Math.abs(momentum * v0[i]) + Math.abs(g[i]) + Math.abs(decay * w0[i]);
    const wRef = w0[i] - lr * vRef;
    const wMag = Math.abs(w0[i]) + lr * vMag;
    expect(Math.abs(v[i] - vRef), `${k.name} v[${i}] n=${n}`).toBeLessThanOrEqual(3e-7 * vMag + 1e-30);
    expect(Math.abs(w[i] - wRef), `${k.name} w[${i}] n=${n}`).toBeLessThanOrEqual(3e-7 * wMag + 1e-30);
  }
  for (const a of [w, g, v]) expect(Array.from(a.subarray(n))).toEqual(Array(PAD).fill(SENTINEL));
}

describe.each([
  ['js', jsKernels],
  ['wasm', wasm]
] as const)('%s sgdMomentum agrees with a float64 reference', (_label, k) => {
  it('defines the kernel', () => {
    expect(k?.sgdMomentum).toBeTypeOf('function');
  });

  it('on random lengths, rates, momenta and decays', () => {
    if (!k) throw new Error('wasm kernels failed to load');
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        fc.oneof(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 250, max: 700 })),
        fc.constantFrom(1e-3, 0.01, 0.5),
        fc.constantFrom(0, 0.5, 0.9, 0.99),
        fc.constantFrom(0, 1e-4, 0.1),
        (seed, n, lr, momentum, decay) => checkStep(k, seed, n, lr, momentum, decay)
      ),
      { numRuns: 60 }
    );
  });
});

describe('SGD on the wasm kernels', () => {
  it('takes the same steps as on the JS kernels, to float32 rounding', () => {
    if (!wasm) throw new Error('wasm kernels failed to load');
    const run = (k: LinearKernels): Float32Array => {
      useKernels(k);
      const rng = new Random(5);
      const p: Parameter = {
        name: 'weight',
        data: Float32Array.from({ length: 1001 }, () => rng.normal()),
        grad: new Float32Array(1001),
        shape: [1001]
      };
      const opt = new SGD([p], { lr: 0.05, momentum: 0.9, weightDecay: 1e-3 });
      for (let s = 0; s < 20; s++) {
        for (let i = 0; i < p.grad.length; i++) p.grad[i] = rng.normal();
        opt.step();
      }
      return p.data;
    };
    const a = run(jsKernels);
    const b = run(wasm);
    let worst = 0;
    for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
    expect(worst).toBeLessThan(1e-5);
    const start = new Random(5);
    const moved = Array.from(b).filter((x) => Math.abs(x - start.normal()) > 1e-3).length;
    expect(moved).toBeGreaterThan(900); // the 20 steps really moved the weights
  });
});
