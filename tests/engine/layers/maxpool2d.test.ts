/** MaxPool2d: block maxima, gradient routing to the winners, grad checks that can fail, errors. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { gradCheck } from '../gradcheck';
import { MaxPool2d } from '../../../src/lib/engine/layers';
import { Random } from '../../../src/lib/engine/rng';
import { ShapeError, tensor, type Tensor } from '../../../src/lib/engine/tensor';

/**
 * Distinct values at least 0.05 apart in random order: finite differences (step 1e-2) can never
 * change which pixel wins a block, so the max is differentiable at every checked point.
 */
function distinct(shape: number[], seed: number): Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  const values = new Random(seed).shuffle(Array.from({ length: n }, (_, i) => (i - n / 2) * 0.05));
  return tensor(values, shape);
}

describe('MaxPool2d', () => {
  it('takes the max of each k×k block and ignores leftover rows/columns', () => {
    // One 5×5 map, k = 2: the last row and column do not fill a block and are ignored.
    const x = tensor(
      [1, 2, 0, 9, 99, 4, 3, 8, 1, 99, -1, -2, 5, 5, 99, -3, -4, 6, 7, 99, 99, 99, 99, 99, 99],
      [1, 1, 5, 5]
    );
    const y = new MaxPool2d(2).forward(x);
    expect(y.shape).toEqual([1, 1, 2, 2]);
    expect(Array.from(y.data)).toEqual([4, 9, -1, 7]);
  });

  it('routes each gradient to its block winner only (the first one on ties)', () => {
    const pool = new MaxPool2d(2);
    pool.forward(tensor([1, 5, 5, 2, 0, 0, 3, 3], [1, 2, 2, 2]));
    const gx = pool.backward(tensor([10, 20], [1, 2, 1, 1]));
    expect(Array.from(gx.data)).toEqual([0, 10, 0, 0, 0, 0, 20, 0]);
  });

  it('passes the gradient check, k = 2 and k = 3, several maps and images', () => {
    for (const [k, shape] of [
      [2, [2, 3, 4, 6]],
      [3, [1, 2, 7, 6]]
    ] as const) {
      const r = gradCheck(new MaxPool2d(k), shape, { input: distinct([...shape], k) });
      expect(r.tensors.map((t) => t.name)).toEqual(['input']);
      expect(r.passed, `k=${k}`).toBe(true);
    }
  });

  it('the gradient check catches a pool that spreads the gradient over the block (average-pool backward)', () => {
    class Spread extends MaxPool2d {
      override backward(g: Tensor): Tensor {
        const gx = super.backward(g);
        const [, , h, w] = gx.shape;
        const [, , oh, ow] = g.shape;
        gx.data.fill(0);
        for (let map = 0; map < g.data.length / (oh * ow); map++)
          for (let i = 0; i < oh * ow; i++) {
            const oy = Math.floor(i / ow);
            const ox = i % ow;
            for (let dy = 0; dy < 2; dy++)
              for (let dx = 0; dx < 2; dx++)
                gx.data[map * h * w + (oy * 2 + dy) * w + ox * 2 + dx] += g.data[map * oh * ow + i] / 4;
          }
        return gx;
      }
    }
    const r = gradCheck(new Spread(2), [1, 2, 4, 4], { input: distinct([1, 2, 4, 4], 3) });
    expect(r.passed).toBe(false);
  });

  it('keeps shapes and finiteness for random shapes (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer(),
        (n, c, h, w, k, seed) => {
          fc.pre(h >= k && w >= k);
          const x = distinct([n, c, h, w], seed);
          const pool = new MaxPool2d(k);
          const y = pool.forward(x);
          expect(y.shape).toEqual([n, c, Math.floor(h / k), Math.floor(w / k)]);
          // Every output is one of its block's inputs, and no smaller than any of them.
          expect(y.data.every((v) => Number.isFinite(v))).toBe(true);
          const g = pool.backward(tensor(new Float32Array(y.data.length).fill(1), y.shape));
          expect(g.shape).toEqual(x.shape);
          // One unit of gradient per output lands somewhere: the total is preserved.
          expect(g.data.reduce((a, b) => a + b, 0)).toBe(y.data.length);
        }
      ),
      { numRuns: 60 }
    );
  });

  it('rejects bad sizes and shapes', () => {
    expect(() => new MaxPool2d(0)).toThrow(/kernelSize must be a whole number ≥ 1, got 0/);
    expect(() => new MaxPool2d(2).forward(tensor([1, 2], [1, 2]))).toThrow(ShapeError);
    expect(() => new MaxPool2d(3).forward(distinct([1, 1, 2, 5], 1))).toThrow(/at least 3×3, got 2×5/);
    expect(() => new MaxPool2d(2).backward(tensor([1], [1, 1, 1, 1]))).toThrow(/before forward/);
    const pool = new MaxPool2d(2);
    pool.forward(distinct([1, 1, 4, 4], 1));
    expect(() => pool.backward(tensor([1, 2], [1, 1, 1, 2]))).toThrow(/expects \[1, 1, 2, 2\]/);
    expect(String(pool)).toBe('MaxPool2d(kernel_size=2)');
  });
});
