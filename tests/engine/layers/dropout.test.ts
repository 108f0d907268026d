/**
 * Dropout's statistics and contracts. Statistical bounds are 5 standard deviations on ≥ 10^5
 * elements, with fixed seeds: a correct layer fails them with probability < 1e-6, while a
 * wrong p, a missing or doubled scale, or a shared mask misses them by far more.
 */
import { describe, expect, it } from 'vitest';
import { Dropout } from '../../../src/lib/engine/layers';
import { Random } from '../../../src/lib/engine/rng';
import { tensor, type Tensor } from '../../../src/lib/engine/tensor';

const N = 400;
const F = 250; // N·F = 10^5 elements

function uniformInput(rows: number, cols: number, seed: number, lo = -2, hi = 2): Tensor {
  const r = new Random(seed);
  const a = new Float32Array(rows * cols);
  for (let i = 0; i < a.length; i++) a[i] = r.uniform(lo, hi);
  return tensor(a, [rows, cols]);
}

const zeroCount = (a: ArrayLike<number>) => {
  let z = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === 0) z++;
  return z;
};

/** How many positions differ (one assertion instead of 10^5: much faster, same strength). */
const countDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let d = Math.abs(a.length - b.length);
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (!Object.is(a[i], b[i])) d++;
  return d;
};

describe.each([0.1, 0.5, 0.9])('Dropout(p = %s) statistics', (p) => {
  // Inputs in [0.5, 2]: never 0, so every zero in the output was dropped.
  const x = uniformInput(N, F, 11, 0.5, 2);
  const n = N * F;

  it('zeroes a fraction p of the elements (5σ binomial bound), and lastMask says which', () => {
    const d = new Dropout(p, { rng: new Random(1) });
    const y = d.forward(x);
    const dropped = zeroCount(y.data);
    expect(Math.abs(dropped / n - p)).toBeLessThan(5 * Math.sqrt((p * (1 - p)) / n));
    expect(d.lastMask!.length).toBe(n);
    expect(zeroCount(d.lastMask!)).toBe(dropped);
    let disagree = 0;
    for (let i = 0; i < n; i++) if ((d.lastMask![i] === 0) !== (y.data[i] === 0)) disagree++;
    expect(disagree).toBe(0);
  });

  it('inverted: survivors are x/(1−p), and the mean is preserved within 5σ', () => {
    const d = new Dropout(p, { rng: new Random(2) });
    const y = d.forward(x).data;
    let sumX = 0;
    let sumY = 0;
    let sumX2 = 0;
    let wrongScale = 0;
    for (let i = 0; i < n; i++) {
      if (y[i] !== 0 && y[i] !== Math.fround(x.data[i] * (1 / (1 - p)))) wrongScale++;
      sumX += x.data[i];
      sumY += y[i];
      sumX2 += x.data[i] ** 2;
    }
    expect(wrongScale).toBe(0);
    // Var(y_i) = x_i² · p/(1−p), independent elements.
    const sd = Math.sqrt((sumX2 * p) / (1 - p)) / n;
    expect(Math.abs(sumY / n - sumX / n)).toBeLessThan(5 * sd);
  });

  it('classic: survivors unscaled in training, everything × (1−p) in eval', () => {
    const d = new Dropout(p, { mode: 'classic', rng: new Random(3) });
    const y = d.forward(x).data;
    let kept = 0;
    let scaled = 0;
    for (let i = 0; i < n; i++) {
      if (y[i] !== 0) {
        kept++;
        if (y[i] !== x.data[i]) scaled++;
      }
    }
    expect(scaled).toBe(0);
    expect(Math.abs(kept / n - (1 - p))).toBeLessThan(5 * Math.sqrt((p * (1 - p)) / n));
    d.eval();
    const e = d.forward(x).data;
    let wrong = 0;
    for (let i = 0; i < n; i++) if (e[i] !== Math.fround(x.data[i] * (1 - p))) wrong++;
    expect(wrong).toBe(0);
    expect(d.lastMask).toBeNull();
  });

  it('eval (inverted) is the identity and deterministic; backward passes the gradient through', () => {
    const d = new Dropout(p).eval();
    const a = Float32Array.from(d.forward(x).data);
    const b = d.forward(x).data;
    expect(countDiff(a, x.data)).toBe(0);
    expect(countDiff(b, a)).toBe(0);
    expect(d.lastMask).toBeNull();
    const g = uniformInput(N, F, 4);
    expect(countDiff(d.backward(g).data, g.data)).toBe(0);
  });
});

