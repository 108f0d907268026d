/**
 * Property tests (fast-check) for Conv2d and a whole small CNN: for random geometries and finite
 * values, outputs have the predicted shape and are finite, gradients have the input's shape and
 * are finite — and the im2col path always agrees with the direct definition.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { referenceConv } from './conv-reference';
import { Conv2d, Dropout2d, Flatten, Linear, MaxPool2d, ReLU, Sequential } from '../../../src/lib/engine/layers';
import { Random } from '../../../src/lib/engine/rng';
import { sizeOf, tensor } from '../../../src/lib/engine/tensor';

const geometry = fc
  .record({
    n: fc.integer({ min: 1, max: 3 }),
    c: fc.integer({ min: 1, max: 3 }),
    o: fc.integer({ min: 1, max: 4 }),
    k: fc.integer({ min: 1, max: 4 }),
    stride: fc.integer({ min: 1, max: 3 }),
    padding: fc.integer({ min: 0, max: 2 }),
    h: fc.integer({ min: 1, max: 8 }),
    w: fc.integer({ min: 1, max: 8 }),
    seed: fc.integer()
  })
  .filter(({ k, padding, h, w }) => h + 2 * padding >= k && w + 2 * padding >= k);

const finite = (a: Float32Array) => a.every((v) => Number.isFinite(v));

describe('Conv2d properties', () => {
  it('shape, finiteness and agreement with the definition for random geometries', () => {
    fc.assert(
      fc.property(
        geometry,
        fc.float({ min: -100, max: 100, noNaN: true }),
        ({ n, c, o, k, stride, padding, h, w, seed }, scale) => {
          const rng = new Random(seed);
          const conv = new Conv2d(c, o, k, { stride, padding, rng });
          const shape = [n, c, h, w];
          const x = tensor(
            Array.from({ length: sizeOf(shape) }, () => rng.normal() * scale),
            shape
          );
          const y = conv.forward(x);
          const want = referenceConv(x.data, shape, conv.weight.data, conv.bias.data, o, k, stride, padding);
          expect(y.shape).toEqual(want.shape);
          expect(finite(y.data)).toBe(true);
          for (let i = 0; i < want.data.length; i++)
            expect(Math.abs(y.data[i] - want.data[i])).toBeLessThanOrEqual(1e-4 * (1 + Math.abs(scale) * k * k * c));
          const g = conv.backward(tensor(new Float32Array(y.data.length).fill(1), y.shape));
          expect(g.shape).toEqual(shape);
          expect(finite(g.data)).toBe(true);
          expect(finite(conv.weight.grad) && finite(conv.bias.grad)).toBe(true);
        }
      ),
      { numRuns: 80 }
    );
  });

  it('a small CNN (conv → ReLU → Dropout2d → pool → flatten → linear) maps [N,1,H,W] to [N,10] with finite gradients', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 4, max: 12 }),
        fc.integer(),
        fc.boolean(),
        (n, side, seed, training) => {
          const rng = new Random(seed);
          const conv = new Conv2d(1, 3, 3, { padding: 1, rng });
          const pooled = Math.floor(side / 2);
          const net = new Sequential(
            conv,
            new ReLU(),
            new Dropout2d(0.5, { rng }),
            new MaxPool2d(2),
            new Flatten(),
            new Linear(3 * pooled * pooled, 10, { rng })
          );
          net.train(training);
          const x = tensor(
            Array.from({ length: n * side * side }, () => rng.uniform(0, 1)),
            [n, 1, side, side]
          );
          const y = net.forward(x);
          expect(y.shape).toEqual([n, 10]);
          expect(finite(y.data)).toBe(true);
          const g = net.backward(tensor(new Float32Array(n * 10).fill(0.1), [n, 10]));
          expect(g.shape).toEqual([n, 1, side, side]);
          expect(finite(g.data)).toBe(true);
          expect(net.parameters().every((p) => finite(p.grad))).toBe(true);
        }
      ),
      { numRuns: 40 }
    );
  });
});
