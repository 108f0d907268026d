import { describe, expect, it } from 'vitest';
import {
  Dropout,
  Dropout2d,
  GaussianDropout,
  Linear,
  ReLU,
  Sequential,
  isDropout,
  seedDropout
} from '../../../src/lib/engine/layers';
import { Random } from '../../../src/lib/engine/rng';
import { tensor } from '../../../src/lib/engine/tensor';

describe('seedDropout', () => {
  const build = () => {
    const a = new Dropout(0.5);
    const b = new Dropout(0.5);
    const c = new Dropout2d(0.5);
    const g = new GaussianDropout(0.5);
    const net = new Sequential(a, new Linear(4, 4), new ReLU(), new Sequential(b, new Sequential(c)), g);
    return { net, a, b, c, g };
  };

  it('gives every dropout module, nested too, its own generator in tree order', () => {
    const { net, a, b, c, g } = build();
    expect(seedDropout(net, new Random(42))).toBe(4);
    const source = new Random(42);
    const expected = [a, b, c, g].map(() => new Random(source.nextUint32()).nextUint32());
    expect([a, b, c, g].map((m) => m.rng.nextUint32())).toEqual(expected);
  });

  it('makes two same-width layers drop different units (by default they share a seed)', () => {
    const x = tensor(new Array(64).fill(1), [1, 64]);
    const { a, b, net } = build();
    a.forward(x);
    b.forward(x);
    expect(Array.from(b.lastMask!)).toEqual(Array.from(a.lastMask!)); // the problem
    seedDropout(net, new Random(1));
    a.forward(x);
    b.forward(x);
    expect(Array.from(b.lastMask!)).not.toEqual(Array.from(a.lastMask!)); // the fix
  });

  it('is reproducible, and seeds the model itself when it is a dropout layer', () => {
    const x = tensor(new Array(32).fill(1), [2, 16]);
    const one = build();
    const two = build();
    seedDropout(one.net, new Random(9));
    seedDropout(two.net, new Random(9));
    const draws = (m: typeof one) => [m.a, m.b, m.c, m.g].map((d) => d.rng.nextUint32());
    const first = draws(one);
    expect(draws(two)).toEqual(first);
    expect(new Set(first).size).toBe(4); // and all four generators differ
    const solo = new Dropout(0.5);
    expect(seedDropout(solo, new Random(3))).toBe(1);
    solo.forward(x);
    const ref = new Dropout(0.5, { rng: new Random(new Random(3).nextUint32()) });
    ref.forward(x);
    expect(Array.from(solo.lastMask!)).toEqual(Array.from(ref.lastMask!));
  });

  it('isDropout recognises exactly the random layers', () => {
    expect(
      [new Dropout(), new Dropout2d(), new GaussianDropout(), new Linear(1, 1), new ReLU()].map(isDropout)
    ).toEqual([true, true, true, false, false]);
  });
});