describe('Dropout masks', () => {
  it('draws a fresh mask for every example (rows differ) and every call', () => {
    const d = new Dropout(0.5, { rng: new Random(5) });
    const x = uniformInput(20, 64, 1, 1, 2);
    d.forward(x);
    const first = Uint8Array.from(d.lastMask!);
    for (let r = 1; r < 20; r++) {
      const prev = first.subarray((r - 1) * 64, r * 64).join('');
      expect(first.subarray(r * 64, (r + 1) * 64).join('')).not.toBe(prev);
    }
    d.forward(x);
    expect(d.lastMask!.join('')).not.toBe(first.join(''));
  });

  it('is reproducible: identical seeds give identical masks and outputs', () => {
    const x = uniformInput(30, 40, 2);
    const a = new Dropout(0.3, { rng: new Random(77) });
    const b = new Dropout(0.3, { rng: new Random(77) });
    for (let k = 0; k < 3; k++) {
      expect(Array.from(b.forward(x).data)).toEqual(Array.from(a.forward(x).data));
      expect(Array.from(b.lastMask!)).toEqual(Array.from(a.lastMask!));
    }
    const c = new Dropout(0.3, { rng: new Random(78) });
    c.forward(x);
    expect(Array.from(c.lastMask!)).not.toEqual(Array.from(a.lastMask!));
  });

  it('backward uses the forward mask and scale', () => {
    const d = new Dropout(0.4, { rng: new Random(6) });
    const x = uniformInput(10, 12, 3);
    d.forward(x);
    const g = uniformInput(10, 12, 4);
    const gx = d.backward(g).data;
    for (let i = 0; i < gx.length; i++) {
      expect(gx[i]).toBe(d.lastMask![i] === 1 ? Math.fround(g.data[i] * (1 / 0.6)) : 0);
    }
  });

  it('works on any shape, elementwise', () => {
    const d = new Dropout(0.5, { rng: new Random(8) });
    const x = tensor(
      Array.from({ length: 2 * 3 * 4 * 5 }, (_, i) => i + 1),
      [2, 3, 4, 5]
    );
    const y = d.forward(x);
    expect(y.shape).toEqual([2, 3, 4, 5]);
    expect(d.lastMask!.length).toBe(120);
    const dropped = zeroCount(y.data);
    expect(dropped).toBeGreaterThan(20);
    expect(dropped).toBeLessThan(100);
  });
});

describe('Dropout edge cases', () => {
  const hostile = tensor([-3, -0.5, 0, 1e30, -1e30, 7, -Number.MAX_VALUE, 2], [2, 4]);

  it('p = 1 gives exact zeros (no −0, no NaN) and zero gradients: training, and classic eval', () => {
    for (const [mode, training] of [
      ['inverted', true],
      ['classic', true],
      ['classic', false]
    ] as const) {
      const d = new Dropout(1, { mode }).train(training);
      const y = d.forward(hostile).data;
      const g = d.backward(tensor([1, 2, 3, 4, 5, 6, 7, 8], [2, 4])).data;
      for (let i = 0; i < 8; i++) {
        expect(Object.is(y[i], 0), `${mode} ${training} y[${i}] = ${y[i]}`).toBe(true);
        expect(Object.is(g[i], 0)).toBe(true);
      }
    }
  });

  it('backward gives dropped units exactly 0 even for a NaN or ∞ gradient, and kept ones g / (1 − p)', () => {
    for (const mode of ['inverted', 'classic'] as const) {
      const d = new Dropout(0.5, { mode, rng: new Random(11) }).train();
      d.forward(uniformInput(4, 50, 2));
      const mask = d.lastMask as Uint8Array;
      const gy = Float32Array.from({ length: 200 }, (_, i) => [NaN, Infinity, -Infinity, -0.75, 3][i % 5]);
      const g = d.backward(tensor(gy, [4, 50])).data;
      const scale = mode === 'inverted' ? 2 : 1;
      for (let i = 0; i < 200; i++) {
        if (mask[i] === 0) expect(Object.is(g[i], 0), `${mode} dropped g[${i}] = ${g[i]}`).toBe(true);
        else expect(Object.is(g[i], gy[i] * scale), `${mode} kept g[${i}]`).toBe(true);
      }
      expect(mask.includes(0) && mask.includes(1)).toBe(true);
    }
  });

  it('p = 1 in inverted eval mode is still the identity (scaling happened in training), as in PyTorch', () => {
    const d = new Dropout(1).eval();
    expect(Array.from(d.forward(hostile).data)).toEqual(Array.from(hostile.data));
  });

  it('p = 0 is the identity in training and eval, for both modes', () => {
    for (const mode of ['inverted', 'classic'] as const) {
      const d = new Dropout(0, { mode });
      for (const training of [true, false]) {
        d.train(training);
        expect(Array.from(d.forward(hostile).data)).toEqual(Array.from(hostile.data));
        expect(d.lastMask).toBeNull();
      }
    }
  });

  it('finite inputs never give NaN or Infinity at p close to 1', () => {
    const d = new Dropout(0.9999, { rng: new Random(1) });
    const x = uniformInput(100, 1000, 5, -3e34, 3e34); // survivors × 10^4 stay below float32's max
    const y = d.forward(x).data;
    expect(y.some((v) => v !== 0)).toBe(true); // ~10 of 10^5 survive
    expect(y.every((v) => Number.isFinite(v))).toBe(true);
  });

  it.each([
    [-0.1, '-0.1'],
    [1.5, '1.5'],
    [NaN, 'NaN'],
    [Infinity, 'Infinity'],
    ['0.5', '"0.5"']
  ])('rejects p = %s with a RangeError naming the value', (bad, shown) => {
    const expected = `Dropout p must be in [0, 1], got ${shown}`;
    expect(() => new Dropout(bad as number)).toThrow(RangeError);
    expect(() => new Dropout(bad as number)).toThrow(expected);
    const d = new Dropout(0.5);
    expect(() => (d.p = bad as number)).toThrow(expected);
    expect(d.p).toBe(0.5); // a rejected value leaves p unchanged
  });

  it('p is settable and takes effect on the next forward', () => {
    const d = new Dropout(0.1, { rng: new Random(3) });
    d.p = 0.9;
    expect(d.p).toBe(0.9);
    expect(String(d)).toBe('Dropout(p=0.9)');
    const y = d.forward(uniformInput(100, 100, 1, 1, 2)).data;
    expect(zeroCount(y)).toBeGreaterThan(8500);
  });

  it('rejects an unknown mode and names it; toString shows classic', () => {
    expect(() => new Dropout(0.5, { mode: 'sideways' as 'classic' })).toThrow(/mode.*sideways/);
    expect(String(new Dropout(0.25, { mode: 'classic' }))).toBe('Dropout(p=0.25, mode=classic)');
    const d = new Dropout(0.5);
    d.mode = 'classic';
    expect(d.mode).toBe('classic');
  });

  it('backward before forward, or with the wrong size, throws', () => {
    expect(() => new Dropout(0.5).backward(tensor([1], [1, 1]))).toThrow(/before forward/);
    const d = new Dropout(0.5);
    d.forward(tensor([1, 2, 3, 4], [2, 2]));
    expect(() => d.backward(tensor([1, 2], [1, 2]))).toThrow(/expects 4 values/);
  });
});

