import {
  Adam,
  CrossEntropyLoss,
  Seeds,
  Trainer,
  mlp,
  seedDropout,
  tensor,
  type Dataset,
  type EpochStats,
  type Sequential
} from '../../engine';
import { mnistSplit, type MnistSet } from '../../data';
import { InputStage } from './shift';

/**
 * "Dropout and data augmentation: four networks, one run". The design, fixed before the first run
 * and not tuned afterwards (the lesson's text is written from what it gives):
 *
 * - Data: 1,000 training and 500 validation digits of the lesson's MNIST subset, class-balanced,
 *   the same digits for every seed (digit seed 1). Each network reads them at 14×14 (2×2 averages,
 *   as in the ensemble and rate experiments), through `InputStage`.
 * - One network: 196 → 128 → 128 → 10, ReLU, Adam (learning rate 0.001), batches of 50, 25 epochs.
 * - Four ways of training it, from the same initial weights and in the same batch order:
 *   neither; dropout (p = 0.2 on the inputs and after each hidden layer: the lesson's rates for
 *   layers of this size and for inputs); augmentation (every time a digit enters a batch it is
 *   shifted by a random whole-pixel move of up to 2 px in x and y, of the 28×28 original); both.
 * - Seeds 1, 2, 3: each seed draws its own initial weights ('init'), batch order ('shuffle'),
 *   dropout masks ('masks') and shifts ('augment'); within a seed the four networks share the
 *   weights and the order, the two dropout networks the masks, the two shifted ones the shifts.
 * - Measured after every epoch in evaluation mode (no dropout, no shift) on the validation digits:
 *   loss and error. Reported per network: the best (early-stopped) and final validation loss and
 *   error, as mean and range over the seeds; the verdict (verdict.ts) names a difference only when
 *   the seeds' ranges do not overlap.
 *
 * It is a generator that yields after every epoch, so a Web Worker can post progress and notice a
 * "stop" between epochs, the CLI can print progress, and a test can run it to the end.
 */

/** The four ways of training the network, in the order they are trained and shown. */
export const VARIANTS = ['neither', 'dropout', 'augment', 'both'] as const;
export type Variant = (typeof VARIANTS)[number];

/** Names shared by the chart's legend, the tables, the CSV, the verdict and the prediction. */
export const VARIANT_LABEL: Record<Variant, string> = {
  neither: 'Neither',
  dropout: 'Dropout',
  augment: 'Shifts',
  both: 'Dropout + shifts'
};

/** Does this variant train with dropout? */
export const usesDropout = (v: Variant): boolean => v === 'dropout' || v === 'both';
/** Does this variant train on shifted digits? */
export const usesShifts = (v: Variant): boolean => v === 'augment' || v === 'both';

/** Everything that defines a run of the experiment. */
export interface AugmentConfig {
  /** Training digits (class-balanced). */
  train: number;
  /** Validation digits, disjoint from the training ones. */
  val: number;
  /** Seed of the choice of digits (the same digits for every training seed). */
  dataSeed: number;
  /** Units in each hidden layer. */
  width: number;
  /** Number of hidden layers. */
  depth: number;
  /** Drop probability on the inputs, in the two dropout variants. */
  pInput: number;
  /** Drop probability after each hidden layer, in the two dropout variants. */
  pHidden: number;
  /** Largest shift, in pixels of the 28×28 digit, in the two shifted variants. */
  maxShift: number;
  /** Epochs per network. */
  epochs: number;
  /** Digits per mini-batch. */
  batchSize: number;
  /** Adam's learning rate. */
  lr: number;
  /** Training seeds: each one trains all four networks. */
  seeds: number[];
}

/** The run the page starts and `dropout-lab augment` prints by default (12 trainings, seconds each). */
export const DEFAULT_CONFIG: AugmentConfig = {
  train: 1000,
  val: 500,
  dataSeed: 1,
  width: 128,
  depth: 2,
  pInput: 0.2,
  pHidden: 0.2,
  maxShift: 2,
  epochs: 25,
  batchSize: 50,
  lr: 1e-3,
  seeds: [1, 2, 3]
};

