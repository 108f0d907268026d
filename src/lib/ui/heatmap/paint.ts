import { DIVERGING, classPixel } from './palette';

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

/**
 * Paints a decision map of K ≥ 3 classes: `probs` holds each pixel's K probabilities (pixel-major),
 * and a pixel takes its most likely class's colour, paler the less sure (palette.ts `classPixel`).
 * A pixel with a NaN paints the unsure middle colour, so a bad number never smears the picture.
 */
export function paintClasses(probs: ArrayLike<number>, classes: number, pixels: Uint32Array): void {
  const n = Math.min(pixels.length, Math.floor(probs.length / classes));
  for (let i = 0, o = 0; i < n; i++, o += classes) {
    let best = 0;
    let bad = false;
    for (let j = 0; j < classes; j++) {
      const v = probs[o + j];
      if (!(v === v)) bad = true;
      else if (v > probs[o + best] || !(probs[o + best] === probs[o + best])) best = j;
    }
    pixels[i] = bad ? classPixel(0, 0, classes) : classPixel(best, probs[o + best], classes);
  }
}

/**
 * Paints a decision map whatever its number of classes: two classes as one P(class 1) per pixel
 * through the diverging scale, more as K probabilities per pixel (`paintClasses`).
 */
export function paintDecision(values: ArrayLike<number>, classes: number, pixels: Uint32Array): void {
  if (classes > 2) paintClasses(values, classes, pixels);
  else paintValues(values, pixels, 0, 1);
}
