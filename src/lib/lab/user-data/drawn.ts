import { PLANE_EXTENT } from '../../data/plane';
import type { UserTable } from './table';

/**
 * Points the learner draws on the plane (the drawing pad): two classes, at most MAX_DRAWN points,
 * in the plane's own coordinates (the presets' square), used as they are — not standardised — so
 * the decision maps of the presets apply. Small enough to travel in a link: 3 bytes a point
 * (x and y on a 256-step grid over the square, the class), base64url, under a bounded length.
 */

/** One drawn point: plane coordinates and its class (0 or 1). */
export interface DrawnPoint {
  x: number;
  y: number;
  c: number;
}

/** Most points a pad (and a link) holds. */
export const MAX_DRAWN = 300;
/** Fewest points of each class before training (one to learn from, one to measure on). */
export const MIN_PER_CLASS = 2;
/** Classes the pad offers (the plane's palette has two colours and two markers). */
export const DRAWN_CLASSES = 2;
/** The link parameter that carries drawn points. */
export const DRAWN_URL_KEY = 'pts';
/** Version letter at the start of an encoding (a later layout gets another letter). */
const VERSION = 'a';

const STEPS = 255;
const toByte = (v: number) =>
  Math.max(0, Math.min(STEPS, Math.round(((v + PLANE_EXTENT) / (2 * PLANE_EXTENT)) * STEPS)));
const fromByte = (b: number) => (b / STEPS) * 2 * PLANE_EXTENT - PLANE_EXTENT;

/** A point snapped to the link's grid, so a shared set is exactly the set drawn. */
export function snap(p: DrawnPoint): DrawnPoint {
  return { x: fromByte(toByte(p.x)), y: fromByte(toByte(p.y)), c: p.c };
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** The points as link text: "a" then 4 base64url characters per point. */
export function encodeDrawn(points: readonly DrawnPoint[]): string {
  let s = VERSION;
  for (const p of points.slice(0, MAX_DRAWN)) {
    const n = (toByte(p.x) << 16) | (toByte(p.y) << 8) | (p.c & 0xff);
    for (let k = 3; k >= 0; k--) s += ALPHABET[(n >> (6 * k)) & 63];
  }
  return s;
}

/** Reads link text back; anything malformed gives null and a sentence (never throws). */
export function decodeDrawn(text: string): { points: DrawnPoint[] } | { error: string } {
  if (typeof text !== 'string' || text[0] !== VERSION)
    return { error: 'The drawn points in the link could not be read.' };
  const body = text.slice(1);
  if (body.length % 4 !== 0 || body.length / 4 > MAX_DRAWN) {
    return { error: `The drawn points in the link could not be read (at most ${MAX_DRAWN} points).` };
  }
  const points: DrawnPoint[] = [];
  for (let i = 0; i < body.length; i += 4) {
    let n = 0;
    for (let k = 0; k < 4; k++) {
      const d = ALPHABET.indexOf(body[i + k]);
      if (d < 0) return { error: 'The drawn points in the link could not be read.' };
      n = (n << 6) | d;
    }
    const c = n & 0xff;
    if (c >= DRAWN_CLASSES) return { error: 'The drawn points in the link name a class the pad does not have.' };
    points.push({ x: fromByte((n >> 16) & 0xff), y: fromByte((n >> 8) & 0xff), c });
  }
  return { points };
}

/** Why the points cannot be trained on yet, in words, or null when they can. */
export function drawnProblem(points: readonly DrawnPoint[]): string | null {
  const counts = Array.from({ length: DRAWN_CLASSES }, (_, k) => points.filter((p) => p.c === k).length);
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
  return { rows: n, features: 2, x, y, featureNames: ['x', 'y'], classNames: ['0', '1'], plane: true };
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
