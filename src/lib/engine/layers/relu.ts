import { Module } from '../module';
import type { Tensor } from '../tensor';
import { TensorBuffer } from './buffers';
import { checkedOutput } from './checks';

/** max(0, x) elementwise, any shape: `torch.nn.ReLU`. */
export class ReLU extends Module {
  private output: Tensor | null = null;
  private readonly out = new TensorBuffer();
  private readonly gradIn = new TensorBuffer();

  /** y = max(0, x). */
  override forward(x: Tensor): Tensor {
    const y = this.out.get(x.shape);
    const a = x.data;
    const b = y.data;
    for (let i = 0; i < a.length; i++) b[i] = a[i] > 0 ? a[i] : 0;
    this.output = y;
    return y;
  }

  /** gx = gy where the unit was active (y > 0), else 0. At exactly x = 0 we pick 0, like PyTorch. */
  override backward(gradOut: Tensor): Tensor {
    const y = checkedOutput(this.output, gradOut, 'ReLU');
    const gx = this.gradIn.get(y.shape);
    const g = gradOut.data;
    const v = y.data;
    const d = gx.data;
    for (let i = 0; i < d.length; i++) d[i] = v[i] > 0 ? g[i] : 0;
    return gx;
  }

  /** "ReLU()". */
  override toString(): string {
    return 'ReLU()';
  }
}
