/**
 * A tensor is a flat Float32Array plus a shape, row-major, batch first:
 * `[N, features]` for dense layers, `[N, C, H, W]` for images. Nothing more: no autograd
 * graph, no strides. Modules compute their own backward pass, as in a from-scratch course.
 */
export interface Tensor {
  /** The values, row-major: element (n, f) of an `[N, F]` tensor is `data[n * F + f]`. */
  data: Float32Array;
  /** The size of each dimension, outermost first. The product equals `data.length`. */
  shape: readonly number[];
}

/** Number of elements a shape holds. */
export function sizeOf(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/** A tensor of zeros. */
export function zeros(shape: readonly number[]): Tensor {
  return { data: new Float32Array(sizeOf(shape)), shape: [...shape] };
}

/** Wraps existing values; throws if the shape does not match their count. */
export function tensor(data: Float32Array | number[], shape: readonly number[]): Tensor {
  const values = data instanceof Float32Array ? data : Float32Array.from(data);
  if (sizeOf(shape) !== values.length) {
    throw new ShapeError(`shape [${shape.join(', ')}] holds ${sizeOf(shape)} values, got ${values.length}`);
  }
  return { data: values, shape: [...shape] };
}

/** Thrown when a tensor does not have the shape a module expects. */
export class ShapeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ShapeError';
  }
}

/** Throws a ShapeError unless `t` is 2-D with `features` columns; returns the batch size. */
export function expect2d(t: Tensor, features: number, who: string): number {
  if (t.shape.length !== 2 || t.shape[1] !== features) {
    throw new ShapeError(`${who} expects [N, ${features}], got [${t.shape.join(', ')}]`);
  }
  return t.shape[0];
}

/**
 * A buffer that is reused across calls while the size stays the same, so that steady-state
 * training allocates nothing per step. Returns a tensor viewing the buffer with the given shape.
 */
export class Workspace {
  private buffer = new Float32Array(0);
  get(shape: readonly number[]): Tensor {
    const n = sizeOf(shape);
    if (this.buffer.length < n) this.buffer = new Float32Array(n);
    const data = this.buffer.length === n ? this.buffer : this.buffer.subarray(0, n);
    return { data, shape };
  }
}
