// The planes' shared markers and class colours (src/lib/ui/heatmap/palette.ts).
import { describe, expect, it } from 'vitest';
import { CLASS_COLOR, DIVERGING, pointMarks } from '../../src/lib/ui/heatmap/palette';

describe('class colours', () => {
  it('are the two ends of the map palette (class 0 orange, class 1 blue)', () => {
    const css = (packed: number) => `rgb(${packed & 255} ${(packed >> 8) & 255} ${(packed >> 16) & 255})`;
    expect(CLASS_COLOR).toEqual([css(DIVERGING[0]), css(DIVERGING[255])]);
    expect(CLASS_COLOR).toEqual(['rgb(179 88 6)', 'rgb(33 102 172)']);
  });
});

describe('pointMarks', () => {
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
    expect(pointMarks([], [], 0.05)).toEqual({ c0: '', c1: '', rings: '' });
    expect(pointMarks([0, 0], [1], 0.05).rings).toBe('');
  });
});
