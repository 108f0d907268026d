import { Adam, CrossEntropyLoss, Seeds, Trainer, mlp, seedDropout, type EpochStats, type Split } from '../../engine';
import { mnistSplit, type MnistSet } from '../../data';
import { CLASSES, INPUTS, type RatesConfig } from './config';
import type { RatesJob } from './plan';

/**
 * One run of the sweep: the design of config.ts, trained with the engine's Trainer until its
 * validation loss has not improved for `patience` epochs (or the cap of `epochs` is reached), and
 * reduced to its best epoch. The same function runs in the page's workers, in Node and in the CLI.
 */

/**
 * How a run ended: 'patience' (no lower validation loss for `patience` epochs: converged, its best
 * epoch is a real minimum), 'cap' (the epoch cap came first: it may still have been improving, so
 * its best loss is only what it had reached by then), or 'diverged' (its numbers are those of the
 * epochs before; verdicts leave it out).
 */
export type RatesStop = 'patience' | 'cap' | 'diverged';

/** What one run gave. */
export interface RatesRun {
  /** Position in the plan. */
  index: number;
  width: number;
  p: number;
  seed: number;
  /** Epochs completed: the epoch the run stopped at. */
  epochs: number;
  /** Lowest validation loss over the epochs (the early-stopped result). */
  bestValLoss: number;
  /** The epoch it was reached (1-based). */
  bestEpoch: number;
  /** Validation error (fraction misclassified, in [0, 1]) at that epoch. */
  bestValError: number;
  /** Validation loss after the last epoch. */
  finalValLoss: number;
  /** How the run ended (see RatesStop). */
  stopped: RatesStop;
}

/** Data built once per seed and shared by all the cells of that seed (a worker keeps a few). */
export class RatesData {
  private readonly splits = new Map<number, Split>();
  /** Instances by digit set and sizes, for `shared`. */
  private static readonly cache = new WeakMap<MnistSet, Map<string, RatesData>>();

  /**
   * The instance for these digits and sizes, made once: a worker is handed one job per start, and
   * its splits should not be rebuilt for each.
   */
  static shared(mnist: MnistSet, config: Pick<RatesConfig, 'trainSize' | 'valSize'>): RatesData {
    let bySize = RatesData.cache.get(mnist);
    if (!bySize) RatesData.cache.set(mnist, (bySize = new Map()));
    const key = `${config.trainSize}|${config.valSize}`;
    let data = bySize.get(key);
    if (!data) bySize.set(key, (data = new RatesData(mnist, config)));
    return data;
  }

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

/** The epoch of lowest validation loss (the earliest, on a tie), or null before any epoch finished. */
export function bestEpochOf(history: readonly EpochStats[]): EpochStats | null {
  let best: EpochStats | null = null;
  for (const h of history) if (h.valLoss !== null && (best === null || h.valLoss < (best.valLoss as number))) best = h;
  return best;
}

/**
 * Early stopping's rule: after `epoch` epochs whose best came at `bestEpoch`, stop when `patience`
 * epochs in a row brought no lower validation loss, or at the cap. Patience is checked first, so a
 * run whose patience runs out exactly at the cap counts as converged.
 */
export function stopRule(
  epoch: number,
  bestEpoch: number,
  config: Pick<RatesConfig, 'epochs' | 'patience'>
): 'patience' | 'cap' | null {
  if (epoch - bestEpoch >= config.patience) return 'patience';
  if (epoch >= config.epochs) return 'cap';
  return null;
}

/** Reduces a history to the run's result (null when no epoch finished). */
export function summariseRatesRun(job: RatesJob, history: readonly EpochStats[], stopped: RatesStop): RatesRun | null {
  const best = bestEpochOf(history);
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
    stopped
  };
}

/** A run in progress, trained one epoch at a time so its caller can yield (and stop) between epochs. */
export interface RatesJobRun {
  readonly job: RatesJob;
  /** Trains one more epoch; false once the run is over (stopped by patience or the cap, diverged or cancelled). */
  runEpoch(shouldStop?: () => boolean): boolean;
  /** Epochs completed so far. */
  readonly epoch: number;
  /** The result once the run stopped (or diverged); null while running or when cancelled. */
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
  /** The early-stopping decision after the last epoch (null: keep training). */
  let rule: 'patience' | 'cap' | null = null;
  const over = () => trainer.stopped !== null || rule !== null;
  return {
    job,
    runEpoch(shouldStop) {
      if (over()) return false;
      if (trainer.runEpoch(shouldStop)) rule = stopRule(trainer.epoch, bestEpochOf(trainer.history)!.epoch, config);
      return !over();
    },
    get epoch() {
      return trainer.epoch;
    },
    result() {
      if (trainer.stopped?.kind === 'diverged') return summariseRatesRun(job, trainer.history, 'diverged');
      if (trainer.stopped !== null || rule === null) return null;
      return summariseRatesRun(job, trainer.history, rule);
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
