// The neuron explorer trains on drawn points when the page sends them: its data are those points
// (raw plane coordinates, the seeded stratified hold-out), and its first maps exist and are finite.
import { describe, expect, it } from 'vitest';
import { runExplorer } from '../../../src/lib/lab/explorer/experiment';
import { drawnFromQuery, encodeDrawn, snap, type DrawnPoint } from '../../../src/lib/lab/user-data/drawn';
import { threeGroups } from './three-groups';

const pts: DrawnPoint[] = [];
for (let i = 0; i < 6; i++) pts.push(snap({ x: -1 + 0.3 * i, y: 0.7, c: 0 }), snap({ x: -1 + 0.3 * i, y: -0.7, c: 1 }));

describe('explorer on drawn points', () => {
  it('trains on exactly the drawn points and draws finite maps', () => {
    const r = runExplorer('drawn', 1, () => {}, pts);
    const n = r.data.train.y.shape[0] + r.data.val.y.shape[0];
    expect(n).toBe(12);
    const xs = [...r.data.train.x.data, ...r.data.val.x.data].sort((a, b) => a - b);
    expect(xs).toEqual(
      pts
        .flatMap((p) => [p.x, p.y])
        .map(Math.fround)
        .sort((a, b) => a - b)
    );
    expect(r.first.dropout.maps.probability.every(Number.isFinite)).toBe(true);
    expect(r.first.plain.valAccuracy).toBeGreaterThanOrEqual(0);
  });
  it('three drawn classes: one logit per class, softmax maps that sum to 1, accuracy by the largest', () => {
    const r = runExplorer('drawn', 1, () => {}, threeGroups());
    expect(r.data.classes).toBe(3);
    const maps = r.first.dropout.maps;
    expect(maps.classes).toBe(3);
    expect(maps.probability).toHaveLength(64 * 64 * 3);
    for (let i = 0; i < 64 * 64; i += 97)
      expect(maps.probability[3 * i] + maps.probability[3 * i + 1] + maps.probability[3 * i + 2]).toBeCloseTo(1, 5);
    expect(maps.probability.every(Number.isFinite)).toBe(true);
    // Three well-separated groups: both twins learn them (a wrong accuracy rule would sit near a third).
    expect(r.first.plain.valAccuracy).toBeGreaterThan(0.8);
    expect(r.first.dropout.weights.at(-1)?.outFeatures).toBe(3);
    expect(r.curves.rescaled.plain.every(Number.isFinite)).toBe(true);
  });
  it('reads the points from the address bar only when they are trainable', () => {
    expect(drawnFromQuery(`?data=csv&pts=${encodeDrawn(pts)}`)).toEqual(pts);
    expect(drawnFromQuery(`?pts=${encodeDrawn(pts.slice(0, 3))}`)).toBeNull();
    expect(drawnFromQuery('?pts=%%%')).toBeNull();
    expect(drawnFromQuery('')).toBeNull();
  });
});
