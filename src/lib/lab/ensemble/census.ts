import { Module, type Parameter, type Tensor } from '../../engine';
import type { DropSite } from './thinned';

/**
 * Counts the thinned networks training actually visits. Wraps a model for the Trainer: every
 * training-mode forward pass, it reads each dropout layer's `lastMask` and records, for every
 * example in the batch, the whole-network mask it was given (one thinned network trained for one
 * step). Everything else is passed straight through, so training is unchanged.
 *
 * Masks of up to 52 units are stored exactly, as the integer whose bits they are. Longer masks are
 * hashed to 52 bits; two different masks could then share a key, but with a few hundred thousand
 * masks the chance of even one collision is about one in ten million.
 */
export class MaskCensus extends Module {
  /** Masks drawn so far: one per training example per step. */
  drawn = 0;
  private readonly seen = new Set<number>();
  private readonly units: number;

  constructor(
    /** The model being trained. */
    readonly inner: Module,
    /** Its droppable layers (from `dropSites`). */
    readonly sites: readonly DropSite[]
  ) {
    super();
    this.units = sites.reduce((n, s) => n + s.units, 0);
    this.training = inner.training;
  }

  /** Distinct whole-network masks seen so far. */
  get distinct(): number {
    return this.seen.size;
  }

  /** Runs the model; in training mode, records the masks its dropout layers just drew. */
  override forward(x: Tensor): Tensor {
    const y = this.inner.forward(x);
    if (this.training && this.sites.length > 0) this.record(x.shape[0] ?? 1);
    return y;
  }

  /** Passes the gradient straight to the model. */
  override backward(gradOut: Tensor): Tensor {
    return this.inner.backward(gradOut);
  }

  /** The model's parameters (the optimiser updates the model itself). */
  override parameters(): Parameter[] {
    return this.inner.parameters();
  }

  /** The wrapped model, so train()/eval() reach its dropout layers. */
  override children(): Module[] {
    return [this.inner];
  }

  /** "MaskCensus(<model>)". */
  override toString(): string {
    return `MaskCensus(${String(this.inner)})`;
  }

  private record(rows: number): void {
    const exact = this.units <= 52;
    for (let r = 0; r < rows; r++) {
      let key = 0;
      let h1 = 0x811c9dc5;
      let h2 = 0x01000193;
      let bit = 1;
      for (const s of this.sites) {
        const mask = s.layer.lastMask;
        if (!mask) return; // the layer did not sample (forced mask or p = 0): nothing to count
        for (let u = 0, o = r * s.units; u < s.units; u++, o++) {
          const kept = mask[o];
          if (exact) {
            key += kept * bit;
            bit *= 2;
          } else {
            // Two independent 32-bit FNV-style hashes, combined into one 52-bit key.
            h1 = Math.imul(h1 ^ (kept + 1), 0x01000193);
            h2 = Math.imul(h2 ^ (kept + 7), 0x85ebca6b) ^ (h2 >>> 13);
          }
        }
      }
      if (!exact) key = (h1 >>> 0) * 0x100000 + ((h2 >>> 0) & 0xfffff);
      this.seen.add(key);
      this.drawn++;
    }
  }
}
