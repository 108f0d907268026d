// Engine inputs: Dropout, Linear, the losses and fit, fed random shapes and values. Each call
// either throws a typed, clear error (ShapeError or RangeError, with a message) or returns finite numbers —
// never NaN from finite inputs, never a hang (every run is small and bounded; vitest's timeout is the guard).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  Adam,
  BCEWithLogitsLoss,
  CrossEntropyLoss,
  Dropout,
  Linear,
  MSELoss,
  Random,
  SGD,
  ShapeError,
  fit,
  mlp,
  tensor,
  type Tensor
} from '../../src/lib/engine';

/** True when every value is a finite number. */
const allFinite = (a: ArrayLike<number>) => Array.prototype.every.call(a, (v: number) => Number.isFinite(v));

/** Runs `fn`; a thrown error must be a ShapeError or RangeError with a real message, else it is rethrown. */
function typedOrValue<T>(fn: () => T): T | null {
  try {
    return fn();
  } catch (e) {
    const typed = e instanceof ShapeError || e instanceof RangeError;
    if (!typed || !(e as Error).message || (e as Error).message.length < 10) throw e;
    return null;
  }
}

/** A finite float32 value, from tiny to large, with the special cases (±0, subnormals) included. */
const value = (max: number) =>
  fc.float({ min: -Math.fround(max), max: Math.fround(max), noNaN: true, noDefaultInfinity: true });

/** A [rows, cols] tensor of finite values. */
const matrix = (maxRows: number, maxCols: number, max: number) =>
  fc
    .record({ rows: fc.integer({ min: 1, max: maxRows }), cols: fc.integer({ min: 1, max: maxCols }) })
    .chain(({ rows, cols }) =>
      fc.array(value(max), { minLength: rows * cols, maxLength: rows * cols }).map((v) => tensor(v, [rows, cols]))
    );

/** Numbers that are not a valid probability, size or rate. */
const nasty = fc.constantFrom(NaN, Infinity, -Infinity, -1, -0.5, 1.5, 2, 1e300, -1e-300);

describe('Dropout', () => {
  it('finite in, finite out, in train and eval, inverted and classic, for any p in [0, 1]', () => {
    fc.assert(
      fc.property(
        matrix(16, 32, 1e6),
        fc.oneof(fc.double({ min: 0, max: 0.999, noNaN: true }), fc.constantFrom(0, 1, 0.5)),
        fc.constantFrom('inverted', 'classic') as fc.Arbitrary<'inverted' | 'classic'>,
        fc.boolean(),
        fc.integer(),
        (x: Tensor, p, mode, training, seed) => {
          const layer = new Dropout(p, { mode, rng: new Random(seed) });
          if (training) layer.train();
          else layer.eval();
          const y = layer.forward(x);
          expect(y.shape).toEqual(x.shape);
          expect(allFinite(y.data)).toBe(true);
          const g = layer.backward(tensor(new Float32Array(x.data.length).fill(1), x.shape));
          expect(allFinite(g.data)).toBe(true);
          if (training && p === 1) expect(Array.from(y.data).every((v) => v === 0)).toBe(true);
        }
      ),
      { numRuns: 1000 }
    );
  });

  it('rejects a bad p, a bad mode, a wrong gradient shape and a backward before forward with a clear error', () => {
    fc.assert(
      fc.property(nasty, (p) => {
        expect(() => new Dropout(p)).toThrow(RangeError);
        const layer = new Dropout(0.5);
        expect(() => (layer.p = p)).toThrow(/Dropout p must be in \[0, 1\]/);
        expect(layer.p).toBe(0.5);
      })
    );
    expect(() => new Dropout(0.5, { mode: 'sideways' as 'inverted' })).toThrow(RangeError);
    expect(() => new Dropout(0.5).backward(tensor([1], [1, 1]))).toThrow(/before forward/);
    fc.assert(
      fc.property(matrix(8, 8, 10), fc.integer({ min: 1, max: 9 }), (x, extra) => {
        const layer = new Dropout(0.3).train();
        layer.forward(x);
        const wrong = tensor(new Float32Array(x.data.length + extra), [x.data.length + extra]);
        expect(() => layer.backward(wrong)).toThrow(ShapeError);
      }),
      { numRuns: 200 }
    );
  });
});

