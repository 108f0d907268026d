import { Random } from '../rng';
import type { Tensor } from '../tensor';
import { TensorBuffer } from './buffers';
import { DropoutBase } from './dropout-base';

/** The seed of a GaussianDropout layer's default generator (`seedDropout` gives each layer its own). */
export const GAUSSIAN_DROPOUT_SEED = 0x6a;

/**
 * Gaussian dropout (Srivastava et al. 2014, §10): instead of multiplying by a 0/1 mask scaled by
 * 1/(1−p), multiply every element by noise m ~ N(1, σ²) with σ² = p/(1−p) — the same mean (1)
 * and variance as the inverted Bernoulli mask, but smooth. Training only; identity in eval.
 * p must be in [0, 1): at p = 1 the variance would be infinite. No 0/1 mask, so no `lastMask`
 * and no `forceMask`: `lastNoise` holds the multipliers instead.
 */
export class GaussianDropout extends DropoutBase {
  /** The multipliers of the last training forward (live buffer), or null when none were applied. */
  lastNoise: Float32Array | null = null;

  /** The noise backward must use (lastNoise is public and could be reassigned by a caller). */
  private noiseUsed: Float32Array | null = null;
  private readonly noise = new TensorBuffer();

  constructor(p = 0.5, options: { rng?: Random } = {}) {
    super('GaussianDropout', p, options.rng ?? new Random(GAUSSIAN_DROPOUT_SEED), false);
  }

  /** y = x ⊙ m with m ~ N(1, p/(1−p)) per element (training); y = x (eval or p = 0). */
  override forward(x: Tensor): Tensor {
    const n = x.data.length;
    this.size = n;
    const p = this.p;
    if (!this.training || p === 0) {
      this.lastNoise = this.noiseUsed = null;
      this.passedThrough = true;
      return x;
    }
    const sigma = Math.sqrt(p / (1 - p));
    const m = this.noise.get([n]).data;
    const y = this.out.get(x.shape);
    const a = x.data;
    const b = y.data;
    for (let i = 0; i < n; i++) {
      m[i] = 1 + sigma * this.rng.normal();
      b[i] = a[i] * m[i];
    }
    this.lastNoise = this.noiseUsed = m;
    this.passedThrough = false;
    return y;
  }

  /** gx = gy ⊙ m, with the same noise as the forward. */
  override backward(gradOut: Tensor): Tensor {
    const gx = this.gradientBuffer(gradOut);
    if (gx === null) return gradOut;
    const g = gradOut.data;
    const d = gx.data;
    const m = this.noiseUsed!;
    for (let i = 0; i < d.length; i++) d[i] = g[i] * m[i];
    return gx;
  }
}
