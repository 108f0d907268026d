import { Adam, CrossEntropyLoss, Seeds, Trainer, type EpochStats, type Tensor } from '../../engine';
import type { ImageSplit } from './data';
import { CONV1_MAPS, demoCnn, IMAGE_SIDE, MASK_KINDS, type DemoCnn, type MaskKind } from './model';

/**
 * The experiment: the same small CNN, the same digits, the same initial weights and the same
 * batch order, trained three ways — no dropout, element-wise dropout, spatial dropout — at the
 * same p. Only the mask after the first convolution differs, so the curves compare the masks.
 *
 * It is a generator: it yields after every epoch, so a Web Worker can post progress and notice a
 * "stop" message between epochs, a test can run it to the end, and nothing here knows about either.
 */

/** Everything that defines a run of the experiment. */
export interface SpatialConfig {
  /** Training digits (class-balanced). Few on purpose: a small set is where a CNN overfits. */
  train: number;
  /** Validation digits, disjoint from training. */
  val: number;
  /** Drop probability of both dropout kinds (a pixel, or a whole map). */
  p: number;
  /** Epochs per variant. */
  epochs: number;
  /** Digits per mini-batch. */
  batchSize: number;
  /** Adam's learning rate. */
  lr: number;
  /** Seed of the digits chosen, the weights, the batch order and the masks (the same for the three variants). */
  seed: number;
}

/** The configuration the page runs: sized so that the three runs take seconds in a worker. */
export const DEFAULT_CONFIG: SpatialConfig = {
  train: 300,
  val: 400,
  p: 0.2,
  epochs: 12,
  batchSize: 32,
  lr: 4e-3,
  seed: 7
};

/** The drop probabilities the page offers (0.2 is the usual starting point for convolutional layers). */
export const P_CHOICES: readonly number[] = [0.1, 0.2, 0.3, 0.5];

/** The outcome of one variant. */
export interface RunSummary {
  kind: MaskKind;
  /** One entry per epoch (eval-mode measurements). */
  history: EpochStats[];
  /** Lowest validation loss, and the epoch where it happened (the early-stopping point). */
  bestValLoss: number;
  bestEpoch: number;
  /** Highest validation accuracy over the epochs, in [0, 1]. */
  bestValAccuracy: number;
  /** Why the run ended early (divergence), or null when it completed. */
  stopped: string | null;
}

/** What the experiment yields: an epoch of one variant, or a finished variant. */
export type ExperimentEvent =
  { type: 'epoch'; kind: MaskKind; stats: EpochStats } | { type: 'run'; summary: RunSummary };

/** Optional observers, e.g. to show the feature maps of the first trained network. */
export interface ExperimentHooks {
  /** Called after each epoch of each variant with the model in training (restore nothing). */
  afterEpoch?: (kind: MaskKind, epoch: number, model: DemoCnn) => void;
}

/** Trains the three variants in turn; returns their summaries (in MASK_KINDS order). */
export function* spatialExperiment(
  data: ImageSplit,
  config: SpatialConfig = DEFAULT_CONFIG,
  hooks: ExperimentHooks = {}
): Generator<ExperimentEvent, RunSummary[]> {
  const summaries: RunSummary[] = [];
  for (const kind of MASK_KINDS) {
    const model = demoCnn(kind, config.p, config.seed);
    const trainer = new Trainer({
      model: model.net,
      loss: new CrossEntropyLoss(),
      optimizer: new Adam(model.net.parameters(), { lr: config.lr }),
      train: data.train,
      val: data.val,
      batchSize: config.batchSize,
      // The same stream for every variant: identical batch order.
      shuffle: new Seeds(config.seed).stream('shuffle'),
      // 250 digits per measuring pass keeps the im2col buffers at a few MB.
      evalBatchSize: 250
    });
    for (let e = 0; e < config.epochs; e++) {
      const stats = trainer.runEpoch();
      if (!stats) break;
      hooks.afterEpoch?.(kind, stats.epoch, model);
      yield { type: 'epoch', kind, stats };
    }
    const summary = summarise(
      kind,
      trainer.history,
      trainer.stopped?.kind === 'diverged' ? trainer.stopped.message : null
    );
    summaries.push(summary);
    yield { type: 'run', summary };
  }
  return summaries;
}

/** Best validation loss/accuracy of a history (NaN-free: a run without epochs reports Infinity/0). */
export function summarise(kind: MaskKind, history: readonly EpochStats[], stopped: string | null = null): RunSummary {
  let bestValLoss = Infinity;
  let bestEpoch = 0;
  let bestValAccuracy = 0;
  for (const s of history) {
    if (s.valLoss !== null && s.valLoss < bestValLoss) {
      bestValLoss = s.valLoss;
      bestEpoch = s.epoch;
    }
    if (s.valAccuracy !== null && s.valAccuracy > bestValAccuracy) bestValAccuracy = s.valAccuracy;
  }
  return { kind, history: [...history], bestValLoss, bestEpoch, bestValAccuracy, stopped };
}

/**
 * The first convolution's feature maps (after ReLU, i.e. what the dropout layer receives) for
 * `images` [n, 1, 28, 28], in eval mode: a fresh [n, 8, 28, 28] array.
 */
export function featureMaps(model: DemoCnn, images: Tensor): Float32Array {
  const was = model.net.training;
  model.net.eval();
  const out = model.features.forward(images).data.slice();
  model.net.train(was);
  if (out.length !== images.shape[0] * CONV1_MAPS * IMAGE_SIDE * IMAGE_SIDE)
    throw new Error('unexpected feature map size');
  return out;
}
