import type { Dataset } from '../dataset';
import type { Random } from '../rng';
import { sizeOf, type Tensor } from '../tensor';

/**
 * Cuts a data set into mini-batches in a shuffled order, copying rows into buffers that are
 * reused from batch to batch (training allocates no big arrays per step).
 */
export class Batcher {
  /** The example order of the current epoch: a permutation of 0…N−1. */
  readonly order: Int32Array;
  private readonly xRow: number;
  private readonly yRow: number;
  private readonly xBatch: Float32Array;
  private readonly yBatch: Float32Array;
  private readonly xTensors = new Map<number, Tensor>();
  private readonly yTensors = new Map<number, Tensor>();

  constructor(
    private readonly data: Dataset,
    /** Examples per batch; the last batch of an epoch may be smaller. */
    readonly batchSize: number
  ) {
    const n = data.x.shape[0];
    if (!Number.isInteger(batchSize) || batchSize < 1) {
      throw new RangeError(`batch size must be a whole number ≥ 1, got ${batchSize}`);
    }
    if (data.y.shape[0] !== n) {
      throw new RangeError(`inputs have ${n} rows but targets have ${data.y.shape[0]}`);
    }
    this.order = new Int32Array(n);
    for (let i = 0; i < n; i++) this.order[i] = i;
    this.xRow = sizeOf(data.x.shape.slice(1));
    this.yRow = sizeOf(data.y.shape.slice(1));
    const b = Math.min(batchSize, Math.max(n, 1));
    this.xBatch = new Float32Array(b * this.xRow);
    this.yBatch = new Float32Array(b * this.yRow);
  }

  /** Number of batches in one epoch. */
  get batchesPerEpoch(): number {
    return Math.ceil(this.data.x.shape[0] / this.batchSize);
  }

  /** Draws a new example order for the next epoch. */
  shuffle(rng: Random): void {
    rng.shuffle(this.order);
  }

  /** Copies batch `b` of the current order into the reusable buffers and returns views of them. */
  batch(b: number): { x: Tensor; y: Tensor } {
    const n = this.data.x.shape[0];
    const start = b * this.batchSize;
    const count = Math.min(this.batchSize, n - start);
    const { xRow, yRow, xBatch, yBatch, order } = this;
    const xs = this.data.x.data;
    const ys = this.data.y.data;
    for (let i = 0; i < count; i++) {
      const src = order[start + i];
      if (xRow === 1) xBatch[i] = xs[src];
      else xBatch.set(xs.subarray(src * xRow, src * xRow + xRow), i * xRow);
      if (yRow === 1) yBatch[i] = ys[src];
      else yBatch.set(ys.subarray(src * yRow, src * yRow + yRow), i * yRow);
    }
    return {
      x: this.view(this.xTensors, xBatch, xRow, count, this.data.x.shape),
      y: this.view(this.yTensors, yBatch, yRow, count, this.data.y.shape)
    };
  }

  /** A cached tensor over the first `count` rows of `buffer` (at most two sizes occur per epoch). */
  private view(
    cache: Map<number, Tensor>,
    buffer: Float32Array,
    row: number,
    count: number,
    shape: readonly number[]
  ): Tensor {
    let t = cache.get(count);
    if (!t) {
      t = { data: buffer.subarray(0, count * row), shape: [count, ...shape.slice(1)] };
      cache.set(count, t);
    }
    return t;
  }
}
