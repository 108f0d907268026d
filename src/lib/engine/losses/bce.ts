import { ShapeError, Workspace, type Tensor } from '../tensor';
import type { ClassificationLoss } from './loss';

/**
 * Binary cross-entropy on raw scores, like `torch.nn.BCEWithLogitsLoss`: one logit z per example,
 * p = sigmoid(z) is the predicted probability of class 1.
 *
 * pred: `[N, 1]` or `[N]`; target: N values in [0, 1] (usually the class labels 0/1), shaped `[N]`
 * or `[N, 1]`. Loss per example: −y·log p − (1−y)·log(1−p).
 *
 * Why this form: written with sigmoid directly, log(1 − sigmoid(40)) is log(0) = −Infinity in
 * float32. Algebra turns the same loss into  max(z, 0) − z·y + log(1 + exp(−|z|)),  where the exp
 * argument is never positive, so it cannot overflow. Its gradient is simply sigmoid(z) − y.
 */
export class BCEWithLogitsLoss implements ClassificationLoss {
  /** dLoss/dLogits of the last forward, reused between calls. */
  private readonly grad = new Workspace();
  private cached: Tensor | null = null;

  forward(pred: Tensor, target: Tensor): number {
    const n = checkShapes(pred, target);
    const g = this.grad.get(pred.shape);
    let total = 0;
    for (let i = 0; i < n; i++) {
      const z = pred.data[i];
      const y = checkTarget(target.data[i], i);
      total += Math.max(z, 0) - z * y + Math.log1p(Math.exp(-Math.abs(z)));
      g.data[i] = (sigmoid(z) - y) / n;
    }
    this.cached = g;
    return n === 0 ? 0 : total / n;
  }

  backward(): Tensor {
    if (!this.cached) throw new Error('BCEWithLogitsLoss.backward() called before forward()');
    return this.cached;
  }

  /** Rows where the predicted class (1 when z > 0, else 0) equals the target rounded to 0/1. */
  correct(pred: Tensor, target: Tensor): number {
    const n = checkShapes(pred, target);
    let hits = 0;
    for (let i = 0; i < n; i++) {
      const y = checkTarget(target.data[i], i);
      if (pred.data[i] > 0 === y > 0.5) hits++;
    }
    return hits;
  }

  toString(): string {
    return 'BCEWithLogitsLoss()';
  }
}

/** sigmoid(z) = 1 / (1 + exp(−z)), written so that exp never overflows. */
export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/** True for `[N]` and `[N, 1]`: one value per example. */
function isColumn(shape: readonly number[]): boolean {
  return shape.length === 1 || (shape.length === 2 && shape[1] === 1);
}

/** Returns N or throws a ShapeError saying which shape is wrong. */
function checkShapes(pred: Tensor, target: Tensor): number {
  if (!isColumn(pred.shape)) {
    throw new ShapeError(
      `BCEWithLogitsLoss expects one logit per example, [N, 1] or [N], got [${pred.shape.join(', ')}]`
    );
  }
  const n = pred.shape[0];
  if (!isColumn(target.shape) || target.shape[0] !== n) {
    throw new ShapeError(
      `BCEWithLogitsLoss expects ${n} targets ([${n}] or [${n}, 1]) for logits [${pred.shape.join(', ')}], got [${target.shape.join(', ')}]`
    );
  }
  return n;
}

/** Returns the target, or throws a RangeError unless it is a probability in [0, 1]. */
function checkTarget(y: number, row: number): number {
  if (!(y >= 0 && y <= 1)) {
    throw new RangeError(
      `BCEWithLogitsLoss: target at row ${row} is ${y}; targets must be 0 or 1 (or a probability in [0, 1])`
    );
  }
  return y;
}
