// Chart path building (src/lib/ui/charts/path.ts) and table cell text (table-rows.ts): the same
// shapes and numbers as drawing every point, gaps for non-finite values, bounded length for long runs.
import { describe, expect, it } from 'vitest';
import { bandPath, linePath, pointsExtent, r1 } from '../../src/lib/ui/charts/path';
import { linear } from '../../src/lib/ui/charts/scale';
import { cellText } from '../../src/lib/ui/charts/table-rows';

const pts = (ys: number[], x0 = 1) => ys.map((y, i) => ({ x: x0 + i, y }));
const coords = (d: string) =>
  [...d.matchAll(/([ML])(-?[\d.]+),(-?[\d.]+)/g)].map((m) => [m[1], Number(m[2]), Number(m[3])] as const);

describe('linePath', () => {
  const sx = linear(1, 5, 0, 100);
  const sy = linear(0, 1, 50, 0);
  it('draws one segment per point, in order, starting with M', () => {
    const d = linePath(pts([0, 0.25, 0.5, 0.75, 1]), sx, sy, 0, 1, 100);
    expect(d).toBe('M0,50L25,37.5L50,25L75,12.5L100,0');
    expect(d.match(/[ML]/g)).toHaveLength(5);
  });
  it('leaves a gap at non-finite values (a new M), never NaN, and clamps y into range', () => {
    const d = linePath(pts([0.5, NaN, 0.5, Infinity, 2]), sx, sy, 0, 1, 100);
    expect(d).not.toMatch(/NaN|Infinity/);
    expect(coords(d).map((c) => c[0])).toEqual(['M', 'M', 'M']);
    expect(coords(d).at(-1)).toEqual(['M', 100, 0]); // y = 2 clamped to the top
  });
  it('keeps the lowest and highest point of each pixel column (and the ends) when denser than a point per pixel', () => {
    const n = 5000;
    const ys = Array.from({ length: n }, (_, i) => Math.sin(i / 50) + (i === 2500 ? 3 : 0));
    const sxx = linear(1, n, 0, 200);
    const syy = linear(-2, 5, 100, 0);
    const dense = linePath(pts(ys), sxx, syy, -2, 5, 200);
    const segments = dense.match(/[ML]/g)!.length;
    expect(segments).toBeLessThanOrEqual(2 * 201 + 2);
    expect(segments).toBeGreaterThan(200);
    expect(dense.match(/M/g)).toHaveLength(1);
    // The spike survives, and the line still starts and ends where the data does.
    const c = coords(dense);
    expect(Math.min(...c.map((p) => p[2]))).toBeCloseTo(syy(ys[2500]), 1);
    expect(c[0].slice(1)).toEqual([0, Math.round(syy(ys[0]) * 10) / 10]);
    expect(c.at(-1)!.slice(1)).toEqual([200, Math.round(syy(ys[n - 1]) * 10) / 10]);
    // x never goes backwards.
    for (let i = 1; i < c.length; i++) expect(c[i][1]).toBeGreaterThanOrEqual(c[i - 1][1]);
  });
  it('dense series keep their gaps, and draw every point when there is at most one per pixel', () => {
    const ys = Array.from({ length: 1000 }, (_, i) => (i >= 400 && i < 410 ? NaN : i / 1000));
    const d = linePath(pts(ys), linear(1, 1000, 0, 100), linear(0, 1, 100, 0), 0, 1, 100);
    expect(d.match(/M/g)).toHaveLength(2);
    expect(d).not.toMatch(/NaN/);
    const sparse = linePath(pts(ys.slice(0, 100)), linear(1, 100, 0, 100), linear(0, 1, 100, 0), 0, 1, 100);
    expect(sparse.match(/[ML]/g)).toHaveLength(100);
  });
});

describe('bandPath', () => {
  const sx = linear(1, 4, 0, 30);
  const sy = linear(0, 1, 10, 0);
  it('goes along the first series and back along the second, over the x values both have', () => {
    const a = pts([0.5, 0.6, 0.7, 0.8]);
    const b = [
      { x: 2, y: 0.1 },
      { x: 3, y: NaN },
      { x: 4, y: 0.3 }
    ];
    expect(bandPath(a, b, sx, sy, 0, 1, 30)).toBe('M10,4L30,2L30,7L10,9Z');
  });
  it('is empty with fewer than two shared x values', () => {
    expect(bandPath(pts([0.5]), pts([0.1]), sx, sy, 0, 1, 30)).toBe('');
    expect(bandPath(pts([0.5, 0.6]), pts([0.1, 0.2], 10), sx, sy, 0, 1, 30)).toBe('');
  });
});

describe('pointsExtent and table cells', () => {
  it('finds both ranges in one pass, ignoring non-finite values', () => {
    expect(pointsExtent([pts([3, NaN, -1]), [{ x: 9, y: Infinity }]])).toEqual({ x: [1, 9], y: [-1, 3] });
    expect(pointsExtent([[]])).toEqual({ x: null, y: null });
  });
  it('formats numbers to 4 significant digits, keeps strings, shows — for missing values', () => {
    expect(cellText(0.123456)).toBe('0.1235');
    expect(cellText(12)).toBe('12');
    expect(cellText(NaN)).toBe('—');
    expect(cellText(null)).toBe('—');
    expect(cellText('<b>51%</b>')).toBe('<b>51%</b>'); // shown as text by the table, never parsed
  });
});

describe('r1', () => {
  it('gives the same text as rounding to 0.1 and printing, for every kind of value', () => {
    const values = [0, 0.04, 0.05, 0.96, 1, 12.34, 565.99, 99999.95, -0.04, -0.05, -3.26, 1e12, -1e12, 1e-9];
    let seed = 12345;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 2000; i++) values.push((rnd() - 0.3) * 10 ** (rnd() * 6));
    for (const v of values) expect(r1(v), String(v)).toBe(String(Math.round(v * 10) / 10));
  });
});
