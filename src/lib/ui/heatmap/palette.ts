/**
 * Colour scales for feature maps and decision maps. One diverging palette, orange ↔ near-white ↔
 * blue (distinguishable with the common colour-vision deficiencies, and the convention learners
 * know from TensorFlow Playground): orange for negative / class 0, blue for positive / class 1; a
 * drawn set's third class is green (CLASS_RGB).
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
  return [
    Math.round(a[0] + (b[0] - a[0]) * f),
    Math.round(a[1] + (b[1] - a[1]) * f),
    Math.round(a[2] + (b[2] - a[2]) * f)
  ];
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

/**
 * The classes' colours as RGB: class 0 and class 1 are the ends of the diverging scale (orange,
 * blue), class 2 — drawn sets may have three — Okabe and Ito's bluish green, which stays apart from
 * both under the common colour-vision deficiencies (simulated CIELAB distance to either above 35
 * for protanopia and deuteranopia, above 20 for tritanopia). Markers differ too (circle, square,
 * triangle), so colour is never the only cue.
 */
export const CLASS_RGB: readonly (readonly [number, number, number])[] = [
  ANCHORS[0],
  ANCHORS[ANCHORS.length - 1],
  [0, 158, 115]
];

/**
 * The classes' colours as CSS: every plane that draws training points takes them from here, so
 * points and maps always agree.
 */
export const CLASS_COLOR: readonly string[] = CLASS_RGB.map((c) => `rgb(${c.join(' ')})`);
/** The classes' markers, in words (for captions and counts). */
export const CLASS_MARKER: readonly string[] = ['orange circles', 'blue squares', 'green triangles'];
/** Outline of a point (so it stands out on a map of its own colour), and the ring of a flipped label. */
export const POINT_STROKE = '#fff';
export const RING_COLOR = '#111';

/** Packed RGBA of each class's colour, and of the scale's near-white middle (where a map is unsure). */
const CLASS_PACKED = CLASS_RGB.map(([r, g, b]) => ((255 << 24) | (b << 16) | (g << 8) | r) >>> 0);
const MIDDLE = ANCHORS[2];

/**
 * The colour of a pixel whose most likely class is `k` with probability `p` among `classes`:
 * the near-white middle where the network is no surer than chance (p = 1/classes), the class's
 * full colour where it is certain (p = 1), in between linearly. For two classes this is the
 * diverging scale's logic (white at 0.5); three classes have no single axis, so hue says which
 * class wins and paleness how unsure the win is.
 */
export function classPixel(k: number, p: number, classes: number): number {
  const base = 1 / classes;
  const t = Math.min(1, Math.max(0, Number.isFinite(p) ? (p - base) / (1 - base) : 0));
  const c = CLASS_RGB[k] ?? MIDDLE;
  if (t >= 1) return CLASS_PACKED[k] ?? CLASS_PACKED[0];
  const mix = (i: number) => Math.round(MIDDLE[i] + (c[i] - MIDDLE[i]) * t);
  return ((255 << 24) | (mix(2) << 16) | (mix(1) << 8) | mix(0)) >>> 0;
}

/** SVG path data of the training points in plane units (y up): class 0 circles, 1 squares, 2 triangles, rings. */
export interface PointMarks {
  c0: string;
  c1: string;
  c2: string;
  rings: string;
}

/**
 * The point markers of every plane: class 0 a circle of radius `dot`, class 1 a square of side
 * 1.8·`dot`, class 2 a triangle pointing up of about the same area (shape tells the classes apart
 * as well as colour), and a ring of radius 2·`dot` around the `flipped` rows. A few path strings
 * rather than an element per point: a new seed moves every point, and a few strings are far
 * cheaper for the page to replace than hundreds of elements. `points` is [x0, y0, x1, y1, …];
 * the y axis is flipped for SVG (y down).
 */
export function pointMarks(
  points: ArrayLike<number>,
  labels: ArrayLike<number>,
  dot: number,
  flipped: ArrayLike<number> | null = null
): PointMarks {
  const ringed = new Set(flipped ? Array.from(flipped) : []);
  const r = dot;
  const h = dot * 0.9;
  const t = dot * 1.25;
  const n = (v: number) => +v.toFixed(4);
  let c0 = '';
  let c1 = '';
  let c2 = '';
  let rings = '';
  for (let i = 0; i < labels.length; i++) {
    const x = points[2 * i];
    const y = -points[2 * i + 1];
    if (labels[i] === 1) c1 += `M${n(x - h)},${n(y - h)}h${n(2 * h)}v${n(2 * h)}h${n(-2 * h)}z`;
    else if (labels[i] === 2) c2 += `M${n(x)},${n(y - t)}l${n(t * 0.95)},${n(t * 1.6)}h${n(-t * 1.9)}z`;
    else c0 += `M${n(x - r)},${n(y)}a${n(r)},${n(r)} 0 1,0 ${n(2 * r)},0a${n(r)},${n(r)} 0 1,0 ${n(-2 * r)},0z`;
    if (ringed.has(i))
      rings += `M${n(x - 2 * r)},${n(y)}a${n(2 * r)},${n(2 * r)} 0 1,0 ${n(4 * r)},0a${n(2 * r)},${n(2 * r)} 0 1,0 ${n(-4 * r)},0z`;
  }
  return { c0, c1, c2, rings };
}
