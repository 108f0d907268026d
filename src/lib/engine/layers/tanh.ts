import { Module } from '../module';
import type { Tensor } from '../tensor';
import { TensorBuffer } from './buffers';
import { fastTanh } from './fast-math';
import { kernels } from '../kernels';
import { checkedOutput } from './checks';

/** tanh(x) elementwise, any shape: `torch.nn.Tanh`. Uses `fastTanh` (error < 3e-7, see fast-math.ts). */
export class Tanh extends Module {
  private output: Tensor | null = null;
  private readonly out = new TensorBuffer();
  private readonly gradIn = new TensorBuffer();

  /** y = tanh(x). */
  override forward(x: Tensor): Tensor {
    const y = this.out.get(x.shape);
    const a = x.data;
    const b = y.data;
    // The kernels' tanh (WebAssembly SIMD: four at a time) when there is one, else the scalar loop.
    const k = kernels();
    if (k.tanh) k.tanh(a, b, a.length);
    else for (let i = 0; i < a.length; i++) b[i] = fastTanh(a[i]);
    this.output = y;
    return y;
  }

  /** gx = gy · (1 − y²): tanh's derivative written with its output, so nothing is recomputed. */
  override backward(gradOut: Tensor): Tensor {
    const y = checkedOutput(this.output, gradOut, 'Tanh');
    const gx = this.gradIn.get(y.shape);
    const g = gradOut.data;
    const v = y.data;
    const d = gx.data;
    for (let i = 0; i < d.length; i++) d[i] = g[i] * (1 - v[i] * v[i]);
    return gx;
  }

  /** "Tanh()". */
  override toString(): string {
    return 'Tanh()';
  }
}
