import { kernels } from '../kernels/index';
import { Module } from '../module';
import type { Tensor } from '../tensor';
import { IntViews, TensorBuffer } from './buffers';
import { checkedOutput } from './checks';

/** Below this many values the JS loop is cheaper than the copies into and out of wasm memory. */
const KERNEL_MIN = 1024;

/**
 * max(0, x) elementwise, any shape: `torch.nn.ReLU`.
 *
 * Why the bit twiddling: a ReLU's input is negative about half the time, at random, so the
 * obvious `x > 0 ? x : 0` is a branch the CPU mispredicts half the time (measured ~8× slower).
 * A float32 is negative exactly when its sign bit is set, so we read the values as 32-bit
 * integers and clear every value whose sign bit is set — no comparison, no branch. The result is
 * exactly max(0, x): −0 and −∞ become +0, positive values are untouched. Big layers go through
 * the kernels' `relu` when they have one (WebAssembly SIMD: four values per instruction, same bits).
 */
export class ReLU extends Module {
  private output: Tensor | null = null;
  private readonly out = new TensorBuffer();
  private readonly gradIn = new TensorBuffer();
  private readonly views = new IntViews(5);

  /** y = max(0, x). */
  override forward(x: Tensor): Tensor {
    const y = this.out.get(x.shape);
    const k = kernels();
    this.output = y;
    if (k.relu && y.data.length >= KERNEL_MIN) {
      k.relu(x.data, y.data, y.data.length);
      return y;
    }
    const a = this.views.of(x.data, 0);
    const b = this.views.of(y.data, 1);
    for (let i = 0; i < a.length; i++) {
      const v = a[i];
      b[i] = v & ~(v >> 31); // v >> 31 is all ones for negative values, zero otherwise
    }
    return y;
  }

  /** gx = gy where the unit was active (y > 0), else 0. At exactly x = 0 we pick 0, like PyTorch. */
  override backward(gradOut: Tensor): Tensor {
    const y = checkedOutput(this.output, gradOut, 'ReLU');
    const gx = this.gradIn.get(y.shape);
    const k = kernels();
    if (k.reluBackward && gx.data.length >= KERNEL_MIN) {
      k.reluBackward(gradOut.data, y.data, gx.data, gx.data.length);
      return gx;
    }
    const g = this.views.of(gradOut.data, 2);
    const v = this.views.of(y.data, 3);
    const d = this.views.of(gx.data, 4);
    // y ≥ 0 always; (−y) >> 31 is all ones exactly when y > 0, so the gradient passes through.
    for (let i = 0; i < d.length; i++) d[i] = g[i] & (-v[i] >> 31);
    return gx;
  }

  /** "ReLU()". */
  override toString(): string {
    return 'ReLU()';
  }
}
