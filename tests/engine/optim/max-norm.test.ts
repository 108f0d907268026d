import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { applyMaxNorm, applyMaxNormAll } from '../../../src/lib/engine/optim/max-norm';
import { param } from './helpers';

function rowNorm(data: Float32Array, row: number, len: number): number {
  let s = 0;
  for (let i = row * len; i < (row + 1) * len; i++) s += data[i] * data[i];
  return Math.sqrt(s);
}

describe('applyMaxNorm', () => {
  it('leaves short rows bit-for-bit alone and scales long rows to norm c, same direction', () => {
    // Rows: norm 5 (long), norm 1 (short), norm exactly 3 (on the boundary: untouched).
    const w = param([3, 4, 0, 0.6, 0.8, 0, 0, 0, 3], 'weight', [3, 3]);
    const before = Float32Array.from(w.data);
    expect(applyMaxNorm(w, 3)).toBe(1);
    expect(rowNorm(w.data, 0, 3)).toBeCloseTo(3, 6);
    expect(w.data[0] / w.data[1]).toBeCloseTo(3 / 4, 6);
    expect(Array.from(w.data.subarray(3))).toEqual(Array.from(before.subarray(3)));
  });

  it('holds for random matrices (property): every row ends ≤ c, short rows unchanged', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 6 }),
        fc.double({ min: 0.1, max: 5, noNaN: true }),
        fc.array(fc.float({ min: -4, max: 4, noNaN: true }), { minLength: 36, maxLength: 36 }),
        (rows, cols, c, pool) => {
          const w = param(pool.slice(0, rows * cols), 'weight', [rows, cols]);
          const before = Float32Array.from(w.data);
          applyMaxNorm(w, c);
          for (let r = 0; r < rows; r++) {
            const was = rowNorm(before, r, cols);
            const now = rowNorm(w.data, r, cols);
            if (was <= c) {
              for (let i = r * cols; i < (r + 1) * cols; i++) if (!Object.is(w.data[i], before[i])) return false;
            } else if (Math.abs(now - c) > 1e-5 * c) return false;
          }
          return true;
        }
      ),
      { numRuns: 200 }
    );
  });

  it('constrains rows (units), not columns', () => {
    // One long row [out=1, in=4] of norm 8 and c = 4: halved. A column view would see norm 2..4.
    const w = param([4, 4, 4, 4], 'weight', [1, 4]);
    applyMaxNorm(w, 4);
    expect(Array.from(w.data)).toEqual([2, 2, 2, 2]);
  });

  it('applyMaxNormAll skips biases', () => {
    const w = param([30, 40], 'weight', [1, 2]);
    const b = param([100], 'bias', [1]);
    expect(applyMaxNormAll([w, b], 5)).toBe(1);
    expect(Array.from(w.data)).toEqual([3, 4]);
    expect(b.data[0]).toBe(100);
  });

  it('rejects a bad c or a non-matrix', () => {
    const w = param([1, 2], 'weight', [1, 2]);
    expect(() => applyMaxNorm(w, 0)).toThrow(/got 0/);
    expect(() => applyMaxNorm(w, NaN)).toThrow(RangeError);
    expect(() => applyMaxNorm(param([1, 2], 'bias', [2]), 3)).toThrow(/bias/);
  });
});
