import { describe, expect, it } from 'vitest';
import { Dropout2d } from '../../../src/lib/engine/layers';
import { Random } from '../../../src/lib/engine/rng';
import { ShapeError, tensor, type Tensor } from '../../../src/lib/engine/tensor';

/** An [N, C, ...spatial] input with values in [0.5, 2] (never 0, so zeros mean "dropped"). */
function positive(shape: number[], seed: number): Tensor {
  const r = new Random(seed);
  const n = shape.reduce((a, b) => a * b, 1);
  return tensor(
    Array.from({ length: n }, () => r.uniform(0.5, 2)),
    shape
  );
}

describe.each([0.1, 0.5, 0.9])('Dropout2d(p = %s)', (p) => {
  it('zeroes whole channels at rate p (5σ on 10^5 channels), scales kept ones by 1/(1−p)', () => {
    const [n, c, h, w] = [500, 200, 2, 2];
    const x = positive([n, c, h, w], 1);
    const d = new Dropout2d(p, { rng: new Random(2) });
    const y = d.forward(x).data;
    const mask = d.lastMask!;
    expect(mask.length).toBe(n * c);
    let dropped = 0;
    let bad = 0;
    for (let k = 0; k < n * c; k++) {
      if (mask[k] === 0) dropped++;
      for (let i = k * h * w; i < (k + 1) * h * w; i++) {
        const want = mask[k] === 1 ? Math.fround(x.data[i] * (1 / (1 - p))) : 0;
        if (y[i] !== want) bad++;
      }
    }
    expect(bad).toBe(0); // every element of a dropped channel is 0; kept ones exactly scaled
    expect(Math.abs(dropped / (n * c) - p)).toBeLessThan(5 * Math.sqrt((p * (1 - p)) / (n * c)));
  });
});

describe('Dropout2d', () => {
  it('draws a new channel mask per example and per call; identical seeds agree', () => {
    const x = positive([8, 64, 3], 3);
    const d = new Dropout2d(0.5, { rng: new Random(4) });
    d.forward(x);
    const first = Uint8Array.from(d.lastMask!);
    for (let e = 1; e < 8; e++) {
      expect(first.subarray(e * 64, (e + 1) * 64).join('')).not.toBe(first.subarray((e - 1) * 64, e * 64).join(''));
    }
    d.forward(x);
    expect(d.lastMask!.join('')).not.toBe(first.join(''));
    const twin = new Dropout2d(0.5, { rng: new Random(4) });
    twin.forward(x);
    expect(Array.from(twin.lastMask!)).toEqual(Array.from(first));
  });

  it('backward zeroes the same channels and scales the rest', () => {
    const d = new Dropout2d(0.5, { rng: new Random(5) });
    d.forward(positive([3, 4, 2, 2], 6));
    const g = d.backward(tensor(new Array(48).fill(1), [3, 4, 2, 2])).data;
    for (let i = 0; i < 48; i++) expect(g[i]).toBe(d.lastMask![Math.floor(i / 4)] === 1 ? 2 : 0);
  });

  it('is the identity in eval mode and at p = 0; p = 1 zeroes everything without NaN', () => {
    const x = positive([2, 3, 4], 7);
    const evalOut = new Dropout2d(0.5).eval().forward(x);
    expect(Array.from(evalOut.data)).toEqual(Array.from(x.data));
    expect(Array.from(new Dropout2d(0).forward(x).data)).toEqual(Array.from(x.data));
    const all = new Dropout2d(1);
    const y = all.forward(tensor([-1, 1e38, -1e38, 0, 5, -7], [1, 2, 3])).data;
    expect(Array.from(y).every((v) => Object.is(v, 0))).toBe(true);
    const g = all.backward(tensor([1, 2, 3, 4, 5, 6], [1, 2, 3])).data;
    expect(Array.from(g).every((v) => Object.is(v, 0))).toBe(true);
  });

  it('forceMask drops exactly the given channels in train and eval, with the scale', () => {
    const x = positive([2, 4, 3], 8);
    const d = new Dropout2d(0.5);
    d.forceMask([2], { scale: 4 / 3 });
    expect(d.forcedMask).toEqual([2]);
    for (const training of [true, false]) {
      d.train(training);
      const y = d.forward(x).data;
      for (let i = 0; i < 24; i++) {
        const channel = Math.floor(i / 3) % 4;
        expect(y[i]).toBe(channel === 2 ? 0 : Math.fround(x.data[i] * (4 / 3)));
      }
      expect(Array.from(d.lastMask!)).toEqual([1, 1, 0, 1, 1, 1, 0, 1]);
    }
    d.forceMask(null);
    expect(d.eval().forward(x)).toBe(x);
    expect(d.lastMask).toBeNull();
    d.forceMask([4]);
    expect(() => d.forward(x)).toThrow(/channel 4 does not exist/);
  });

  it('rejects rank < 3 with a ShapeError and bad p with a RangeError naming it', () => {
    expect(() => new Dropout2d(0.5).forward(tensor([1, 2, 3, 4], [2, 2]))).toThrow(ShapeError);
    expect(() => new Dropout2d(1.5)).toThrow('Dropout2d p must be in [0, 1], got 1.5');
    const d = new Dropout2d(0.2);
    expect(() => (d.p = NaN)).toThrow(/got NaN/);
    d.p = 0.7;
    expect(String(d)).toBe('Dropout2d(p=0.7)');
  });
});
