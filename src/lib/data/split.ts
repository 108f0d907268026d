import { type Random, type Dataset, tensor } from '../engine';

/**
 * Helpers shared by every data set: a stratified hold-out and row gathering.
 *
 * Why stratified: with few examples, a purely random hold-out can leave a class almost absent
 * from validation, and then "validation accuracy" measures luck. Cutting each class separately
 * keeps the class proportions of train and validation equal to those of the whole set.
 */

/** Row indices of a hold-out: which rows train, which rows only measure. Disjoint. */
export interface HoldOut {
  /** Rows the optimiser will see, in a shuffled order. */
  train: Int32Array;
  /** Held-out rows, in a shuffled order. */
  val: Int32Array;
}

/**
 * How many of a class's `count` examples go to validation: `round(count * valFraction)`, but
 * at least one on each side when the class has two or more examples, so that every class is
 * both learned and measured. A class with a single example is kept for training.
 */
export function valCountFor(count: number, valFraction: number): number {
  if (count < 2) return 0;
  const n = Math.round(count * valFraction);
  return Math.min(count - 1, Math.max(1, n));
}

/**
 * Cuts rows into train and validation class by class (stratified), using `rng` for the
 * choice. `labels[i]` is the class of row i, an integer in [0, classes).
 * Both outputs are shuffled, so neither is sorted by class.
 */
export function stratifiedHoldOut(
  labels: ArrayLike<number>,
  classes: number,
  valFraction: number,
  rng: Random
): HoldOut {
  const byClass: number[][] = Array.from({ length: classes }, () => []);
  for (let i = 0; i < labels.length; i++) byClass[labels[i]].push(i);
  const train: number[] = [];
  const val: number[] = [];
  for (const rows of byClass) {
    rng.shuffle(rows);
    const nVal = valCountFor(rows.length, valFraction);
    for (let k = 0; k < rows.length; k++) (k < nVal ? val : train).push(rows[k]);
  }
  return { train: Int32Array.from(rng.shuffle(train)), val: Int32Array.from(rng.shuffle(val)) };
}

/** Copies the chosen rows of a row-major `[N, width]` array into a new `[rows.length, width]` array. */
export function gatherRows(source: ArrayLike<number>, width: number, rows: ArrayLike<number>): Float32Array {
  const out = new Float32Array(rows.length * width);
  for (let r = 0; r < rows.length; r++) {
    const from = rows[r] * width;
    for (let f = 0; f < width; f++) out[r * width + f] = source[from + f];
  }
  return out;
}

/** Builds a classification Dataset (x `[n, width]`, y `[n]`) from the chosen rows. */
export function gatherDataset(
  x: ArrayLike<number>,
  width: number,
  labels: ArrayLike<number>,
  rows: ArrayLike<number>
): Dataset {
  const y = new Float32Array(rows.length);
  for (let r = 0; r < rows.length; r++) y[r] = labels[rows[r]];
  return { x: tensor(gatherRows(x, width, rows), [rows.length, width]), y: tensor(y, [rows.length]) };
}

/** Throws a RangeError unless `value` is a finite number in [min, max] (and an integer if asked). */
export function checkRange(what: string, value: number, min: number, max: number, integer = false): void {
  const ok = typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max;
  if (!ok || (integer && !Number.isInteger(value))) {
    const kind = integer ? 'an integer' : 'a number';
    throw new RangeError(`${what} must be ${kind} between ${min} and ${max}, got ${String(value)}`);
  }
}