describe('Linear', () => {
  it('finite inputs give finite outputs and gradients; a wrong input shape is a ShapeError', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 24 }),
        fc.integer({ min: 1, max: 24 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer(),
        fc.integer({ min: -1, max: 1 }),
        (inF, outF, rows, seed, skew) => {
          const layer = new Linear(inF, outF, { rng: new Random(seed) });
          const cols = Math.max(1, inF + skew);
          const rng = new Random(seed ^ 0x55);
          const x = tensor(
            Float32Array.from({ length: rows * cols }, () => rng.uniform(-1e3, 1e3)),
            [rows, cols]
          );
          const y = typedOrValue(() => layer.forward(x));
          if (cols !== inF) {
            expect(y).toBeNull();
            return;
          }
          expect(y!.shape).toEqual([rows, outF]);
          expect(allFinite(y!.data)).toBe(true);
          const g = layer.backward(
            tensor(
              Float32Array.from({ length: rows * outF }, () => rng.uniform(-1, 1)),
              [rows, outF]
            )
          );
          expect(allFinite(g.data)).toBe(true);
          for (const p of layer.parameters()) expect(allFinite(p.grad)).toBe(true);
          expect(() => layer.backward(tensor(new Float32Array(rows * (outF + 1)), [rows, outF + 1]))).toThrow(
            ShapeError
          );
        }
      ),
      { numRuns: 500 }
    );
  });

  it('refuses sizes that are not whole numbers ≥ 1', () => {
    fc.assert(
      fc.property(fc.constantFrom(NaN, Infinity, -Infinity, -1, 0, 0.5, 1.5, -3), (bad) => {
        expect(() => new Linear(bad, 3)).toThrow(RangeError);
        expect(() => new Linear(3, bad)).toThrow(RangeError);
      })
    );
  });
});

describe('losses', () => {
  it('cross-entropy: finite logits of any size (±1e30) give a finite loss and gradient', () => {
    fc.assert(
      fc.property(matrix(12, 10, 1e30), fc.integer(), (logits, seed) => {
        const [n, k] = logits.shape;
        const rng = new Random(seed);
        const labels = tensor(
          Float32Array.from({ length: n }, () => rng.int(k)),
          [n]
        );
        const loss = new CrossEntropyLoss();
        const value = typedOrValue(() => loss.forward(logits, labels));
        if (k < 2 && value === null) return; // one class is not a classification: a typed refusal is fine
        expect(Number.isFinite(value)).toBe(true);
        expect(value!).toBeGreaterThanOrEqual(0);
        expect(allFinite(loss.backward().data)).toBe(true);
      }),
      { numRuns: 1000 }
    );
  });

  it('cross-entropy: a label that is not a class index is a RangeError naming the row', () => {
    fc.assert(
      fc.property(fc.constantFrom(NaN, Infinity, -Infinity, -1, 0.5, 1.5, 3, 4, 1e300), (bad) => {
        const logits = tensor([0, 1, 2, 3, 4, 5], [2, 3]);
        expect(() => new CrossEntropyLoss().forward(logits, tensor([0, bad], [2]))).toThrow(/row/);
      })
    );
    expect(() => new CrossEntropyLoss().forward(tensor([0, 1, 2, 3], [2, 2]), tensor([0, 1, 1], [3]))).toThrow(
      ShapeError
    );
  });

  it('binary cross-entropy: finite logits of any size with 0/1 targets give a finite loss and gradient', () => {
    fc.assert(
      fc.property(fc.array(value(1e30), { minLength: 1, maxLength: 40 }), fc.integer(), (z, seed) => {
        const rng = new Random(seed);
        const y = tensor(
          Float32Array.from(z, () => rng.int(2)),
          [z.length]
        );
        const loss = new BCEWithLogitsLoss();
        const v = loss.forward(tensor(z, [z.length, 1]), y);
        expect(Number.isFinite(v)).toBe(true);
        expect(allFinite(loss.backward().data)).toBe(true);
      }),
      { numRuns: 1000 }
    );
    expect(() => new BCEWithLogitsLoss().forward(tensor([0, 1], [2, 1]), tensor([0, 2], [2]))).toThrow(RangeError);
    expect(() => new BCEWithLogitsLoss().forward(tensor([0, 1, 2, 3], [2, 2]), tensor([0, 1], [2]))).toThrow(
      ShapeError
    );
  });

  it('mean squared error: finite in, finite out; a non-finite target is a RangeError', () => {
    fc.assert(
      fc.property(matrix(10, 6, 1e15), fc.integer(), (pred, seed) => {
        const rng = new Random(seed);
        const target = tensor(
          Float32Array.from(pred.data, () => rng.uniform(-1e15, 1e15)),
          pred.shape
        );
        const loss = new MSELoss();
        expect(Number.isFinite(loss.forward(pred, target))).toBe(true);
        expect(allFinite(loss.backward().data)).toBe(true);
      }),
      { numRuns: 500 }
    );
    expect(() => new MSELoss().forward(tensor([1, 2], [2, 1]), tensor([1, Infinity], [2, 1]))).toThrow(RangeError);
  });
});

