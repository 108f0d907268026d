import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CELL, GAP, PER_ROW, maskPaths } from '../../src/lib/ui/examples/ensemble/mask-paths';

/** The start points (after M) of a path's subpaths. */
const starts = (d: string) => [...d.matchAll(/M([\d.]+),([\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);

describe('maskPaths', () => {
  it('draws one filled cell per kept unit and an outline plus a cross per dropped unit, in row-major slots', () => {
    const p = maskPaths([
      [1, 0, 1],
      [0, 1]
    ]);
    // Layer 1 occupies slots x = 0, 6, 12; layer 2 starts after 3 cells and a gap.
    expect(starts(p.kept)).toEqual([
      [1.5, 0.5],
      [13.5, 0.5],
      [3 * CELL + GAP + CELL + 1.5, 0.5]
    ]);
    expect(starts(p.dropped)).toEqual([
      [CELL + 1.5, 0.5],
      [CELL + 1.5, 1.5],
      [3 * CELL + GAP + 1.5, 0.5],
      [3 * CELL + GAP + 1.5, 1.5]
    ]);
    expect(p.width).toBe(3 * CELL + GAP + 2 * CELL);
    expect(p.height).toBe(CELL);
    expect(p.counts).toEqual([
      { kept: 2, total: 3 },
      { kept: 1, total: 2 }
    ]);
  });

  it('wraps wide layers onto rows of PER_ROW, and every cell lies inside the drawing', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.constantFrom(0, 1), { minLength: 1, maxLength: 70 }), { maxLength: 3 }),
        (mask) => {
          const p = maskPaths(mask);
          const ones = mask.flat().filter((v) => v === 1).length;
          const zeros = mask.flat().length - ones;
          expect(starts(p.kept)).toHaveLength(ones);
          expect(starts(p.dropped)).toHaveLength(2 * zeros);
          for (const [x, y] of [...starts(p.kept), ...starts(p.dropped)]) {
            expect(x).toBeGreaterThan(0);
            expect(x).toBeLessThan(p.width);
            expect(y).toBeGreaterThan(0);
            expect(y).toBeLessThan(p.height);
          }
          const rows = Math.max(1, ...mask.map((m) => Math.ceil(m.length / PER_ROW)));
          expect(p.height).toBe(mask.length ? rows * CELL : 1);
          expect(p.counts.map((c) => c.kept)).toEqual(mask.map((m) => m.filter((v) => v === 1).length));
        }
      )
    );
  });
});
