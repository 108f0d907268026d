import type { Random, Split } from '../engine';
import { checkRange, gatherDataset, stratifiedHoldOut } from './split';
import { circle, gauss, moons, spiral, xor, type ShapeSampler } from './two-d-shapes';

/**
 * Toy 2-D classification sets (circle, xor, gauss, spiral, moons), the kind of data where you
 * can SEE a network overfit: the decision boundary bends around individual noisy points.
 *
 * Recipe, the same for every shape:
 *   1. draw `points` clean points, half of each class (class-balanced);
 *   2. add gaussian input noise (std `noise`) to every coordinate — it is part of the data,
 *      so train and validation both get it;
 *   3. cut a stratified hold-out of `valFraction` of each class;
 *   4. flip the labels of exactly round(labelNoise × train size) randomly chosen TRAINING points.
 * Validation labels are never flipped: validation measures how well the network learned the
 * true shape, so memorising the flipped labels (overfitting) shows up as lower validation accuracy.
 *
 * The random draws do not depend on `noise` or `labelNoise`, only on the seed, `points` and
 * `valFraction`. So with one seed, moving the noise slider scales the SAME perturbations (points
 * drift smoothly instead of jumping), and raising label noise flips a superset of the same points.
 */

/** Names of the 2-D sets, as used in URLs and presets. */
export type TwoDName = 'circle' | 'xor' | 'gauss' | 'spiral' | 'moons';

/** Every 2-D set with a human-readable label for menus, in menu order (easiest first). */
export const TWO_D_SETS: readonly { name: TwoDName; label: string }[] = [
  { name: 'gauss', label: 'Two Gaussians' },
  { name: 'circle', label: 'Circle' },
  { name: 'xor', label: 'Exclusive or' },
  { name: 'moons', label: 'Two moons' },
  { name: 'spiral', label: 'Spiral' }
];

const SAMPLERS: Record<TwoDName, ShapeSampler> = { circle, xor, gauss, spiral, moons };

/** How to generate a 2-D set. Everything but `rng` has a default (see TWO_D_DEFAULTS). */
export interface TwoDOptions {
  /** Where all randomness comes from; pass `new Seeds(seed).stream('data')`. */
  rng: Random;
  /** Total number of points, train + validation: an integer in [10, 10000]. */
  points?: number;
  /** Std of the gaussian noise added to each coordinate, in plane units: [0, 0.5]. */
  noise?: number;
  /** Fraction of training labels flipped: [0, 0.5] (at 0.5 the labels carry no signal). */
  labelNoise?: number;
  /** Fraction of each class held out for validation: [0.05, 0.9]. */
  valFraction?: number;
}

/** Default options: enough points to see the shape, a little noise, half held out. */
export const TWO_D_DEFAULTS = { points: 400, noise: 0.1, labelNoise: 0, valFraction: 0.5 } as const;

/** A 2-D Split, plus which training rows had their label flipped (for drawing them differently). */
export interface TwoDSplit extends Split {
  /** Row indices into `train` whose label was flipped by label noise, ascending. */
  flipped: Int32Array;
}

/** Type guard: is `name` one of the 2-D set names? */
export function isTwoDName(name: string): name is TwoDName {
  return Object.prototype.hasOwnProperty.call(SAMPLERS, name);
}

/**
 * Generates the 2-D set called `name`: x `[N, 2]`, y `[N]` holding 0/1, 2 classes, input
 * shape `[2]`. Throws an Error for an unknown name and a RangeError for an out-of-range option.
 */
export function makeTwoD(name: string, options: TwoDOptions): TwoDSplit {
  if (!isTwoDName(name)) {
    const known = TWO_D_SETS.map((s) => s.name).join(', ');
    throw new Error(`Unknown 2-D data set "${name}"; choose one of: ${known}`);
  }
  const points = options.points ?? TWO_D_DEFAULTS.points;
  const noise = options.noise ?? TWO_D_DEFAULTS.noise;
  const labelNoise = options.labelNoise ?? TWO_D_DEFAULTS.labelNoise;
  const valFraction = options.valFraction ?? TWO_D_DEFAULTS.valFraction;
  checkRange('points', points, 10, 10000, true);
  checkRange('noise', noise, 0, 0.5);
  checkRange('labelNoise', labelNoise, 0, 0.5);
  checkRange('valFraction', valFraction, 0.05, 0.9);
  const { rng } = options;
  const sample = SAMPLERS[name];

  // 1–2. Clean points, class-balanced (the first half class 0), plus input noise.
  const xy = new Float32Array(points * 2);
  const labels = new Uint8Array(points);
  for (let i = 0; i < points; i++) {
    const label = i < Math.ceil(points / 2) ? 0 : 1;
    const [x, y] = sample(rng, label);
    xy[2 * i] = x + noise * rng.normal();
    xy[2 * i + 1] = y + noise * rng.normal();
    labels[i] = label;
  }

  // 3. Stratified hold-out.
  const rows = stratifiedHoldOut(labels, 2, valFraction, rng);
  const train = gatherDataset(xy, 2, labels, rows.train);
  const val = gatherDataset(xy, 2, labels, rows.val);

  // 4. Label noise, training set only: choose the rows by shuffling, flip 0 <-> 1.
  const nTrain = rows.train.length;
  const order = rng.shuffle(Int32Array.from({ length: nTrain }, (_, i) => i));
  const flipped = order.slice(0, Math.round(labelNoise * nTrain)).sort();
  for (const r of flipped) train.y.data[r] = 1 - train.y.data[r];

  return { name, train, val, classes: 2, inputShape: [2], flipped };
}
