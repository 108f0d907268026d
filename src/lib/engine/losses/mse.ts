import { ShapeError, Workspace, type Tensor } from '../tensor';
import type { Loss } from './loss';

/**
 * Mean squared error, like `torch.nn.MSELoss()`: the mean of (pred − target)² over every element
 * (so over the batch and, for `[N, K]` outputs, over the K outputs too, as PyTorch does).
 * Gradient: 2·(pred − target) / (number of elements).
 *
 * For regression, so it has no `correct`: "right" is not defined for a real-valued output.
 */
export class MSELoss implements Loss {
  /** dLoss/dPred of the last forward, reused between calls. */
  private readonly grad = new Workspace();
  private cached: Tensor | null = null;

  forward(pred: Tensor, target: Tensor): number {
    if (pred.shape.length !== target.shape.length || pred.shape.some((d, i) => d !== target.shape[i])) {
      throw new ShapeError(
        `MSELoss expects target shape [${pred.shape.join(', ')}] like pred, got [${target.shape.join(', ')}]`
      );
    }
    const count = pred.data.length;
    const g = this.grad.get(pred.shape);
    let total = 0;
    for (let i = 0; i < count; i++) {
      const y = target.data[i];
      if (!Number.isFinite(y)) throw new RangeError(`MSELoss: target at index ${i} is ${y}, not a finite number`);
      const d = pred.data[i] - y;
      total += d * d;
      g.data[i] = (2 * d) / count;
    }
    this.cached = g;
    return count === 0 ? 0 : total / count;
  }

  backward(): Tensor {
    if (!this.cached) throw new Error('MSELoss.backward() called before forward()');
    return this.cached;
  }

  toString(): string {
    return 'MSELoss()';
  }
}
