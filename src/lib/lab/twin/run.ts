import {
  type Split,
  Seeds,
  mlp,
  type Sequential,
  seedDropout,
  BCEWithLogitsLoss,
  CrossEntropyLoss,
  type Loss,
  Adam,
  SGD,
  type Optimizer,
  Trainer,
  type EpochStats,
  type StopReason,
  sigmoid,
  softmaxRows
} from '../../engine';
import { grid, PLANE_EXTENT } from '../../data/plane';
import type { TwinConfig } from './config';

/**
 * One twin: a network plus its Trainer, built so that the two variants differ ONLY in dropout.
 *
 * Both variants draw their initial weights from the seed's 'init' stream and their example order
 * from its 'shuffle' stream, so they start from identical weights and see identical batches.
 * `mlp()` keeps a Dropout layer in every slot even at p = 0 (an identity that draws no random
 * numbers), so the plain twin has exactly the dropout twin's layer list. Masks come from the
 * separate 'masks' stream, so drawing them cannot shift the other streams.
 */

/** Which twin: the plain network (p = 0 everywhere) or the one with dropout (the twin run's and the neuron explorer's one name). */
export type TwinVariant = 'plain' | 'dropout';

/** What one call of `step()`/`runEpoch()` produced: an epoch's measurements, or why it stopped. */
export type TwinEpoch = { stats: EpochStats; stopped: null } | { stats: null; stopped: StopReason };

/** A twin being trained. */
export interface TwinRun {
  /** 'plain' or 'dropout'. */
  readonly variant: TwinVariant;
  /** The network (a Sequential from `mlp()`). */
  readonly model: Sequential;
  /** The engine's Trainer: eval-mode measurements, divergence detection. */
  readonly trainer: Trainer;
  /** One entry per completed epoch (never holds NaN). */
  readonly history: readonly EpochStats[];
  /** Why training ended (cap reached, diverged, cancelled), or null while it can go on. */
  readonly stopped: StopReason | null;
  /** Trains one more epoch; the UI's "step one epoch" button. */
  step(): TwinEpoch;
  /** Trains one more epoch; `shouldStop` is polled between mini-batches (true abandons it). */
  runEpoch(shouldStop?: () => boolean): TwinEpoch;
  /**
   * 2-D data only: at the centres of a `resolution²` grid over the plane (row 0 at the top, as
   * canvas pixels), in eval mode, P(class 1) for two classes, or for K classes the K softmax
   * probabilities of each pixel (pixel-major, `resolution² × K`). Null for other data.
   */
  decisionMap(resolution: number): Float32Array | null;
}

/** The loss: one logit with BCE for two classes (so a map is sigmoid(logit)), else cross-entropy. */
export function lossFor(split: Split): { loss: Loss; outputs: number } {
  return split.classes === 2
    ? { loss: new BCEWithLogitsLoss(), outputs: 1 }
    : { loss: new CrossEntropyLoss(), outputs: split.classes };
}

/** The optimiser of a configuration over `model`'s parameters. */
export function optimizerFor(config: TwinConfig, model: Sequential): Optimizer {
  return config.optimizer === 'adam'
    ? new Adam(model.parameters(), { lr: config.lr })
    : new SGD(model.parameters(), { lr: config.lr, momentum: config.momentum });
}

/**
 * Builds one twin for `config` (validated) and `split` (from buildTwinSplit). Calling it twice
 * with the same arguments gives bit-identical runs; 'plain' and 'dropout' share initial weights
 * and example order. Throws (RangeError) only for a config that did not come from validation.
 */
export function createTwinRun(config: TwinConfig, split: Split, variant: TwinVariant): TwinRun {
  const seeds = new Seeds(config.seed);
  const { loss, outputs } = lossFor(split);
  const dropout = variant === 'dropout';
  const inputs = split.inputShape.reduce((a, b) => a * b, 1);
  const model = mlp({
    inputs,
    hidden: Array.from({ length: config.depth }, () => config.width),
    outputs,
    activation: config.activation,
    inputDropout: dropout ? config.pInput : 0,
    hiddenDropout: dropout ? config.pHidden : 0,
    init: seeds.stream('init')
  });
  seedDropout(model, seeds.stream('masks'));
  const trainer = new Trainer({
    model,
    loss,
    optimizer: optimizerFor(config, model),
    train: split.train,
    val: split.val,
    batchSize: config.batchSize,
    shuffle: seeds.stream('shuffle')
  });
  const isPlane = split.inputShape.length === 1 && split.inputShape[0] === 2;
  const grids = new Map<number, ReturnType<typeof grid>>();
  let capped: StopReason | null = null;

  const runEpoch = (shouldStop?: () => boolean): TwinEpoch => {
    const already = trainer.stopped ?? capped;
    if (already) return { stats: null, stopped: already };
    const stats = trainer.runEpoch(shouldStop);
    if (!stats) return { stats: null, stopped: trainer.stopped ?? { kind: 'cancelled' } };
    if (trainer.epoch >= config.epochs) capped = { kind: 'done' };
    return { stats, stopped: null };
  };

  return {
    variant,
    model,
    trainer,
    get history() {
      return trainer.history;
    },
    get stopped() {
      return trainer.stopped ?? capped;
    },
    step: () => runEpoch(),
    runEpoch,
    decisionMap(resolution: number): Float32Array | null {
      if (!isPlane) return null;
      let g = grids.get(resolution);
      if (!g) grids.set(resolution, (g = grid(resolution, PLANE_EXTENT)));
      const wasTraining = model.training;
      model.eval();
      const out = model.forward(g).data;
      model.train(wasTraining);
      const probs = new Float32Array(out.length);
      if (outputs === 1) for (let i = 0; i < out.length; i++) probs[i] = sigmoid(out[i]);
      else softmaxRows(out, outputs, probs);
      return probs;
    }
  };
}
