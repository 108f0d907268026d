import { ActivationRecorder, Linear, softmaxRows, type Sequential, type Tensor } from '../../engine';
import { grid } from '../../data';
import { applyMask, dropoutLayers, type KeepMask } from '../masks';

/**
 * Every neuron's feature map: what it computes at every point of the input plane. One forward
 * pass of the whole `resolution²` grid through the network, recording each layer's output with
 * the engine's ActivationRecorder, gives all the maps at once (a few hundred thousand
 * multiply-adds for the explorer's 2-8-8-1 net, cheap enough for every click).
 *
 * Always in EVAL mode with the hand-made mask forced onto the Dropout layers, so a map never
 * shows a stale random training mask — only the neurons the learner switched off are off.
 */

/** The maps as plain data (what the painters read; what the worker sends for the first paint). */
export interface MapValues {
  /** `hidden[l]`: hidden layer l's activations, `[R², width]` row-major (column j is neuron j's map). */
  readonly hidden: readonly { readonly data: Float32Array; readonly shape: readonly number[] }[];
  /**
   * The decision map: P(class 1) at every pixel for two classes, or with `classes` above two the
   * class probabilities of every pixel (pixel-major, `R² × classes`).
   */
  readonly probability: Float32Array;
  /** Classes the network tells apart (2 for the presets; a drawn set may have 3). */
  readonly classes: number;
}

/** A copy of `maps` that owns its arrays (FeatureMaps reuse theirs), e.g. to post them. */
export function copyMaps(maps: MapValues): MapValues {
  return {
    hidden: maps.hidden.map((t) => ({ data: t.data.slice(), shape: [...t.shape] })),
    probability: maps.probability.slice(),
    classes: maps.classes
  };
}

export class FeatureMaps implements MapValues {
  /** Pixels per side of every map. */
  readonly resolution: number;
  /**
   * After `compute`: `hidden[l]` is hidden layer l's activations, `[R², width]` — column j is
   * neuron j's map, BEFORE its own dropout (so a dropped neuron still shows what it would have
   * computed; the UI greys it out). Reused buffers: overwritten by the next `compute`.
   */
  readonly hidden: Tensor[] = [];
  /**
   * After `compute`: the decision map — P(class 1) at every pixel (sigmoid of the output logit), or
   * for K classes the K softmax probabilities of every pixel.
   */
  readonly probability: Float32Array;
  /** Classes the network tells apart: 2 for one output logit, else its number of logits. */
  readonly classes: number;

  private readonly grid: Tensor;
  private readonly recorder = new ActivationRecorder();
  /** Index in `model.modules` of each hidden layer's activation (the layer just before its Dropout). */
  private readonly activationAt: number[];
  /** The hidden Dropout layers, where the mask goes. */
  private readonly dropouts;

  constructor(
    /** The network: an `mlp` with one output logit, or one per class. Its masks are set by `compute`. */
    readonly model: Sequential,
    resolution = 64
  ) {
    this.resolution = resolution;
    this.grid = grid(resolution);
    const outputs = model.modules.filter((m): m is Linear => m instanceof Linear).at(-1)?.outFeatures ?? 1;
    this.classes = outputs > 1 ? outputs : 2;
    this.probability = new Float32Array(resolution * resolution * (outputs > 1 ? outputs : 1));
    this.dropouts = dropoutLayers(model);
    this.activationAt = this.dropouts.map((d) => model.modules.indexOf(d) - 1);
  }

  /** Recomputes every map with `mask` applied (survivors rescaled when `rescale` is on). */
  compute(mask: KeepMask, rescale: boolean): void {
    const { model } = this;
    applyMask(this.dropouts, mask, rescale ? 'kept-fraction' : 'none');
    model.eval();
    const logits = this.recorder.record(model.modules, this.grid).data;
    const p = this.probability;
    if (this.classes > 2) softmaxRows(logits, this.classes, p);
    else for (let i = 0; i < p.length; i++) p[i] = 1 / (1 + Math.exp(-logits[i]));
    this.activationAt.forEach((at, l) => (this.hidden[l] = this.recorder.outputs[at]));
  }
}

/**
 * Which maps a mask change can alter, so the UI repaints only those: when a neuron of hidden layer
 * `layer` changes, every layer after it and the output change, and in `layer` itself only the
 * neurons whose state changed (their pre-dropout activations do not move). Returns, per hidden
 * layer, null for "all neurons" or the list of changed neurons.
 */
export function changedMaps(before: KeepMask, after: KeepMask, rescaleChanged: boolean): (number[] | null)[] {
  let firstChanged = rescaleChanged ? 0 : before.length;
  const own: number[][] = before.map(() => []);
  before.forEach((m, l) => {
    for (let i = 0; i < m.length; i++) {
      if (m[i] !== after[l][i]) {
        own[l].push(i);
        firstChanged = Math.min(firstChanged, l);
      }
    }
  });
  // A rescale switch changes the input of every layer after the first one (firstChanged = 0).
  return before.map((_, l) => (l > firstChanged ? null : own[l]));
}
