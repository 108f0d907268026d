import { fastSigmoid, softmaxRows, type Dropout, type Sequential, type Tensor } from '../../engine';
import { compactFrom, compactScratch, runCompact, toColumns } from './compact';
import { withMask, type KeepMask } from '../masks';
import { dropSites, type DropSite } from './thinned';

/**
 * Runs many thinned networks over one fixed set of inputs, fast.
 *
 * The trick: layers BEFORE the first dropout layer see no randomness, so their output is the same
 * for every thinned network. We compute it once and start every pass from there (in our MLPs the
 * first Linear + activation — for MNIST the most expensive layer — is done only once).
 *
 * Outputs are probabilities, because an ensemble averages what its members predict, not their raw
 * scores: P(class 1) per row for a one-logit network, softmax rows for a K-logit one.
 */
export class ThinnedRunner {
  /** The droppable layers of the model. */
  readonly sites: DropSite[];
  /** The sites' Dropout layers (what a mask is forced onto). */
  private readonly layers: Dropout[];
  /** Rows (examples or grid points) the runner evaluates. */
  readonly rows: number;
  /** Probabilities per row: 1 for a one-logit (binary) network, K for a K-class one. */
  readonly classes: number;

  private readonly start: number;
  private readonly cached: Tensor;
  private readonly probs: Float32Array;
  private readonly columns: Float32Array[];
  private readonly scratch = compactScratch();

  constructor(
    private readonly model: Sequential,
    x: Tensor
  ) {
    this.sites = dropSites(model);
    this.layers = this.sites.map((s) => s.layer);
    this.rows = x.shape[0];
    this.start = this.sites.length > 0 ? this.sites[0].index : model.modules.length;
    // The deterministic prefix, computed once (a copy: module outputs are reused buffers).
    this.cached = this.inEval(() => {
      let h = x;
      for (let i = 0; i < this.start; i++) h = model.modules[i].forward(h);
      return { data: h.data.slice(), shape: [...h.shape] };
    });
    this.columns = toColumns(this.cached.data, this.rows, this.cached.shape.at(-1) ?? 1);
    const outWidth = this.inEval(() => this.suffix()).shape.at(-1) ?? 1;
    this.classes = outWidth;
    this.probs = new Float32Array(this.rows * outWidth);
  }

  /**
   * Probabilities of the thinned network picked by `mask`, `[rows × classes]` row-major.
   * The array is reused by the next call: copy it to keep it.
   */
  run(mask: KeepMask): Float32Array {
    const net = compactFrom(this.model.modules, this.start, this.sites, mask);
    if (!net) return this.runModules(mask);
    const out = runCompact(net, this.columns, this.rows, this.scratch);
    return this.toProbabilities({ data: out, shape: [this.rows, this.classes] });
  }

  /**
   * The same as `run`, the slow, obvious way: the full-width layers with the mask forced on every
   * dropout layer (`compact.ts` must agree with this; the tests check it does).
   */
  runModules(mask: KeepMask): Float32Array {
    return this.inEval(() => withMask(this.layers, mask, 'training', () => this.toProbabilities(this.suffix())));
  }

  /**
   * Probabilities of the weight-scaled network: every unit on, no mask — eval mode, which for
   * inverted dropout is the network as it is (classic dropout multiplies by 1 − p here).
   * Reused buffer, like `run`.
   */
  weightScaled(): Float32Array {
    return this.inEval(() => this.toProbabilities(this.suffix()));
  }

  /** The layers from the first dropout layer on, fed from the cached prefix. */
  private suffix(): Tensor {
    let h = this.cached;
    const m = this.model.modules;
    for (let i = this.start; i < m.length; i++) h = m[i].forward(h);
    return h;
  }

  private toProbabilities(out: Tensor): Float32Array {
    const d = out.data;
    const p = this.probs;
    const k = this.classes;
    if (k === 1) {
      for (let i = 0; i < d.length; i++) p[i] = fastSigmoid(d[i]); // the Sigmoid layer's function: error < 2e-7, no Math.exp
      return p;
    }
    softmaxRows(d, k, p);
    return p;
  }

  /** Eval mode, so unforced dropout layers are off; the model's own mode is restored after. */
  private inEval<T>(fn: () => T): T {
    const was = this.model.training;
    this.model.eval();
    try {
      return fn();
    } finally {
      this.model.train(was);
    }
  }
}

/** The predicted class of each row: P > 0.5 for one probability per row, else the argmax. */
export function predictedClasses(probs: ArrayLike<number>, classes: number, out: Uint8Array): Uint8Array {
  const rows = out.length;
  if (classes === 1) {
    for (let r = 0; r < rows; r++) out[r] = probs[r] > 0.5 ? 1 : 0;
    return out;
  }
  for (let r = 0, o = 0; r < rows; r++, o += classes) {
    let best = 0;
    for (let j = 1; j < classes; j++) if (probs[o + j] > probs[o + best]) best = j;
    out[r] = best;
  }
  return out;
}

/** Fraction of rows whose predicted class differs from `labels` (class indices as floats). */
export function errorRate(
  probs: ArrayLike<number>,
  classes: number,
  labels: Float32Array,
  scratch?: Uint8Array
): number {
  const rows = labels.length;
  if (rows === 0) return 0;
  const predicted = predictedClasses(probs, classes, scratch ?? new Uint8Array(rows));
  let wrong = 0;
  for (let r = 0; r < rows; r++) if (predicted[r] !== labels[r]) wrong++;
  return wrong / rows;
}
