import type { FloatStore } from '../kernels/index';
import type { Parameter } from '../module';
import { Optimizer, checkRange, stateLike } from './optimizer';

/** Settings of `Adam`; every field has PyTorch's default. */
export interface AdamOptions {
  /** Learning rate, > 0 (default 1e-3). */
  lr?: number;
  /** Decay rates of the running mean and running mean square of the gradient (default [0.9, 0.999]). */
  betas?: readonly [number, number];
  /** Added to the denominator so a near-zero second moment cannot blow up the step (default 1e-8). */
  eps?: number;
  /** L2 penalty added to the gradient, as in `torch.optim.Adam` (not AdamW's decoupled decay). */
  weightDecay?: number;
}

/**
 * Adam, exactly `torch.optim.Adam` (amsgrad off). With t the step number (1, 2, …):
 *
 *     g ← grad + weightDecay·w
 *     m ← β1·m + (1 − β1)·g          running mean of the gradient
 *     v ← β2·v + (1 − β2)·g²         running mean of its square
 *     w ← w − lr/(1 − β1ᵗ) · m / (√v / √(1 − β2ᵗ) + eps)
 *
 * Why the bias correction (1 − βᵗ): m and v start at zero, so early on they underestimate the true
 * averages; dividing by 1 − βᵗ undoes that, so the first steps are not tiny.
 * Each weight gets its own step size (≈ lr), which is why Adam needs little tuning.
 */
export class Adam extends Optimizer {
  /** β1, β2. */
  readonly betas: readonly [number, number];
  /** Denominator guard. */
  readonly eps: number;
  /** L2 weight decay coefficient. */
  readonly weightDecay: number;
  /** First moment m of each parameter. */
  private readonly m: FloatStore[];
  /** Second moment v of each parameter. */
  private readonly v: FloatStore[];

  constructor(params: readonly Parameter[], options: AdamOptions = {}) {
    super(params, options.lr ?? 1e-3, 'Adam');
    const [b1, b2] = options.betas ?? [0.9, 0.999];
    this.betas = [checkRange(b1, 0, 1, 'betas[0]', 'Adam'), checkRange(b2, 0, 1, 'betas[1]', 'Adam')];
    this.eps = checkRange(options.eps ?? 1e-8, 0, Infinity, 'eps', 'Adam');
    this.weightDecay = checkRange(options.weightDecay ?? 0, 0, Infinity, 'weightDecay', 'Adam');
    this.m = stateLike(this.params);
    this.v = stateLike(this.params);
  }

  step(): void {
    this.stepCount++;
    const b1 = this.betas[0];
    const b2 = this.betas[1];
    const t = this.stepCount;
    const stepSize = this.lr / (1 - b1 ** t);
    const sqrtBc2 = Math.sqrt(1 - b2 ** t);
    const { eps, weightDecay } = this;
    for (let k = 0; k < this.params.length; k++) {
      const p = this.params[k];
      const w = p.data;
      const grad = p.grad;
      const m = this.m[k].array;
      const v = this.v[k].array;
      for (let i = 0; i < w.length; i++) {
        const g = grad[i] + weightDecay * w[i];
        const mi = b1 * m[i] + (1 - b1) * g;
        const vi = b2 * v[i] + (1 - b2) * g * g;
        m[i] = mi;
        v[i] = vi;
        w[i] -= (stepSize * mi) / (Math.sqrt(vi) / sqrtBc2 + eps);
      }
    }
  }

  toString(): string {
    const wd = this.weightDecay ? `, weightDecay=${this.weightDecay}` : '';
    return `Adam(lr=${this.lr}, betas=[${this.betas.join(', ')}]${wd})`;
  }
}
