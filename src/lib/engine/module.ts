import { floats } from './kernels/index';
import type { Tensor } from './tensor';

/**
 * A learnable array: its values and the gradient accumulated by `backward` (same length).
 * Optimisers read `grad` and update `data` in place.
 *
 * With the WebAssembly kernels installed, `data` and `grad` of the layers' parameters live in
 * wasm memory (see FloatStore in kernels/types.ts), so the products use them without copies.
 * Growing that memory detaches its views: `data` and `grad` are getters that always return a
 * current view, so read them afresh after any kernel call or new layer instead of keeping the
 * array; `slice()` what you keep.
 */
export interface Parameter {
  /** Human-readable name, e.g. "weight" or "bias"; `Sequential` prefixes the index ("0.weight"). */
  readonly name: string;
  /** Current values. Linear's weight is `[out, in]` row-major, as in PyTorch. */
  readonly data: Float32Array;
  /** Gradient of the loss w.r.t. `data`, accumulated until `zeroGrad()`. */
  readonly grad: Float32Array;
  /** Logical shape of `data`. */
  readonly shape: readonly number[];
  /**
   * Sets `grad` to zero, lazily where implemented (parameters from `createParameter`): nothing is
   * written until `grad` is next read, and a layer that writes every gradient anyway takes the
   * array from `takeZeroedGrad` and skips the zeros. Optional, so a plain object literal with
   * `data` and `grad` is a Parameter too (then `zeroGradOf` fills its grad with zeros).
   */
  zeroGrad?(): void;
  /**
   * If `grad` is still lazily zero, its array, for a caller that promises to overwrite all of it
   * (the zeros are then never written); else null, and the caller accumulates into `grad`.
   */
  takeZeroedGrad?(): Float32Array | null;
}

/** Zeroes `p`'s gradient: lazily if `p` can (see Parameter.zeroGrad), else by writing zeros. */
export function zeroGradOf(p: Parameter): void {
  if (p.zeroGrad) p.zeroGrad();
  else p.grad.fill(0);
}

/** A parameter of `shape` (values and gradient zero), stored where the installed kernels work on it fastest. */
export function createParameter(name: string, shape: readonly number[]): Parameter {
  const n = shape.reduce((a, b) => a * b, 1);
  const data = floats(n);
  const grad = floats(n);
  /** True while grad's contents are stale and stand for zeros. */
  let zeroPending = false;
  return {
    name,
    shape,
    get data() {
      return data.array;
    },
    get grad() {
      if (zeroPending) {
        zeroPending = false;
        grad.array.fill(0);
      }
      return grad.array;
    },
    zeroGrad() {
      zeroPending = true;
    },
    takeZeroedGrad() {
      if (!zeroPending) return null;
      zeroPending = false;
      return grad.array;
    }
  };
}

/** `p` under another name, sharing its (current) `data` and `grad`. */
export function renamed(p: Parameter, name: string): Parameter {
  return {
    name,
    shape: p.shape,
    get data() {
      return p.data;
    },
    get grad() {
      return p.grad;
    },
    zeroGrad: () => zeroGradOf(p),
    takeZeroedGrad: () => p.takeZeroedGrad?.() ?? null
  };
}

/**
 * The base of every layer, as in `torch.nn.Module`: `forward` caches what `backward` needs,
 * `backward(gradOut)` returns the gradient w.r.t. the input and *accumulates* parameter gradients.
 * Tensors returned by `forward`/`backward` may be internal buffers reused on the next call:
 * copy them if you need to keep them.
 */
export abstract class Module {
  /** True in training mode (dropout active), false in evaluation mode. */
  training = true;

  abstract forward(x: Tensor): Tensor;
  abstract backward(gradOut: Tensor): Tensor;

  /** Learnable parameters of this module and its children, in a stable order. */
  parameters(): Parameter[] {
    return [];
  }

  /** Direct children (for recursion in train/eval and for recording activations). */
  children(): Module[] {
    return [];
  }

  /** Switches this module and all its children to training mode. */
  train(on = true): this {
    this.training = on;
    for (const c of this.children()) c.train(on);
    return this;
  }

  /** Switches this module and all its children to evaluation mode. */
  eval(): this {
    return this.train(false);
  }

  /** Sets every parameter gradient to zero (lazily, see Parameter.zeroGrad). */
  zeroGrad(): void {
    for (const p of this.parameters()) zeroGradOf(p);
  }

  /** Short description, e.g. "Linear(2, 8)" or "Dropout(p=0.5)". */
  abstract toString(): string;
}
