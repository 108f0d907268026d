import { describe, expect, it } from 'vitest';
import { Dropout, Dropout2d, GaussianDropout } from '../../../src/lib/engine/layers';
import { DropoutBase, MaskedDropoutBase } from '../../../src/lib/engine/layers/dropout-base';
import { ShapeError, tensor, type Tensor } from '../../../src/lib/engine/tensor';

const layers = () => [new Dropout(0.5), new Dropout2d(0.5), new GaussianDropout(0.5)] as const;
const names = ['Dropout', 'Dropout2d', 'GaussianDropout'];

/** The error `f` throws: its class and message. */
function thrown(f: () => unknown): { type: string; message: string } {
  try {
    f();
  } catch (e) {
    return { type: (e as Error).constructor.name, message: (e as Error).message };
  }
  throw new Error('expected a throw');
}

/** [2, 4] for Dropout, [2, 4, 1] for Dropout2d: the same numbers, one mask entry per value in both. */
function input(layer: Dropout | Dropout2d): Tensor {
  const data = [1, -2, 3, -4, 5, -6, 7, -8];
  return tensor(data, layer instanceof Dropout ? [2, 4] : [2, 4, 1]);
}

describe('the dropout base', () => {
  it('all three layers share one base; the 0/1-mask layers share the mask part; instanceof Dropout stays exact', () => {
    const [d, d2, g] = layers();
    for (const m of [d, d2, g]) expect(m).toBeInstanceOf(DropoutBase);
    expect([d, d2, g].map((m) => m instanceof MaskedDropoutBase)).toEqual([true, true, false]);
    // The lab picks "the dropout layers" of an MLP with instanceof Dropout: the siblings must not match.
    expect([d, d2, g].map((m) => m instanceof Dropout)).toEqual([true, false, false]);
    // One implementation of p, forceMask and backward's checks, not a copy per layer.
    for (const cls of [Dropout, Dropout2d, GaussianDropout]) {
      expect(Object.getOwnPropertyDescriptor(cls.prototype, 'p')).toBeUndefined();
      expect(Object.getOwnPropertyDescriptor(cls.prototype, 'forceMask')).toBeUndefined();
    }
    expect(Object.getOwnPropertyDescriptor(DropoutBase.prototype, 'p')?.set).toBeTypeOf('function');
    expect(d.forceMask).toBe(d2.forceMask);
    expect('forceMask' in g).toBe(false); // Gaussian noise has no 0/1 mask to force
    expect('lastMask' in g).toBe(false);
    expect(layers().map(String)).toEqual(['Dropout(p=0.5)', 'Dropout2d(p=0.5)', 'GaussianDropout(p=0.5)']);
  });

  it.each([-0.1, 1.01, NaN, Infinity, -Infinity, '0.5', null, true, {}])(
    'p = %s is rejected by all three, in the constructor and the setter, with the same message',
    (bad) => {
      const fromConstructor = [
        thrown(() => new Dropout(bad as number)),
        thrown(() => new Dropout2d(bad as number)),
        thrown(() => new GaussianDropout(bad as number))
      ];
      const fromSetter = layers().map((m) =>
        thrown(() => {
          m.p = bad as number;
        })
      );
      for (const errors of [fromConstructor, fromSetter]) {
        expect(errors.map((e) => e.type)).toEqual(['RangeError', 'RangeError', 'RangeError']);
        errors.forEach((e, i) => expect(e.message.startsWith(`${names[i]} p must be in [0, 1`)).toBe(true));
        // The same words after the name, except GaussianDropout's open interval [0, 1).
        const rest = errors.map((e, i) => e.message.slice(names[i].length).replace('[0, 1)', '[0, 1]'));
        expect(new Set(rest).size).toBe(1);
      }
      expect(layers().map((m) => m.p)).toEqual([0.5, 0.5, 0.5]); // a rejected set changes nothing
    }
  );

  it('keeps the existing p messages word for word; only GaussianDropout rejects p = 1', () => {
    expect(() => new Dropout(-0.1)).toThrow(new RangeError('Dropout p must be in [0, 1], got -0.1'));
    expect(() => new Dropout2d('0.5' as unknown as number)).toThrow(
      new RangeError('Dropout2d p must be in [0, 1], got "0.5" (a string)')
    );
    expect(() => new GaussianDropout(1)).toThrow(
      new RangeError('GaussianDropout p must be in [0, 1), got 1: p = 1 would make the noise variance p/(1−p) infinite')
    );
    expect([new Dropout(1).p, new Dropout2d(1).p, new Dropout(0).p, new GaussianDropout(0).p]).toEqual([1, 1, 0, 0]);
  });

  it('backward checks its gradient the same way in all three', () => {
    const before = layers().map((m) => thrown(() => m.backward(tensor([1], [1]))));
    expect(before).toEqual(names.map((n) => ({ type: 'Error', message: `${n}.backward called before forward` })));
    const [d, d2, g] = layers();
    d.forward(tensor([1, 2, 3, 4], [1, 4]));
    d2.forward(tensor([1, 2, 3, 4], [1, 4, 1]));
    g.forward(tensor([1, 2, 3, 4], [1, 4]));
    const wrong = [d, d2, g].map((m) => thrown(() => m.backward(tensor([1, 2, 3], [1, 3]))));
    expect(wrong).toEqual(
      names.map((n) => ({ type: ShapeError.name, message: `${n}.backward expects 4 values, got [1, 3]` }))
    );
    // Eval: the input passes through, and so does the gradient (the very same tensor).
    for (const m of [d, d2, g]) {
      m.eval();
      m.forward(tensor([1, 2, 3, 4], m instanceof Dropout2d ? [1, 4, 1] : [1, 4]));
      const gy = tensor([1, 1, 1, 1], [1, 4]);
      expect(m.backward(gy)).toBe(gy);
    }
  });
});

