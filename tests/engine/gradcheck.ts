/**
 * Finite-difference gradient checking, shared by every test that owns a `backward`.
 *
 * The idea (as in CS231n / micrograd): pick a scalar loss of the module's output, compute its
 * gradient analytically with `backward`, then numerically by nudging each input and each
 * parameter up and down, and compare. If they agree, `backward` is right.
 *
 * Loss: L = Σ r ⊙ y with a fixed random `r` (not Σ y): with r = 1 everywhere, a backward that
 * mixed up output positions would still pass, because all positions would weigh the same.
 *
 * Precision: modules compute in float32 (~7 significant digits), so a tiny step would drown in
 * rounding. We use a fairly large central-difference step (h = 1e-2 by default; central
 * differences have error O(h²)), sum the loss in float64, divide by the step that float32 really
 * took (x + h is rounded when stored), and compare with a relative error whose denominator has an
 * absolute floor, so gradients that are ~0 do not produce huge "relative" errors:
 *
 *     error = |analytic − numeric| / max(|analytic| + |numeric|, floor)
 *
 * Randomness (dropout): the loss must be the SAME function at every evaluation, so a dropout
 * layer must not draw a new mask for each nudged forward. Two ways, both supported through the
 * `beforeForward` hook, which runs before EVERY forward (the analytic one and each numeric one):
 *   1. re-seed: `beforeForward: (m) => { m.rng = new Random(7) }` — every forward draws the
 *      identical per-element mask (or Gaussian noise), so the full random behaviour is checked;
 *   2. force: call `m.forceMask([...])` once — the same set of features is dropped every time.
 * Re-seeding is the stronger check (per-example masks); forcing also covers the forced path.
 */
import { Random } from '../../src/lib/engine/rng';
import { sizeOf, type Tensor } from '../../src/lib/engine/tensor';
import type { Module } from '../../src/lib/engine/module';

/**
 * Central-difference gradient of `f` at `x`: for each i, (f(x + h·eᵢ) − f(x − h·eᵢ)) / step.
 * `x` is nudged IN PLACE (so `f` may read it directly, e.g. as a layer's weights) and restored
 * afterwards. For a Float32Array the real step is what float32 stored, not 2h, which removes
 * one source of error. `indices` limits the check to some positions (others stay 0).
 */
export function numericGrad(
  f: (x: Float32Array | Float64Array) => number,
  x: Float32Array | Float64Array,
  h = 1e-2,
  indices?: readonly number[]
): Float64Array {
  const grad = new Float64Array(x.length);
  const which = indices ?? range(x.length);
  for (const i of which) {
    const original = x[i];
    x[i] = original + h;
    const up = x[i];
    const fUp = f(x);
    x[i] = original - h;
    const down = x[i];
    const fDown = f(x);
    x[i] = original;
    grad[i] = (fUp - fDown) / (up - down);
  }
  return grad;
}

/** Options of `gradCheck`. */
export interface GradCheckOptions {
  /** Source of the input, the loss weights r and the sampled positions. Default `new Random(1)`. */
  rng?: Random;
  /** Largest acceptable error (see the file comment). Default 1e-2, suitable for float32. */
  tol?: number;
  /**
   * Absolute floor of the error's denominator. Default 1e-2: float32 rounding makes numeric
   * gradients wobble by ~1e-5 absolute (measured on a 2-8-8-1 net), so with a floor of 1e-3 a
   * correct gradient of 5e-4 could already score 6e-3; with 1e-2 the noise stays ~20× below tol.
   */
  floor?: number;
  /** Finite-difference step. Default 1e-2. */
  h?: number;
  /** The input to check at. Default: standard normal values of `inputShape`. */
  input?: Tensor;
  /** Runs before every forward; use it to hold dropout masks fixed (see the file comment). */
  beforeForward?: (module: Module) => void;
  /** At most this many positions per tensor are checked (sampled at random). Default: all. */
  maxPerTensor?: number;
}

/** The outcome of one comparison: the worst position of one tensor. */
export interface TensorCheck {
  /** "input" or the parameter's name, e.g. "0.weight". */
  name: string;
  /** Largest error over the checked positions. */
  maxError: number;
  /** Position of the largest error. */
  index: number;
  /** Analytic gradient at that position. */
  analytic: number;
  /** Numeric gradient at that position. */
  numeric: number;
  /** Number of positions compared. */
  checked: number;
}

