import { type Split, Seeds } from '../engine';
import type { CsvData } from './csv';
import { checkRange, gatherDataset, stratifiedHoldOut } from './split';

/**
 * Cuts a parsed CSV into train and validation, and standardises the features.
 *
 * Why standardise: a user's columns can be on any scale (age in years, income in dollars), and
 * a network trains badly when one input is 10,000× larger than another. Each feature becomes
 * (value − mean) / std.
 * Why with TRAINING statistics only: the validation rows stand for data the model has never seen;
 * letting their values shape the transform would leak information from them into training.
 * So validation is transformed with the training mean/std, and its mean is close to, not exactly, 0.
 */

/** Options of csvSplit. */
/** Largest standardised magnitude kept (in standard deviations); beyond it values are clamped. */
export const MAX_Z = 1e6;

export interface CsvSplitOptions {
  /** Fraction of each class held out for validation: [0.05, 0.9]. */
  valFraction: number;
  /** Seed of the hold-out choice; the same seed always gives the same split. */
  seed: number;
}

/** A CSV Split, plus what is needed to name things and to transform new points the same way. */
export interface CsvSplit extends Split {
  /** Feature column names, in input order. */
  featureNames: string[];
  /** Label text of each class index. */
  classNames: string[];
  /** Training mean of each feature (subtracted). */
  mean: Float64Array;
  /** Divisor of each feature: its training standard deviation, or 1 for a constant column. */
  scale: Float64Array;
}

/**
 * A seeded, stratified hold-out (every class keeps its proportion in both parts; a class with a
 * single row stays in training), then features standardised with training statistics.
 * A constant training column (std 0) is only centred, never divided by 0, so no NaN appears.
 */
export function csvSplit(data: CsvData, options: CsvSplitOptions): CsvSplit {
  checkRange('valFraction', options.valFraction, 0.05, 0.9);
  const width = data.x.shape[1];
  const rng = new Seeds(options.seed).stream('data');
  const rows = stratifiedHoldOut(data.y.data, data.classes, options.valFraction, rng);
  const train = gatherDataset(data.x.data, width, data.y.data, rows.train);
  const val = gatherDataset(data.x.data, width, data.y.data, rows.val);

  // Mean and (population) std per column, in float64, over training rows only.
  const nTrain = rows.train.length;
  const mean = new Float64Array(width);
  const scale = new Float64Array(width).fill(1);
  for (let f = 0; f < width; f++) {
    let sum = 0;
    for (let r = 0; r < nTrain; r++) sum += train.x.data[r * width + f];
    mean[f] = sum / nTrain;
    let sq = 0;
    for (let r = 0; r < nTrain; r++) sq += (train.x.data[r * width + f] - mean[f]) ** 2;
    const std = Math.sqrt(sq / nTrain);
    // Below float32 resolution of the mean the column is constant: centring it is all we can do.
    if (std > 1e-7 * Math.max(1, Math.abs(mean[f]))) scale[f] = std;
  }
  for (const d of [train, val]) {
    const x = d.x.data;
    for (let i = 0; i < x.length; i++) {
      // A validation value far outside the training range (say 3e38 where training was constant)
      // would overflow float32 to ±Infinity. Millions of standard deviations out carries no more
      // information than the clamp keeps, so clamp instead of handing the network an Infinity.
      const z = (x[i] - mean[i % width]) / scale[i % width];
      x[i] = z > MAX_Z ? MAX_Z : z < -MAX_Z ? -MAX_Z : z;
    }
  }
  return {
    name: 'csv',
    train,
    val,
    classes: data.classes,
    inputShape: [width],
    featureNames: [...data.featureNames],
    classNames: [...data.classNames],
    mean,
    scale
  };
}