describe.each([
  ['Dropout', () => new Dropout(0.5), 'feature'],
  ['Dropout2d', () => new Dropout2d(0.5), 'channel']
] as const)('%s: forceMask and lastMask as in the base', (who, make, unit) => {
  it('drops the forced units of every example, in train and eval, kept ones × scale, and backward follows', () => {
    const m = make();
    m.forceMask([3, 1, 3], { scale: 2 });
    expect(m.forcedMask).toEqual([1, 3]); // sorted, without duplicates, frozen
    expect(Object.isFrozen(m.forcedMask)).toBe(true);
    for (const training of [true, false]) {
      m.train(training);
      m.rng = make().rng; // the default seed afresh: a forced forward must draw nothing from it
      const y = m.forward(input(m));
      expect(m.rng.next()).toBe(make().rng.next());
      expect(Array.from(m.lastMask!)).toEqual([1, 0, 1, 0, 1, 0, 1, 0]);
      expect(Array.from(y.data)).toEqual([2, 0, 6, 0, 10, 0, 14, 0]);
      const gx = m.backward(tensor([1, 1, 1, 1, 1, 1, 1, 1], y.shape));
      expect(Array.from(gx.data)).toEqual([2, 0, 2, 0, 2, 0, 2, 0]);
    }
  });

  it('reuses one mask buffer while the size stays, and lastMask is null when no mask was applied', () => {
    const m = make();
    m.forward(input(m));
    const first = m.lastMask!;
    m.forward(input(m));
    expect(m.lastMask).toBe(first); // a live buffer, overwritten by each forward
    m.forceMask([0]);
    m.forward(input(m));
    expect(m.lastMask).toBe(first);
    m.forceMask(null);
    m.eval();
    m.forward(input(m));
    expect(m.lastMask).toBeNull();
    // Backward uses its own reference to the mask: reassigning the public lastMask changes nothing.
    m.train();
    m.forceMask([0, 2]);
    m.forward(input(m));
    m.lastMask = new Uint8Array(8).fill(1);
    const gx = m.backward(tensor([1, 1, 1, 1, 1, 1, 1, 1], input(m).shape));
    expect(Array.from(gx.data)).toEqual([0, 1, 0, 1, 0, 1, 0, 1]);
  });

  it('rejects bad forced indices and scales with the same messages, naming the layer', () => {
    const m = make();
    expect(thrown(() => m.forceMask([1.5]))).toEqual({
      type: 'RangeError',
      message: `${who}.forceMask: indices must be whole numbers ≥ 0, got 1.5`
    });
    expect(thrown(() => m.forceMask([-1]))).toEqual({
      type: 'RangeError',
      message: `${who}.forceMask: indices must be whole numbers ≥ 0, got -1`
    });
    expect(m.forcedMask).toBeNull(); // rejected indices force nothing
    expect(thrown(() => m.forceMask([0], { scale: NaN }))).toEqual({
      type: 'RangeError',
      message: 'forceMask scale must be a finite number, got NaN'
    });
    m.forceMask([2, 4]);
    expect(thrown(() => m.forward(input(m)))).toEqual({
      type: 'RangeError',
      message: `${who}.forceMask: ${unit} 4 does not exist, the input has 4 ${unit}s`
    });
  });
});
