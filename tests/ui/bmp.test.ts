// The BMP encoder behind the spatial example's feature maps: a valid header, rows bottom-up, BGR
// byte order, rows padded to 4 bytes.
import { describe, expect, it } from 'vitest';
import { bmpBytes } from '../../src/lib/ui/heatmap/bmp';

describe('bmpBytes', () => {
  it('writes a 24-bit bottom-up BMP with BGR pixels and padded rows', () => {
    // 2 × 2: top row red, green; bottom row blue, white (RGBA bytes in memory order).
    const rgba = new Uint8Array([255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255, 255, 255, 255, 255]);
    const bytes = bmpBytes(new Uint32Array(rgba.buffer), 2, 2);
    const v = new DataView(bytes.buffer);
    expect(String.fromCharCode(bytes[0], bytes[1])).toBe('BM');
    // Rows of 2 × 3 = 6 bytes padded to 8.
    expect(bytes.length).toBe(54 + 8 * 2);
    expect(v.getUint32(2, true)).toBe(bytes.length);
    expect(v.getUint32(10, true)).toBe(54);
    expect([v.getInt32(18, true), v.getInt32(22, true), v.getUint16(28, true)]).toEqual([2, 2, 24]);
    // First stored row is the bottom one: blue then white, as B, G, R.
    expect([...bytes.subarray(54, 62)]).toEqual([255, 0, 0, 255, 255, 255, 0, 0]);
    // Then the top row: red, green.
    expect([...bytes.subarray(62, 70)]).toEqual([0, 0, 255, 0, 255, 0, 0, 0]);
  });

  it('refuses too few pixels', () => {
    expect(() => bmpBytes(new Uint32Array(3), 2, 2)).toThrow(/need 4 pixels/);
  });
});