/** A random, small but complete training problem: model, data, optimiser, batch size, epochs. */
const problem = fc.record({
  inputs: fc.integer({ min: 1, max: 6 }),
  hidden: fc.array(fc.integer({ min: 1, max: 12 }), { maxLength: 3 }),
  classes: fc.integer({ min: 2, max: 4 }),
  activation: fc.constantFrom('relu', 'tanh', 'sigmoid') as fc.Arbitrary<'relu' | 'tanh' | 'sigmoid'>,
  inputDropout: fc.double({ min: 0, max: 0.9, noNaN: true }),
  hiddenDropout: fc.double({ min: 0, max: 0.9, noNaN: true }),
  rows: fc.integer({ min: 1, max: 40 }),
  valRows: fc.integer({ min: 0, max: 20 }),
  scale: fc.constantFrom(1, 1e3, 1e8, 1e20),
  optimizer: fc.constantFrom('sgd', 'adam'),
  lr: fc.oneof(fc.double({ min: 1e-6, max: 1e4, noNaN: true }), fc.constantFrom(1e6, 1e12, 1e30), nasty),
  momentum: fc.constantFrom(0, 0.9, 0.99),
  batchSize: fc.oneof(fc.integer({ min: 1, max: 64 }), fc.constantFrom(0, -1, 1.5, NaN)),
  epochs: fc.oneof(fc.integer({ min: 0, max: 4 }), fc.constantFrom(-1, 2.5, NaN)),
  seed: fc.integer()
});

describe('fit', () => {
  it('any problem ends typed-refused, done or diverged-with-a-message, and its history never holds NaN', () => {
    let diverged = 0;
    let refused = 0;
    let done = 0;
    fc.assert(
      fc.property(problem, (q) => {
        const rng = new Random(q.seed);
        const data = (n: number) => ({
          x: tensor(
            Float32Array.from({ length: n * q.inputs }, () => rng.uniform(-q.scale, q.scale)),
            [n, q.inputs]
          ),
          y: tensor(
            Float32Array.from({ length: n }, () => rng.int(q.classes)),
            [n]
          )
        });
        const result = typedOrValue(() => {
          const model = mlp({
            inputs: q.inputs,
            hidden: q.hidden,
            outputs: q.classes,
            activation: q.activation,
            inputDropout: q.inputDropout,
            hiddenDropout: q.hiddenDropout,
            init: rng
          });
          const optimizer =
            q.optimizer === 'sgd'
              ? new SGD(model.parameters(), { lr: q.lr, momentum: q.momentum })
              : new Adam(model.parameters(), { lr: q.lr });
          return fit({
            model,
            loss: new CrossEntropyLoss(),
            optimizer,
            train: data(q.rows),
            val: q.valRows > 0 ? data(q.valRows) : undefined,
            batchSize: q.batchSize,
            shuffle: new Random(q.seed + 1),
            epochs: q.epochs
          });
        });
        if (result === null) {
          refused++;
          // Only invalid settings may be refused.
          const invalid =
            !(q.lr > 0 && Number.isFinite(q.lr)) ||
            !Number.isInteger(q.batchSize) ||
            q.batchSize < 1 ||
            !Number.isInteger(q.epochs) ||
            q.epochs < 0;
          expect(invalid).toBe(true);
          return;
        }
        for (const s of result.history) {
          expect([s.trainLoss, s.trainAccuracy, s.steps].every(Number.isFinite)).toBe(true);
          if (q.valRows > 0) expect(Number.isFinite(s.valLoss) && Number.isFinite(s.valAccuracy)).toBe(true);
        }
        if (result.stopped.kind === 'diverged') {
          diverged++;
          expect(result.stopped.message.length).toBeGreaterThan(20);
          expect(result.stopped.message).not.toMatch(/undefined|null/);
          expect(result.stopped.message).toMatch(/learning rate/);
        } else {
          done++;
          expect(result.stopped.kind).toBe('done');
          expect(result.history).toHaveLength(q.epochs);
        }
      }),
      { numRuns: 400 }
    );
    // The generator must reach all three outcomes, or the property says little.
    expect({ diverged: diverged > 0, refused: refused > 0, done: done > 0 }).toEqual({
      diverged: true,
      refused: true,
      done: true
    });
  });
});
