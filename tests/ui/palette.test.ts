// The planes' shared markers and class colours (src/lib/ui/heatmap/palette.ts).
import { describe, expect, it } from 'vitest';
import { CLASS_COLOR, DIVERGING, classPixel, pointMarks } from '../../src/lib/ui/heatmap/palette';
import { paintClasses } from '../../src/lib/ui/heatmap/paint';

describe('class colours', () => {
  const css = (packed: number) => `rgb(${packed & 255} ${(packed >> 8) & 255} ${(packed >> 16) & 255})`;
  it('are the two ends of the map palette (class 0 orange, class 1 blue), then green', () => {
    expect(CLASS_COLOR.slice(0, 2)).toEqual([css(DIVERGING[0]), css(DIVERGING[255])]);
    expect(CLASS_COLOR).toEqual(['rgb(179 88 6)', 'rgb(33 102 172)', 'rgb(0 158 115)']);
  });
  it('a three-class map: the likeliest class, from the unsure middle (chance) to full colour (certain)', () => {
    expect(css(classPixel(2, 1, 3))).toBe(CLASS_COLOR[2]);
    expect(css(classPixel(1, 1 / 3, 3))).toBe('rgb(247 247 247)');
    const px = new Uint32Array(3);
    paintClasses(Float32Array.from([0.1, 0.1, 0.8, 1, 0, 0, NaN, 0.5, 0.5]), 3, px);
    expect(css(px[0])).toBe(css(classPixel(2, 0.8, 3)));
    expect(css(px[1])).toBe(CLASS_COLOR[0]);
    expect(css(px[2])).toBe('rgb(247 247 247)'); // a NaN never paints a class
  });
});

describe('pointMarks', () => {
  it('draws class 2 as triangles pointing up', () => {
    expect(pointMarks([0, 0], [2], 0.1)).toEqual({ c0: '', c1: '', c2: 'M0,-0.125l0.1187,0.2h-0.2375z', rings: '' });
  });
  it('draws class 0 as circles, class 1 as squares (y flipped), and rings only the flipped rows', () => {
    const m = pointMarks(
      Float32Array.from([0.5, 0.25, -1, 1, 0, 0]),
      Float32Array.from([0, 1, 0]),
      0.1,
      Int32Array.from([2])
    );
    expect(m.c0).toBe(
      'M0.4,-0.25a0.1,0.1 0 1,0 0.2,0a0.1,0.1 0 1,0 -0.2,0zM-0.1,0a0.1,0.1 0 1,0 0.2,0a0.1,0.1 0 1,0 -0.2,0z'
    );
    expect(m.c1).toBe('M-1.09,-1.09h0.18v0.18h-0.18z');
    expect(m.rings).toBe('M-0.2,0a0.2,0.2 0 1,0 0.4,0a0.2,0.2 0 1,0 -0.4,0z');
  });
  it('is empty without points and draws no rings without flipped rows', () => {
    expect(pointMarks([], [], 0.05)).toEqual({ c0: '', c1: '', c2: '', rings: '' });
    expect(pointMarks([0, 0], [1], 0.05).rings).toBe('');
  });
});
