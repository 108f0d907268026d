import { Module } from '../module';
import type { Random } from '../rng';
import { ShapeError, type Tensor } from '../tensor';
import { MaskBuffer, TensorBuffer } from './buffers';
import { checkDropProbability, checkIndices, checkScale } from './checks';

/**
 * What the dropout family shares, as torch's `_DropoutNd`, so that the copies cannot drift apart:
 * `DropoutBase` (every random layer: Dropout, Dropout2d, GaussianDropout) holds p and its checks,
 * the generator and the start of backward; `MaskedDropoutBase` (the 0/1-mask layers, Dropout and
 * Dropout2d) adds the mask bookkeeping and `forceMask`. Each layer keeps only what differs: which
 * elements one mask entry covers, or Gaussian noise instead of a mask.
 */

/** Options of `forceMask`. */
export interface ForceMaskOptions {
  /** Multiplier for the units that are kept. Default 1 (just zero the dropped ones). */
  scale?: number;
}

/** p, the generator and backward's checks: what every dropout layer has. */
export abstract class DropoutBase extends Module {
  /**
   * The generator the masks (or noise) come from. Every layer of a kind starts with the same
   * default seed; `seedDropout` replaces it with one generator per layer.
   */
  rng: Random;

  /** The input size of the last forward (−1 before the first), so backward can check its gradient. */
  protected size = -1;
  /** True when the last forward returned its input unchanged; backward then returns its gradient unchanged. */
  protected passedThrough = true;

  /** The same output tensor while the shape stays the same: a training step allocates nothing. */
  protected readonly out = new TensorBuffer();

  private dropP: number;
  private readonly gradIn = new TensorBuffer();

  /**
   * `who` names the layer in error messages. `upTo1: false` rejects p = 1 (GaussianDropout,
   * whose noise variance p/(1−p) would be infinite).
   */
  protected constructor(
    protected readonly who: string,
    p: number,
    rng: Random,
    private readonly upTo1 = true
  ) {
    super();
    this.dropP = checkDropProbability(p, who, upTo1);
    this.rng = rng;
  }

  /** The probability of ZEROING a unit (an element; a whole channel in Dropout2d). Settable (e.g. from a slider), same checks. */
  get p(): number {
    return this.dropP;
  }
  set p(value: number) {
    this.dropP = checkDropProbability(value, this.who, this.upTo1);
  }

  /** "Dropout(p=0.5)". */
  override toString(): string {
    return `${this.who}(p=${this.dropP})`;
  }

  /**
   * The start of every backward: checks `gradOut` against the last forward and returns the
   * buffer the input gradient goes into, or null when the last forward passed its input through
   * (then `gradOut` is the input gradient as it is).
   */
  protected gradientBuffer(gradOut: Tensor): Tensor | null {
    if (this.size < 0) throw new Error(`${this.who}.backward called before forward`);
    if (gradOut.data.length !== this.size) {
      throw new ShapeError(`${this.who}.backward expects ${this.size} values, got [${gradOut.shape.join(', ')}]`);
    }
    return this.passedThrough ? null : this.gradIn.get(gradOut.shape);
  }
}

/** The 0/1-mask layers: the last mask, its reused buffer, and masks forced by hand. */
export abstract class MaskedDropoutBase extends DropoutBase {
  /**
   * The mask of the last forward: 1 = kept, 0 = dropped, one entry per unit (per element in
   * Dropout, per example and channel in Dropout2d). A live buffer, overwritten by the next
   * forward. null when the last forward used no mask (eval mode, or p = 0).
   */
  lastMask: Uint8Array | null = null;

  /** The mask backward uses (lastMask is public and could be reassigned by a caller); null: none. */
  protected mask: Uint8Array | null = null;
  /** The factor of the last forward: the kept units' (with a mask), or every element's (without one). */
  protected factor = 1;
  /** The scale of the kept units while a mask is forced. */
  protected forcedScale = 1;
  /** The mask buffer, reused while the number of units stays the same. */
  protected readonly masks = new MaskBuffer();

  private forced: readonly number[] | null = null;

  /**
   * Drops exactly the units `dropped` (features along the last axis in Dropout, channels in
   * Dropout2d; the same ones for every example) in BOTH train and eval mode instead of sampling,
   * and multiplies the kept ones by `scale`: the "drop this neuron by hand" control.
   * `forceMask(null)` goes back to normal.
   */
  forceMask(dropped: readonly number[] | null, options: ForceMaskOptions = {}): void {
    this.forced = checkIndices(dropped, `${this.who}.forceMask`);
    this.forcedScale = checkScale(options.scale ?? 1);
  }

  /** The units currently forced to drop (sorted, no duplicates), or null when masks are sampled normally. */
  get forcedMask(): readonly number[] | null {
    return this.forced;
  }

  /**
   * The forced mask over `n` entries, `width` per example (`unit`: what one entry is, for the
   * error): every entry 1 except the forced indices of each example.
   */
  protected forcedMaskOf(n: number, width: number, unit: string): Uint8Array {
    const dropped = this.forced!;
    const count = dropped.length;
    for (let j = 0; j < count; j++) {
      if (dropped[j] >= width) {
        throw new RangeError(
          `${this.who}.forceMask: ${unit} ${dropped[j]} does not exist, the input has ${width} ${unit}s`
        );
      }
    }
    const mask = this.masks.get(n);
    mask.fill(1);
    // Index loops, not for…of: this runs for every row of a 64×64 map on each click, and an iterator
    // per row was megabytes of garbage per click.
    for (let row = 0; row < n; row += width) for (let j = 0; j < count; j++) mask[row + dropped[j]] = 0;
    return mask;
  }

  /** Records what the forward did, for backward and for `lastMask`: x unchanged, x × factor, or masked x × factor. */
  protected record(applied: 'identity' | 'scaled' | 'masked', mask: Uint8Array | null = null, factor = 1): void {
    this.lastMask = this.mask = applied === 'masked' ? mask : null;
    this.passedThrough = applied === 'identity';
    this.factor = factor;
  }
}
