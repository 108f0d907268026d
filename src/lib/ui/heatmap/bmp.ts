/**
 * A picture as an uncompressed 24-bit BMP file: for tiny images (a 28×28 feature map) an <img> of
 * one is far cheaper to put on the page than a <canvas>, whose drawing surface the browser must
 * create, back and composite one by one; the image is decoded off the main thread.
 */

/** `pixels` (RGBA bytes in memory order, e.g. a palette-painted Uint32Array), width × height, row 0 at the top. */
export function bmpBytes(pixels: Uint32Array, width: number, height: number): Uint8Array<ArrayBuffer> {
  if (pixels.length < width * height) throw new RangeError(`need ${width * height} pixels, got ${pixels.length}`);
  const rgba = new Uint8Array(pixels.buffer, pixels.byteOffset, width * height * 4);
  const row = Math.ceil((width * 3) / 4) * 4;
  const size = 54 + row * height;
  const out = new Uint8Array(size);
  const v = new DataView(out.buffer);
  out[0] = 0x42; // 'B'
  out[1] = 0x4d; // 'M'
  v.setUint32(2, size, true);
  v.setUint32(10, 54, true); // where the pixels start
  v.setUint32(14, 40, true); // BITMAPINFOHEADER
  v.setInt32(18, width, true);
  v.setInt32(22, height, true); // positive: rows stored bottom-up
  v.setUint16(26, 1, true); // planes
  v.setUint16(28, 24, true); // bits per pixel
  v.setUint32(34, row * height, true);
  v.setUint32(38, 2835, true); // 72 dpi
  v.setUint32(42, 2835, true);
  for (let y = 0; y < height; y++) {
    let o = 54 + (height - 1 - y) * row;
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      out[o++] = rgba[i + 2];
      out[o++] = rgba[i + 1];
      out[o++] = rgba[i];
    }
  }
  return out;
}
