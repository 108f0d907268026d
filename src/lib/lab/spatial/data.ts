import { mnistSplit, type MnistSet } from '../../data';
import type { Dataset, Tensor } from '../../engine';
import { IMAGE_SIDE } from './model';

/**
 * The digits as images for the CNN. `mnistSplit` gives flat rows [N, 784]; a convolution needs
 * [N, 1, 28, 28]. Row-major storage is the same, so this is a change of shape, not a copy.
 */

/** Training and validation digits shaped [N, 1, 28, 28], plus one validation digit of each class for the gallery. */
export interface ImageSplit {
  /** Digits the CNN learns from. */
  train: Dataset;
  /** Held-out digits: the validation curves. */
  val: Dataset;
  /** `gallery[d]` is the row of `val` holding the first digit d (the digits the learner can pick). */
  gallery: number[];
}

/** How many digits the experiment uses (defaults in `DEFAULT_CONFIG`). */
export interface SplitSize {
  /** Training digits (class-balanced). */
  train: number;
  /** Validation digits (class-balanced, disjoint from training). */
  val: number;
  /** Seed of the choice of digits. */
  seed: number;
}

/** Cuts a seeded, class-balanced subset and reshapes it for the CNN. */
export function imageSplit(set: MnistSet, size: SplitSize): ImageSplit {
  if (set.rows !== IMAGE_SIDE || set.cols !== IMAGE_SIDE) {
    throw new RangeError(`the demo CNN reads ${IMAGE_SIDE}×${IMAGE_SIDE} digits, the data has ${set.rows}×${set.cols}`);
  }
  const s = mnistSplit(set, { train: size.train, val: size.val, seed: size.seed });
  const val = asImages(s.val);
  return { train: asImages(s.train), val, gallery: galleryRows(val.y.data) };
}

/** The same dataset with x reshaped to [N, 1, 28, 28]. */
export function asImages(d: Dataset): Dataset {
  const n = d.x.shape[0];
  const x: Tensor = { data: d.x.data, shape: [n, 1, IMAGE_SIDE, IMAGE_SIDE] };
  return { x, y: d.y };
}

/** For each digit 0–9, the first row whose label is that digit (−1 if none). */
export function galleryRows(labels: ArrayLike<number>): number[] {
  const rows = new Array<number>(10).fill(-1);
  for (let i = 0; i < labels.length; i++) {
    const d = labels[i];
    if (rows[d] === -1) rows[d] = i;
  }
  return rows;
}

/** Rows `rows` of an image dataset's x, copied into one [rows.length, 1, 28, 28] tensor. */
export function pickImages(d: Dataset, rows: readonly number[]): Tensor {
  const size = IMAGE_SIDE * IMAGE_SIDE;
  const out = new Float32Array(rows.length * size);
  rows.forEach((r, i) => out.set(d.x.data.subarray(r * size, (r + 1) * size), i * size));
  return { data: out, shape: [rows.length, 1, IMAGE_SIDE, IMAGE_SIDE] };
}
