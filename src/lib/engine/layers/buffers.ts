import { Workspace, type Tensor } from '../tensor';

/**
 * An output or gradient buffer for one layer. It hands back the SAME tensor object while the
 * shape stays the same, and only asks its `Workspace` for a new view when the shape changes
 * (e.g. a different batch size). So a training step allocates nothing once warmed up: not the
 * numbers, not even the small `{ data, shape }` object.
 */
export class TensorBuffer {
  private readonly workspace = new Workspace();
  private current: Tensor = { data: new Float32Array(0), shape: [0] };

  /** A tensor of the given shape (contents: whatever the previous call left; overwrite it). */
  get(shape: readonly number[]): Tensor {
    if (!sameShape(this.current.shape, shape)) this.current = this.workspace.get([...shape]);
    return this.current;
  }

  /** A `[rows, cols]` tensor; same as `get([rows, cols])` without building an array each call. */
  get2d(rows: number, cols: number): Tensor {
    const s = this.current.shape;
    if (s.length !== 2 || s[0] !== rows || s[1] !== cols) this.current = this.workspace.get([rows, cols]);
    return this.current;
  }
}

/** A reusable byte array of an exact length (dropout masks: 1 = kept, 0 = dropped). */
export class MaskBuffer {
  private bytes = new Uint8Array(0);

  /** A Uint8Array of exactly `n` entries, reused while `n` does not change. */
  get(n: number): Uint8Array {
    if (this.bytes.length !== n) this.bytes = new Uint8Array(n);
    return this.bytes;
  }
}

/** True when two shapes have the same dimensions. */
export function sameShape(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The tensor a backward returns when it was told not to compute an input gradient. */
export const NO_GRADIENT: Tensor = Object.freeze({
  data: new Float32Array(0),
  shape: Object.freeze([0]) as readonly number[]
});

/**
 * Int32Array views of float buffers, one per slot, re-made only when a slot's buffer changes (no
 * allocation per step). Reading floats as integers lets ReLU and dropout keep or clear values
 * with a bit mask instead of a branch the CPU would mispredict on random data.
 */
export class IntViews {
  private readonly floats: (Float32Array | null)[];
  private readonly ints: Int32Array[] = [];

  constructor(slots: number) {
    this.floats = new Array<Float32Array | null>(slots).fill(null);
  }

  /** The Int32 view of `f` kept in `slot`. */
  of(f: Float32Array, slot: number): Int32Array {
    if (this.floats[slot] !== f) {
      this.floats[slot] = f;
      this.ints[slot] = new Int32Array(f.buffer, f.byteOffset, f.length);
    }
    return this.ints[slot];
  }
}
