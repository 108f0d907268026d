import { describe, expect, it } from 'vitest';
import { csvSplit, parseCsv, type CsvData } from '../../src/lib/data/csv';
import type { Dataset } from '../../src/lib/engine/dataset';

/**
 * A table whose first feature is the row id (so rows can be traced through the split), a second
 * feature with a non-trivial scale, and a constant third feature. Classes a/b/c in 60/30/10.
 */
function table(): CsvData {
  const lines = ['id,size,const,label'];
  for (let i = 0; i < 100; i++) {
    const label = i % 10 === 0 ? 'c' : i % 10 < 4 ? 'b' : 'a';
    lines.push(`${i},${100 + ((i * 37) % 50) * 3},7,${label}`);
  }
  const r = parseCsv(lines.join('\n'));
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.data;
}

const column = (d: Dataset, f: number, width: number) =>
  Array.from({ length: d.x.shape[0] }, (_, r) => d.x.data[r * width + f]);
const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
const std = (v: number[]) => Math.sqrt(mean(v.map((x) => (x - mean(v)) ** 2)));
const classCounts = (d: Dataset) => {
  const c = [0, 0, 0];
  for (const y of d.y.data) c[y]++;
  return c;
};

describe('csvSplit', () => {
  const data = table();

  it('keeps class proportions in both parts (stratified) and metadata', () => {
    expect(classCounts({ x: data.x, y: data.y })).toEqual([60, 30, 10]);
    const s = csvSplit(data, { valFraction: 0.2, seed: 1 });
    expect(classCounts(s.val)).toEqual([12, 6, 2]);
    expect(classCounts(s.train)).toEqual([48, 24, 8]);
    expect(s).toMatchObject({ name: 'csv', classes: 3, inputShape: [3], classNames: ['a', 'b', 'c'] });
    expect(s.featureNames).toEqual(['id', 'size', 'const']);
    expect(s.train.x.shape).toEqual([80, 3]);
    expect(s.val.y.shape).toEqual([20]);
  });

  it('is a disjoint partition of the rows, each row keeping its label', () => {
    const s = csvSplit(data, { valFraction: 0.3, seed: 2 });
    const ids = (d: Dataset) => column(d, 0, 3).map((z) => Math.round(z * s.scale[0] + s.mean[0]) + 0); // + 0 folds -0
    const all = [...ids(s.train), ...ids(s.val)].sort((a, b) => a - b);
    expect(all).toEqual(Array.from({ length: 100 }, (_, i) => i));
    ids(s.val).forEach((id, r) => expect(s.val.y.data[r]).toBe(data.y.data[id]));
  });

  it('is deterministic per seed and differs across seeds', () => {
    const a = csvSplit(data, { valFraction: 0.3, seed: 5 });
    const b = csvSplit(data, { valFraction: 0.3, seed: 5 });
    const c = csvSplit(data, { valFraction: 0.3, seed: 6 });
    expect(b.val.x.data).toEqual(a.val.x.data);
    expect(c.val.x.data).not.toEqual(a.val.x.data);
  });

  it('standardises with TRAINING statistics only', () => {
    const s = csvSplit(data, { valFraction: 0.3, seed: 3 });
    const trainSize = column(s.train, 1, 3);
    const valSize = column(s.val, 1, 3);
    expect(Math.abs(mean(trainSize))).toBeLessThan(1e-5);
    expect(std(trainSize)).toBeCloseTo(1, 4);
    // Validation is transformed by the training mean/std, so its mean is near 0 but not 0 ...
    expect(Math.abs(mean(valSize))).toBeGreaterThan(1e-4);
    // ... and equals (raw − training mean) / training std, which we recompute from the raw rows.
    const raw = (d: Dataset) => column(d, 0, 3).map((z) => Math.round(z * s.scale[0] + s.mean[0]) + 0); // + 0 folds -0
    const rawSize = (id: number) => data.x.data[id * 3 + 1];
    const trainRaw = raw(s.train).map(rawSize);
    expect(s.mean[1]).toBeCloseTo(mean(trainRaw), 6);
    expect(s.scale[1]).toBeCloseTo(std(trainRaw), 6);
    raw(s.val).forEach((id, r) => {
      expect(valSize[r]).toBeCloseTo((rawSize(id) - mean(trainRaw)) / std(trainRaw), 5);
    });
  });

  it('leaves a constant column centred (zeros), never NaN', () => {
    const s = csvSplit(data, { valFraction: 0.5, seed: 4 });
    expect(s.scale[2]).toBe(1);
    expect(s.mean[2]).toBe(7);
    for (const d of [s.train, s.val]) for (const v of column(d, 2, 3)) expect(v).toBe(0);
    for (const v of [...s.train.x.data, ...s.val.x.data]) expect(Number.isFinite(v)).toBe(true);
  });

  it('keeps every class in training, even a class with a single row', () => {
    const r = parseCsv('a,y\n1,x\n2,x\n3,x\n4,y\n5,z');
    if (!r.ok) throw new Error('parse failed');
    const s = csvSplit(r.data, { valFraction: 0.5, seed: 1 });
    expect(new Set(s.train.y.data)).toEqual(new Set([0, 1, 2]));
    expect(s.val.y.data.length).toBe(2); // round(3 × 0.5) of class x; y and z have one row each
  });

  it('rejects an out-of-range validation fraction', () => {
    expect(() => csvSplit(data, { valFraction: 0, seed: 1 })).toThrow(RangeError);
    expect(() => csvSplit(data, { valFraction: 0.95, seed: 1 })).toThrow(/valFraction/);
  });
});

describe('csvSplit: extreme values stay finite', () => {
  it('clamps a validation value that would overflow float32 once standardised', async () => {
    const { parseCsv, csvSplit, MAX_Z } = await import('../../src/lib/data/csv');
    const rows = ['x,label'];
    for (let i = 0; i < 20; i++) rows.push(`1,${i % 2}`);
    rows.push('3.4e38,0', '-3.4e38,1');
    const parsed = parseCsv(rows.join('\n'));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    for (let seed = 1; seed <= 10; seed++) {
      const s = csvSplit(parsed.data, { valFraction: 0.3, seed });
      for (const d of [s.train, s.val]) {
        expect(d.x.data.every(Number.isFinite)).toBe(true);
        expect(d.x.data.every((v) => Math.abs(v) <= MAX_Z)).toBe(true);
      }
    }
  });
});
