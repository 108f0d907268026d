import { Random } from '../rng';
import type { Tensor } from '../tensor';
import { jsKernels, kernels } from '../kernels/index';
import { MaskedDropoutBase } from './dropout-base';

export type { ForceMaskOptions } from './dropout-base';

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

/** The seed of a dropout layer's default generator (every layer the same, hence `seedDropout`). */
export const DROPOUT_SEED = 0xd0;

/**
 * Dropout, `torch.nn.Dropout(p)`: while training, every element of the input is independently
 * zeroed with probability `p` (so KEPT with probability 1−p) — a fresh mask for every example
 * and every call. In eval mode nothing is dropped. Works on any shape.
 * The bookkeeping shared with Dropout2d (p and its checks, `rng`, `lastMask`, `forceMask`, the
 * start of backward) is in `dropout-base.ts`; this file is the whole of what dropout computes.
 */
export class Dropout extends MaskedDropoutBase {
  private dropMode: DropoutMode;

  constructor(p = 0.5, options: DropoutOptions = {}) {
    super('Dropout', p, options.rng ?? new Random(DROPOUT_SEED));
    this.dropMode = checkMode(options.mode ?? 'inverted');
  }

  /** 'inverted' or 'classic' (see `DropoutMode`). Settable. */
  get mode(): DropoutMode {
    return this.dropMode;
  }
  set mode(value: DropoutMode) {
    this.dropMode = checkMode(value);
  }

  /** Applies dropout (training), or nothing / the classic test-time scaling (eval). */
  override forward(x: Tensor): Tensor {
    const n = x.data.length;
    this.size = n;
    if (this.forcedMask !== null) return this.forwardForced(x);
    const p = this.p;
    if (!this.training || p === 0) {
      // Classic dropout pays for training's unscaled survivors at test time: × (1 − p).
      // Inverted dropout already scaled them in training, so eval is the identity.
      if (!this.training && this.dropMode === 'classic' && p > 0) return this.scaleAll(x, 1 - p);
      this.record('identity');
      return x;
    }
    // Training: keep an element when rng.next() ≥ p, i.e. with probability 1 − p.
    // At p = 1 everything is dropped, so 1/(1−p) is never needed (nor computed).
    const s = this.dropMode === 'inverted' && p < 1 ? 1 / (1 - p) : 1;
    const mask = this.masks.get(n);
    const y = this.out.get(x.shape);
    const a = x.data;
    const b = y.data;
    if (p === 1) {
      // Everything dropped: exact zeros whatever the input (even ±∞), and no random numbers needed.
      mask.fill(0);
      b.fill(0);
    } else {
      // The same bits whichever kernels run it (kernels/js.ts has the loop in TypeScript).
      const k = kernels();
      if (k.dropout) k.dropout(this.rng, a, b, mask, n, p, s);
      else jsKernels.dropout(this.rng, a, b, mask, n, p, s);
    }
    this.record('masked', mask, s);
    return y;
  }

  /** Routes the gradient exactly as the last forward routed the values. */
  override backward(gradOut: Tensor): Tensor {
    const gx = this.gradientBuffer(gradOut);
    if (gx === null) return gradOut;
    const g = gradOut.data;
    const d = gx.data;
    const c = this.factor;
    const mask = this.mask;
    if (mask === null) {
      for (let i = 0; i < d.length; i++) d[i] = c === 0 ? 0 : g[i] * c; // the classic eval scaling
    } else {
      // Dropped units get exactly no gradient, even a NaN or ∞ one (see kernels/js.ts).
      const k = kernels();
      if (k.dropoutBackward) k.dropoutBackward(g, d, mask, d.length, c);
      else jsKernels.dropoutBackward(g, d, mask, d.length, c);
    }
    return gx;
  }

  /** "Dropout(p=0.5)", plus the mode when it is classic. */
  override toString(): string {
    return this.dropMode === 'inverted' ? `Dropout(p=${this.p})` : `Dropout(p=${this.p}, mode=classic)`;
  }

  /** The forced mask: the same set of features (last axis) dropped in every example, kept ones × scale. */
  private forwardForced(x: Tensor): Tensor {
    const features = x.shape.length > 0 ? x.shape[x.shape.length - 1] : 1;
    const mask = this.forcedMaskOf(x.data.length, features, 'feature');
    const y = this.out.get(x.shape);
    const a = x.data;
    const b = y.data;
    const s = this.forcedScale;
    for (let i = 0; i < b.length; i++) b[i] = mask[i] === 1 ? a[i] * s : 0;
    this.record('masked', mask, s);
    return y;
  }

  private scaleAll(x: Tensor, c: number): Tensor {
    const y = this.out.get(x.shape);
    const a = x.data;
    const b = y.data;
    for (let i = 0; i < a.length; i++) b[i] = c === 0 ? 0 : a[i] * c; // p = 1: exact zeros, even for −x or ∞
    this.record('scaled', null, c);
    return y;
  }
}

function checkMode(mode: unknown): DropoutMode {
  if (mode === 'inverted' || mode === 'classic') return mode;
  throw new RangeError(`Dropout mode must be 'inverted' or 'classic', got ${String(mode)}`);
}
