import { jsKernels, kernels, type AdamStep, type FloatStore } from '../kernels/index';
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
 * One difference from torch: an m below 2⁻¹⁰⁰ in size is stored as 0 (VELOCITY_FLOOR says why).
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
  /** The step's constants handed to the kernels (one object, updated each step: nothing allocated). */
  private readonly constants: AdamStep;

  constructor(params: readonly Parameter[], options: AdamOptions = {}) {
    super(params, options.lr ?? 1e-3, 'Adam');
    const [b1, b2] = options.betas ?? [0.9, 0.999];
    this.betas = [checkRange(b1, 0, 1, 'betas[0]', 'Adam'), checkRange(b2, 0, 1, 'betas[1]', 'Adam')];
    this.eps = checkRange(options.eps ?? 1e-8, 0, Infinity, 'eps', 'Adam');
    this.weightDecay = checkRange(options.weightDecay ?? 0, 0, Infinity, 'weightDecay', 'Adam');
    this.m = stateLike(this.params);
    this.v = stateLike(this.params);
    this.constants = {
      b1: this.betas[0],
      b2: this.betas[1],
      weightDecay: this.weightDecay,
      eps: this.eps,
      stepSize: 0,
      sqrtBc2: 0
    };
  }

  step(): void {
    this.stepCount++;
    const t = this.stepCount;
    const s = this.constants;
    s.stepSize = this.lr / (1 - s.b1 ** t);
    s.sqrtBc2 = Math.sqrt(1 - s.b2 ** t);
    // Through the kernels (WebAssembly SIMD when installed, the same bits): see kernels/js.ts for the loop.
    const k = kernels();
    for (let i = 0; i < this.params.length; i++) {
      const p = this.params[i];
      const w = p.data;
      if (k.adam) k.adam(w, p.grad, this.m[i].array, this.v[i].array, w.length, s);
      else jsKernels.adam(w, p.grad, this.m[i].array, this.v[i].array, w.length, s);
    }
  }

  toString(): string {
    const wd = this.weightDecay ? `, weightDecay=${this.weightDecay}` : '';
    return `Adam(lr=${this.lr}, betas=[${this.betas.join(', ')}]${wd})`;
  }
}
