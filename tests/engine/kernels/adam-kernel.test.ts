// The Adam step on the WebAssembly SIMD kernels must give exactly the bits of the JS loop (which
// tests/engine/optim/adam.test.ts checks against PyTorch's formula), on plain arrays and on arrays in
// wasm memory, for even and odd lengths, below and above the size where wasm takes over, with and
// without weight decay; and Adam must train the same on either kernels.
import { afterEach, describe, expect, it } from 'vitest';
import { jsKernels, useKernels, type AdamStep } from '../../../src/lib/engine/kernels/index';
import { loadWasmKernelsSync } from '../../../src/lib/engine/kernels/wasm';
import { createParameter } from '../../../src/lib/engine/module';
import { Adam } from '../../../src/lib/engine/optim/adam';
import { Random } from '../../../src/lib/engine/rng';

const wasm = loadWasmKernelsSync();
afterEach(() => useKernels(jsKernels));

function fill(a: Float32Array, rng: Random, scale: number, positive = false): Float32Array {
  for (let i = 0; i < a.length; i++) a[i] = (positive ? Math.abs(rng.normal()) : rng.normal()) * scale;
  return a;
}

const bits = (a: Float32Array): Int32Array => new Int32Array(a.slice().buffer);

describe('the Adam kernel', () => {
  it.each([
    [7, 0],
    [300, 0],
    [1001, 0.01],
    [4096, 0]
  ])('gives the JS bits for n = %i, weightDecay %f, plain and resident', (n, weightDecay) => {
    if (!wasm?.adam || !wasm.allocate) throw new Error('wasm kernels failed to load');
    const s: AdamStep = {
      b1: 0.9,
      b2: 0.999,
      weightDecay,
      eps: 1e-8,
      stepSize: 1e-3 / (1 - 0.9 ** 3),
      sqrtBc2: Math.sqrt(1 - 0.999 ** 3)
    };
    const rng = new Random(n);
    const init = [
      fill(new Float32Array(n), rng, 1),
      fill(new Float32Array(n), rng, 0.1),
      fill(new Float32Array(n), rng, 0.01),
      fill(new Float32Array(n), rng, 1e-4, true)
    ];
    const js = init.map((a) => a.slice());
    const plain = init.map((a) => a.slice());
    const resident = init.map((a) => {
      const store = wasm.allocate!(n);
      store.array.set(a);
      return store;
    });
    for (let step = 0; step < 3; step++) {
      jsKernels.adam(js[0], js[1], js[2], js[3], n, s);
      wasm.adam!(plain[0], plain[1], plain[2], plain[3], n, s);
      const [w, g, m, v] = resident.map((r) => r.array);
      wasm.adam!(w, g, m, v, n, s);
    }
    for (const i of [0, 2, 3]) {
      expect(bits(plain[i]), `plain array ${i}`).toEqual(bits(js[i]));
      expect(bits(resident[i].array), `resident array ${i}`).toEqual(bits(js[i]));
    }
    // and the JS loop is the float64 formula (checked for one value against a hand computation)
    const w0 = init[0][0],
      g0 = init[1][0] + weightDecay * init[0][0];
    const m1 = 0.9 * init[2][0] + 0.1 * g0;
    const v1 = 0.999 * init[3][0] + (1 - 0.999) * g0 * g0;
    const once = init.map((a) => a.slice());
    jsKernels.adam(once[0], once[1], once[2], once[3], n, s);
    expect(once[0][0]).toBe(Math.fround(w0 - (s.stepSize * m1) / (Math.sqrt(v1) / s.sqrtBc2 + s.eps)));
  });

  it('makes Adam train bit for bit the same on either kernels', () => {
    if (!wasm) throw new Error('wasm kernels failed to load');
    const run = (k: typeof jsKernels | NonNullable<typeof wasm>): Int32Array => {
      useKernels(k);
      const rng = new Random(5);
      const p = createParameter('weight', [33, 31]);
      fill(p.data, rng, 1);
      const opt = new Adam([p], { lr: 0.01, weightDecay: 1e-3 });
      for (let s = 0; s < 20; s++) {
        fill(p.grad, rng, 1);
        opt.step();
      }
      return bits(p.data);
    };
    const a = run(jsKernels);
    const b = run(wasm);
    expect(b).toEqual(a);
    const start = fill(new Float32Array(33 * 31), new Random(5), 1);
    const moved = new Float32Array(b.buffer).filter((x, i) => Math.abs(x - start[i]) > 1e-3).length;
    expect(moved).toBeGreaterThan(900); // the 20 steps really moved the weights
  });
});
