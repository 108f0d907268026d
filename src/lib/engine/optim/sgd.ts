import { jsKernels, kernels, VELOCITY_FLOOR, type FloatStore } from '../kernels/index';
import type { Parameter } from '../module';
import { Optimizer, checkRange, stateLike } from './optimizer';

/** Settings of `SGD`; only `lr` is required. */
export interface SGDOptions {
  /** Learning rate, > 0. */
  lr: number;
  /** Momentum factor in [0, 1); 0 is plain gradient descent. */
  momentum?: number;
  /** Use Nesterov momentum (needs momentum > 0). */
  nesterov?: boolean;
  /** L2 penalty: adds weightDecay·w to each gradient. */
  weightDecay?: number;
}

/**
 * Stochastic gradient descent with optional momentum, exactly `torch.optim.SGD` (dampening 0):
 *
 *     g ← grad + weightDecay·w
 *     v ← momentum·v + g          (v starts at zero, so the first step sets v = g)
 *     g ← nesterov ? g + momentum·v : v
 *     w ← w − lr·g
 *
 * Momentum keeps a running direction, so steps speed up along a consistent slope and noisy
 * mini-batch gradients partly cancel out. The original dropout paper trained with momentum 0.95–0.99.
 * One difference from torch: a velocity below 2⁻¹⁰⁰ in size is stored as 0 (VELOCITY_FLOOR says
 * why, and why no weight comes out differently).
 */
export class SGD extends Optimizer {
  /** Momentum factor. */
  readonly momentum: number;
  /** Whether the Nesterov form is used. */
  readonly nesterov: boolean;
  /** L2 weight decay coefficient. */
  readonly weightDecay: number;
  /** The velocity v of each parameter (empty when momentum is 0: nothing to remember). */
  private readonly velocity: FloatStore[];

  constructor(params: readonly Parameter[], options: SGDOptions) {
    super(params, options.lr, 'SGD');
    this.momentum = checkRange(options.momentum ?? 0, 0, 1, 'momentum', 'SGD');
    this.weightDecay = checkRange(options.weightDecay ?? 0, 0, Infinity, 'weightDecay', 'SGD');
    this.nesterov = options.nesterov ?? false;
    if (this.nesterov && this.momentum === 0) throw new RangeError('SGD: nesterov needs momentum > 0');
    this.velocity = this.momentum > 0 ? stateLike(this.params) : [];
  }

  step(): void {
    const { lr, momentum, nesterov, weightDecay } = this;
    // One plain loop per case rather than branches inside the loop: the step runs over every
    // weight of the network after every mini-batch (a third of W2's time with branches).
    for (let k = 0; k < this.params.length; k++) {
      const p = this.params[k];
      const w = p.data;
      const grad = p.grad;
      const n = w.length;
      if (momentum === 0) {
        for (let i = 0; i < n; i++) w[i] -= lr * (grad[i] + weightDecay * w[i]);
        continue;
      }
      const v = this.velocity[k].array;
      if (nesterov) {
        for (let i = 0; i < n; i++) {
          const g = grad[i] + weightDecay * w[i];
          let vi = momentum * v[i] + g;
          if (Math.abs(vi) < VELOCITY_FLOOR) vi = 0; // see VELOCITY_FLOOR
          v[i] = vi;
          w[i] -= lr * (g + momentum * vi);
        }
      } else {
        // The common case, through the kernels: WebAssembly SIMD when installed (see kernels/js.ts
        // for the same loop in TypeScript).
        const k = kernels();
        if (k.sgdMomentum) k.sgdMomentum(w, grad, v, n, lr, momentum, weightDecay);
        else jsKernels.sgdMomentum(w, grad, v, n, lr, momentum, weightDecay);
      }
    }
    this.stepCount++;
  }

  toString(): string {
    const extra = [
      this.momentum ? `momentum=${this.momentum}` : '',
      this.nesterov ? 'nesterov=true' : '',
      this.weightDecay ? `weightDecay=${this.weightDecay}` : ''
    ].filter(Boolean);
    return `SGD(${[`lr=${this.lr}`, ...extra].join(', ')})`;
  }
}
