import { heUniform } from '../init';
import { kernels } from '../kernels/index';
import { Module, type Parameter } from '../module';
import { Random } from '../rng';
import { ShapeError, type Tensor } from '../tensor';
import { NO_GRADIENT, TensorBuffer } from './buffers';
import { col2im, convOutSize, im2col, type ConvGeometry } from './im2col';

/** Options of `Conv2d`. */
export interface Conv2dOptions {
  /** Step between window positions. Default 1. */
  stride?: number;
  /** Zeros added on every side of the image. Default 0 (PyTorch's default too). */
  padding?: number;
  /** Draws the initial weights (He uniform). Default `new Random(0)`. */
  rng?: Random;
}

/**
 * A 2-D convolution, `torch.nn.Conv2d(in, out, k, stride, padding)`: each of `outChannels`
 * filters of shape [inChannels, k, k] slides over the image and gives one feature map.
 * Input [N, inC, H, W] → output [N, outC, outH, outW].
 *
 * How (see ./im2col.ts): im2col turns every window into a row, so the whole convolution is
 * rows [N·outH·outW, inC·k·k] · Wᵀ + b — the product a Linear layer computes — and runs on the
 * same `kernels()` (WebAssembly SIMD when installed). The kernel answers row-major per position,
 * [N·outH·outW, outC]; we reorder it to [N, outC, outH, outW]. Backward mirrors that: reorder the
 * gradient to rows, `backwardParams` gives gW and gb, `backwardInput` gives the rows' gradient and
 * col2im adds it back onto the pixels.
 */
export class Conv2d extends Module {
  /** The filters, shape [outC, inC, k, k] (row j of the flat [outC, inC·k·k] matrix is filter j), "weight". */
  readonly weight: Parameter;
  /** One bias per output channel, shape [outC], "bias"; starts at zero. */
  readonly bias: Parameter;
  /** Step between window positions. */
  readonly stride: number;
  /** Zeros added on every side. */
  readonly padding: number;
  /** As Linear's: false on the first layer, whose input (the data) needs no gradient. */
  needsInputGrad = true;

  /** The geometry of the last forward (H and W come from the input), null before the first. */
  private geometry: ConvGeometry | null = null;
  private batch = 0;
  /** The output shape, rebuilt only when the batch size or geometry changes (no array per step). */
  private outShape: number[] = [];
  private inputShape: readonly number[] = [];
  /** im2col rows of the last input: kept for the weight gradient. */
  private readonly cols = new TensorBuffer();
  /** Kernel output per position, [N·P, outC], and the gradient in the same layout. */
  private readonly rows = new TensorBuffer();
  private readonly gradRows = new TensorBuffer();
  /** Gradient of the im2col rows, before col2im. */
  private readonly gradCols = new TensorBuffer();
  private readonly out = new TensorBuffer();
  private readonly gradIn = new TensorBuffer();

  constructor(
    /** Channels of the input image (1 for grey digits). */
    readonly inChannels: number,
    /** Number of filters = channels (feature maps) of the output. */
    readonly outChannels: number,
    /** Side of the square window, e.g. 3. */
    readonly kernelSize: number,
    options: Conv2dOptions = {}
  ) {
    super();
    this.stride = options.stride ?? 1;
    this.padding = options.padding ?? 0;
    const whole = (name: string, v: number, min: number) => {
      if (!Number.isInteger(v) || v < min)
        throw new RangeError(`Conv2d ${name} must be a whole number ≥ ${min}, got ${v}`);
    };
    whole('inChannels', inChannels, 1);
    whole('outChannels', outChannels, 1);
    whole('kernelSize', kernelSize, 1);
    whole('stride', this.stride, 1);
    whole('padding', this.padding, 0);
    const fanIn = inChannels * kernelSize * kernelSize;
    const w = heUniform(new Float32Array(outChannels * fanIn), fanIn, options.rng ?? new Random(0));
    this.weight = {
      name: 'weight',
      data: w,
      grad: new Float32Array(w.length),
      shape: [outChannels, inChannels, kernelSize, kernelSize]
    };
    this.bias = {
      name: 'bias',
      data: new Float32Array(outChannels),
      grad: new Float32Array(outChannels),
      shape: [outChannels]
    };
  }

  /** Output shape for an input of shape [N, inC, H, W] (throws a ShapeError if it does not fit). */
  outputShape(inputShape: readonly number[]): [number, number, number, number] {
    const g = this.geometryFor(inputShape);
    return [inputShape[0], this.outChannels, g.outHeight, g.outWidth];
  }

