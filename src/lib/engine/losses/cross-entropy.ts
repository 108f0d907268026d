import { ShapeError, Workspace, type Tensor } from '../tensor';
import type { ClassificationLoss } from './loss';

/**
 * Softmax cross-entropy from raw scores (logits), like `torch.nn.CrossEntropyLoss`.
 *
 * pred: logits `[N, K]`; target: `[N]` holding class indices 0…K−1 (stored as floats).
 * Loss = mean over rows of  −log softmax(z)[y]  =  logsumexp(z) − z[y].
 * Gradient w.r.t. z (per row, divided by N because the loss is a mean): softmax(z) − onehot(y).
 *
 * Why the log-sum-exp trick: exp(1000) overflows to Infinity, so we subtract the row maximum m
 * first. logsumexp(z) = m + log Σ exp(z − m), and every exp(z − m) ≤ 1, so nothing overflows and
 * at least one term is exactly 1, so the log never sees 0. Arithmetic is float64 throughout.
 */
export class CrossEntropyLoss implements ClassificationLoss {
  /** dLoss/dLogits of the last forward, reused between calls. */
  private readonly grad = new Workspace();
  private cached: Tensor | null = null;

  forward(pred: Tensor, target: Tensor): number {
    const [n, k] = checkShapes(pred, target);
    const z = pred.data;
    const labels = target.data;
    const g = this.grad.get([n, k]);
    let total = 0;
    for (let i = 0; i < n; i++) {
      const y = checkLabel(labels[i], i, k);
      const row = i * k;
      let m = -Infinity;
      for (let j = 0; j < k; j++) if (z[row + j] > m) m = z[row + j];
      let sum = 0;
      for (let j = 0; j < k; j++) sum += Math.exp(z[row + j] - m);
      total += m + Math.log(sum) - z[row + y];
      // softmax(z)_j = exp(z_j − m) / sum; subtract 1 at the true class; mean over the batch.
      for (let j = 0; j < k; j++) {
        g.data[row + j] = (Math.exp(z[row + j] - m) / sum - (j === y ? 1 : 0)) / n;
      }
    }
    this.cached = g;
    return n === 0 ? 0 : total / n;
  }

  backward(): Tensor {
    if (!this.cached) throw new Error('CrossEntropyLoss.backward() called before forward()');
    return this.cached;
  }

  /** Rows whose largest logit (first one on ties) is at the target class. */
  correct(pred: Tensor, target: Tensor): number {
    const [n, k] = checkShapes(pred, target);
    let hits = 0;
    for (let i = 0; i < n; i++) {
      const y = checkLabel(target.data[i], i, k);
      let best = 0;
      for (let j = 1; j < k; j++) if (pred.data[i * k + j] > pred.data[i * k + best]) best = j;
      if (best === y) hits++;
    }
    return hits;
  }

  toString(): string {
    return 'CrossEntropyLoss()';
  }
}

/** Returns [N, K] or throws a ShapeError saying which shape is wrong. */
function checkShapes(pred: Tensor, target: Tensor): [number, number] {
  if (pred.shape.length !== 2) {
    throw new ShapeError(`CrossEntropyLoss expects logits [N, K], got [${pred.shape.join(', ')}]`);
  }
  const [n, k] = pred.shape;
  if (target.shape.length !== 1 || target.shape[0] !== n) {
    throw new ShapeError(
      `CrossEntropyLoss expects class-index targets [${n}] for logits [${n}, ${k}], got [${target.shape.join(', ')}]`
    );
  }
  return [n, k];
}

/** Returns the label as an integer class index, or throws a RangeError naming the row. */
function checkLabel(label: number, row: number, k: number): number {
  if (!Number.isInteger(label)) {
    throw new RangeError(`CrossEntropyLoss: target at row ${row} is ${label}, not an integer class index`);
  }
  if (label < 0 || label >= k) {
    throw new RangeError(`CrossEntropyLoss: target at row ${row} is class ${label}, outside 0…${k - 1}`);
  }
  return label;
}
