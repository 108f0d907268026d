import type { Random } from '../rng';

/**
 * The three matrix products a fully connected layer needs. Every array is row-major Float32Array;
 * W is `[out, in]` as in PyTorch. Implementations: pure TypeScript (`kernels/js.ts`, always
 * available) and WebAssembly SIMD (`kernels/wasm.ts`), which must agree within float tolerance.
 *
 * Zeros are common (ReLU and dropout leave most units at zero, MNIST pixels are mostly zero),
 * and a zero needs no multiply: implementations skip zero entries of `x` and `gy` where it pays.
 */
/**
 * A run of float32 values owned by the kernels (a parameter, its gradient, optimiser state).
 * The WebAssembly kernels keep it in their own memory, so their products read and write it in
 * place instead of copying it in and out on every call. Growing that memory detaches every view
 * of it, so `array` may return a new view (same values) after any kernel call or allocation:
 * read it again rather than keeping it; copy (`slice`) what must outlive the store.
 */
export interface FloatStore {
  /** The values (zero at first), as a view that is current now. */
  readonly array: Float32Array;
}

/** The per-step constants of one Adam step (see `LinearKernels.adam` and optim/adam.ts). */
export interface AdamStep {
  /** β1 and β2. */
  b1: number;
  b2: number;
  /** L2 penalty added to the gradient. */
  weightDecay: number;
  /** lr / (1 − β1ᵗ). */
  stepSize: number;
  /** √(1 − β2ᵗ). */
  sqrtBc2: number;
  /** Denominator guard. */
  eps: number;
}

export interface LinearKernels {
  /** Human-readable name, e.g. "wasm-simd" or "js". */
  readonly name: string;
  /**
   * n zeroed floats where these kernels work on them fastest (optional; without it, a plain
   * Float32Array). Every kernel also accepts plain arrays, and these stores' arrays work with
   * every other implementation (they are ordinary Float32Arrays).
   */
  allocate?(n: number): FloatStore;
  /** y[n×out] = x[n×in] · Wᵀ + b  (y is overwritten). */
  forward(
    x: Float32Array,
    w: Float32Array,
    b: Float32Array,
    y: Float32Array,
    n: number,
    inF: number,
    outF: number
  ): void;
  /** gx[n×in] = gy[n×out] · W  (gx is overwritten). */
  backwardInput(gy: Float32Array, w: Float32Array, gx: Float32Array, n: number, inF: number, outF: number): void;
  /**
   * gw[out×in] += gyᵀ · x  and  gb[out] += Σ over rows of gy  (accumulates), or with `overwrite`
   * gw = gyᵀ · x and gb = Σ gy: what a gradient that was just zeroed gets, without writing the
   * zeros and reading them back (see Parameter.zeroGrad). Every implementation must honour
   * `overwrite`: Linear passes it for a lazily zeroed gradient whose array still holds old values,
   * and a kernel that ignored it would add to those.
   */
  backwardParams(
    gy: Float32Array,
    x: Float32Array,
    gw: Float32Array,
    gb: Float32Array,
    n: number,
    inF: number,
    outF: number,
    overwrite?: boolean
  ): void;
  /**
   * c[m×n] += a[m×k] · b[k×n]  (accumulates; zeros of `a` are skipped). The general product, for
   * work laid out "one row per unit, one column per example", where long rows vectorise best: the
   * ensemble lab runs its thinned networks this way over 10,000 grid points.
   */
  matmul(a: Float32Array, b: Float32Array, c: Float32Array, m: number, k: number, n: number): void;
  /**
   * One SGD-with-momentum step over n values, in place (torch.optim.SGD, dampening 0, not Nesterov):
   * v ← momentum·v + g + weightDecay·w, then w ← w − lr·v. The optimiser's loop over every weight
   * after every mini-batch (optional; `SGD` has the same loop in TypeScript). A velocity smaller
   * than VELOCITY_FLOOR in size is stored as 0 (see there).
   */
  sgdMomentum?(
    w: Float32Array,
    g: Float32Array,
    v: Float32Array,
    n: number,
    lr: number,
    momentum: number,
    weightDecay: number
  ): void;
  /**
   * One Adam step over n values in place (torch.optim.Adam, amsgrad off), in float64 with m, v, w
   * rounded to float32 when stored: g = grad + wd·w; m ← b1·m + (1−b1)·g; v ← b2·v + ((1−b2)·g)·g;
   * w ← w − (stepSize·m) / (√v / sqrtBc2 + eps), m and v unrounded there (optional; every
   * implementation gives the JS loop's bits).
   */
  adam?(w: Float32Array, g: Float32Array, m: Float32Array, v: Float32Array, n: number, s: AdamStep): void;
  /**
   * Training-mode dropout of n values (the Dropout layer's hot loop; optional): mask[i] = 1 when
   * rng.next() ≥ p (one draw per element, in order, advancing `rng`), else 0, and
   * y[i] = x[i]·scale·mask[i] + 0 in float64, rounded to float32. Every implementation gives
   * exactly the JS result, bit for bit, and leaves `rng` where the JS loop would. p is in [0, 1).
   */
  dropout?(rng: Random, x: Float32Array, y: Float32Array, mask: Uint8Array, n: number, p: number, scale: number): void;
  /** gx[i] = g[i]·c (float64, rounded) where mask[i] = 1, exactly +0 where it is 0 (optional; bit-exact like `dropout`). */
  dropoutBackward?(g: Float32Array, gx: Float32Array, mask: Uint8Array, n: number, c: number): void;
  /**
   * y[i] = max(0, x[i]) for i < n, exactly the ReLU layer's bits: +0 wherever the sign bit is set
   * (−0, −∞, negative NaN), every other value unchanged (optional; the layer has the JS loop).
   */
  relu?(x: Float32Array, y: Float32Array, n: number): void;
  /** gx[i] = g[i] where y[i] > 0, else +0, for the ReLU output y (optional; bit-exact like `relu`). */
  reluBackward?(g: Float32Array, y: Float32Array, gx: Float32Array, n: number): void;
  /** y[i] = tanh(x[i]) for i < n, to ~3e-7 absolute (the Tanh layer's hot loop; optional). */
  tanh?(x: Float32Array, y: Float32Array, n: number): void;
}

/**
 * SGD stores a velocity below this size (2⁻¹⁰⁰) as exactly 0, and Adam its first moment m (a
 * velocity too, with the same decay). Momentum shrinks the velocity of a weight whose gradient
 * stays zero (a blank pixel's, a dead unit's) by 0.9 a step, and without a floor it would end in
 * float32's subnormal range (below 2⁻¹²⁶), where x86 CPUs take a slow path of ~100 cycles for
 * every instruction that touches one: measured, W2 spent a quarter of its time in the SGD step
 * for it. TensorFlow sets the CPU's flush-to-zero mode for the same reason; wasm has no such mode.
 * What it changes: an SGD step lr·v < 2⁻¹⁰⁰ (lr ≤ 1) is below half an ulp of any weight of size
 * ≥ 2⁻⁷⁶ (1.3e-23), so such weights come out bit for bit as without the floor (a weight at
 * exactly 0 stays there, where torch would move it by less than 2⁻¹⁰⁰). An Adam step is at most
 * lr·2⁻¹⁰⁰/eps = lr·7.9e-23 (eps = 1e-8): the same holds for weights ≥ 1e-18 at the default
 * lr = 1e-3, ≥ 1e-15 at lr = 1.
 */
export const VELOCITY_FLOOR = 2 ** -100;