  /** Convolves x [N, inC, H, W] with every filter: y [N, outC, outH, outW]. */
  override forward(x: Tensor): Tensor {
    const g = this.geometryFor(x.shape);
    const n = x.shape[0];
    const positions = n * g.outHeight * g.outWidth;
    const fanIn = this.inChannels * this.kernelSize * this.kernelSize;
    const cols = this.cols.get2d(positions, fanIn);
    im2col(x.data, n, g, cols.data);
    const rows = this.rows.get2d(positions, this.outChannels);
    kernels().forward(cols.data, this.weight.data, this.bias.data, rows.data, positions, fanIn, this.outChannels);
    const y = this.out.get(this.shapeOut(n, g));
    rowsToMaps(rows.data, y.data, n, this.outChannels, g.outHeight * g.outWidth);
    this.geometry = g;
    this.batch = n;
    this.inputShape = x.shape;
    return y;
  }

  /** Accumulates gW and gb; returns the gradient w.r.t. the input (or `NO_GRADIENT`, see needsInputGrad). */
  override backward(gradOut: Tensor): Tensor {
    const g = this.geometry;
    if (g === null) throw new Error('Conv2d.backward called before forward');
    const n = this.batch;
    const s = gradOut.shape;
    if (s.length !== 4 || s[0] !== n || s[1] !== this.outChannels || s[2] !== g.outHeight || s[3] !== g.outWidth) {
      throw new ShapeError(
        `Conv2d.backward expects [${n}, ${this.outChannels}, ${g.outHeight}, ${g.outWidth}], got [${s.join(', ')}]`
      );
    }
    const positions = n * g.outHeight * g.outWidth;
    const fanIn = this.inChannels * this.kernelSize * this.kernelSize;
    const gy = this.gradRows.get2d(positions, this.outChannels);
    mapsToRows(gradOut.data, gy.data, n, this.outChannels, g.outHeight * g.outWidth);
    const k = kernels();
    k.backwardParams(
      gy.data,
      this.cols.get2d(positions, fanIn).data,
      this.weight.grad,
      this.bias.grad,
      positions,
      fanIn,
      this.outChannels
    );
    if (!this.needsInputGrad) return NO_GRADIENT;
    const gCols = this.gradCols.get2d(positions, fanIn);
    k.backwardInput(gy.data, this.weight.data, gCols.data, positions, fanIn, this.outChannels);
    const gx = this.gradIn.get(this.inputShape);
    col2im(gCols.data, n, g, gx.data);
    return gx;
  }

  /** [weight, bias]. */
  override parameters(): Parameter[] {
    return [this.weight, this.bias];
  }

  /** "Conv2d(1, 8, kernel_size=3, stride=1, padding=1)", as PyTorch prints it. */
  override toString(): string {
    return `Conv2d(${this.inChannels}, ${this.outChannels}, kernel_size=${this.kernelSize}, stride=${this.stride}, padding=${this.padding})`;
  }

  /** [n, outC, outH, outW], reusing the previous array when it is still right. */
  private shapeOut(n: number, g: ConvGeometry): readonly number[] {
    const s = this.outShape;
    if (s[0] !== n || s[2] !== g.outHeight || s[3] !== g.outWidth)
      this.outShape = [n, this.outChannels, g.outHeight, g.outWidth];
    return this.outShape;
  }

  /** Checks the input shape and works out the geometry (reusing the last one when nothing changed). */
  private geometryFor(shape: readonly number[]): ConvGeometry {
    if (shape.length !== 4 || shape[1] !== this.inChannels) {
      throw new ShapeError(`Conv2d expects [N, ${this.inChannels}, H, W], got [${shape.join(', ')}]`);
    }
    const [, , height, width] = shape;
    const last = this.geometry;
    if (last && last.height === height && last.width === width) return last;
    const outHeight = convOutSize(height, this.kernelSize, this.stride, this.padding);
    const outWidth = convOutSize(width, this.kernelSize, this.stride, this.padding);
    if (outHeight < 1 || outWidth < 1) {
      throw new ShapeError(
        `Conv2d: a ${this.kernelSize}×${this.kernelSize} window does not fit a ${height}×${width} image with padding ${this.padding}`
      );
    }
    const { inChannels: channels, kernelSize: kernel, stride, padding } = this;
    return { channels, height, width, kernel, stride, padding, outHeight, outWidth };
  }
}

/** [N·P, C] (one row per position) → [N, C, P] (one map per channel). */
function rowsToMaps(rows: Float32Array, maps: Float32Array, n: number, channels: number, positions: number): void {
  for (let img = 0; img < n; img++) {
    const r0 = img * positions * channels;
    for (let c = 0; c < channels; c++) {
      const m0 = (img * channels + c) * positions;
      for (let p = 0, r = r0 + c; p < positions; p++, r += channels) maps[m0 + p] = rows[r];
    }
  }
}

/** [N, C, P] → [N·P, C]: the inverse reorder, for the gradient. */
function mapsToRows(maps: Float32Array, rows: Float32Array, n: number, channels: number, positions: number): void {
  for (let img = 0; img < n; img++) {
    const r0 = img * positions * channels;
    for (let c = 0; c < channels; c++) {
      const m0 = (img * channels + c) * positions;
      for (let p = 0, r = r0 + c; p < positions; p++, r += channels) rows[r] = maps[m0 + p];
    }
  }
}
