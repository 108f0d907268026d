import { Module } from '../module';
import { ShapeError, type Tensor } from '../tensor';
import { TensorBuffer } from './buffers';

/**
 * Max pooling, `torch.nn.MaxPool2d(k)` (stride k, no padding): each k×k block of every feature
 * map is replaced by its largest value. Input [N, C, H, W] → [N, C, ⌊H/k⌋, ⌊W/k⌋]; leftover
 * rows/columns at the bottom/right are ignored, as in PyTorch.
 *
 * Backward: only the winner of each block influenced the output, so the whole gradient goes to
 * it and the other pixels get 0. We remember each winner's position during forward.
 */
export class MaxPool2d extends Module {
  /** For output element i, the index into the input of the value that won (the argmax). */
  private winners = new Int32Array(0);
  private inputShape: readonly number[] | null = null;
  private outShape: number[] = [];
  private readonly out = new TensorBuffer();
  private readonly gradIn = new TensorBuffer();

  constructor(
    /** Side of the pooling block (and the step between blocks). */
    readonly kernelSize: number
  ) {
    super();
    if (!Number.isInteger(kernelSize) || kernelSize < 1)
      throw new RangeError(`MaxPool2d kernelSize must be a whole number ≥ 1, got ${kernelSize}`);
  }

  /** The block maxima, [N, C, ⌊H/k⌋, ⌊W/k⌋]. */
  override forward(x: Tensor): Tensor {
    const s = x.shape;
    const k = this.kernelSize;
    if (s.length !== 4) throw new ShapeError(`MaxPool2d expects [N, C, H, W], got [${s.join(', ')}]`);
    const [n, c, h, w] = s;
    const oh = Math.floor(h / k);
    const ow = Math.floor(w / k);
    if (oh < 1 || ow < 1) throw new ShapeError(`MaxPool2d(${k}) needs maps of at least ${k}×${k}, got ${h}×${w}`);
    const o = this.outShape;
    if (o[0] !== n || o[1] !== c || o[2] !== oh || o[3] !== ow) this.outShape = [n, c, oh, ow];
    const y = this.out.get(this.outShape);
    if (this.winners.length !== y.data.length) this.winners = new Int32Array(y.data.length);
    const a = x.data;
    const b = y.data;
    const win = this.winners;
    let i = 0;
    for (let map = 0; map < n * c; map++) {
      const base = map * h * w;
      for (let oy = 0; oy < oh; oy++) {
        for (let ox = 0; ox < ow; ox++, i++) {
          const start = base + oy * k * w + ox * k;
          let best = start;
          // Strict ">" keeps the first maximum on ties, so the choice is deterministic.
          for (let dy = 0; dy < k; dy++) {
            for (let dx = 0, j = start + dy * w; dx < k; dx++, j++) if (a[j] > a[best]) best = j;
          }
          b[i] = a[best];
          win[i] = best;
        }
      }
    }
    this.inputShape = s;
    return y;
  }

  /** Sends each output gradient back to the pixel that won its block; every other pixel gets 0. */
  override backward(gradOut: Tensor): Tensor {
    const shape = this.inputShape;
    if (shape === null) throw new Error('MaxPool2d.backward called before forward');
    if (gradOut.data.length !== this.winners.length) {
      throw new ShapeError(
        `MaxPool2d.backward expects [${this.outShape.join(', ')}], got [${gradOut.shape.join(', ')}]`
      );
    }
    const gx = this.gradIn.get(shape);
    gx.data.fill(0);
    const g = gradOut.data;
    const win = this.winners;
    for (let i = 0; i < win.length; i++) gx.data[win[i]] += g[i];
    return gx;
  }

  /** "MaxPool2d(kernel_size=2)". */
  override toString(): string {
    return `MaxPool2d(kernel_size=${this.kernelSize})`;
  }
}
