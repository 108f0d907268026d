/**
 * Property tests: for random shapes and random finite values, every layer returns the right
 * shape, finite outputs and finite gradients of the input's size.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  Dropout,
  Dropout2d,
  GaussianDropout,
  Identity,
  Linear,
  ReLU,
  Sequential,
  Sigmoid,
  Tanh
} from '../../../src/lib/engine/layers';
import type { Module } from '../../../src/lib/engine/module';
import { Random } from '../../../src/lib/engine/rng';
import { sizeOf, type Tensor } from '../../../src/lib/engine/tensor';

/** Moderate finite values: big enough to saturate tanh, small enough that Linear cannot overflow. */
const value = fc.float({ min: -1e3, max: 1e3, noNaN: true, noDefaultInfinity: true });

/** A tensor of the given shape with random values. */
const tensorOf = (shape: number[]) =>
  fc
    .array(value, { minLength: sizeOf(shape), maxLength: sizeOf(shape) })
    .map((v): Tensor => ({ data: Float32Array.from(v), shape }));

const dims = (min: number, max: number) => fc.array(fc.integer({ min: 1, max: 6 }), { minLength: min, maxLength: max });

const allFinite = (a: Float32Array) => a.every((v) => Number.isFinite(v));

/** Runs forward and backward (with a gradient of ones) and checks shapes and finiteness. */
function checkLayer(layer: Module, x: Tensor, outShape: readonly number[]): void {
  const y = layer.forward(x);
  expect(y.shape).toEqual(outShape);
  expect(y.data.length).toBe(sizeOf(outShape));
  expect(allFinite(y.data)).toBe(true);
  const g = layer.backward({ data: new Float32Array(y.data.length).fill(1), shape: y.shape });
  expect(g.shape).toEqual(x.shape);
  expect(allFinite(g.data)).toBe(true);
}

const p = fc.double({ min: 0, max: 1, noNaN: true });
const training = fc.boolean();
const settings = { numRuns: 60 };

describe('layer properties over random shapes and values', () => {
  it('elementwise layers (ReLU, Tanh, Sigmoid, Identity, Dropout both modes, GaussianDropout) keep any shape', () => {
    fc.assert(
      fc.property(
        dims(1, 4).chain((s) => tensorOf(s)),
        p,
        training,
        fc.integer(),
        (x, prob, train, seed) => {
          const layers: Module[] = [
            new ReLU(),
            new Tanh(),
            new Sigmoid(),
            new Identity(),
            new Dropout(prob, { rng: new Random(seed) }),
            new Dropout(prob, { mode: 'classic', rng: new Random(seed) }),
            new GaussianDropout(Math.min(prob, 0.99), { rng: new Random(seed) })
          ];
          for (const layer of layers) checkLayer(layer.train(train), x, x.shape);
        }
      ),
      settings
    );
  });

  it('Linear maps [N, in] to [N, out]', () => {
    fc.assert(
      fc.property(
        fc.tuple(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 8 })).chain(([n, i]) => tensorOf([n, i])),
        fc.integer({ min: 1, max: 8 }),
        fc.constantFrom<'he' | 'glorot'>('he', 'glorot'),
        fc.integer(),
        (x, o, init, seed) => {
          checkLayer(new Linear(x.shape[1], o, { rng: new Random(seed), init }), x, [x.shape[0], o]);
        }
      ),
      settings
    );
  });

  it('Dropout2d keeps any [N, C, ...] shape; forced Dropout keeps [N, F]', () => {
    fc.assert(
      fc.property(
        dims(3, 5).chain((s) => tensorOf(s)),
        p,
        training,
        (x, prob, train) => {
          checkLayer(new Dropout2d(prob).train(train), x, x.shape);
          const f = x.shape[x.shape.length - 1];
          const forced = new Dropout(prob).train(train);
          forced.forceMask([f - 1], { scale: 1 / (1 - Math.min(prob, 0.5)) });
          checkLayer(forced, x, x.shape);
          expect(forced.lastMask!.filter((m) => m === 0).length).toBe(sizeOf(x.shape) / f);
        }
      ),
      settings
    );
  });

  it('a random MLP (Sequential of Linear, activation, Dropout) maps [N, in] to [N, out]', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 2, maxLength: 5 }),
        fc.integer({ min: 1, max: 5 }),
        fc.constantFrom(
          () => new ReLU(),
          () => new Tanh(),
          () => new Sigmoid()
        ),
        p,
        training,
        (widths, n, act, prob, train) => {
          const layers: Module[] = [];
          for (let k = 0; k + 1 < widths.length; k++) {
            layers.push(new Linear(widths[k], widths[k + 1], { rng: new Random(k) }), act(), new Dropout(prob));
          }
          const x = {
            data: Float32Array.from({ length: n * widths[0] }, (_, k) => Math.sin(k)),
            shape: [n, widths[0]]
          };
          checkLayer(new Sequential(...layers).train(train), x, [n, widths[widths.length - 1]]);
        }
      ),
      settings
    );
  });
});
