import { describe, expect, it } from 'vitest';
import { Seeds } from '../../src/lib/engine/rng';
import {
  makeTwoD,
  TWO_D_SETS,
  TWO_D_DEFAULTS,
  isTwoDName,
  type TwoDName,
  type TwoDOptions
} from '../../src/lib/data/two-d';
import { PLANE_EXTENT, grid } from '../../src/lib/data/plane';
import type { Dataset } from '../../src/lib/engine/dataset';

const NAMES = TWO_D_SETS.map((s) => s.name);
const make = (name: string, seed: number, extra: Omit<TwoDOptions, 'rng'> = {}) =>
  makeTwoD(name, { rng: new Seeds(seed).stream('data'), ...extra });

function countLabels(d: Dataset): [number, number] {
  let ones = 0;
  for (const v of d.y.data) ones += v;
  return [d.y.data.length - ones, ones];
}

describe('2-D data sets', () => {
  it('lists the five sets, each with a label', () => {
    expect([...NAMES].sort()).toEqual(['circle', 'gauss', 'moons', 'spiral', 'xor']);
    for (const s of TWO_D_SETS) {
      expect(s.label.length).toBeGreaterThan(2);
      expect(isTwoDName(s.name)).toBe(true);
    }
    expect(isTwoDName('toString')).toBe(false);
  });

  it.each(NAMES)('%s: shapes, classes, sizes and disjoint hold-out', (name) => {
    const s = make(name, 1, { points: 300, valFraction: 0.3 });
    expect(s.name).toBe(name);
    expect(s.classes).toBe(2);
    expect(s.inputShape).toEqual([2]);
    const nTrain = s.train.x.shape[0];
    const nVal = s.val.x.shape[0];
    expect(nTrain + nVal).toBe(300);
    expect(nVal).toBe(90);
    expect(s.train.x.shape).toEqual([nTrain, 2]);
    expect(s.train.y.shape).toEqual([nTrain]);
    expect(s.val.y.shape).toEqual([nVal]);
    for (const v of [...s.train.y.data, ...s.val.y.data]) expect(v === 0 || v === 1).toBe(true);
    // Disjoint: no point appears in both (continuous coordinates never collide by chance).
    const key = (d: Dataset, i: number) => `${d.x.data[2 * i]},${d.x.data[2 * i + 1]}`;
    const trainKeys = new Set(Array.from({ length: nTrain }, (_, i) => key(s.train, i)));
    expect(trainKeys.size).toBe(nTrain);
    for (let i = 0; i < nVal; i++) expect(trainKeys.has(key(s.val, i))).toBe(false);
  });

  it.each(NAMES)('%s: class-balanced in train and validation (stratified)', (name) => {
    const s = make(name, 2, { points: 400, valFraction: 0.25 });
    expect(countLabels(s.train)).toEqual([150, 150]);
    expect(countLabels(s.val)).toEqual([50, 50]);
  });

  it.each(NAMES)('%s: same seed gives identical data, another seed different data', (name) => {
    const a = make(name, 7);
    const b = make(name, 7);
    const c = make(name, 8);
    expect(b.train.x.data).toEqual(a.train.x.data);
    expect(b.val.y.data).toEqual(a.val.y.data);
    expect(c.train.x.data).not.toEqual(a.train.x.data);
  });

  it.each(NAMES)('%s: without noise every clean point lies inside [-1, 1]², and the plane has a margin', (name) => {
    const s = make(name, 3, { noise: 0, points: 1000 });
    for (const v of [...s.train.x.data, ...s.val.x.data]) {
      expect(Math.abs(v)).toBeLessThanOrEqual(1);
    }
    expect(PLANE_EXTENT).toBeGreaterThan(1);
  });

  it('the shapes are what their names say (noise-free spot checks)', () => {
    const label = (name: TwoDName, check: (x: number, y: number, c: number) => boolean) => {
      const s = make(name, 4, { noise: 0, points: 400 });
      const d = s.train;
      for (let i = 0; i < d.y.data.length; i++) {
        expect(check(d.x.data[2 * i], d.x.data[2 * i + 1], d.y.data[i])).toBe(true);
      }
    };
    label('circle', (x, y, c) => (c === 0 ? Math.hypot(x, y) <= 0.5 : Math.hypot(x, y) >= 0.7 - 1e-6));
    label('xor', (x, y, c) => x * y > 0 === (c === 0));
    label('gauss', (x, y, c) => (c === 0 ? x + y > -1.6 : x + y < 1.6));
    label('moons', (x, y, c) => (c === 0 ? y >= -0.15 - 1e-6 : y <= 0.15 + 1e-6));
  });

  it('input noise spreads points: noisy coordinates differ from clean ones', () => {
    const clean = make('circle', 5, { noise: 0 });
    const noisy = make('circle', 5, { noise: 0.3 });
    let maxAbs = 0;
    for (const v of noisy.train.x.data) maxAbs = Math.max(maxAbs, Math.abs(v));
    expect(maxAbs).toBeGreaterThan(1);
    expect(noisy.train.x.data).not.toEqual(clean.train.x.data);
  });

  it.each([0, 0.1, 0.25, 0.5])('label noise %f flips that fraction of TRAINING labels, never validation', (rate) => {
    const points = 1000;
    const noisy = make('xor', 9, { noise: 0, labelNoise: rate, points });
    const nTrain = noisy.train.y.data.length;
    expect(noisy.flipped.length).toBe(Math.round(rate * nTrain));
    // With no input noise, xor's true class is known from the quadrant: count disagreements.
    const wrong = (d: Dataset) => {
      let n = 0;
      for (let i = 0; i < d.y.data.length; i++) {
        const truth = d.x.data[2 * i] * d.x.data[2 * i + 1] > 0 ? 0 : 1;
        if (truth !== d.y.data[i]) n++;
      }
      return n;
    };
    expect(wrong(noisy.train)).toBe(noisy.flipped.length);
    expect(Math.abs(wrong(noisy.train) / nTrain - rate)).toBeLessThan(0.01);
    expect(wrong(noisy.val)).toBe(0);
    for (const r of noisy.flipped) {
      const truth = noisy.train.x.data[2 * r] * noisy.train.x.data[2 * r + 1] > 0 ? 0 : 1;
      expect(noisy.train.y.data[r]).toBe(1 - truth);
    }
  });

  it('noise sliders morph the same draws: input noise scales one perturbation, label noise grows one set', () => {
    const clean = make('moons', 6, { noise: 0 });
    const a = make('moons', 6, { noise: 0.1 });
    const b = make('moons', 6, { noise: 0.3 });
    for (let i = 0; i < clean.train.x.data.length; i += 7) {
      const da = a.train.x.data[i] - clean.train.x.data[i];
      const db = b.train.x.data[i] - clean.train.x.data[i];
      expect(db).toBeCloseTo(3 * da, 4);
    }
    const few = make('moons', 6, { labelNoise: 0.1 }).flipped;
    const many = make('moons', 6, { labelNoise: 0.3 }).flipped;
    expect(many.length).toBeGreaterThan(few.length);
    for (const r of few) expect(many).toContain(r);
  });

  it('uses documented defaults', () => {
    const s = make('spiral', 1);
    expect(s.train.y.data.length + s.val.y.data.length).toBe(TWO_D_DEFAULTS.points);
    expect(s.val.y.data.length).toBe(Math.round(TWO_D_DEFAULTS.points * TWO_D_DEFAULTS.valFraction));
  });

  it('rejects an unknown name with a clear error', () => {
    expect(() => make('donut', 1)).toThrow(/Unknown 2-D data set "donut".*circle/);
    expect(() => make('donut', 1)).not.toThrow(RangeError);
  });

  it.each<Omit<TwoDOptions, 'rng'>>([
    { points: 5 },
    { points: 100.5 },
    { points: 20000 },
    { noise: -0.1 },
    { noise: 2 },
    { noise: NaN },
    { labelNoise: 0.6 },
    { labelNoise: -1 },
    { valFraction: 0 },
    { valFraction: 1 }
  ])('rejects out-of-range option %o with a RangeError naming it', (bad) => {
    const option = Object.keys(bad)[0];
    expect(() => make('moons', 1, bad)).toThrow(RangeError);
    expect(() => make('moons', 1, bad)).toThrow(new RegExp(option));
  });
});

