import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { readUserCsv } from '../../../src/lib/lab/user-data/read';
import { summarise } from '../../../src/lib/lab/user-data/table';
import { userSplit } from '../../../src/lib/lab/user-data/split';
import { handleCsvRead } from '../../../src/lib/lab/user-data/session';
import { HOSTILE_CSVS } from '../../fixtures/hostile-csv';
import { blobsCsv } from '../../fixtures/make-blobs.mjs';

const FIXTURE = new URL('../../fixtures/blobs-4d.csv', import.meta.url);

describe('readUserCsv', () => {
  it('the fixture is what its generator writes', () => {
    expect(readFileSync(FIXTURE, 'utf8')).toBe(blobsCsv());
  });

  it('reads the fixture: 300 rows, 4 features, 3 classes, label = last column', () => {
    const r = readUserCsv(new Uint8Array(readFileSync(FIXTURE)));
    if (!r.ok) throw new Error(r.errors.join('\n'));
    expect(r.label).toBe('kind');
    expect(r.columns).toEqual(['length_mm', 'weight_g', 'ratio', 'noise', 'kind']);
    expect(r.table.rows).toBe(300);
    expect(r.table.features).toBe(4);
    expect(r.table.classNames).toEqual(['alpha', 'beta', 'gamma']);
  });

  it('another label column is read on request; an unknown one falls back to the last', () => {
    const csv = 'a,b,c\n1,0,5\n2,1,6\n3,0,7\n4,1,8\n';
    const r = readUserCsv(csv, 'b');
    expect(r.ok && r.label).toBe('b');
    expect(r.ok && r.table.featureNames).toEqual(['a', 'c']);
    // 'c' holds words, so with 'b' as the label, 'c' is a non-numeric feature: refused in words.
    const bad = readUserCsv('a,b,c\n1,0,x\n2,1,y\n', 'b');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.errors[0]).toMatch(/Row 2, column "c": "x" is not a number/);
    const fallback = readUserCsv('a,b,c\n1,0,x\n2,1,y\n3,0,x\n4,1,y\n', 'zzz');
    expect(fallback.ok && fallback.label).toBe('c');
  });

  it('a byte-order mark, CRLF line ends and quoted fields are read', () => {
    const csv = '\ufeff"x 1",x2,"label"\r\n"1.5",2,"a, b"\r\n3,"4",c\r\n5,6,"a, b"\r\n7,8,c\r\n';
    const r = readUserCsv(new TextEncoder().encode(csv));
    if (!r.ok) throw new Error(r.errors.join('\n'));
    expect(r.columns).toEqual(['x 1', 'x2', 'label']);
    expect(r.table.classNames).toEqual(['a, b', 'c']);
    expect(Array.from(r.table.x)).toEqual([1.5, 2, 3, 4, 5, 6, 7, 8]);
  });

  for (const h of HOSTILE_CSVS) {
    it(`hostile: ${h.name} → a message that names the problem`, () => {
      const r = readUserCsv(h.bytes());
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.errors.join('\n')).toMatch(h.expect);
        for (const e of r.errors) expect(e).toMatch(/^[A-Z"…].*[.?!…]$/s);
      }
    });
  }
  it('there are at least 25 hostile files', () => expect(HOSTILE_CSVS.length).toBeGreaterThanOrEqual(25));
});

describe('summary and split', () => {
  const r = readUserCsv(new Uint8Array(readFileSync(FIXTURE)));
  if (!r.ok) throw new Error('fixture');
  it('the summary counts are those of the split, whatever the seed', () => {
    const s = summarise(r.table);
    expect(s.classes.map((c) => c.count)).toEqual([100, 100, 100]);
    for (const seed of [1, 12, 999]) {
      const split = userSplit(r.table, seed);
      expect(split.train.x.shape[0]).toBe(s.train);
      expect(split.val.x.shape[0]).toBe(s.val);
      const perClass = (y: Float32Array) => [0, 1, 2].map((k) => y.filter((v) => v === k).length);
      expect(perClass(split.val.y.data)).toEqual(s.classes.map((c) => c.val));
      expect(perClass(split.train.y.data)).toEqual(s.classes.map((c) => c.train));
    }
  });
  it('standardised with training statistics: training columns have mean 0 and std 1, no NaN anywhere', () => {
    const split = userSplit(r.table, 5);
    const n = split.train.x.shape[0];
    for (let f = 0; f < 4; f++) {
      let m = 0;
      for (let i = 0; i < n; i++) m += split.train.x.data[i * 4 + f];
      m /= n;
      let v = 0;
      for (let i = 0; i < n; i++) v += (split.train.x.data[i * 4 + f] - m) ** 2;
      expect(Math.abs(m)).toBeLessThan(1e-5);
      expect(Math.sqrt(v / n)).toBeCloseTo(1, 4);
    }
    expect([...split.train.x.data, ...split.val.x.data].every(Number.isFinite)).toBe(true);
  });
  it('the worker reply moves the table buffers', () => {
    const { reply, transfer } = handleCsvRead({
      type: 'read',
      run: 3,
      name: 'f.csv',
      input: readFileSync(FIXTURE, 'utf8')
    });
    expect(reply.run).toBe(3);
    expect(reply.result.ok).toBe(true);
    expect(transfer).toHaveLength(2);
  });
});
