import { Adam, BCEWithLogitsLoss, CrossEntropyLoss, Seeds, fit, mlp, seedDropout, type Sequential } from '../../engine';
import { makeTwoD, type TwoDSplit } from '../../data';
import type { TwinVariant } from '../twin/run';
import type { ExplorerPreset } from './presets';

/**
 * Trains the explorer's two twins: the same architecture, the same initial weights, the same data
 * and the same example order — the ONLY difference is dropout (p = preset.dropP in the hidden
 * layers of one, p = 0 in the other). Framework-free: a Web Worker runs it, and so do the tests.
 */

/** One trained twin as plain data (what a worker posts to the page). */
export interface TrainedTwin {
  /** Every parameter's values, in `model.parameters()` order. */
  params: Float32Array[];
  /** Training-set accuracy at the end, measured in eval mode (nothing dropped). */
  trainAccuracy: number;
  /** Validation accuracy at the end, in eval mode. */
  valAccuracy: number;
}

/** Both twins and the data they learned from. */
export interface TrainedTwins {
  /** The recipe they came from. */
  preset: ExplorerPreset;
  /** The twin trained with dropout. */
  dropout: TrainedTwin;
  /** The twin trained without dropout. */
  plain: TrainedTwin;
  /** The data set (train points are drawn on the decision maps; validation measures robustness). */
  data: TwoDSplit;
}

/** Progress of `trainTwins`: which twin, and how far along the whole job is (0…1). */
export interface TwinProgress {
  twin: TwinVariant;
  /** Fraction of all epochs of both twins done. */
  fraction: number;
}

/**
 * Builds a twin's network. Both twins are built with `mlp` from the same `init` stream state, so
 * they start with identical weights; p = 0 Dropout layers are identities, so the layer lists (and
 * the indices the explorer drops by hand) are the same in both. One output logit for two classes;
 * a drawn set of three classes gets one logit per class (softmax).
 */
export function buildTwin(preset: ExplorerPreset, twin: TwinVariant, classes = 2): Sequential {
  const seeds = new Seeds(preset.seed);
  const model = mlp({
    inputs: 2,
    hidden: preset.hidden,
    outputs: classes > 2 ? classes : 1,
    activation: preset.activation,
    hiddenDropout: twin === 'dropout' ? preset.dropP : 0,
    init: seeds.stream('init')
  });
  seedDropout(model, seeds.stream('masks'));
  return model;
}

/** The data set of a preset, from its own seeded stream (the same points on every visit). */
export function presetData(preset: ExplorerPreset): TwoDSplit {
  return makeTwoD(preset.dataset, {
    rng: new Seeds(preset.seed).stream('data'),
    points: preset.points,
    noise: preset.noise
  });
}

/** Trains one twin in place; returns its end-of-training accuracies. */
function trainOne(
  model: Sequential,
  preset: ExplorerPreset,
  data: TwoDSplit,
  onEpoch: (epoch: number) => void,
  shouldStop?: () => boolean
): { trainAccuracy: number; valAccuracy: number } {
  const result = fit({
    model,
    loss: data.classes > 2 ? new CrossEntropyLoss() : new BCEWithLogitsLoss(),
    optimizer: new Adam(model.parameters(), { lr: preset.lr }),
    train: data.train,
    val: data.val,
    batchSize: preset.batchSize,
    shuffle: new Seeds(preset.seed).stream('shuffle'),
    epochs: preset.epochs,
    onEpoch: (s) => onEpoch(s.epoch),
    shouldStop
  });
  if (result.stopped.kind === 'diverged') throw new Error(result.stopped.message);
  if (result.stopped.kind === 'cancelled') throw new TwinsCancelled();
  const last = result.history[result.history.length - 1];
  return { trainAccuracy: last?.trainAccuracy ?? 0, valAccuracy: last?.valAccuracy ?? 0 };
}

/** Thrown by `trainTwins` when `shouldStop` asked it to stop. */
export class TwinsCancelled extends Error {
  constructor() {
    super('training was cancelled');
    this.name = 'TwinsCancelled';
  }
}

/** Trains both twins of `preset` (dropout first, then plain) on its data, or on `options.data` (drawn points). */
export function trainTwins(
  preset: ExplorerPreset,
  options: { onProgress?: (p: TwinProgress) => void; shouldStop?: () => boolean; data?: TwoDSplit } = {}
): TrainedTwins {
  const data = options.data ?? presetData(preset);
  const total = 2 * preset.epochs;
  const result = {} as Record<TwinVariant, TrainedTwin>;
  (['dropout', 'plain'] as const).forEach((twin, i) => {
    const model = buildTwin(preset, twin, data.classes);
    const acc = trainOne(
      model,
      preset,
      data,
      (e) => options.onProgress?.({ twin, fraction: (i * preset.epochs + e) / total }),
      options.shouldStop
    );
    result[twin] = { params: model.parameters().map((p) => p.data.slice()), ...acc };
  });
  return { preset, dropout: result.dropout, plain: result.plain, data };
}

/**
 * Copies saved parameter values into a freshly built twin (same preset, same twin kind). The
 * number of classes is read from the saved output bias: one value for two classes, else one a class.
 */
export function loadTwin(preset: ExplorerPreset, twin: TwinVariant, params: readonly Float32Array[]): Sequential {
  const outputs = params.at(-1)?.length ?? 1;
  const model = buildTwin(preset, twin, outputs > 1 ? outputs : 2);
  const own = model.parameters();
  if (own.length !== params.length) throw new Error(`expected ${own.length} parameter arrays, got ${params.length}`);
  own.forEach((p, i) => {
    if (params[i].length !== p.data.length)
      throw new Error(`parameter ${p.name}: expected ${p.data.length} values, got ${params[i].length}`);
    p.data.set(params[i]);
  });
  return model.eval();
}