describe('grid', () => {
  it('is row-major with row 0 at the top (largest y), x growing to the right, pixel centres', () => {
    const g = grid(4, 2);
    expect(g.shape).toEqual([16, 2]);
    const at = (row: number, col: number) => [g.data[2 * (row * 4 + col)], g.data[2 * (row * 4 + col) + 1]];
    expect(at(0, 0)).toEqual([-1.5, 1.5]);
    expect(at(0, 3)).toEqual([1.5, 1.5]);
    expect(at(3, 0)).toEqual([-1.5, -1.5]);
    expect(at(1, 2)).toEqual([0.5, 0.5]);
    for (let k = 1; k < 16; k++) {
      const sameRow = Math.floor(k / 4) === Math.floor((k - 1) / 4);
      if (sameRow) expect(g.data[2 * k]).toBeGreaterThan(g.data[2 * k - 2]);
      else expect(g.data[2 * k + 1]).toBeLessThan(g.data[2 * k - 1]);
    }
  });

  it('defaults to PLANE_EXTENT and stays strictly inside it', () => {
    const g = grid(50);
    expect(g.shape).toEqual([2500, 2]);
    let max = 0;
    for (const v of g.data) max = Math.max(max, Math.abs(v));
    expect(max).toBeLessThan(PLANE_EXTENT);
    expect(max).toBeGreaterThan(PLANE_EXTENT * 0.95);
  });

  it('rejects bad sizes', () => {
    expect(() => grid(0)).toThrow(RangeError);
    expect(() => grid(2.5)).toThrow(RangeError);
    expect(() => grid(10, 0)).toThrow(RangeError);
  });
});
