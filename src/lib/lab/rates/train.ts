import { Adam, CrossEntropyLoss, Seeds, Trainer, mlp, seedDropout, type EpochStats, type Split } from '../../engine';
import { mnistSplit, type MnistSet } from '../../data';
import { CLASSES, INPUTS, type RatesConfig } from './config';
import type { RatesJob } from './plan';

/**
 * One run of the sweep: the design of config.ts, trained with the engine's Trainer, reduced to
 * its early-stopped best. The same function runs in the page's workers, in Node and in the CLI.
 */

/** What one run gave. */
export interface RatesRun {
  /** Position in the plan. */
  index: number;
  width: number;
  p: number;
  seed: number;
  /** Epochs completed. */
  epochs: number;
  /** Lowest validation loss over the epochs (the early-stopped result). */
  bestValLoss: number;
  /** The epoch it was reached (1-based). */
  bestEpoch: number;
  /** Validation error (fraction misclassified, in [0, 1]) at that epoch. */
  bestValError: number;
  /** Validation loss after the last epoch. */
  finalValLoss: number;
  /** 'done', or 'diverged' (then the numbers are those of the epochs before; verdicts leave it out). */
  stopped: 'done' | 'diverged';
}

/** Data built once per seed and shared by all the cells of that seed (a worker keeps a few). */
export class RatesData {
  private readonly splits = new Map<number, Split>();

  constructor(
    private readonly mnist: MnistSet,
    private readonly config: Pick<RatesConfig, 'trainSize' | 'valSize'>
  ) {}

  /** The split of `seed`: class-balanced 14×14 digits chosen by the seed. */
  split(seed: number): Split {
    let s = this.splits.get(seed);
    if (!s) {
      s = mnistSplit(this.mnist, { train: this.config.trainSize, val: this.config.valSize, seed, downsample: 14 });
      this.splits.set(seed, s);
    }
    return s;
  }
}

/** Reduces a history to the run's result (null when no epoch finished). */
export function summariseRatesRun(job: RatesJob, history: readonly EpochStats[], diverged: boolean): RatesRun | null {
  let best: EpochStats | null = null;
  for (const h of history) if (h.valLoss !== null && (best === null || h.valLoss < (best.valLoss as number))) best = h;
  if (!best) return null;
  const last = history[history.length - 1];
  return {
    index: job.index,
    width: job.width,
    p: job.p,
    seed: job.seed,
    epochs: last.epoch,
    bestValLoss: best.valLoss as number,
    bestEpoch: best.epoch,
    bestValError: 1 - (best.valAccuracy as number),
    finalValLoss: last.valLoss as number,
    stopped: diverged ? 'diverged' : 'done'
  };
}

/** A run in progress, trained one epoch at a time so its caller can yield (and stop) between epochs. */
export interface RatesJobRun {
  readonly job: RatesJob;
  /** Trains one more epoch; false once the run is over (all epochs done, diverged or cancelled). */
  runEpoch(shouldStop?: () => boolean): boolean;
  /** Epochs completed so far. */
  readonly epoch: number;
  /** The result once every epoch ran (or the run diverged); null while running or when cancelled. */
  result(): RatesRun | null;
}

/** Builds the network and trainer of one job. Deterministic: the same job, config and digits give the same numbers. */
export function startRatesJob(job: RatesJob, config: RatesConfig, data: RatesData): RatesJobRun {
  const split = data.split(job.seed);
  const seeds = new Seeds(job.seed);
  const model = mlp({
    inputs: INPUTS,
    hidden: [job.width, job.width],
    outputs: CLASSES,
    activation: 'relu',
    hiddenDropout: job.p,
    init: seeds.stream('init')
  });
  seedDropout(model, seeds.stream('masks'));
  const trainer = new Trainer({
    model,
    loss: new CrossEntropyLoss(),
    optimizer: new Adam(model.parameters(), { lr: config.lr }),
    train: split.train,
    val: split.val,
    batchSize: config.batchSize,
    shuffle: seeds.stream('shuffle')
  });
  const over = () => trainer.stopped !== null || trainer.epoch >= config.epochs;
  return {
    job,
    runEpoch(shouldStop) {
      if (over()) return false;
      trainer.runEpoch(shouldStop);
      return !over();
    },
    get epoch() {
      return trainer.epoch;
    },
    result() {
      const diverged = trainer.stopped?.kind === 'diverged';
      if (!diverged && (trainer.stopped !== null || trainer.epoch < config.epochs)) return null;
      return summariseRatesRun(job, trainer.history, diverged);
    }
  };
}

/**
 * Trains one job to the end in one go (tests, and the reference the CLI's numbers are checked
 * against). `shouldStop` is polled between mini-batches; a stopped run returns null.
 */
export function trainRatesJob(
  job: RatesJob,
  config: RatesConfig,
  data: RatesData,
  shouldStop?: () => boolean
): RatesRun | null {
  const run = startRatesJob(job, config, data);
  while (run.runEpoch(shouldStop));
  return run.result();
}
