// Drawn points: the link encoding is compact (4 characters a point), bounded, round-trips exactly the
// snapped points, and never throws on a hostile link; the table trains on raw plane coordinates with the
// same seeded stratified hold-out, and gives the decision map a preset would.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  MAX_DRAWN,
  decodeDrawn,
  drawnProblem,
  drawnTable,
  encodeDrawn,
  snap,
  type DrawnPoint
} from '../../../src/lib/lab/user-data/drawn';
import { userSplit } from '../../../src/lib/lab/user-data/split';
import { createTwinRun, parseTwinQuery, validateTwinConfig } from '../../../src/lib/lab/twin';

const point = fc.record({
  x: fc.double({ min: -1.5, max: 1.5, noNaN: true }),
  y: fc.double({ min: -1.5, max: 1.5, noNaN: true }),
  c: fc.integer({ min: 0, max: 1 })
});

describe('drawn points', () => {
  it('encode → decode gives back the snapped points, 4 characters each', () => {
    fc.assert(
      fc.property(fc.array(point, { maxLength: MAX_DRAWN }), (pts) => {
        const text = encodeDrawn(pts);
        expect(text).toHaveLength(1 + 4 * pts.length);
        expect(text).toMatch(/^a[A-Za-z0-9_-]*$/);
        const back = decodeDrawn(text);
        expect('points' in back && back.points).toEqual(pts.map(snap));
      })
    );
  });

  it('hostile link text gives a sentence, never a throw', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 2000 }), (s) => {
        const r = decodeDrawn(s);
        if ('error' in r) expect(r.error).toMatch(/^The drawn points/);
        else expect(r.points.length).toBeLessThanOrEqual(MAX_DRAWN);
      })
    );
    expect(decodeDrawn('a' + 'AAAB'.repeat(MAX_DRAWN + 1))).toMatchObject({ error: /at most 300/ });
    expect(decodeDrawn('aAAAC')).toMatchObject({ error: /class the pad does not have/ });
  });

  it('a class with fewer than 2 points is named', () => {
    expect(
      drawnProblem([
        { x: 0, y: 0, c: 0 },
        { x: 1, y: 0, c: 0 },
        { x: 0, y: 1, c: 1 }
      ])
    ).toBe('Draw at least 2 points of each class: class 1 has 1.');
    expect(drawnProblem([])).toMatch(/class 0 has 0/);
  });

  it('trains on the plane as drawn: coordinates not standardised, a decision map exists', () => {
    const pts: DrawnPoint[] = [];
    for (let i = 0; i < 20; i++)
      pts.push(snap({ x: -1 + 0.05 * i, y: 0.5, c: 0 }), snap({ x: -1 + 0.05 * i, y: -0.5, c: 1 }));
    const table = drawnTable(pts);
    const split = userSplit(table, 3);
    expect(split.val.x.shape[0]).toBe(10);
    const all = [...split.train.x.data, ...split.val.x.data].sort((a, b) => a - b);
    expect(all).toEqual([...table.x].sort((a, b) => a - b));
    const config = validateTwinConfig({ data: 'csv', epochs: 2, width: 8 }).config;
    const run = createTwinRun(config, split, 'dropout');
    run.step();
    expect(run.decisionMap(8)?.length).toBe(64);
  });

  it('the link parameter is not reported as an unknown setting', () => {
    expect(parseTwinQuery(`data=csv&pts=${encodeDrawn([{ x: 0, y: 0, c: 1 }])}`).notes).toEqual([]);
  });
});
