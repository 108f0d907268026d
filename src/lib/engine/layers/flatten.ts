import { Module } from '../module';
import { ShapeError, type Tensor } from '../tensor';

/**
 * `torch.nn.Flatten()`: [N, C, H, W] (or any [N, ...]) → [N, C·H·W], so a Linear layer can follow
 * the convolutions. Row-major data is already laid out that way, so nothing is copied: the output
 * shares the input's numbers under a new shape, and backward gives the gradient the input's shape back.
 */
export class Flatten extends Module {
  private inputShape: readonly number[] | null = null;
  /** The tensors handed out, reused while the arrays and shapes stay the same (no object per step). */
  private flat: Tensor = { data: new Float32Array(0), shape: [0, 0] };
  private unflat: Tensor = { data: new Float32Array(0), shape: [0] };

  /** The same values, shape [N, everything else]. */
  override forward(x: Tensor): Tensor {
    if (x.shape.length < 1) throw new ShapeError('Flatten expects [N, ...], got a scalar shape []');
    const n = x.shape[0];
    const features = n === 0 ? 0 : x.data.length / n;
    if (this.flat.data !== x.data || this.flat.shape[0] !== n || this.flat.shape[1] !== features) {
      this.flat = { data: x.data, shape: [n, features] };
    }
    this.inputShape = x.shape;
    return this.flat;
  }

  /** The same gradient values, in the input's shape. */
  override backward(gradOut: Tensor): Tensor {
    const shape = this.inputShape;
    if (shape === null) throw new Error('Flatten.backward called before forward');
    if (gradOut.data.length !== this.flat.data.length) {
      throw new ShapeError(
        `Flatten.backward expects [${this.flat.shape.join(', ')}], got [${gradOut.shape.join(', ')}]`
      );
    }
    if (this.unflat.data !== gradOut.data || this.unflat.shape !== shape) this.unflat = { data: gradOut.data, shape };
    return this.unflat;
  }

  /** "Flatten()". */
  override toString(): string {
    return 'Flatten()';
  }
}
