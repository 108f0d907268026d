// DL_VIEWPORT, which runs the whole browser suite at another screen size (e.g. DL_VIEWPORT=360x800):
// parsing, and the rejection of anything that is not "<width>x<height>".
import { describe, expect, it } from 'vitest';
import { parseViewport } from '../browser/harness';

describe('parseViewport (DL_VIEWPORT)', () => {
  it('reads <width>x<height> in CSS pixels', () => {
    expect(parseViewport('360x800')).toEqual({ width: 360, height: 800 });
    expect(parseViewport('1600x1000')).toEqual({ width: 1600, height: 1000 });
    expect(parseViewport(' 1600 X 1000 ')).toEqual({ width: 1600, height: 1000 });
  });

  it('leaves the viewport alone when unset or empty', () => {
    expect(parseViewport(undefined)).toBeUndefined();
    expect(parseViewport('')).toBeUndefined();
  });

  it('refuses anything else, naming the bad value', () => {
    for (const bad of ['360', '360x', 'x800', '360,800', '-360x800', '360x800px', 'wide', '10x10', '360.5x800']) {
      expect(() => parseViewport(bad), bad).toThrow(`DL_VIEWPORT="${bad}"`);
    }
  });
});
