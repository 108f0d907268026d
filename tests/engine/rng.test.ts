// Random.fillKeepMask must be exactly n calls of next() compared with p (dropout's masks, and so
// every run's numbers, must not depend on which of the two drew them), and leave the generator
// where those calls would.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Random } from '../../src/lib/engine/rng';

describe('Random.fillKeepMask', () => {
  it('keeps exactly where next() ≥ p, and continues the same stream', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        fc.integer({ min: 0, max: 300 }),
        fc.oneof(
          fc.constantFrom(0, 0.2, 0.5, 1 - 2 ** -33, 1 - 2 ** -32, 0.999999),
          fc.double({ min: 0, max: 1, noNaN: true })
        ),
        (seed, n, p) => {
          const a = new Random(seed);
          const b = new Random(seed);
          const mask = new Uint8Array(n + 2).fill(7);
          a.fillKeepMask(mask, n, p);
          const expected = Array.from({ length: n }, () => +(b.next() >= p));
          expect(Array.from(mask.subarray(0, n))).toEqual(expected);
          expect(Array.from(mask.subarray(n))).toEqual([7, 7]); // nothing written past n
          expect(a.nextUint32()).toBe(b.nextUint32());
        }
      ),
      { numRuns: 300 }
    );
  });

  it('keeps about 1 − p of the elements', () => {
    const mask = new Uint8Array(100_000);
    new Random(3).fillKeepMask(mask, mask.length, 0.3);
    const kept = mask.reduce((s, k) => s + k, 0) / mask.length;
    expect(kept).toBeGreaterThan(0.69);
    expect(kept).toBeLessThan(0.71);
  });
});
