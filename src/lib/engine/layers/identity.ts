import { Module } from '../module';
import type { Tensor } from '../tensor';

/**
 * Passes its input through unchanged: `torch.nn.Identity`. Useful as a placeholder where a layer
 * is optional, so the layer list keeps the same length. Returns the very tensors it is given.
 */
export class Identity extends Module {
  /** y = x (the same tensor object). */
  override forward(x: Tensor): Tensor {
    return x;
  }

  /** gx = gy (the same tensor object). */
  override backward(gradOut: Tensor): Tensor {
    return gradOut;
  }

  /** "Identity()". */
  override toString(): string {
    return 'Identity()';
  }
}