/** Side of the digits the input stage receives (MNIST's own 28×28). */
export const DIGIT_SIDE = 28;
/** Inputs of the network proper: the 14×14 averages. */
export const NETWORK_INPUTS = (DIGIT_SIDE / 2) * (DIGIT_SIDE / 2);

/** The digits as the networks receive them: grey levels 0–255 as [N, 784], labels [N]. */
export interface AugmentData {
  train: Dataset;
  val: Dataset;
}

/**
 * Picks the digits with the lesson's own class-balanced subset (`mnistSplit`) and keeps them at
 * 28×28 as grey levels 0–255, so a shift moves whole pixels of the original and the input stage's
 * average gives exactly the 14×14 values every other example reads.
 */
export function augmentData(set: MnistSet, config: Pick<AugmentConfig, 'train' | 'val' | 'dataSeed'>): AugmentData {
  if (set.rows !== DIGIT_SIDE || set.cols !== DIGIT_SIDE) {
    throw new RangeError(
      `the experiment reads ${DIGIT_SIDE}×${DIGIT_SIDE} digits, the data has ${set.rows}×${set.cols}`
    );
  }
  const split = mnistSplit(set, { train: config.train, val: config.val, seed: config.dataSeed, downsample: 14 });
  return { train: greyLevels(set, split.trainIndex), val: greyLevels(set, split.valIndex) };
}

/** Images `index` of the set as floats 0–255 [n, 784], with their labels. */
function greyLevels(set: MnistSet, index: Int32Array): Dataset {
  const area = set.rows * set.cols;
  const x = new Float32Array(index.length * area);
  const y = new Float32Array(index.length);
  index.forEach((img, r) => {
    x.set(set.pixels.subarray(img * area, (img + 1) * area), r * area);
    y[r] = set.labels[img];
  });
  return { x: tensor(x, [index.length, area]), y: tensor(y, [index.length]) };
}

/** One network of the experiment: the input stage around the MLP. */
export interface AugmentNetwork {
  /** What the trainer trains: shifts (when on) and averages, then the MLP. */
  model: InputStage;
  /** The MLP itself. */
  net: Sequential;
}

/**
 * Builds one variant for one seed. The MLP has the same layer list in every variant (dropout layers
 * at p = 0 are identities), so the 'init' stream gives the four variants identical weights.
 */
export function buildNetwork(variant: Variant, config: AugmentConfig, seed: number): AugmentNetwork {
  const seeds = new Seeds(seed);
  const drop = usesDropout(variant);
  const net = mlp({
    inputs: NETWORK_INPUTS,
    hidden: Array<number>(config.depth).fill(config.width),
    outputs: 10,
    activation: 'relu',
    inputDropout: drop ? config.pInput : 0,
    hiddenDropout: drop ? config.pHidden : 0,
    init: seeds.stream('init')
  });
  seedDropout(net, seeds.stream('masks'));
  const model = new InputStage(net, {
    side: DIGIT_SIDE,
    maxShift: usesShifts(variant) ? config.maxShift : 0,
    rng: seeds.stream('augment')
  });
  return { model, net };
}

/** The outcome of one network for one seed. */
export interface RunSummary {
  variant: Variant;
  seed: number;
  /** One entry per epoch (eval-mode measurements). */
  history: EpochStats[];
  /** Lowest validation loss (the early-stopping point), and its epoch; Infinity and 0 without epochs. */
  bestValLoss: number;
  bestEpoch: number;
  /** Lowest validation error over the epochs, in [0, 1]; 1 without epochs. */
  bestValError: number;
  /** Validation loss and error after the last epoch (Infinity and 1 without epochs). */
  finalValLoss: number;
  finalValError: number;
  /** Why the run ended early (divergence), or null when it completed. */
  stopped: string | null;
}

