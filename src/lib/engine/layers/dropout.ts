import { Module } from '../module';
import { Random } from '../rng';
import { ShapeError, type Tensor } from '../tensor';
import { MaskBuffer, TensorBuffer } from './buffers';
import { checkDropProbability, checkIndices, checkScale } from './checks';

/**
 * 'inverted' (PyTorch's and everyone's today): scale the survivors by 1/(1−p) while training, so
 * nothing changes at test time. 'classic' (the 2014 paper): keep survivors as they are while
 * training and multiply by (1−p) at test time instead. Both give the next layer the same
 * expected input in training and in testing.
 */
export type DropoutMode = 'inverted' | 'classic';

/** Options of `Dropout`. */
export interface DropoutOptions {
  /** Default 'inverted'. */
  mode?: DropoutMode;
  /** Draws the masks. Default `new Random(DROPOUT_SEED)`; `seedDropout` gives each layer its own. */
  rng?: Random;
}

/** Options of `forceMask`. */
export interface ForceMaskOptions {
  /** Multiplier for the units that are kept. Default 1 (just zero the dropped ones). */
  scale?: number;
}

/** The seed of a dropout layer's default generator (every layer the same, hence `seedDropout`). */
export const DROPOUT_SEED = 0xd0;

/**
 * Dropout, `torch.nn.Dropout(p)`: while training, every element of the input is independently
 * zeroed with probability `p` (so KEPT with probability 1−p) — a fresh mask for every example
 * and every call. In eval mode nothing is dropped. Works on any shape.
 */
export class Dropout extends Module {
  /** The generator the masks come from (one `next()` per element). */
  rng: Random;
  /**
   * The mask of the last forward: 1 = kept, 0 = dropped, one entry per input element. It is a
   * live buffer, overwritten by the next forward. null when the last forward used no mask
   * (eval mode, or p = 0).
   */
  lastMask: Uint8Array | null = null;

  private dropP: number;
  private dropMode: DropoutMode;
  private forced: readonly number[] | null = null;
  private forcedScale = 1;
  /** What the last forward did, so that backward does the same: x passed through / x·c / masked x·c. */
  private applied: 'identity' | 'scaled' | 'masked' = 'identity';
  /** The factor of the last forward ('scaled': every element; 'masked': the kept ones). */
  private factor = 1;
  /** The mask of the last 'masked' forward (lastMask is public and could be reassigned by a caller). */
  private mask: Uint8Array = new Uint8Array(0);
  private size = -1;
  private readonly masks = new MaskBuffer();
  private readonly out = new TensorBuffer();
  private readonly gradIn = new TensorBuffer();

  constructor(p = 0.5, options: DropoutOptions = {}) {
    super();
    this.dropP = checkDropProbability(p, 'Dropout');
    this.dropMode = checkMode(options.mode ?? 'inverted');
    this.rng = options.rng ?? new Random(DROPOUT_SEED);
  }

  /** The probability of ZEROING an element, in [0, 1]. Settable (e.g. from a slider), same checks. */
  get p(): number {
    return this.dropP;
  }
  set p(value: number) {
    this.dropP = checkDropProbability(value, 'Dropout');
  }

  /** 'inverted' or 'classic' (see `DropoutMode`). Settable. */
  get mode(): DropoutMode {
    return this.dropMode;
  }
  set mode(value: DropoutMode) {
    this.dropMode = checkMode(value);
  }

  /**
   * Drops exactly the features `dropped` (indices along the last axis, the same ones for every
   * example) in BOTH train and eval mode instead of sampling, and multiplies the kept ones by
   * `scale`: the "drop this neuron by hand" control. `forceMask(null)` goes back to normal.
   */
  forceMask(dropped: readonly number[] | null, options: ForceMaskOptions = {}): void {
    this.forced = checkIndices(dropped, 'Dropout.forceMask');
    this.forcedScale = checkScale(options.scale ?? 1);
  }

  /** The features currently forced to drop, or null when masks are sampled normally. */
  get forcedMask(): readonly number[] | null {
    return this.forced;
  }

