import { Module, type Parameter, type Random, type Tensor } from '../../engine';
import { downsample2x2 } from '../../data';

/**
 * The augmentation: random shifts of the 28×28 digit, then the same 2×2 averaging every
 * example of the lesson uses (data/mnist.ts `downsample2x2`), so the network reads 14×14 inputs.
 * Shifting the original rather than the 14×14 image keeps "up to 2 px" meaning what it means on
 * MNIST, and a 1-px shift still changes the input (a half-pixel move after averaging).
 *
 * The network's input stage does it (`InputStage`), not the data set: every time a digit enters a
 * training batch it gets a fresh shift, drawn from the run's own 'augment' stream, so the batch
 * order and the dropout masks (their own streams) are the same with and without shifts.
 */

/**
 * Copies the `side × side` image starting at `src[srcOffset]` moved right by `dx` and down by
 * `dy` pixels (negative: left, up) into `out` at `outOffset`: out(r, c) = src(r − dy, c − dx).
 * Pixels moved in from outside the image are 0 (background); ink moved past the edge is lost.
 */
export function shiftImage(
  src: ArrayLike<number>,
  side: number,
  dx: number,
  dy: number,
  out: Float32Array,
  srcOffset = 0,
  outOffset = 0
): void {
  if (!Number.isInteger(dx) || !Number.isInteger(dy)) throw new RangeError(`shifts are whole pixels, got ${dx}, ${dy}`);
  for (let r = 0; r < side; r++) {
    const from = r - dy;
    const row = outOffset + r * side;
    if (from < 0 || from >= side) {
      out.fill(0, row, row + side);
      continue;
    }
    const srcRow = srcOffset + from * side;
    for (let c = 0; c < side; c++) {
      const fc = c - dx;
      out[row + c] = fc >= 0 && fc < side ? src[srcRow + fc] : 0;
    }
  }
}

/** A shift drawn uniformly from the (2·max + 1)² whole-pixel moves with |dx|, |dy| ≤ max (no move included). */
export function drawShift(rng: Random, max: number): [dx: number, dy: number] {
  const n = 2 * max + 1;
  const dx = rng.int(n) - max;
  const dy = rng.int(n) - max;
  return [dx, dy];
}

/** How the input stage treats what it is given. */
export interface InputStageOptions {
  /** Side of the square images it receives (28: MNIST's grey levels 0–255, row-major). */
  side: number;
  /** Largest shift in pixels of the original image (0: no augmentation, only the averaging). */
  maxShift: number;
  /** Where the shifts come from (the run's 'augment' stream). */
  rng: Random;
}

/**
 * The first stage of every network of the experiment: in training mode, shift each digit by a
 * fresh random move (when `maxShift` > 0); in every mode, average 2×2 blocks to [0, 1] and pass the
 * result to the network. Evaluation never shifts: the validation digits are measured as they are.
 * It has no weights; the gradient goes to the network and stops there (nothing trains the pixels).
 */
export class InputStage extends Module {
  /** The shift each row of the last training batch got: [dx0, dy0, dx1, dy1, …] (empty in eval mode). */
  lastShifts: Int8Array = new Int8Array(0);
  private readonly half: number;
  private readonly scratch: Float32Array;
  private out = new Float32Array(0);

  constructor(
    /** The network that reads the 14×14 inputs. */
    readonly inner: Module,
    readonly options: InputStageOptions
  ) {
    super();
    const { side, maxShift } = options;
    if (!Number.isInteger(side) || side < 2 || side % 2 !== 0) throw new RangeError(`side must be even, got ${side}`);
    if (!Number.isInteger(maxShift) || maxShift < 0 || maxShift >= side) {
      throw new RangeError(`the largest shift must be a whole number of pixels from 0 to ${side - 1}, got ${maxShift}`);
    }
    this.half = (side / 2) * (side / 2);
    this.scratch = new Float32Array(side * side);
    this.training = inner.training;
  }

  /** Shifts (training only) and averages every row of x [n, side²], then runs the network. */
  override forward(x: Tensor): Tensor {
    const { side, maxShift, rng } = this.options;
    const area = side * side;
    const n = x.shape[0];
    if (x.data.length !== n * area) {
      throw new RangeError(`the input stage reads ${side}×${side} images, got rows of ${x.data.length / n} values`);
    }
    if (this.out.length < n * this.half) this.out = new Float32Array(n * this.half);
    const shifting = this.training && maxShift > 0;
    if (shifting) {
      if (this.lastShifts.length !== 2 * n) this.lastShifts = new Int8Array(2 * n);
    } else this.lastShifts = new Int8Array(0);
    for (let r = 0; r < n; r++) {
      if (shifting) {
        const [dx, dy] = drawShift(rng, maxShift);
        this.lastShifts[2 * r] = dx;
        this.lastShifts[2 * r + 1] = dy;
        shiftImage(x.data, side, dx, dy, this.scratch, r * area, 0);
        downsample2x2(this.scratch, side, side, this.out, r * this.half);
      } else {
        downsample2x2(x.data.subarray(r * area, (r + 1) * area), side, side, this.out, r * this.half);
      }
    }
    return this.inner.forward({ data: this.out.subarray(0, n * this.half), shape: [n, this.half] });
  }

  /** The network's backward (its first layer computes no input gradient; nothing is needed here). */
  override backward(gradOut: Tensor): Tensor {
    return this.inner.backward(gradOut);
  }

  /** The network's parameters: the stage itself has none. */
  override parameters(): Parameter[] {
    return this.inner.parameters();
  }

  /** The network, so train()/eval() reach its dropout layers. */
  override children(): Module[] {
    return [this.inner];
  }

  /** "InputStage(shift ≤ 2 px, 2×2 average) → <network>". */
  override toString(): string {
    const shift = this.options.maxShift > 0 ? `shift ≤ ${this.options.maxShift} px, ` : '';
    return `InputStage(${shift}2×2 average) → ${String(this.inner)}`;
  }
}
