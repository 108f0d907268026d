import { Adam, CrossEntropyLoss, Seeds, Trainer, type EpochStats, type Tensor } from '../../engine';
import type { ImageSplit } from './data';
import { knockoutCurve, knockoutSets, SETS_PER_K, type KnockoutCurve } from './knockout';
import { CONV1_MAPS, demoCnn, IMAGE_SIDE, MASK_KINDS, type DemoCnn, type MaskKind } from './model';

/**
 * The experiment, designed before it was run (the lesson's text was written from its results):
 *
 * - Question 1, generalisation: does spatial dropout generalise better than element-wise dropout, or
 *   than none, on this small CNN and these few digits? The same CNN, the same digits, the same
 *   initial weights and the same batch order are trained three ways — no dropout, element-wise
 *   dropout, spatial dropout — at the same p, after the first convolution only. The measure is the
 *   best (early-stopped) validation loss, with the best validation accuracy beside it.
 * - Question 2, what spatial dropout is for: does a network trained with it lean less on any single
 *   feature map? After training, k = 0 … 6 of the first convolution's 8 maps are zeroed at test
 *   time (knockout.ts: 12 random sets per k, the same sets for every network and seed, drawn from
 *   the digits' seed) and validation accuracy is measured against k. The measure is the accuracy
 *   lost, averaged over k = 1 … 6, relative to the same network with all its maps.
 * - Seeds: the three networks are trained from `seeds` network seeds (`seed`, `seed` + 1, …; each
 *   seed gives the three networks their shared weights, batch order and masks); the digits stay the
 *   same. The verdicts (verdict.ts) name a winner only when every seed agrees: the winner's worst seed
 *   beats the best seed of every other network. Otherwise they say "no clear difference".
 * - Fixed before running: 300 training and 400 validation digits, 12 epochs, Adam at 4e-3, batches
 *   of 32, p = 0.2 (the usual starting point for convolutional layers), 3 seeds. Nothing was changed
 *   after seeing the results.
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
  /** Seed of the digits chosen and of the knock-out sets; the first network seed (the same for the three variants). */
  seed: number;
  /** Network seeds: `seed`, `seed` + 1, … (each trains the three variants from its own weights, order and masks). */
  seeds: number;
  /** Random sets of maps knocked out per k (fewer when k has fewer). */
  setsPerK: number;
}

/** The configuration the page runs: sized so that the three runs take seconds in a worker. */
export const DEFAULT_CONFIG: SpatialConfig = {
  train: 300,
  val: 400,
  p: 0.2,
  epochs: 12,
  batchSize: 32,
  lr: 4e-3,
  seed: 7,
  seeds: 3,
  setsPerK: SETS_PER_K
};

/** The network seeds a configuration trains (`seed`, `seed` + 1, …). */
export function networkSeeds(config: SpatialConfig): number[] {
  return Array.from({ length: config.seeds }, (_, i) => config.seed + i);
}

/** The drop probabilities the page offers (0.2 is the usual starting point for convolutional layers). */
export const P_CHOICES: readonly number[] = [0.1, 0.2, 0.3, 0.5];

/** The outcome of one variant trained from one seed, without its epochs (what the page keeps and the verdicts read). */
export interface RunResult {
  kind: MaskKind;
  /** The network seed it was trained from. */
  seed: number;
  /** Lowest validation loss, and the epoch where it happened (the early-stopping point). */
  bestValLoss: number;
  bestEpoch: number;
  /** Highest validation accuracy over the epochs, in [0, 1]. */
  bestValAccuracy: number;
  /** Why the run ended early (divergence), or null when it completed. */
  stopped: string | null;
  /** Validation accuracy with k first-layer maps zeroed at test time (after the last epoch), or null if it diverged. */
  knockout: KnockoutCurve | null;
}

/** A run's result with its epochs. */
export interface RunSummary extends RunResult {
  /** One entry per epoch (eval-mode measurements). */
  history: EpochStats[];
}

/** The result without the epochs (the page has them already, one message each). */
export function withoutHistory(s: RunSummary): RunResult {
  const { history: _history, ...rest } = s;
  return rest;
}

/** What the experiment yields: an epoch of one variant, or a finished variant. */
export type ExperimentEvent =
  { type: 'epoch'; kind: MaskKind; seed: number; stats: EpochStats } | { type: 'run'; summary: RunSummary };

/** Optional observers, e.g. to show the feature maps of the first trained network. */
export interface ExperimentHooks {
  /** Called after each epoch of each variant with the model in training (restore nothing). */
  afterEpoch?: (kind: MaskKind, epoch: number, model: DemoCnn, seed: number) => void;
}

/** Trains the three variants for every seed in turn; returns their summaries (seed by seed, in MASK_KINDS order). */
export function* spatialExperiment(
  data: ImageSplit,
  config: SpatialConfig = DEFAULT_CONFIG,
  hooks: ExperimentHooks = {}
): Generator<ExperimentEvent, RunSummary[]> {
  const summaries: RunSummary[] = [];
  // One draw of the sets for the whole experiment: every network and seed faces the same losses.
  const groups = knockoutSets(CONV1_MAPS, undefined, config.setsPerK, config.seed);
  for (const seed of networkSeeds(config)) {
    for (const kind of MASK_KINDS) {
      const model = demoCnn(kind, config.p, seed);
      const trainer = new Trainer({
        model: model.net,
        loss: new CrossEntropyLoss(),
        optimizer: new Adam(model.net.parameters(), { lr: config.lr }),
        train: data.train,
        val: data.val,
        batchSize: config.batchSize,
        // The same stream for every variant of a seed: identical batch order.
        shuffle: new Seeds(seed).stream('shuffle'),
        // 250 digits per measuring pass keeps the im2col buffers at a few MB.
        evalBatchSize: 250
      });
      for (let e = 0; e < config.epochs; e++) {
        const stats = trainer.runEpoch();
        if (!stats) break;
        hooks.afterEpoch?.(kind, stats.epoch, model, seed);
        yield { type: 'epoch', kind, seed, stats };
      }
      const stopped = trainer.stopped?.kind === 'diverged' ? trainer.stopped.message : null;
      const summary = summarise(kind, trainer.history, stopped, seed);
      summary.knockout = stopped === null ? knockoutCurve(model, data.val, groups) : null;
      summaries.push(summary);
      yield { type: 'run', summary };
    }
  }
  return summaries;
}

/** Best validation loss/accuracy of a history (NaN-free: a run without epochs reports Infinity/0). */
export function summarise(
  kind: MaskKind,
  history: readonly EpochStats[],
  stopped: string | null = null,
  seed = 0
): RunSummary {
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
  return { kind, seed, history: [...history], bestValLoss, bestEpoch, bestValAccuracy, stopped, knockout: null };
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
