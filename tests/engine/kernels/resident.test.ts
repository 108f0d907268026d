// Operands that live in wasm memory (FloatStores from `allocate`: parameters, gradients, optimiser
// state) are used in place by the wasm kernels. They must give bit for bit what the same kernels
// give on plain arrays (which kernels.test.ts checks against float64), survive the memory growing
// under them, and keep working with the JS kernels; a network trained on them takes the same steps.
import { describe, expect, it } from 'vitest';
import { jsKernels, useKernels } from '../../../src/lib/engine/kernels/index';
import type { FloatStore, LinearKernels } from '../../../src/lib/engine/kernels/types';
import { loadWasmKernelsSync } from '../../../src/lib/engine/kernels/wasm';
import { mlp } from '../../../src/lib/engine/models';
import { SGD } from '../../../src/lib/engine/optim/sgd';
import { Random } from '../../../src/lib/engine/rng';
import { tensor } from '../../../src/lib/engine/tensor';

function filled(rng: Random, a: Float32Array, zeroFrac = 0): Float32Array {
  for (let i = 0; i < a.length; i++) a[i] = rng.next() < zeroFrac ? 0 : rng.normal();
  return a;
}

/** A fresh wasm instance (so memory growth in one test does not depend on another). */
function wasm(): LinearKernels {
  const k = loadWasmKernelsSync({ minWork: 0 });
  if (!k?.allocate) throw new Error('wasm kernels failed to load');
  return k;
}

/** `len` floats resident in `k`'s memory, filled from `seed`. */
function resident(k: LinearKernels, len: number, seed: number, zeroFrac = 0): FloatStore {
  const s = k.allocate!(len);
  filled(new Random(seed), s.array, zeroFrac);
  return s;
}

describe('resident operands of the wasm kernels', () => {
  // outF or inF = 128 pads the stride of B (a copy is needed); 100 and 37 do not.
  it.each([
    [7, 37, 100],
    [20, 128, 64],
    [16, 100, 128]
  ])('give the same bits as plain arrays: n=%i in=%i out=%i', (n, inF, outF) => {
    const k = wasm();
    const x = resident(k, n * inF, 1, 0.6);
    const w = resident(k, outF * inF, 2);
    const b = resident(k, outF, 3);
    const gy = resident(k, n * outF, 4, 0.5);
    const gw = resident(k, outF * inF, 5);
    const gb = resident(k, outF, 6);
    const plain = (s: FloatStore): Float32Array => s.array.slice();
    const [px, pw, pb, pgy, pgw, pgb] = [x, w, b, gy, gw, gb].map(plain);

    const y = k.allocate!(n * outF);
    const py = new Float32Array(n * outF);
    k.forward(x.array, w.array, b.array, y.array, n, inF, outF);
    k.forward(px, pw, pb, py, n, inF, outF);
    expect(y.array).toEqual(py);

    const gx = k.allocate!(n * inF);
    const pgx = new Float32Array(n * inF);
    k.backwardInput(gy.array, w.array, gx.array, n, inF, outF);
    k.backwardInput(pgy, pw, pgx, n, inF, outF);
    expect(gx.array).toEqual(pgx);

    k.backwardParams(gy.array, x.array, gw.array, gb.array, n, inF, outF);
    k.backwardParams(pgy, px, pgw, pgb, n, inF, outF);
    expect(gw.array).toEqual(pgw);
    expect(gb.array).toEqual(pgb);

    const c = resident(k, n * outF, 7);
    const pc = c.array.slice();
    k.matmul(x.array, pw, c.array, n, inF, outF); // a resident A with a plain B
    k.matmul(px, pw, pc, n, inF, outF);
    expect(c.array).toEqual(pc);

    const v = resident(k, outF * inF, 8);
    const pv = v.array.slice();
    k.sgdMomentum!(w.array, gw.array, v.array, outF * inF, 0.05, 0.9, 1e-3); // all three in place
    k.sgdMomentum!(pw, pgw, pv, outF * inF, 0.05, 0.9, 1e-3);
    expect(w.array).toEqual(pw);
    expect(v.array).toEqual(pv);
    // the JS kernels take resident arrays as they are
    jsKernels.forward(x.array, w.array, b.array, y.array, n, inF, outF);
    jsKernels.forward(px, pw, pb, py, n, inF, outF);
    expect(y.array).toEqual(py);
  });

  it('start at zero even where earlier calls left scratch values', () => {
    const k = wasm();
    const a = filled(new Random(1), new Float32Array(64 * 300));
    k.matmul(a, a.subarray(0, 300 * 300), new Float32Array(64 * 300), 64, 300, 300);
    expect(k.allocate!(5000).array.every((v) => v === 0)).toBe(true);
  });

  it('keep their values when a call grows the memory, and the kernels use them after', () => {
    const k = wasm();
    const w = resident(k, 300 * 200, 2);
    const before = w.array;
    const copy = before.slice();
    // a big product needs far more scratch than the memory has: it grows (detaching `before`)
    const n = 400;
    const x = filled(new Random(3), new Float32Array(n * 200));
    const y = new Float32Array(n * 300);
    const b = new Float32Array(300);
    k.forward(x, w.array, b, y, n, 200, 300);
    expect(before.length).toBe(0); // the old view is detached…
    expect(w.array).toEqual(copy); // …and the store hands out a new one with the same values
    const y2 = new Float32Array(n * 300);
    k.forward(x, copy, b, y2, n, 200, 300);
    expect(y).toEqual(y2);
  });

  it('grow the memory mid-call without losing a resident output', () => {
    const k = wasm();
    const gb = resident(k, 300, 1);
    const gw = resident(k, 300 * 200, 2);
    const pgb = gb.array.slice();
    const pgw = gw.array.slice();
    const before = gw.array;
    const n = 500;
    const gy = filled(new Random(3), new Float32Array(n * 300));
    const x = filled(new Random(4), new Float32Array(n * 200));
    k.backwardParams(gy, x, gw.array, gb.array, n, 200, 300); // grows: gw and gb move to new views
    k.backwardParams(gy, x, pgw, pgb, n, 200, 300);
    expect(before.length).toBe(0);
    expect(gw.array).toEqual(pgw);
    expect(gb.array).toEqual(pgb);
  });
});

describe('a network on resident parameters', () => {
  it('trains bit for bit as on plain arrays', () => {
    const train = (residentParams: boolean): Float32Array[] => {
      const k = wasm();
      if (residentParams) useKernels(k);
      const model = mlp({ inputs: 784, hidden: [256, 256], outputs: 10, activation: 'relu', init: new Random(1) });
      const opt = new SGD(model.parameters(), { lr: 0.05, momentum: 0.9 });
      useKernels(k); // plain: the parameters were made under the JS kernels
      const rng = new Random(2);
      const x = tensor(filled(rng, new Float32Array(64 * 784), 0.8), [64, 784]);
      for (let s = 0; s < 3; s++) {
        opt.zeroGrad();
        const out = model.forward(x);
        const g = tensor(filled(rng, new Float32Array(out.data.length)), out.shape);
        model.backward(g);
        opt.step();
      }
      useKernels(jsKernels);
      const params = model.parameters();
      // resident parameters share the one wasm memory; plain ones each have their own buffer
      expect(params[0].data.buffer === params[2].data.buffer).toBe(residentParams);
      return params.map((p) => p.data.slice());
    };
    const a = train(true);
    const b = train(false);
    expect(a.length).toBe(b.length);
    a.forEach((p, i) => expect(p).toEqual(b[i]));
  });
});
