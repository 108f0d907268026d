import { describe, expect, it } from 'vitest';
import { extent, fmt, linear, ticks } from '../../src/lib/ui/charts/scale';
import { paintColumn, paintValues } from '../../src/lib/ui/heatmap/paint';
import { DIVERGING, colorAt } from '../../src/lib/ui/heatmap/palette';

describe('chart scales', () => {
  it('maps domain ends to range ends and survives a zero-width domain', () => {
    const s = linear(0, 10, 100, 0);
    expect(s(0)).toBe(100);
    expect(s(10)).toBe(0);
    expect(s(5)).toBe(50);
    expect(linear(3, 3, 0, 8)(3)).toBe(4);
  });
  it('makes round ticks that cover the range', () => {
    expect(ticks(0, 1, 5)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(ticks(0, 97, 5)).toEqual([0, 20, 40, 60, 80]);
    expect(ticks(NaN, 1)).toEqual([]);
  });
  it('ignores non-finite values and never prints NaN', () => {
    expect(extent([NaN, 2, Infinity, -1])).toEqual([-1, 2]);
    expect(extent([NaN])).toBeNull();
    expect(fmt(NaN)).toBe('—');
    expect(fmt(0.123456)).toBe('0.123');
    expect(fmt(12)).toBe('12');
  });
});

describe('heatmap painting', () => {
  it('maps low, middle and high values to the ends and centre of the palette', () => {
    const px = new Uint32Array(4);
    paintValues([-1, 0, 1, NaN], px, -1, 1);
    expect(px[0]).toBe(DIVERGING[0]);
    expect(px[2]).toBe(DIVERGING[255]);
    expect(px[1]).toBe(DIVERGING[128]);
    expect(px[3]).toBe(DIVERGING[128]); // NaN paints neutral, never garbage
    expect(colorAt(0)).not.toEqual(colorAt(1));
  });
  it('paints one strided column exactly like the copied column', () => {
    const data = Float32Array.from({ length: 30 }, (_, i) => Math.sin(i));
    const a = new Uint32Array(10);
    const b = new Uint32Array(10);
    paintColumn(data, 1, 3, a, -1, 1);
    paintValues(
      Array.from({ length: 10 }, (_, i) => data[i * 3 + 1]),
      b,
      -1,
      1
    );
    expect(Array.from(a)).toEqual(Array.from(b));
  });
});
