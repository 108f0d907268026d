/**
 * The rate sweep behind "Choosing rates": which drop probability suits which layer width, on real
 * digits, in the spirit of the 2014 paper's figures 9 and 10. This file is the experiment's design,
 * fixed BEFORE the first run and never tuned to agree with the lesson's text:
 *
 * - Data: the 10,000 MNIST digits averaged down to 14×14 (196 inputs, `mnistSplit` with
 *   `downsample: 14`, as the ensemble lab does), a class-balanced subset per seed: `trainSize`
 *   training digits (the page offers 300, 1,000 and 3,000; default 1,000) and 1,000 validation digits.
 * - Network: 196 → W → W → 10, ReLU, two hidden layers of W units (16, 64, 256; 1,024 optional),
 *   dropout with probability p after EACH hidden layer, p ∈ {0, 0.1, 0.2, 0.3, 0.5, 0.7}. No input
 *   dropout (the question is the hidden rate; the paper's 0.2 on inputs is a separate piece of
 *   advice) and, as always, none on the output layer.
 * - Training: Adam, learning rate 1e-3, mini-batches of 50, cross-entropy, with early stopping: a
 *   run stops once its validation loss has not improved for a patience of 10 epochs, or at a cap of
 *   500 epochs. The patience was fixed before any run of this design and is not tuned: 10 is the
 *   common default, long enough to ride out epoch-to-epoch noise of the validation loss on 1,000
 *   digits. The cap only has to be out of the way, so that runs end by patience: it was first 200,
 *   but on the default grid the slowest run (16 units at p = 0.7) stopped at epoch 174, and on 300
 *   digits (6 steps an epoch) three small runs reached 200 still improving, so it was raised to
 *   500 — which changes no run that had stopped by patience, only lets those finish. A fixed epoch budget would judge every cell at the same
 *   epoch, and a small layer under dropout, which learns slowly, would be judged before it has
 *   learnt (in the old 30-epoch design, 19 of the 36 default runs had their best epoch at the last).
 *   A run that still reaches the cap is named by the verdict: its result is only what it reached.
 * - Measure: after every epoch, the validation loss and error in evaluation mode; a run's result is
 *   its early-stopped best — the lowest validation loss over its epochs, and the error at that
 *   epoch. Each cell (W, p) is run with 2 seeds; a seed fixes the digits, the initial weights, the
 *   batch order and the masks, so within a seed every p of a width starts from the same weights
 *   and sees the same batches (a paired comparison).
 * - Verdict (verdict.ts): per width, the p with the lowest mean best loss wins; every p whose seeds'
 *   range overlaps the winner's is "within the seeds' spread" of it.
 */

/** Drop probabilities the page sweeps (after each hidden layer). */
export const RATE_GRID: readonly number[] = [0, 0.1, 0.2, 0.3, 0.5, 0.7];
/** Hidden widths of the default grid. */
export const DEFAULT_WIDTHS: readonly number[] = [16, 64, 256];
/** The optional extra width ("add 1,024 units"). */
export const EXTRA_WIDTH = 1024;
/** Training-set sizes the page offers. */
export const TRAIN_SIZES: readonly number[] = [300, 1000, 3000];

/** Everything that decides the sweep's numbers. Plain data: it travels through postMessage and the CLI. */
export interface RatesConfig {
  /** Units in each of the two hidden layers, one grid row per width (ascending). */
  widths: number[];
  /** Drop probabilities after each hidden layer, one grid column per p (ascending). */
  pGrid: number[];
  /** Training digits (class-balanced, chosen by the seed). */
  trainSize: number;
  /** Validation digits (class-balanced, disjoint from training). */
  valSize: number;
  /** Seeds of the repeats of every cell. */
  seeds: number[];
  /** The cap: most epochs a run may train (it usually stops earlier, by `patience`). */
  epochs: number;
  /** Early stopping: a run stops after this many epochs in a row without a lower validation loss. */
  patience: number;
  /** Adam's learning rate. */
  lr: number;
  /** Examples per optimiser step. */
  batchSize: number;
}

/** The page's default settings (the CLI's `sweep --widths` starts from them too). */
export const RATES_DEFAULTS: RatesConfig = {
  widths: [...DEFAULT_WIDTHS],
  pGrid: [...RATE_GRID],
  trainSize: 1000,
  valSize: 1000,
  seeds: [1, 2],
  epochs: 500,
  patience: 10,
  lr: 1e-3,
  batchSize: 50
};

/**
 * Hard limits. 7,000 training plus 1,000 validation digits stay within what the 10,000 digits hold
 * with every digit balanced (about 8,600; beyond it mnistSplit takes all of the rarest digits).
 */
export const RATES_LIMITS = {
  width: { min: 1, max: 2048 },
  trainSize: { min: 10, max: 7000 },
  valSize: { min: 10, max: 1000 },
  epochs: { min: 1, max: 2000 },
  patience: { min: 1, max: 500 },
  seeds: { min: 1, max: 20 }
} as const;

/** The defaults with `overrides` on top, checked; throws a RangeError saying what is wrong and what is allowed. */
export function ratesConfig(overrides: Partial<RatesConfig> = {}): RatesConfig {
  const c: RatesConfig = { ...RATES_DEFAULTS, ...overrides };
  const L = RATES_LIMITS;
  const whole = (name: string, v: number, min: number, max: number) => {
    if (!Number.isInteger(v) || v < min || v > max)
      throw new RangeError(`${name} must be a whole number from ${min} to ${max}, got ${v}`);
  };
  if (c.widths.length === 0) throw new RangeError('the width grid is empty');
  if (c.pGrid.length === 0) throw new RangeError('the p grid is empty');
  if (c.seeds.length < L.seeds.min || c.seeds.length > L.seeds.max)
    throw new RangeError(`give from ${L.seeds.min} to ${L.seeds.max} seeds, got ${c.seeds.length}`);
  for (const w of c.widths) whole('every width', w, L.width.min, L.width.max);
  for (const p of c.pGrid) if (!(p >= 0 && p < 1)) throw new RangeError(`every p must be in [0, 1), got ${p}`);
  for (const s of c.seeds) whole('every seed', s, 0, 2 ** 31 - 1);
  whole('the training size', c.trainSize, L.trainSize.min, L.trainSize.max);
  whole('the validation size', c.valSize, L.valSize.min, L.valSize.max);
  whole('the epoch cap', c.epochs, L.epochs.min, L.epochs.max);
  whole('the patience', c.patience, L.patience.min, L.patience.max);
  whole('the batch size', c.batchSize, 1, 1024);
  if (!(c.lr > 0 && c.lr <= 1)) throw new RangeError(`the learning rate must be in (0, 1], got ${c.lr}`);
  const distinct = <T>(xs: readonly T[]) => new Set(xs).size === xs.length;
  if (!distinct(c.widths) || !distinct(c.pGrid) || !distinct(c.seeds))
    throw new RangeError('widths, rates and seeds must each be listed once');
  return {
    ...c,
    widths: [...c.widths].sort((a, b) => a - b),
    pGrid: [...c.pGrid].sort((a, b) => a - b),
    seeds: [...c.seeds]
  };
}

/** Inputs of every network: a 14×14 digit. */
export const INPUTS = 196;
/** Outputs: one logit per digit. */
export const CLASSES = 10;
