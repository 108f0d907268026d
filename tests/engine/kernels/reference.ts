/**
 * Float64 reference for the Linear kernels, written as the definitions read, plus the error bound
 * a float32 kernel may have: each output is a sum of products, and float32 rounding error grows
 * with the sum of the products' magnitudes, so the bound is relative to Σ|a·b|, not to the result.
 */

/** A kernel call's inputs: shapes and values (Float32Array, as the kernels receive them). */
export interface Problem {
  n: number;
  inF: number;
  outF: number;
  x: Float32Array;
  w: Float32Array;
  b: Float32Array;
  gy: Float32Array;
}

/** Exact-ish result and, per element, Σ|term| (for the tolerance). */
export interface Reference {
  value: Float64Array;
  magnitude: Float64Array;
}

/** y = x·Wᵀ + b. */
export function refForward({ n, inF, outF, x, w, b }: Problem): Reference {
  const value = new Float64Array(n * outF);
  const magnitude = new Float64Array(n * outF);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < outF; j++) {
      let s = b[j];
      let m = Math.abs(b[j]);
      for (let k = 0; k < inF; k++) {
        s += x[i * inF + k] * w[j * inF + k];
        m += Math.abs(x[i * inF + k] * w[j * inF + k]);
      }
      value[i * outF + j] = s;
      magnitude[i * outF + j] = m;
    }
  return { value, magnitude };
}

/** gx = gy·W. */
export function refBackwardInput({ n, inF, outF, gy, w }: Problem): Reference {
  const value = new Float64Array(n * inF);
  const magnitude = new Float64Array(n * inF);
  for (let i = 0; i < n; i++)
    for (let k = 0; k < inF; k++) {
      let s = 0;
      let m = 0;
      for (let j = 0; j < outF; j++) {
        s += gy[i * outF + j] * w[j * inF + k];
        m += Math.abs(gy[i * outF + j] * w[j * inF + k]);
      }
      value[i * inF + k] = s;
      magnitude[i * inF + k] = m;
    }
  return { value, magnitude };
}

/** gw0 + gyᵀ·x and gb0 + Σ gy, starting from the given gradients (accumulate semantics). */
export function refBackwardParams(
  { n, inF, outF, gy, x }: Problem,
  gw0: Float32Array,
  gb0: Float32Array
): { gw: Reference; gb: Reference } {
  const gw = { value: Float64Array.from(gw0), magnitude: Float64Array.from(gw0, Math.abs) };
  const gb = { value: Float64Array.from(gb0), magnitude: Float64Array.from(gb0, Math.abs) };
  for (let i = 0; i < n; i++)
    for (let j = 0; j < outF; j++) {
      const g = gy[i * outF + j];
      gb.value[j] += g;
      gb.magnitude[j] += Math.abs(g);
      for (let k = 0; k < inF; k++) {
        gw.value[j * inF + k] += g * x[i * inF + k];
        gw.magnitude[j * inF + k] += Math.abs(g * x[i * inF + k]);
      }
    }
  return { gw, gb };
}

/**
 * Index of the first element of `got` farther from the reference than float32 rounding allows,
 * or -1 if all are close. Also fails on a length mismatch or on NaN.
 */
/** c + a·b for a `[m×k]`, b `[k×n]`, c `[m×n]` (the general product). */
export function refMatmul(
  a: Float32Array,
  b: Float32Array,
  c: Float32Array,
  m: number,
  k: number,
  n: number
): Reference {
  const value = new Float64Array(m * n);
  const magnitude = new Float64Array(m * n);
  for (let i = 0; i < m; i++)
    for (let j = 0; j < n; j++) {
      let s = c[i * n + j];
      let mag = Math.abs(s);
      for (let p = 0; p < k; p++) {
        s += a[i * k + p] * b[p * n + j];
        mag += Math.abs(a[i * k + p] * b[p * n + j]);
      }
      value[i * n + j] = s;
      magnitude[i * n + j] = mag;
    }
  return { value, magnitude };
}

export function firstMismatch(got: Float32Array, ref: Reference, count = ref.value.length): number {
  for (let i = 0; i < count; i++) {
    const tol = 1e-5 * ref.magnitude[i] + 1e-6;
    if (!(Math.abs(got[i] - ref.value[i]) <= tol)) return i;
  }
  return -1;
}