/** The result of `gradCheck`. */
export interface GradCheckResult {
  /** Largest error over the input and every parameter. */
  maxRelError: number;
  /** True when `maxRelError <= tol`. */
  passed: boolean;
  /** One entry per checked tensor: "input" first (unless backward returned no input gradient), then parameters. */
  tensors: TensorCheck[];
  /** The entry holding `maxRelError`. */
  worst: TensorCheck;
  /** The output of the analytic forward (a copy). */
  output: Tensor;
}

/**
 * Checks `module.backward` against finite differences of L = Σ r ⊙ forward(x), for the input
 * gradient (skipped when backward returns a zero-sized tensor, e.g. Linear with
 * `needsInputGrad = false`) and for every parameter gradient.
 */
export function gradCheck(
  module: Module,
  inputShape: readonly number[],
  options: GradCheckOptions = {}
): GradCheckResult {
  const rng = options.rng ?? new Random(1);
  const tol = options.tol ?? 1e-2;
  const floor = options.floor ?? 1e-2;
  const h = options.h ?? 1e-2;
  const prepare = options.beforeForward ?? (() => {});

  const x: Tensor = options.input
    ? { data: Float32Array.from(options.input.data), shape: [...options.input.shape] }
    : { data: randomNormal(sizeOf(inputShape), rng), shape: [...inputShape] };

  // Analytic pass: gradients accumulate, so start from zero.
  module.zeroGrad();
  prepare(module);
  const y = module.forward(x);
  const output: Tensor = { data: Float32Array.from(y.data), shape: [...y.shape] };
  const r: Tensor = { data: randomNormal(y.data.length, rng), shape: [...y.shape] };
  const gx = Float32Array.from(module.backward(r).data);
  const params = module.parameters().map((p) => ({ p, grad: Float64Array.from(p.grad) }));

  const loss = (): number => {
    prepare(module);
    const out = module.forward(x).data;
    let s = 0;
    for (let i = 0; i < out.length; i++) s += r.data[i] * out[i];
    return s;
  };
  const pick = (n: number): number[] => {
    const all = range(n);
    if (options.maxPerTensor === undefined || n <= options.maxPerTensor) return all;
    return rng.shuffle(all).slice(0, options.maxPerTensor);
  };

  const tensors: TensorCheck[] = [];
  if (gx.length > 0) {
    const idx = pick(x.data.length);
    tensors.push(compare('input', gx, numericGrad(loss, x.data, h, idx), idx, floor));
  }
  for (const { p, grad } of params) {
    const idx = pick(p.data.length);
    tensors.push(compare(p.name, grad, numericGrad(loss, p.data, h, idx), idx, floor));
  }
  if (tensors.length === 0) throw new Error(`gradCheck: ${module} has no input gradient and no parameters to check`);

  let worst = tensors[0];
  for (const t of tensors) if (t.maxError > worst.maxError) worst = t;
  return { maxRelError: worst.maxError, passed: worst.maxError <= tol, tensors, worst, output };
}

/** The worst error between analytic and numeric gradients at the given positions. */
function compare(
  name: string,
  analytic: ArrayLike<number>,
  numeric: Float64Array,
  indices: readonly number[],
  floor: number
): TensorCheck {
  const result: TensorCheck = { name, maxError: 0, index: -1, analytic: 0, numeric: 0, checked: indices.length };
  for (const i of indices) {
    const a = analytic[i];
    const n = numeric[i];
    // NaN must fail loudly, so compare with `!(e <= max)` rather than `e > max`.
    const e = Math.abs(a - n) / Math.max(Math.abs(a) + Math.abs(n), floor);
    if (result.index === -1 || !(e <= result.maxError)) {
      result.maxError = Number.isNaN(e) ? Infinity : e;
      result.index = i;
      result.analytic = a;
      result.numeric = n;
    }
  }
  return result;
}

/** Standard normal values, float32. */
export function randomNormal(n: number, rng: Random): Float32Array {
  const a = new Float32Array(n);
  for (let i = 0; i < n; i++) a[i] = rng.normal();
  return a;
}

/**
 * Random values whose magnitude is in [minAbs, maxAbs], random sign: inputs for layers with a
 * kink at 0 (ReLU), so that x ± h never crosses it.
 */
export function awayFromZero(shape: readonly number[], rng: Random, minAbs = 0.1, maxAbs = 2): Tensor {
  const a = new Float32Array(sizeOf(shape));
  for (let i = 0; i < a.length; i++) a[i] = (rng.next() < 0.5 ? -1 : 1) * rng.uniform(minAbs, maxAbs);
  return { data: a, shape: [...shape] };
}

function range(n: number): number[] {
  const a = new Array<number>(n);
  for (let i = 0; i < n; i++) a[i] = i;
  return a;
}
