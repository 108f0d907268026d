import type { Tensor } from './tensor';

/**
 * Examples to learn from: inputs and targets with the same number of rows.
 * - Classification: `y` has shape `[N]` and holds class indices (0, 1, …) as floats.
 * - Regression: `y` has shape `[N, K]` and holds target values.
 */
export interface Dataset {
  /** Inputs, `[N, features]` or `[N, C, H, W]`. */
  x: Tensor;
  /** Targets, `[N]` (class indices) or `[N, K]` (values). */
  y: Tensor;
}

/** A data set cut into the examples we train on and the ones we only measure on. */
export interface Split {
  /** Short identifier, e.g. "spiral" or "mnist". */
  name: string;
  /** Examples the optimiser sees. */
  train: Dataset;
  /** Held-out examples, used only to measure generalisation (never trained on). */
  val: Dataset;
  /** Number of classes (2 for the 2-D sets, 10 for MNIST). */
  classes: number;
  /** Shape of one input example, e.g. `[2]` or `[784]` or `[1, 28, 28]`. */
  inputShape: readonly number[];
}

/** Number of examples in a data set. */
export function countOf(d: Dataset): number {
  return d.x.shape[0];
}
