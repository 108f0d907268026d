import { glorotUniform, heUniform } from '../init';
import { kernels } from '../kernels/index';
import { Module, createParameter, type Parameter } from '../module';
import { Random } from '../rng';
import { expect2d, ShapeError, type Tensor } from '../tensor';
import { NO_GRADIENT, TensorBuffer } from './buffers';

/** Options of `Linear`. */
export interface LinearOptions {
  /** Draws the initial weights. Default `new Random(0)`: the same layer every time. */
  rng?: Random;
  /** 'he' (default; for ReLU) or 'glorot' (for tanh, sigmoid or no activation). */
  init?: 'he' | 'glorot';
}

/**
 * A fully connected layer, `torch.nn.Linear`: y = x · Wᵀ + b for a batch x of shape [N, in].
 * W is `[out, in]` (row j holds the weights INTO unit j), b is `[out]`.
 *
 * The three matrix products go through `kernels()`, so installing the WebAssembly SIMD kernels
 * with `useKernels` speeds up every Linear layer without touching this file.
 */
export class Linear extends Module {
  /** W, shape [out, in], named "weight". */
  readonly weight: Parameter;
  /** b, shape [out], named "bias"; starts at zero. */
  readonly bias: Parameter;
  /**
   * Whether `backward` computes the gradient w.r.t. the input. The first layer's input is the
   * data, which nobody updates, so computing it would be wasted work: set this to false there.
   * Then `backward` still accumulates the weight and bias gradients, but returns `NO_GRADIENT`,
   * a zero-sized tensor (shape [0]).
   */
  needsInputGrad = true;

  /** The input of the last forward, kept for the weight gradient (gW = gyᵀ · x). */
  private input: Tensor | null = null;
  private readonly out = new TensorBuffer();
  private readonly gradIn = new TensorBuffer();

  constructor(
    /** Features per input example. */
    readonly inFeatures: number,
    /** Units, i.e. features per output example. */
    readonly outFeatures: number,
    options: LinearOptions = {}
  ) {
    super();
    for (const [name, v] of [
      ['inFeatures', inFeatures],
      ['outFeatures', outFeatures]
    ] as const) {
      if (!Number.isInteger(v) || v < 1) throw new RangeError(`Linear ${name} must be a whole number ≥ 1, got ${v}`);
    }
    const rng = options.rng ?? new Random(0);
    this.weight = createParameter('weight', [outFeatures, inFeatures]);
    this.bias = createParameter('bias', [outFeatures]);
    // He keeps the signal's scale through ReLU, Glorot through tanh/sigmoid (see ../init.ts).
    if ((options.init ?? 'he') === 'he') heUniform(this.weight.data, inFeatures, rng);
    else glorotUniform(this.weight.data, inFeatures, outFeatures, rng);
  }

  /** y = x · Wᵀ + b, x of shape [N, in], y of shape [N, out]. */
  override forward(x: Tensor): Tensor {
    const n = expect2d(x, this.inFeatures, 'Linear');
    const y = this.out.get2d(n, this.outFeatures);
    kernels().forward(x.data, this.weight.data, this.bias.data, y.data, n, this.inFeatures, this.outFeatures);
    this.input = x;
    return y;
  }

  /** Accumulates gW += gyᵀ · x and gb += Σ gy; returns gx = gy · W (or `NO_GRADIENT`, see needsInputGrad). */
  override backward(gradOut: Tensor): Tensor {
    const x = this.input;
    if (x === null) throw new Error('Linear.backward called before forward');
    const n = x.shape[0];
    if (gradOut.shape.length !== 2 || gradOut.shape[0] !== n || gradOut.shape[1] !== this.outFeatures) {
      throw new ShapeError(`Linear.backward expects [${n}, ${this.outFeatures}], got [${gradOut.shape.join(', ')}]`);
    }
    const k = kernels();
    // Right after zeroGrad (the usual case) the kernel writes the gradients instead of adding to zeros.
    const gw = this.weight.takeZeroedGrad?.() ?? null;
    const gb = this.bias.takeZeroedGrad?.() ?? null;
    if (gw && gb) k.backwardParams(gradOut.data, x.data, gw, gb, n, this.inFeatures, this.outFeatures, true);
    else {
      // only one of them was lazily zero: write its zeros, then accumulate into both
      gw?.fill(0);
      gb?.fill(0);
      k.backwardParams(gradOut.data, x.data, this.weight.grad, this.bias.grad, n, this.inFeatures, this.outFeatures);
    }
    if (!this.needsInputGrad) return NO_GRADIENT;
    const gx = this.gradIn.get2d(n, this.inFeatures);
    k.backwardInput(gradOut.data, this.weight.data, gx.data, n, this.inFeatures, this.outFeatures);
    return gx;
  }

  /** [weight, bias]. */
  override parameters(): Parameter[] {
    return [this.weight, this.bias];
  }

  /** "Linear(in, out)". */
  override toString(): string {
    return `Linear(${this.inFeatures}, ${this.outFeatures})`;
  }
}
