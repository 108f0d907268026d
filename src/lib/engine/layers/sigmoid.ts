import { Module } from '../module';
import type { Tensor } from '../tensor';
import { TensorBuffer } from './buffers';
import { fastSigmoid } from './fast-math';
import { checkedOutput } from './checks';

/** σ(x) = 1/(1 + e^{−x}) elementwise, any shape: `torch.nn.Sigmoid`. Uses `fastSigmoid` (error < 2e-7). */
export class Sigmoid extends Module {
  private output: Tensor | null = null;
  private readonly out = new TensorBuffer();
  private readonly gradIn = new TensorBuffer();

  /** y = σ(x). */
  override forward(x: Tensor): Tensor {
    const y = this.out.get(x.shape);
    const a = x.data;
    const b = y.data;
    for (let i = 0; i < a.length; i++) b[i] = fastSigmoid(a[i]);
    this.output = y;
    return y;
  }

  /** gx = gy · y · (1 − y): the sigmoid's derivative written with its output. */
  override backward(gradOut: Tensor): Tensor {
    const y = checkedOutput(this.output, gradOut, 'Sigmoid');
    const gx = this.gradIn.get(y.shape);
    const g = gradOut.data;
    const v = y.data;
    const d = gx.data;
    for (let i = 0; i < d.length; i++) d[i] = g[i] * v[i] * (1 - v[i]);
    return gx;
  }

  /** "Sigmoid()". */
  override toString(): string {
    return 'Sigmoid()';
  }
}
