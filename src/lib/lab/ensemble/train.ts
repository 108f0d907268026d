import {
  Adam,
  BCEWithLogitsLoss,
  CrossEntropyLoss,
  Seeds,
  Trainer,
  mlp,
  seedDropout,
  type EpochStats,
  type Sequential,
  type Split,
  type StopReason
} from '../../engine';
import { makeTwoD, mnistSplit, type MnistSet, type TwoDName } from '../../data';
import { MaskCensus } from './census';
import { dropSites, droppableUnits, type DropSite } from './thinned';

/** Which network to train for the ensemble experiment. */
export interface EnsembleConfig {
  /**
   * A 2-D set (default 'moons'), 'mnist' (a small class-balanced subset of real digits), or 'user':
   * the learner's own data, passed as `TrainHooks.split` (drawn points or a CSV file).
   */
  data: TwoDName | 'mnist' | 'user';
  /** Units in each of the two hidden layers. Default 16 on 2-D sets, 64 on MNIST. */
  width?: number;
  /** Drop probability after each hidden layer. Default 0.5. */
  p?: number;
  /** Training epochs. Default 80 on 2-D sets, 15 on MNIST. */
  epochs?: number;
  /** Seed of data, weights, example order and masks. Default 1. */
  seed?: number;
}

/** MNIST subset sizes: small enough to train in a few seconds in a browser tab. */
export const MNIST_SIZES = { train: 1000, val: 500 } as const;

/** The defaults, filled in. */
export function resolveConfig(c: EnsembleConfig): Required<EnsembleConfig> {
  const mnist = c.data === 'mnist';
  return {
    data: c.data,
    width: c.width ?? (mnist ? 64 : 16),
    p: c.p ?? 0.5,
    epochs: c.epochs ?? (mnist ? 15 : 80),
    seed: c.seed ?? 1
  };
}

/** A network trained with dropout, ready to be thinned, and what training visited. */
export interface TrainedNet {
  /** The configuration, defaults filled in. */
  config: Required<EnsembleConfig>;
  /** The trained network (weights final; leave it in eval mode when predicting). */
  model: Sequential;
  /** The data it was trained on; `val` is where the ensemble is measured. */
  split: Split;
  /** Its droppable layers. */
  sites: DropSite[];
  /** n, the droppable units: the ensemble has 2ⁿ members. */
  units: number;
  /** Masks drawn during training (one per example per step). */
  masksDrawn: number;
  /** How many of those were distinct thinned networks. */
  masksDistinct: number;
  /** Per-epoch measurements (eval mode). */
  history: EpochStats[];
  /** How training ended. */
  stopped: StopReason;
}

/** What the trainer calls back with. */
export interface TrainHooks {
  /** The digits, required when `config.data` is 'mnist' (the caller loads them: fetch or fs). */
  mnist?: MnistSet;
  /** The learner's data, required when `config.data` is 'user' (any number of features and classes). */
  split?: Split;
  /** After every epoch. */
  onEpoch?: (stats: EpochStats, epochs: number) => void;
  /** Polled between steps; true cancels. */
  shouldStop?: () => boolean;
}

/**
 * Trains a two-hidden-layer ReLU network with dropout after each hidden layer (no input dropout,
 * so the first layer's output can be cached when thinning), counting the distinct masks it visits.
 * Deterministic for a given config.
 */
export function trainEnsembleNet(config: EnsembleConfig, hooks: TrainHooks = {}): TrainedNet {
  const c = resolveConfig(config);
  const seeds = new Seeds(c.seed);
  const mnist = c.data === 'mnist';
  let split: Split;
  if (mnist) {
    if (!hooks.mnist) throw new Error('The MNIST digits are needed to train on MNIST: load them first.');
    split = mnistSplit(hooks.mnist, { ...MNIST_SIZES, seed: c.seed, downsample: 14 });
  } else if (c.data === 'user') {
    if (!hooks.split) throw new Error('No data of your own was given.');
    split = hooks.split;
  } else {
    split = makeTwoD(c.data, { rng: seeds.stream('data') });
  }
  // One logit for two classes (BCE), else one per class (cross-entropy): MNIST, or a file with more classes.
  const multi = split.classes > 2;
  const model = mlp({
    inputs: split.inputShape.reduce((a, b) => a * b, 1),
    hidden: [c.width, c.width],
    outputs: multi ? split.classes : 1,
    activation: 'relu',
    hiddenDropout: c.p,
    init: seeds.stream('init')
  });
  seedDropout(model, seeds.stream('masks'));
  const sites = dropSites(model);
  const census = new MaskCensus(model, sites);
  const trainer = new Trainer({
    model: census,
    loss: multi ? new CrossEntropyLoss() : new BCEWithLogitsLoss(),
    optimizer: new Adam(model.parameters(), { lr: mnist ? 2e-3 : 0.01 }),
    train: split.train,
    val: split.val,
    batchSize: mnist ? 50 : 16,
    shuffle: seeds.stream('shuffle')
  });
  for (let e = 0; e < c.epochs; e++) {
    const stats = trainer.runEpoch(hooks.shouldStop);
    if (!stats) break;
    hooks.onEpoch?.(stats, c.epochs);
  }
  model.eval();
  return {
    config: c,
    model,
    split,
    sites,
    units: droppableUnits(sites),
    masksDrawn: census.drawn,
    masksDistinct: census.distinct,
    history: trainer.history,
    stopped: trainer.stopped ?? { kind: 'done' }
  };
}
