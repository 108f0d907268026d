import { Module } from '../module';
import { Random } from '../rng';
import { ShapeError, type Tensor } from '../tensor';
import { TensorBuffer } from './buffers';
import { checkDropProbability } from './checks';

/** The seed of a GaussianDropout layer's default generator (`seedDropout` gives each layer its own). */
export const GAUSSIAN_DROPOUT_SEED = 0x6a;

/**
 * Gaussian dropout (Srivastava et al. 2014, §10): instead of multiplying by a 0/1 mask scaled by
 * 1/(1−p), multiply every element by noise m ~ N(1, σ²) with σ² = p/(1−p) — the same mean (1)
 * and variance as the inverted Bernoulli mask, but smooth. Training only; identity in eval.
 * p must be in [0, 1): at p = 1 the variance would be infinite.
 */
export class GaussianDropout extends Module {
  /** The generator the noise comes from (one `normal()` per element). */
  rng: Random;
  /** The multipliers of the last training forward (live buffer), or null when none were applied. */
  lastNoise: Float32Array | null = null;

  private dropP: number;
  private size = -1;
  /** The noise backward must use (lastNoise is public and could be reassigned by a caller). */
  private noiseUsed: Float32Array | null = null;
  private readonly noise = new TensorBuffer();
  private readonly out = new TensorBuffer();
  private readonly gradIn = new TensorBuffer();

  constructor(p = 0.5, options: { rng?: Random } = {}) {
    super();
    this.dropP = checkDropProbability(p, 'GaussianDropout', false);
    this.rng = options.rng ?? new Random(GAUSSIAN_DROPOUT_SEED);
  }

  /** The equivalent drop probability, in [0, 1). Settable, same checks. */
  get p(): number {
    return this.dropP;
  }
  set p(value: number) {
    this.dropP = checkDropProbability(value, 'GaussianDropout', false);
  }

  /** y = x ⊙ m with m ~ N(1, p/(1−p)) per element (training); y = x (eval or p = 0). */
  override forward(x: Tensor): Tensor {
    const n = x.data.length;
    this.size = n;
    const p = this.dropP;
    if (!this.training || p === 0) {
      this.lastNoise = this.noiseUsed = null;
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
    return y;
  }

  /** gx = gy ⊙ m, with the same noise as the forward. */
  override backward(gradOut: Tensor): Tensor {
    if (this.size < 0) throw new Error('GaussianDropout.backward called before forward');
    if (gradOut.data.length !== this.size) {
      throw new ShapeError(`GaussianDropout.backward expects ${this.size} values, got [${gradOut.shape.join(', ')}]`);
    }
    const m = this.noiseUsed;
    if (m === null) return gradOut;
    const gx = this.gradIn.get(gradOut.shape);
    const g = gradOut.data;
    const d = gx.data;
    for (let i = 0; i < d.length; i++) d[i] = g[i] * m[i];
    return gx;
  }

  /** "GaussianDropout(p=0.5)". */
  override toString(): string {
    return `GaussianDropout(p=${this.dropP})`;
  }
}
