// The SGD-with-momentum kernel (TypeScript and WebAssembly SIMD) against a float64 reference, on
// lengths that are and are not multiples of 4, below and above the size where wasm takes over,
// with and without weight decay; and SGD itself giving the same steps on either kernels.
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { jsKernels, useKernels, VELOCITY_FLOOR } from '../../../src/lib/engine/kernels/index';
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

describe.each([
  ['js', jsKernels],
  ['wasm', wasm]
] as const)('%s sgdMomentum floors tiny velocities', (_label, k) => {
  // 300 values: above the size where the wasm kernels take the step over from JS.
  const n = 300;

  it('stores a velocity below 2⁻¹⁰⁰ as 0, keeps one above it and keeps NaN', () => {
    if (!k?.sgdMomentum) throw new Error('no sgdMomentum kernel');
    const w = new Float32Array(n).fill(1);
    const g = new Float32Array(n);
    const v = new Float32Array(n);
    v[0] = 2 ** -99; // 0.9 of it is still above the floor
    v[1] = 2 ** -100; // 0.9 of it is below
    v[2] = -(2 ** -100);
    v[3] = NaN;
    v[4] = 0.5;
    k.sgdMomentum(w, g, v, n, 0.1, 0.9, 0);
    expect(Math.abs(v[0] / (0.9 * 2 ** -99) - 1)).toBeLessThan(1e-6);
    expect(v[0]).toBeGreaterThan(VELOCITY_FLOOR);
    expect(Object.is(v[1], 0)).toBe(true);
    expect(Object.is(v[2], 0)).toBe(true);
    expect(v[3]).toBeNaN();
    expect(v[4]).toBeCloseTo(0.45, 6);
    expect(w[0]).toBe(1); // a velocity this small moves no weight of size 1
    expect(w[4]).toBeCloseTo(1 - 0.1 * 0.45, 6);
  });

  it('lets the velocity of a weight whose gradient stays zero reach 0 without ever going subnormal', () => {
    if (!k?.sgdMomentum) throw new Error('no sgdMomentum kernel');
    const w = new Float32Array(n).fill(0.25);
    const g = new Float32Array(n);
    const v = new Float32Array(n).fill(1e-3);
    const smallestNormal = 2 ** -126;
    let steps = 0;
    while (v[0] !== 0 && steps < 2000) {
      k.sgdMomentum(w, g, v, n, 0.01, 0.9, 0);
      expect(v[0] === 0 || Math.abs(v[0]) >= smallestNormal).toBe(true);
      steps++;
    }
    expect(v[0]).toBe(0);
    expect(steps).toBeLessThan(700); // 0.9ˢ·1e-3 < 2⁻¹⁰⁰ after about 590 steps
  });
});

describe('Nesterov SGD floors tiny velocities too', () => {
  it('stores a velocity below 2⁻¹⁰⁰ as 0', () => {
    const p: Parameter = { name: 'w', data: Float32Array.of(1, 1), grad: new Float32Array(2), shape: [2] };
    const opt = new SGD([p], { lr: 0.1, momentum: 0.9, nesterov: true });
    p.grad.set([2 ** -100, 1]);
    opt.step(); // v = g
    p.grad.set([0, 0]);
    opt.step(); // v = 0.9·2⁻¹⁰⁰: below the floor
    const v = (opt as unknown as { velocity: { array: Float32Array }[] }).velocity[0].array;
    expect(Object.is(v[0], 0)).toBe(true);
    expect(v[1]).toBeCloseTo(0.9, 6);
  });
});

describe.each([
  ['js', jsKernels],
  ['wasm', wasm]
] as const)('%s adam floors a tiny first moment', (_label, k) => {
  it('stores an m below 2⁻¹⁰⁰ as 0 and leaves the weight where it was', () => {
    if (!k?.adam) throw new Error('no adam kernel');
    const n = 300;
    const w = new Float32Array(n).fill(0.5);
    const g = new Float32Array(n);
    const m = new Float32Array(n);
    const v = new Float32Array(n).fill(1e-6);
    m[0] = 2 ** -100; // 0.9 of it is below the floor
    m[1] = 2 ** -90;
    m[2] = NaN;
    k.adam(w, g, m, v, n, { b1: 0.9, b2: 0.999, weightDecay: 0, stepSize: 1e-3, sqrtBc2: 1, eps: 1e-8 });
    expect(Object.is(m[0], 0)).toBe(true);
    expect(m[1]).toBeGreaterThan(VELOCITY_FLOOR);
    expect(m[2]).toBeNaN();
    expect(w[0]).toBe(0.5);
    expect(w[1]).toBe(0.5); // too small to move it either
  });
});
