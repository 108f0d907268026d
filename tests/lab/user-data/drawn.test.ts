// Drawn points: the link encoding is compact (3 characters a point, class included), bounded, round-trips
// exactly the snapped points of two or three classes, still reads the first two-class layout ("a", 4
// characters a point), and never throws on a hostile link; the table trains on raw plane coordinates with
// the same seeded stratified hold-out, and gives the decision map a preset would (K probabilities a pixel
// for three classes).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  MAX_DRAWN,
  decodeDrawn,
  drawnClasses,
  drawnProblem,
  drawnTable,
  encodeDrawn,
  snap,
  type DrawnPoint
} from '../../../src/lib/lab/user-data/drawn';
import { userSplit } from '../../../src/lib/lab/user-data/split';
import { createTwinRun, parseTwinQuery, validateTwinConfig } from '../../../src/lib/lab/twin';
import { threeGroups } from './three-groups';

const coord = fc.double({ min: -1.5, max: 1.5, noNaN: true });
const point = fc.record({ x: coord, y: coord, c: fc.integer({ min: 0, max: 2 }) });

/** The first layout, as links made before the third class wrote it: "a", then x, y, class a byte each. */
function encodeV1(points: readonly DrawnPoint[]): string {
  const A = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  const byte = (v: number) => Math.max(0, Math.min(255, Math.round(((v + 1.5) / 3) * 255)));
  let s = 'a';
  for (const p of points) {
    const n = (byte(p.x) << 16) | (byte(p.y) << 8) | p.c;
    for (let k = 3; k >= 0; k--) s += A[(n >> (6 * k)) & 63];
  }
  return s;
}

describe('drawn points', () => {
  it('encode → decode gives back the snapped points of three classes, 3 characters each', () => {
    fc.assert(
      fc.property(fc.array(point, { maxLength: MAX_DRAWN }), (pts) => {
        const text = encodeDrawn(pts);
        expect(text).toHaveLength(1 + 3 * pts.length);
        expect(text).toMatch(/^b[A-Za-z0-9_-]*$/);
        const back = decodeDrawn(text);
        expect('points' in back && back.points).toEqual(pts.map(snap));
      })
    );
  });

  it('a link of the first layout (two classes, 4 characters a point) still reads, point for point', () => {
    const two = fc.record({ x: coord, y: coord, c: fc.integer({ min: 0, max: 1 }) });
    fc.assert(
      fc.property(fc.array(two, { maxLength: MAX_DRAWN }), (pts) => {
        const back = decodeDrawn(encodeV1(pts));
        expect('points' in back && back.points).toEqual(pts.map(snap));
      })
    );
    // A link from before, written out: 2 points of each class, in the corners and the middle.
    expect(decodeDrawn('aAP8A_wAAgIAB__8B')).toEqual({
      points: [
        { x: -1.5, y: 1.5, c: 0 },
        { x: 1.5, y: -1.5, c: 0 },
        snap({ x: 0, y: 0, c: 1 }),
        { x: 1.5, y: 1.5, c: 1 }
      ]
    });
    expect(encodeDrawn([{ x: -1.5, y: 1.5, c: 2 }])).toBe('bAP-');
  });

  it('the link stays bounded: at most 300 points, 901 characters', () => {
    const many = Array.from({ length: MAX_DRAWN + 50 }, (_, i) => ({ x: 0, y: 0, c: i % 3 }));
    expect(encodeDrawn(many)).toHaveLength(1 + 3 * MAX_DRAWN);
    expect(decodeDrawn('b' + 'AAC'.repeat(MAX_DRAWN + 1))).toMatchObject({ error: /at most 300/ });
    expect(decodeDrawn('b' + 'AA')).toMatchObject({ error: /could not be read/ });
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
    expect(decodeDrawn('aAAAD')).toMatchObject({ error: /class the pad does not have/ });
    expect(decodeDrawn('bAAD')).toMatchObject({ error: /class the pad does not have/ });
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
    // Drawing class 2 makes three classes: then class 1 must have its points too.
    const three = [0, 0, 2, 2].map((c, i) => ({ x: i / 4, y: 0, c }));
    expect(drawnClasses(three)).toBe(3);
    expect(drawnProblem(three)).toBe('Draw at least 2 points of each class: class 1 has 0.');
    expect(drawnProblem([...three, { x: 0, y: 1, c: 1 }, { x: 1, y: 1, c: 1 }])).toBeNull();
  });

  it('three classes train in the twin run: softmax over 3, a map of 3 probabilities a pixel', () => {
    const table = drawnTable(threeGroups());
    expect(table.classNames).toEqual(['0', '1', '2']);
    const split = userSplit(table, 5);
    expect(split.classes).toBe(3);
    const config = validateTwinConfig({ data: 'csv', epochs: 30, width: 16 }).config;
    const run = createTwinRun(config, split, 'dropout');
    for (let e = 0; e < 30; e++) run.step();
    expect(run.history.at(-1)!.valAccuracy).toBeGreaterThan(0.5);
    const map = run.decisionMap(8)!;
    expect(map).toHaveLength(64 * 3);
    for (let i = 0; i < 64; i++) expect(map[3 * i] + map[3 * i + 1] + map[3 * i + 2]).toBeCloseTo(1, 5);
    expect(map.every(Number.isFinite)).toBe(true);
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