/** What the experiment yields: an epoch of one network, or a finished network. */
export type ExperimentEvent =
  | {
      type: 'epoch';
      variant: Variant;
      seed: number;
      stats: EpochStats;
      /** Epochs finished so far over the whole experiment, and in all. */
      done: number;
      total: number;
    }
  | { type: 'run'; summary: RunSummary };

/** Epochs in the whole experiment: four networks per seed. */
export function totalEpochs(config: AugmentConfig): number {
  return config.seeds.length * VARIANTS.length * config.epochs;
}

/** Checks a configuration; throws a RangeError naming the bad field. */
export function checkConfig(config: AugmentConfig): void {
  const whole = (name: string, v: number, min: number) => {
    if (!Number.isInteger(v) || v < min) throw new RangeError(`${name} must be a whole number ≥ ${min}, got ${v}`);
  };
  whole('train', config.train, 1);
  whole('val', config.val, 1);
  whole('width', config.width, 1);
  whole('depth', config.depth, 1);
  whole('epochs', config.epochs, 1);
  whole('batchSize', config.batchSize, 1);
  whole('maxShift', config.maxShift, 0);
  for (const [name, p] of [
    ['pInput', config.pInput],
    ['pHidden', config.pHidden]
  ] as const) {
    if (!(p >= 0 && p < 1)) throw new RangeError(`${name} must be in [0, 1), got ${p}`);
  }
  if (!(config.lr > 0)) throw new RangeError(`lr must be positive, got ${config.lr}`);
  if (config.seeds.length === 0) throw new RangeError('at least one seed is needed');
  if (new Set(config.seeds).size !== config.seeds.length) throw new RangeError('the seeds must differ');
  config.seeds.forEach((s) => whole('seed', s, 0));
}

/** Trains every variant for every seed (seed after seed); returns the summaries in that order. */
export function* augmentExperiment(
  data: AugmentData,
  config: AugmentConfig = DEFAULT_CONFIG
): Generator<ExperimentEvent, RunSummary[]> {
  checkConfig(config);
  const runs: RunSummary[] = [];
  const total = totalEpochs(config);
  let done = 0;
  for (const seed of config.seeds) {
    for (const variant of VARIANTS) {
      const { model } = buildNetwork(variant, config, seed);
      const trainer = new Trainer({
        model,
        loss: new CrossEntropyLoss(),
        optimizer: new Adam(model.parameters(), { lr: config.lr }),
        train: data.train,
        val: data.val,
        batchSize: config.batchSize,
        // A fresh stream per network, the same for the four: identical batch order.
        shuffle: new Seeds(seed).stream('shuffle')
      });
      for (let e = 0; e < config.epochs; e++) {
        const stats = trainer.runEpoch();
        if (!stats) break;
        done++;
        yield { type: 'epoch', variant, seed, stats, done, total };
      }
      // A diverged network's remaining epochs count as done, so progress still reaches the end.
      done += config.epochs - trainer.history.length;
      const stopped = trainer.stopped?.kind === 'diverged' ? trainer.stopped.message : null;
      const summary = summarise(variant, seed, trainer.history, stopped);
      runs.push(summary);
      yield { type: 'run', summary };
    }
  }
  return runs;
}

/** Best and final validation loss and error of a history (NaN-free: Infinity / 1 without epochs). */
export function summarise(
  variant: Variant,
  seed: number,
  history: readonly EpochStats[],
  stopped: string | null = null
): RunSummary {
  let bestValLoss = Infinity;
  let bestEpoch = 0;
  let bestValError = 1;
  for (const s of history) {
    if (s.valLoss !== null && s.valLoss < bestValLoss) {
      bestValLoss = s.valLoss;
      bestEpoch = s.epoch;
    }
    if (s.valAccuracy !== null) bestValError = Math.min(bestValError, 1 - s.valAccuracy);
  }
  const last = history.at(-1);
  return {
    variant,
    seed,
    history: [...history],
    bestValLoss,
    bestEpoch,
    bestValError,
    finalValLoss: last?.valLoss ?? Infinity,
    finalValError: last?.valAccuracy != null ? 1 - last.valAccuracy : 1,
    stopped
  };
}
