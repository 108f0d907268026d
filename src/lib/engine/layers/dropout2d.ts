import { Module } from '../module';
import { Random } from '../rng';
import { ShapeError, type Tensor } from '../tensor';
import { MaskBuffer, TensorBuffer } from './buffers';
import { checkDropProbability, checkIndices, checkScale } from './checks';
import type { ForceMaskOptions } from './dropout';

/** The seed of a Dropout2d layer's default generator (`seedDropout` gives each layer its own). */
export const DROPOUT2D_SEED = 0x2d;

/**
 * Spatial dropout, `torch.nn.Dropout2d(p)`: for input `[N, C, H, W]` (or `[N, C, L]`) it zeroes
 * WHOLE channels — channel c of example n is kept with probability 1−p — and scales kept
 * channels by 1/(1−p). Why: neighbouring pixels of a feature map are strongly correlated, so
 * dropping single pixels barely hides anything; dropping the whole map does.
 */
export class Dropout2d extends Module {
  /** The generator the masks come from (one `next()` per example and channel). */
  rng: Random;
  /** The last mask per (example, channel), length N·C: 1 = kept, 0 = dropped; live buffer; null when none was applied. */
  lastMask: Uint8Array | null = null;

  private dropP: number;
  private forced: readonly number[] | null = null;
  private forcedScale = 1;
  private factor = 1;
  /** The mask backward must use (lastMask is public and could be reassigned by a caller). */
  private mask: Uint8Array | null = null;
  /** Elements per channel (H·W) and the input size, of the last forward. */
  private spatial = 0;
  private size = -1;
  private readonly masks = new MaskBuffer();
  private readonly out = new TensorBuffer();
  private readonly gradIn = new TensorBuffer();

  constructor(p = 0.5, options: { rng?: Random } = {}) {
    super();
    this.dropP = checkDropProbability(p, 'Dropout2d');
    this.rng = options.rng ?? new Random(DROPOUT2D_SEED);
  }

  /** The probability of zeroing a channel, in [0, 1]. Settable, same checks. */
  get p(): number {
    return this.dropP;
  }
  set p(value: number) {
    this.dropP = checkDropProbability(value, 'Dropout2d');
  }

  /** Drops exactly the channels `dropped` in every example (train and eval), kept ones × `scale`; null: back to sampling. */
  forceMask(dropped: readonly number[] | null, options: ForceMaskOptions = {}): void {
    this.forced = checkIndices(dropped, 'Dropout2d.forceMask');
    this.forcedScale = checkScale(options.scale ?? 1);
  }

  /** The channels currently forced to drop, or null. */
  get forcedMask(): readonly number[] | null {
    return this.forced;
  }

  /** Zeroes whole channels (training or forced); identity otherwise. */
  override forward(x: Tensor): Tensor {
    if (x.shape.length < 3) {
      throw new ShapeError(`Dropout2d expects [N, C, H, W] or [N, C, L], got [${x.shape.join(', ')}]`);
    }
    const n = x.shape[0];
    const channels = x.shape[1];
    this.size = x.data.length;
    this.spatial = n * channels === 0 ? 0 : x.data.length / (n * channels);
    const p = this.dropP;
    const forced = this.forced;
    if (forced === null && (!this.training || p === 0)) {
      this.lastMask = this.mask = null;
      return x;
    }
    const mask = this.masks.get(n * channels);
    if (forced !== null) {
      for (const c of forced) {
        if (c >= channels) throw new RangeError(`Dropout2d.forceMask: channel ${c} does not exist, the input has ${channels} channels`);
      }
      mask.fill(1);
      for (let e = 0; e < n; e++) for (const c of forced) mask[e * channels + c] = 0;
      this.factor = this.forcedScale;
    } else {
      // Keep a channel when rng.next() ≥ p (probability 1 − p); 1/(1−p) is never computed at p = 1.
      for (let i = 0; i < mask.length; i++) mask[i] = this.rng.next() >= p ? 1 : 0;
      this.factor = p < 1 ? 1 / (1 - p) : 1;
    }
    this.lastMask = this.mask = mask;
    const y = this.out.get(x.shape);
    applyChannelMask(x.data, y.data, mask, this.spatial, this.factor);
    return y;
  }

  /** The same channels are zeroed in the gradient, kept ones scaled by the same factor. */
  override backward(gradOut: Tensor): Tensor {
    if (this.size < 0) throw new Error('Dropout2d.backward called before forward');
    if (gradOut.data.length !== this.size) {
      throw new ShapeError(`Dropout2d.backward expects ${this.size} values, got [${gradOut.shape.join(', ')}]`);
    }
    if (this.mask === null) return gradOut;
    const gx = this.gradIn.get(gradOut.shape);
    applyChannelMask(gradOut.data, gx.data, this.mask, this.spatial, this.factor);
    return gx;
  }

  /** "Dropout2d(p=0.5)". */
  override toString(): string {
    return `Dropout2d(p=${this.dropP})`;
  }
}

/** to = from × factor in kept channels, exact 0 in dropped ones; channel k spans [k·spatial, (k+1)·spatial). */
function applyChannelMask(from: Float32Array, to: Float32Array, mask: Uint8Array, spatial: number, factor: number): void {
  for (let k = 0; k < mask.length; k++) {
    const start = k * spatial;
    const end = start + spatial;
    if (mask[k] === 1) for (let i = start; i < end; i++) to[i] = from[i] * factor;
    else to.fill(0, start, end);
  }
}
