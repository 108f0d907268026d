import { PLANE_EXTENT } from '../../data/plane';
import type { UserTable } from './table';

/**
 * Points the learner draws on the plane (the drawing pad): two or three classes, at most MAX_DRAWN
 * points, in the plane's own coordinates (the presets' square), used as they are — not
 * standardised — so the decision maps of the presets apply. Small enough to travel in a link:
 * 18 bits a point (x and y on a 256-step grid over the square, 2 bits of class), 3 base64url
 * characters, under a bounded length. Links written before the third class (version "a", 4
 * characters a point with a whole byte of class) still read.
 */

/** One drawn point: plane coordinates and its class (0, 1 or 2). */
export interface DrawnPoint {
  x: number;
  y: number;
  c: number;
}

/** Most points a pad (and a link) holds. */
export const MAX_DRAWN = 300;
/** Fewest points of each class before training (one to learn from, one to measure on). */
export const MIN_PER_CLASS = 2;
/** Classes the pad offers (the plane's palette has three colours and three markers). */
export const DRAWN_CLASSES = 3;
/** The link parameter that carries drawn points. */
export const DRAWN_URL_KEY = 'pts';
/** Version letter of the encoding written now: 3 characters a point. */
const VERSION = 'b';
/** The first layout (two classes, 4 characters a point): read, never written. */
const VERSION_A = 'a';
/** Characters a point takes in each version. */
const WIDTH: Record<string, number> = { [VERSION]: 3, [VERSION_A]: 4 };

const STEPS = 255;
const toByte = (v: number) =>
  Math.max(0, Math.min(STEPS, Math.round(((v + PLANE_EXTENT) / (2 * PLANE_EXTENT)) * STEPS)));
const fromByte = (b: number) => (b / STEPS) * 2 * PLANE_EXTENT - PLANE_EXTENT;

/** A point snapped to the link's grid, so a shared set is exactly the set drawn. */
export function snap(p: DrawnPoint): DrawnPoint {
  return { x: fromByte(toByte(p.x)), y: fromByte(toByte(p.y)), c: p.c };
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** The points as link text: "b" then 3 base64url characters per point (x byte, y byte, 2 class bits). */
export function encodeDrawn(points: readonly DrawnPoint[]): string {
  let s = VERSION;
  for (const p of points.slice(0, MAX_DRAWN)) {
    const n = (toByte(p.x) << 10) | (toByte(p.y) << 2) | (p.c & 3);
    for (let k = 2; k >= 0; k--) s += ALPHABET[(n >> (6 * k)) & 63];
  }
  return s;
}

/** Reads link text back (either version); anything malformed gives a sentence (never throws). */
export function decodeDrawn(text: string): { points: DrawnPoint[] } | { error: string } {
  const width = typeof text === 'string' ? WIDTH[text[0]] : undefined;
  if (width === undefined) return { error: 'The drawn points in the link could not be read.' };
  const body = text.slice(1);
  if (body.length % width !== 0 || body.length / width > MAX_DRAWN) {
    return { error: `The drawn points in the link could not be read (at most ${MAX_DRAWN} points).` };
  }
  const points: DrawnPoint[] = [];
  for (let i = 0; i < body.length; i += width) {
    let n = 0;
    for (let k = 0; k < width; k++) {
      const d = ALPHABET.indexOf(body[i + k]);
      if (d < 0) return { error: 'The drawn points in the link could not be read.' };
      n = n * 64 + d;
    }
    // Version a: x, y, class a byte each; version b: x and y a byte each, then 2 bits of class.
    const [x, y, c] =
      width === 4 ? [(n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff] : [(n >> 10) & 0xff, (n >> 2) & 0xff, n & 3];
    if (c >= DRAWN_CLASSES) return { error: 'The drawn points in the link name a class the pad does not have.' };
    points.push({ x: fromByte(x), y: fromByte(y), c });
  }
  return { points };
}

/** How many classes a drawn set has: one more than the highest class drawn, at least two. */
export function drawnClasses(points: readonly DrawnPoint[]): number {
  let top = 1;
  for (const p of points) top = Math.max(top, p.c);
  return Math.min(DRAWN_CLASSES, top + 1);
}

/** Why the points cannot be trained on yet, in words, or null when they can. */
export function drawnProblem(points: readonly DrawnPoint[]): string | null {
  const counts = Array.from({ length: drawnClasses(points) }, (_, k) => points.filter((p) => p.c === k).length);
  const short = counts.findIndex((n) => n < MIN_PER_CLASS);
  if (short >= 0) {
    return `Draw at least ${MIN_PER_CLASS} points of each class: class ${short} has ${counts[short]}.`;
  }
  return null;
}

/** The points as a table the twins train on (marked `plane`: used as they are). */
export function drawnTable(points: readonly DrawnPoint[]): UserTable {
  const n = points.length;
  const x = new Float32Array(2 * n);
  const y = new Float32Array(n);
  points.forEach((p, i) => {
    x[2 * i] = p.x;
    x[2 * i + 1] = p.y;
    y[i] = p.c;
  });
  const classNames = Array.from({ length: drawnClasses(points) }, (_, k) => String(k));
  return { rows: n, features: 2, x, y, featureNames: ['x', 'y'], classNames, plane: true };
}

/** The drawn points a query string carries, when they are readable and trainable; else null. */
export function drawnFromQuery(search: string): DrawnPoint[] | null {
  let text: string | null;
  try {
    text = new URLSearchParams(search).get(DRAWN_URL_KEY);
  } catch {
    return null;
  }
  if (text === null) return null;
  const decoded = decodeDrawn(text);
  return 'points' in decoded && drawnProblem(decoded.points) === null ? decoded.points : null;
}

/** The points as the shared setting a link or an embed carries ("pts=b…"); empty without points. */
export function drawnQuery(points: readonly DrawnPoint[] | null): string {
  return points ? `${DRAWN_URL_KEY}=${encodeDrawn(points)}` : '';
}

/** What "Copy a link" says when the example trains on drawn points: they travel in the link. */
export const COPIED_WITH_DRAWN = 'Link copied, with your drawn points in it.';

/**
 * The drawn points of an address whose example was told to start from them (`data=drawn`), or, when it
 * carries none or they cannot be used, a note in words saying the example starts from `fallback` instead
 * (the preset's data, e.g. "two moons").
 */
export function linkedDrawn(search: string, fallback: string): { points: DrawnPoint[] } | { note: string } {
  let text: string | null;
  try {
    text = new URLSearchParams(search).get(DRAWN_URL_KEY);
  } catch {
    text = null;
  }
  const instead = `so the example starts from ${fallback}`;
  if (text === null || text === '') return { note: `The link names drawn points but carries none, ${instead}.` };
  const decoded = decodeDrawn(text);
  if ('error' in decoded) return { note: `The drawn points in the link could not be read, ${instead}.` };
  const problem = drawnProblem(decoded.points);
  if (problem === null) return { points: decoded.points };
  const why = problem.charAt(0).toLowerCase() + problem.slice(1).replace(/\.$/, '');
  return { note: `The drawn points in the link cannot be trained on (${why}), ${instead}.` };
}
