import { DIVERGING } from './palette';

/**
 * Paints a grid of values into RGBA pixels: `values[i]` → pixel i (row-major, row 0 at the top),
 * mapping [lo, hi] onto the palette (values outside are clamped; NaN paints the middle colour, so
 * a bad number can never smear the picture). Writes into `pixels`, a Uint32Array view of an
 * ImageData's bytes, so a 64×64 map costs 4,096 lookups and no allocation.
 */
export function paintValues(
  values: ArrayLike<number>,
  pixels: Uint32Array,
  lo: number,
  hi: number,
  lut: Uint32Array = DIVERGING
): void {
  const n = Math.min(values.length, pixels.length);
  const span = hi - lo;
  const k = span > 0 && Number.isFinite(span) ? 255 / span : 0;
  const mid = lut[128];
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (!(v === v)) {
      pixels[i] = mid;
      continue;
    }
    let t = k === 0 ? 128 : ((v - lo) * k + 0.5) | 0;
    if (t < 0) t = 0;
    else if (t > 255) t = 255;
    pixels[i] = lut[t];
  }
}

/**
 * Paints one column of a strided array (e.g. neuron j of a `[R*R, units]` activation tensor)
 * without copying it out first.
 */
export function paintColumn(
  data: Float32Array,
  column: number,
  stride: number,
  pixels: Uint32Array,
  lo: number,
  hi: number,
  lut: Uint32Array = DIVERGING
): void {
  const n = pixels.length;
  const span = hi - lo;
  const k = span > 0 && Number.isFinite(span) ? 255 / span : 0;
  const mid = lut[128];
  for (let i = 0, o = column; i < n; i++, o += stride) {
    const v = data[o];
    if (!(v === v)) {
      pixels[i] = mid;
      continue;
    }
    let t = k === 0 ? 128 : ((v - lo) * k + 0.5) | 0;
    if (t < 0) t = 0;
    else if (t > 255) t = 255;
    pixels[i] = lut[t];
  }
}

/** A Uint32Array view over an ImageData's bytes (one element per pixel). */
export function pixelView(image: ImageData): Uint32Array {
  return new Uint32Array(image.data.buffer, image.data.byteOffset, image.width * image.height);
}
