import { describe, expect, it } from 'vitest';
import { MSELoss } from '../../../src/lib/engine/losses/mse';
import { isClassificationLoss } from '../../../src/lib/engine/losses/loss';
import { CrossEntropyLoss } from '../../../src/lib/engine/losses/cross-entropy';
import { ShapeError, tensor } from '../../../src/lib/engine/tensor';
import { Random } from '../../../src/lib/engine/rng';
import { maxRelError, numericGradient } from './numeric-grad';

describe('MSELoss', () => {
  it('is the mean of squared differences over every element', () => {
    const pred = [1, 2, 3, 4, 5, 6];
    const target = [1.5, 2, 2, 4, 8, 6];
    const expected = pred.reduce((s, p, i) => s + (p - target[i]) ** 2, 0) / pred.length;
    expect(new MSELoss().forward(tensor(pred, [3, 2]), tensor(target, [3, 2]))).toBeCloseTo(expected, 6);
  });

  it('gradient agrees with finite differences, also for large values', () => {
    const rng = new Random(3);
    for (const scale of [1, 1e4]) {
      const x = tensor(
        Array.from({ length: 12 }, () => rng.normal() * scale),
        [4, 3]
      );
      const y = tensor(
        Array.from({ length: 12 }, () => rng.normal() * scale),
        [4, 3]
      );
      const mse = new MSELoss();
      mse.forward(x, y);
      const numeric = numericGradient((t) => new MSELoss().forward(t, y), x);
      expect(maxRelError(Float64Array.from(mse.backward().data), numeric)).toBeLessThan(1e-4);
    }
  });

  it('reuses its gradient buffer', () => {
    const mse = new MSELoss();
    mse.forward(tensor([1, 2], [2, 1]), tensor([0, 0], [2, 1]));
    const a = mse.backward().data;
    mse.forward(tensor([3, 2], [2, 1]), tensor([0, 0], [2, 1]));
    expect(mse.backward().data).toBe(a);
    expect(a[0]).toBeCloseTo(3, 6); // 2·3 / 2
  });

  it('rejects mismatched shapes and non-finite targets', () => {
    const mse = new MSELoss();
    expect(() => mse.forward(tensor([1, 2], [2, 1]), tensor([1, 2], [2]))).toThrow(ShapeError);
    expect(() => mse.forward(tensor([1, 2], [2, 1]), tensor([1, 2], [1, 2]))).toThrow(/\[2, 1\].*\[1, 2\]/);
    expect(() => mse.forward(tensor([1, 2], [2]), tensor([1, Infinity], [2]))).toThrow(RangeError);
  });

  it('is not a classification loss; cross-entropy is', () => {
    expect(isClassificationLoss(new MSELoss())).toBe(false);
    expect(isClassificationLoss(new CrossEntropyLoss())).toBe(true);
  });
});
