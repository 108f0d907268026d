import type { Random } from '../engine';

/**
 * The five 2-D shapes, each a function that draws ONE clean point of a given class.
 * Noise, label flips and the hold-out are added by `two-d.ts`, the same way for every shape.
 * Every clean point lies inside [-1, 1]² (see PLANE_EXTENT in plane.ts).
 */

/** Draws one noise-free point (x, y) of class `label` (0 or 1). */
export type ShapeSampler = (rng: Random, label: 0 | 1) => [number, number];

/** Class 0: a disc of radius 0.5 in the middle. Class 1: a ring between radius 0.7 and 1. */
export const circle: ShapeSampler = (rng, label) => {
  const r = label === 0 ? rng.uniform(0, 0.5) : rng.uniform(0.7, 1);
  const angle = rng.uniform(0, 2 * Math.PI);
  return [r * Math.cos(angle), r * Math.sin(angle)];
};

/**
 * Exclusive or: class 0 where x and y have the same sign (top-right, bottom-left quadrants),
 * class 1 where they differ. A small gap around the axes keeps the quadrants apart.
 */
export const xor: ShapeSampler = (rng, label) => {
  const gap = 0.05;
  const sx = rng.next() < 0.5 ? -1 : 1;
  const sy = label === 0 ? sx : -sx;
  return [sx * rng.uniform(gap, 1), sy * rng.uniform(gap, 1)];
};

/**
 * Two round gaussian blobs (std 0.2): class 0 around (0.4, 0.4), class 1 around (-0.4, -0.4).
 * Each coordinate is cut at 3 std (redrawn beyond), so clean points stay inside [-1, 1]².
 */
export const gauss: ShapeSampler = (rng, label) => {
  const c = label === 0 ? 0.4 : -0.4;
  return [c + 0.2 * truncatedNormal(rng), c + 0.2 * truncatedNormal(rng)];
};

/** A standard normal redrawn until it falls within ±3 (99.7% are accepted at once). */
function truncatedNormal(rng: Random): number {
  let z = rng.normal();
  while (Math.abs(z) > 3) z = rng.normal();
  return z;
}

/**
 * Two interleaved spiral arms, 1.75 turns each; the class-1 arm is the class-0 arm rotated
 * by half a turn. The radius grows from 0.05 at the centre to 0.95.
 */
export const spiral: ShapeSampler = (rng, label) => {
  const t = rng.next();
  const r = 0.05 + 0.9 * t;
  const angle = 1.75 * 2 * Math.PI * t + label * Math.PI;
  return [r * Math.cos(angle), r * Math.sin(angle)];
};

/**
 * Two interlocking half-circles, as scikit-learn's make_moons: class 0 is the upper arc
 * (cos θ, sin θ), class 1 the lower arc (1 − cos θ, 0.5 − sin θ), θ in [0, π]. That picture
 * spans x ∈ [-1, 2], y ∈ [-0.5, 1]; we centre it and scale by 0.6 to fit inside [-1, 1]².
 */
export const moons: ShapeSampler = (rng, label) => {
  const theta = rng.uniform(0, Math.PI);
  const [x, y] = label === 0 ? [Math.cos(theta), Math.sin(theta)] : [1 - Math.cos(theta), 0.5 - Math.sin(theta)];
  return [0.6 * (x - 0.5), 0.6 * (y - 0.25)];
};
