import { Random } from '../rng';
import { ShapeError, type Tensor } from '../tensor';
import { MaskedDropoutBase } from './dropout-base';

/** The seed of a Dropout2d layer's default generator (`seedDropout` gives each layer its own). */
export const DROPOUT2D_SEED = 0x2d;

/**
 * Spatial dropout, `torch.nn.Dropout2d(p)`: for input `[N, C, H, W]` (or `[N, C, L]`) it zeroes
 * WHOLE channels — channel c of example n is kept with probability 1−p — and scales kept
 * channels by 1/(1−p). Why: neighbouring pixels of a feature map are strongly correlated, so
 * dropping single pixels barely hides anything; dropping the whole map does.
 * `lastMask` has one entry per (example, channel), length N·C; `forceMask` takes channels.
 */
export class Dropout2d extends MaskedDropoutBase {
  /** Elements per channel (H·W) of the last forward. */
  private spatial = 0;

  constructor(p = 0.5, options: { rng?: Random } = {}) {
    super('Dropout2d', p, options.rng ?? new Random(DROPOUT2D_SEED));
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
    const p = this.p;
    const forced = this.forcedMask !== null;
    if (!forced && (!this.training || p === 0)) {
      this.record('identity');
      return x;
    }
    let mask: Uint8Array;
    let factor: number;
    if (forced) {
      mask = this.forcedMaskOf(n * channels, channels, 'channel');
      factor = this.forcedScale;
    } else {
      // Keep a channel when rng.next() ≥ p (probability 1 − p); 1/(1−p) is never computed at p = 1.
      mask = this.masks.get(n * channels);
      for (let i = 0; i < mask.length; i++) mask[i] = this.rng.next() >= p ? 1 : 0;
      factor = p < 1 ? 1 / (1 - p) : 1;
    }
    this.record('masked', mask, factor);
    const y = this.out.get(x.shape);
    applyChannelMask(x.data, y.data, mask, this.spatial, factor);
    return y;
  }

  /** The same channels are zeroed in the gradient, kept ones scaled by the same factor. */
  override backward(gradOut: Tensor): Tensor {
    const gx = this.gradientBuffer(gradOut);
    if (gx === null) return gradOut;
    applyChannelMask(gradOut.data, gx.data, this.mask!, this.spatial, this.factor);
    return gx;
  }
}

/** to = from × factor in kept channels, exact 0 in dropped ones; channel k spans [k·spatial, (k+1)·spatial). */
function applyChannelMask(
  from: Float32Array,
  to: Float32Array,
  mask: Uint8Array,
  spatial: number,
  factor: number
): void {
  for (let k = 0; k < mask.length; k++) {
    const start = k * spatial;
    const end = start + spatial;
    if (mask[k] === 1) for (let i = start; i < end; i++) to[i] = from[i] * factor;
    else to.fill(0, start, end);
  }
}
