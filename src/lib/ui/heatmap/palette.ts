/**
 * Colour scales for feature maps and decision maps. One diverging palette, orange ↔ near-white ↔
 * blue (distinguishable with the common colour-vision deficiencies, and the convention learners
 * know from TensorFlow Playground): orange for negative / class 0, blue for positive / class 1.
 *
 * A palette is a 256-entry lookup table of packed RGBA (little-endian, as ImageData's bytes are
 * laid out on every platform browsers run on), so painting a map is one table lookup per pixel.
 */

/** Anchor colours of the diverging scale, from the low end to the high end. */
const ANCHORS: readonly [number, number, number][] = [
  [179, 88, 6], // deep orange
  [241, 163, 64],
  [247, 247, 247], // near white (value 0 / probability 0.5)
  [103, 169, 207],
  [33, 102, 172] // deep blue
];

/** The colour at t ∈ [0, 1] along the anchors, linearly interpolated. */
export function colorAt(t: number): [number, number, number] {
  const u = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0.5)) * (ANCHORS.length - 1);
  const i = Math.min(ANCHORS.length - 2, Math.floor(u));
  const f = u - i;
  const a = ANCHORS[i];
  const b = ANCHORS[i + 1];
  return [Math.round(a[0] + (b[0] - a[0]) * f), Math.round(a[1] + (b[1] - a[1]) * f), Math.round(a[2] + (b[2] - a[2]) * f)];
}

/** 256 packed RGBA colours along the scale (computed once). */
export const DIVERGING: Uint32Array = (() => {
  const lut = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    const [r, g, b] = colorAt(i / 255);
    lut[i] = (255 << 24) | (b << 16) | (g << 8) | r;
  }
  return lut;
})();

/** Packed RGBA of a dropped neuron's map: flat grey, so "off" never looks like "zero activation". */
export const DROPPED_GREY = (255 << 24) | (150 << 16) | (150 << 8) | 150;

/** The CSS linear-gradient of the scale, for legends. */
export function gradientCss(): string {
  return `linear-gradient(to right, ${ANCHORS.map((c, i) => `rgb(${c.join(' ')}) ${(i / (ANCHORS.length - 1)) * 100}%`).join(', ')})`;
}