describe('Dropout.forceMask', () => {
  const x = uniformInput(6, 5, 9, 0.5, 2);

  it('drops exactly the given features in every example, in train and eval mode', () => {
    const d = new Dropout(0.5);
    d.forceMask([3, 1]);
    expect(d.forcedMask).toEqual([1, 3]);
    for (const training of [true, false]) {
      d.train(training);
      const y = d.forward(x).data;
      for (let r = 0; r < 6; r++) {
        for (let f = 0; f < 5; f++) {
          const i = r * 5 + f;
          const dropped = f === 1 || f === 3;
          expect(y[i]).toBe(dropped ? 0 : x.data[i]); // default scale 1: just zeroing
          expect(d.lastMask![i]).toBe(dropped ? 0 : 1);
        }
      }
    }
  });

  it('multiplies survivors by scale, in forward and backward', () => {
    const d = new Dropout(0.5).eval();
    d.forceMask([0], { scale: 5 / 4 });
    const y = d.forward(x).data;
    const g = d.backward(tensor(new Array(30).fill(1), [6, 5])).data;
    for (let i = 0; i < 30; i++) {
      expect(y[i]).toBe(i % 5 === 0 ? 0 : Math.fround(x.data[i] * 1.25));
      expect(g[i]).toBe(i % 5 === 0 ? 0 : 1.25);
    }
  });

  it('forceMask(null) returns to sampling (train) and identity (eval)', () => {
    const d = new Dropout(0.5, { rng: new Random(4) });
    d.forceMask([0, 1, 2, 3, 4]);
    expect(zeroCount(d.forward(x).data)).toBe(30);
    d.forceMask(null);
    expect(d.forcedMask).toBeNull();
    const dropped = zeroCount(d.forward(x).data);
    expect(dropped).toBeGreaterThan(0);
    expect(dropped).toBeLessThan(30);
    d.eval();
    expect(Array.from(d.forward(x).data)).toEqual(Array.from(x.data));
  });

  it('an empty set drops nothing; the forced path draws no random numbers', () => {
    const rng = new Random(12);
    const d = new Dropout(0.5, { rng });
    d.forceMask([]);
    expect(Array.from(d.forward(x).data)).toEqual(Array.from(x.data));
    expect(rng.nextUint32()).toBe(new Random(12).nextUint32());
  });

  it('rejects bad indices and scales, and features beyond the input', () => {
    const d = new Dropout(0.5);
    expect(() => d.forceMask([1.5])).toThrow(/whole numbers.*1\.5/);
    expect(() => d.forceMask([-1])).toThrow(RangeError);
    expect(() => d.forceMask([0], { scale: NaN })).toThrow(/scale.*NaN/);
    d.forceMask([5]);
    expect(() => d.forward(x)).toThrow(/feature 5 does not exist.*5 features/);
  });
});
