import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { BCEWithLogitsLoss } from '../../../src/lib/engine/losses/bce';
import { ShapeError, tensor } from '../../../src/lib/engine/tensor';
import { Random } from '../../../src/lib/engine/rng';
import { maxRelError, numericGradient } from './numeric-grad';

/** −y log σ(z) − (1−y) log(1−σ(z)), the naive way in float64 (fine for small z). */
function naiveBCE(z: number[], y: number[]): number {
  let total = 0;
  z.forEach((zi, i) => {
    const p = 1 / (1 + Math.exp(-zi));
    total += -y[i] * Math.log(p) - (1 - y[i]) * Math.log(1 - p);
  });
  return total / z.length;
}

describe('BCEWithLogitsLoss', () => {
  it('matches the textbook formula on moderate logits, for [N, 1] and [N]', () => {
    const z = [0.3, -2, 4, 0];
    const y = [1, 0, 0, 1];
    const expected = naiveBCE(z, y);
    expect(new BCEWithLogitsLoss().forward(tensor(z, [4, 1]), tensor(y, [4]))).toBeCloseTo(expected, 6);
    expect(new BCEWithLogitsLoss().forward(tensor(z, [4]), tensor(y, [4, 1]))).toBeCloseTo(expected, 6);
  });

  it('gradient agrees with finite differences (property, including soft targets)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 0, max: 2 ** 31 }), (n, seed) => {
        const rng = new Random(seed);
        const x = tensor(
          Array.from({ length: n }, () => rng.uniform(-30, 30)),
          [n, 1]
        );
        const y = tensor(
          Array.from({ length: n }, (_, i) => (i % 3 === 2 ? rng.next() : rng.int(2))),
          [n]
        );
        const bce = new BCEWithLogitsLoss();
        bce.forward(x, y);
        const analytic = Float64Array.from(bce.backward().data);
        const numeric = numericGradient((t) => new BCEWithLogitsLoss().forward(t, y), x);
        return maxRelError(analytic, numeric) < 1e-4;
      }),
      { numRuns: 50 }
    );
  });

  it('stays finite and correct with extreme logits (±1e4)', () => {
    const x = tensor([1e4, -1e4, 1e4, -1e4], [4, 1]);
    const y = tensor([1, 0, 0, 1], [4]);
    const bce = new BCEWithLogitsLoss();
    // Two confident right answers (loss 0) and two confident wrong ones (loss 1e4 each).
    expect(bce.forward(x, y)).toBeCloseTo((0 + 0 + 1e4 + 1e4) / 4, 6);
    const g = Array.from(bce.backward().data);
    expect(g).toEqual([0, 0, 1 / 4, -1 / 4]);
    const numeric = numericGradient((t) => new BCEWithLogitsLoss().forward(t, y), x, 1e-2);
    expect(maxRelError(g, numeric)).toBeLessThan(1e-4);
  });

  it('reuses its gradient buffer', () => {
    const bce = new BCEWithLogitsLoss();
    bce.forward(tensor([1, 2], [2, 1]), tensor([0, 1], [2]));
    const a = bce.backward().data;
    bce.forward(tensor([-1, -2], [2, 1]), tensor([0, 1], [2]));
    expect(bce.backward().data).toBe(a);
    expect(a[1]).toBeLessThan(0);
  });

  it('counts z > 0 as class 1', () => {
    const bce = new BCEWithLogitsLoss();
    expect(bce.correct(tensor([2, -1, 0, 0.5], [4, 1]), tensor([1, 0, 1, 0], [4]))).toBe(2);
  });

  it('rejects bad targets with a clear error', () => {
    const bce = new BCEWithLogitsLoss();
    const x = tensor([0, 0, 0], [3, 1]);
    expect(() => bce.forward(x, tensor([0, 2, 1], [3]))).toThrow(RangeError);
    expect(() => bce.forward(x, tensor([0, 2, 1], [3]))).toThrow(/row 1 is 2/);
    expect(() => bce.forward(x, tensor([0, NaN, 1], [3]))).toThrow(/row 1 is NaN/);
    expect(() => bce.forward(x, tensor([0, 1], [2]))).toThrow(ShapeError);
    expect(() => bce.forward(tensor([0, 0, 0, 0], [2, 2]), tensor([0, 1], [2]))).toThrow(/one logit per example/);
  });
});
