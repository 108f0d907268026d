import type { Tensor } from '../../../src/lib/engine/tensor';

/**
 * Central finite differences of a scalar function of a float32 tensor, evaluated in float64.
 *
 * The inputs are float32, so x ± h is rounded when stored. Dividing by the difference of the
 * values actually stored (not by 2h) removes that rounding from the estimate, which keeps the
 * check accurate even for huge inputs such as logits of ±1e4, whose float32 spacing is ~1e-3.
 */
export function numericGradient(f: (x: Tensor) => number, x: Tensor, h = 1e-3): Float64Array {
  const out = new Float64Array(x.data.length);
  for (let i = 0; i < x.data.length; i++) {
    const orig = x.data[i];
    const step = Math.max(h, Math.abs(orig) * 1e-6);
    x.data[i] = orig + step;
    const hi = x.data[i];
    const fHi = f(x);
    x.data[i] = orig - step;
    const lo = x.data[i];
    const fLo = f(x);
    x.data[i] = orig;
    out[i] = (fHi - fLo) / (hi - lo);
  }
  return out;
}

/** Largest |a − b| / max(1, |a|, |b|) over the elements. */
export function maxRelError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++) {
    worst = Math.max(worst, Math.abs(a[i] - b[i]) / Math.max(1, Math.abs(a[i]), Math.abs(b[i])));
  }
  return worst;
}