  /** Applies dropout (training), or nothing / the classic test-time scaling (eval). */
  override forward(x: Tensor): Tensor {
    const n = x.data.length;
    this.size = n;
    if (this.forced !== null) return this.forwardForced(x);
    const p = this.dropP;
    if (!this.training || p === 0) {
      this.lastMask = null;
      // Classic dropout pays for training's unscaled survivors at test time: × (1 − p).
      // Inverted dropout already scaled them in training, so eval is the identity.
      if (!this.training && this.dropMode === 'classic' && p > 0) return this.scaleAll(x, 1 - p);
      this.applied = 'identity';
      return x;
    }
    // Training: keep an element when rng.next() ≥ p, i.e. with probability 1 − p.
    // At p = 1 everything is dropped, so 1/(1−p) is never needed (nor computed).
    const s = this.dropMode === 'inverted' && p < 1 ? 1 / (1 - p) : 1;
    const mask = this.masks.get(n);
    const y = this.out.get(x.shape);
    const a = x.data;
    const b = y.data;
    const rng = this.rng;
    if (p === 1) {
      // Everything dropped: exact zeros whatever the input (even ±∞), and no random numbers needed.
      mask.fill(0);
      b.fill(0);
      return this.done(mask, s, y);
    }
    for (let i = 0; i < n; i++) {
      // Branch-free (a random keep/drop branch is mispredicted p·(1−p) of the time): k is 1 or 0.
      // "+ 0" turns the −0 of a dropped negative value into +0. (A dropped ±∞ would give NaN here;
      // finite inputs always give finite outputs.)
      const k = +(rng.next() >= p);
      mask[i] = k;
      b[i] = a[i] * s * k + 0;
    }
    return this.done(mask, s, y);
  }

  /** Routes the gradient exactly as the last forward routed the values. */
  override backward(gradOut: Tensor): Tensor {
    if (this.size < 0) throw new Error('Dropout.backward called before forward');
    if (gradOut.data.length !== this.size) {
      throw new ShapeError(`Dropout.backward expects ${this.size} values, got [${gradOut.shape.join(', ')}]`);
    }
    if (this.applied === 'identity') return gradOut;
    const gx = this.gradIn.get(gradOut.shape);
    const g = gradOut.data;
    const d = gx.data;
    const c = this.factor;
    if (this.applied === 'scaled') {
      for (let i = 0; i < d.length; i++) d[i] = c === 0 ? 0 : g[i] * c;
    } else {
      const mask = this.mask;
      for (let i = 0; i < d.length; i++) d[i] = mask[i] === 1 ? g[i] * c : 0;
    }
    return gx;
  }

  /** "Dropout(p=0.5)", plus the mode when it is classic. */
  override toString(): string {
    return this.dropMode === 'inverted' ? `Dropout(p=${this.dropP})` : `Dropout(p=${this.dropP}, mode=classic)`;
  }

  /** The forced mask: the same set of features dropped in every example, kept ones × scale. */
  private forwardForced(x: Tensor): Tensor {
    const features = x.shape.length > 0 ? x.shape[x.shape.length - 1] : 1;
    const dropped = this.forced!;
    for (const f of dropped) {
      if (f >= features) throw new RangeError(`Dropout.forceMask: feature ${f} does not exist, the input has ${features} features`);
    }
    const n = x.data.length;
    const mask = this.masks.get(n);
    mask.fill(1);
    // Index loops, not for…of: this runs for every row of a 64×64 map on each click, and an iterator
    // per row was megabytes of garbage per click.
    const count = dropped.length;
    for (let row = 0; row < n; row += features) for (let j = 0; j < count; j++) mask[row + dropped[j]] = 0;
    const y = this.out.get(x.shape);
    const a = x.data;
    const b = y.data;
    const s = this.forcedScale;
    for (let i = 0; i < n; i++) b[i] = mask[i] === 1 ? a[i] * s : 0;
    return this.done(mask, s, y);
  }

  private scaleAll(x: Tensor, c: number): Tensor {
    const y = this.out.get(x.shape);
    const a = x.data;
    const b = y.data;
    for (let i = 0; i < a.length; i++) b[i] = c === 0 ? 0 : a[i] * c; // p = 1: exact zeros, even for −x or ∞
    this.applied = 'scaled';
    this.factor = c;
    return y;
  }

  private done(mask: Uint8Array, factor: number, y: Tensor): Tensor {
    this.lastMask = mask;
    this.mask = mask;
    this.applied = 'masked';
    this.factor = factor;
    return y;
  }
}

function checkMode(mode: unknown): DropoutMode {
  if (mode === 'inverted' || mode === 'classic') return mode;
  throw new RangeError(`Dropout mode must be 'inverted' or 'classic', got ${String(mode)}`);
}
