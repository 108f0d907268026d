import type { Tensor } from '../tensor';

/**
 * A loss function as an object, like `torch.nn.CrossEntropyLoss`: `forward` returns the mean loss
 * over the batch and caches what `backward` needs; `backward` returns dLoss/dPred.
 *
 * The gradient tensor returned by `backward` is an internal buffer reused by the next call
 * (so steady-state training allocates nothing): copy it if you need to keep it.
 */
export interface Loss {
  /** Mean loss of `pred` against `target`. Validates the target and caches the gradient. */
  forward(pred: Tensor, target: Tensor): number;
  /** Gradient of the last `forward`'s loss w.r.t. its `pred`, same shape as `pred`. */
  backward(): Tensor;
  /** Short description, e.g. "CrossEntropyLoss()". */
  toString(): string;
}

/** A loss for classification, which can also count how many predictions are right. */
export interface ClassificationLoss extends Loss {
  /** Number of rows of `pred` whose predicted class equals the target class. */
  correct(pred: Tensor, target: Tensor): number;
}

/** True when the loss can count correct predictions (cross-entropy and BCE, not MSE). */
export function isClassificationLoss(loss: Loss): loss is ClassificationLoss {
  return typeof (loss as Partial<ClassificationLoss>).correct === 'function';
}

/** Fraction of rows classified correctly, in [0, 1] (0 for an empty batch). */
export function accuracy(loss: ClassificationLoss, pred: Tensor, target: Tensor): number {
  const n = pred.shape[0] ?? 0;
  return n === 0 ? 0 : loss.correct(pred, target) / n;
}
