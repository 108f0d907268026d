import { IntViews } from '../layers/buffers';
import { fastTanh } from '../layers/fast-math';
import { VELOCITY_FLOOR, type LinearKernels } from './types';

/**
 * Pure TypeScript kernels: the reference implementation, the fallback where WebAssembly SIMD is
 * missing, and what the wasm kernels use for tiny layers (where a wasm call costs more than it saves).
 *
 * Two tricks, both measured (bench/gemm.ts) at 2–4× over the textbook triple loop:
 * - Four at a time. A single running sum `s += a·b` waits for the previous addition on every
 *   step; four independent sums let the CPU overlap them, and each value loaded is used four times.
 * - Skip zeros. In the backward products we first list the nonzero gradients (ReLU and dropout
 *   zero most of them), then combine only those, four at a time.
 */

/** Scratch list of nonzero indices, grown as needed (kernels are not re-entrant). */
let nz = new Int32Array(64);

/** Room for `n` indices in the scratch list. */
function nzList(n: number): Int32Array {
  if (nz.length < n) nz = new Int32Array(Math.max(n, 2 * nz.length));
  return nz;
}

/** Int32 views of the last float arrays seen in two slots (re-made only when an array changes). */
const intViews = new IntViews(2);
const intView = (f: Float32Array, slot: number): Int32Array => intViews.of(f, slot);

/** Every kernel but ReLU's, whose JS loop stays in the layer (it keeps its own integer views there). */
export const jsKernels: Required<Omit<LinearKernels, 'relu' | 'reluBackward'>> = {
  name: 'js',

  allocate(n) {
    return { array: new Float32Array(n) };
  },

  // y[i, j] = b[j] + Σ_k x[i, k]·W[j, k]: dot products of x's row i with W's rows j…j+3.
  forward(x, w, b, y, n, inF, outF) {
    for (let i = 0; i < n; i++) {
      const xo = i * inF;
      const yo = i * outF;
      let j = 0;
      for (; j + 4 <= outF; j += 4) {
        const w0 = j * inF;
        const w1 = w0 + inF;
        const w2 = w1 + inF;
        const w3 = w2 + inF;
        let s0 = b[j];
        let s1 = b[j + 1];
        let s2 = b[j + 2];
        let s3 = b[j + 3];
        for (let k = 0; k < inF; k++) {
          const v = x[xo + k];
          s0 += v * w[w0 + k];
          s1 += v * w[w1 + k];
          s2 += v * w[w2 + k];
          s3 += v * w[w3 + k];
        }
        y[yo + j] = s0;
        y[yo + j + 1] = s1;
        y[yo + j + 2] = s2;
        y[yo + j + 3] = s3;
      }
      for (; j < outF; j++) {
        const wo = j * inF;
        let s = b[j];
        for (let k = 0; k < inF; k++) s += x[xo + k] * w[wo + k];
        y[yo + j] = s;
      }
    }
  },

  // gx[i, :] = Σ_j gy[i, j]·W[j, :] over the nonzero gy[i, j] only.
  backwardInput(gy, w, gx, n, inF, outF) {
    gx.fill(0, 0, n * inF);
    const list = nzList(outF);
    for (let i = 0; i < n; i++) {
      const go = i * outF;
      const xo = i * inF;
      let count = 0;
      for (let j = 0; j < outF; j++) if (gy[go + j] !== 0) list[count++] = j;
      let t = 0;
      for (; t + 4 <= count; t += 4) {
        const j0 = list[t],
          j1 = list[t + 1],
          j2 = list[t + 2],
          j3 = list[t + 3];
        const g0 = gy[go + j0],
          g1 = gy[go + j1],
          g2 = gy[go + j2],
          g3 = gy[go + j3];
        const w0 = j0 * inF,
          w1 = j1 * inF,
          w2 = j2 * inF,
          w3 = j3 * inF;
        for (let k = 0; k < inF; k++) {
          gx[xo + k] += g0 * w[w0 + k] + g1 * w[w1 + k] + g2 * w[w2 + k] + g3 * w[w3 + k];
        }
      }
      for (; t < count; t++) {
        const j = list[t];
        const g = gy[go + j];
        const wo = j * inF;
        for (let k = 0; k < inF; k++) gx[xo + k] += g * w[wo + k];
      }
    }
  },

  // c[i, :] += Σ_p a[i, p]·b[p, :] over the nonzero a[i, p], four rows of b per sweep of c's row.
  matmul(a, b, c, m, k, n) {
    const list = nzList(k);
    for (let i = 0; i < m; i++) {
      const ao = i * k;
      const co = i * n;
      let count = 0;
      for (let p = 0; p < k; p++) if (a[ao + p] !== 0) list[count++] = p;
      let t = 0;
      for (; t + 4 <= count; t += 4) {
        const p0 = list[t],
          p1 = list[t + 1],
          p2 = list[t + 2],
          p3 = list[t + 3];
        const a0 = a[ao + p0],
          a1 = a[ao + p1],
          a2 = a[ao + p2],
          a3 = a[ao + p3];
        const b0 = p0 * n,
          b1 = p1 * n,
          b2 = p2 * n,
          b3 = p3 * n;
        for (let j = 0; j < n; j++) c[co + j] += a0 * b[b0 + j] + a1 * b[b1 + j] + a2 * b[b2 + j] + a3 * b[b3 + j];
      }
      for (; t < count; t++) {
        const v = a[ao + list[t]];
        const bo = list[t] * n;
        for (let j = 0; j < n; j++) c[co + j] += v * b[bo + j];
      }
    }
  },

  // gW[j, :] += Σ_i gy[i, j]·x[i, :] and gb[j] += Σ_i gy[i, j], over the nonzero gy[i, j] only.
  // (Overwriting is accumulating into zeros here: the saving it allows is the wasm kernels'.)
  backwardParams(gy, x, gw, gb, n, inF, outF, overwrite = false) {
    if (overwrite) {
      gw.fill(0, 0, outF * inF);
      gb.fill(0, 0, outF);
    }
    const list = nzList(n);
    for (let j = 0; j < outF; j++) {
      let count = 0;
      let sum = 0;
      for (let i = 0; i < n; i++) {
        const g = gy[i * outF + j];
        if (g !== 0) {
          list[count++] = i;
          sum += g;
        }
      }
      if (count === 0) continue;
      gb[j] += sum;
      const wo = j * inF;
      let t = 0;
      for (; t + 4 <= count; t += 4) {
        const i0 = list[t],
          i1 = list[t + 1],
          i2 = list[t + 2],
          i3 = list[t + 3];
        const g0 = gy[i0 * outF + j],
          g1 = gy[i1 * outF + j],
          g2 = gy[i2 * outF + j],
          g3 = gy[i3 * outF + j];
        const x0 = i0 * inF,
          x1 = i1 * inF,
          x2 = i2 * inF,
          x3 = i3 * inF;
        for (let k = 0; k < inF; k++) {
          gw[wo + k] += g0 * x[x0 + k] + g1 * x[x1 + k] + g2 * x[x2 + k] + g3 * x[x3 + k];
        }
      }
      for (; t < count; t++) {
        const i = list[t];
        const g = gy[i * outF + j];
        const xo = i * inF;
        for (let k = 0; k < inF; k++) gw[wo + k] += g * x[xo + k];
      }
    }
  },

  // Arithmetic in float64, rounded to float32 when stored (what any JS loop over Float32Arrays does).
  adam(w, grad, m, v, n, s) {
    const { b1, b2, weightDecay, stepSize, sqrtBc2, eps } = s;
    for (let i = 0; i < n; i++) {
      const g = grad[i] + weightDecay * w[i];
      let mi = b1 * m[i] + (1 - b1) * g;
      if (Math.abs(mi) < VELOCITY_FLOOR) mi = 0; // see VELOCITY_FLOOR (NaN compares false: kept)
      const vi = b2 * v[i] + (1 - b2) * g * g;
      m[i] = mi;
      v[i] = vi;
      w[i] -= (stepSize * mi) / (Math.sqrt(vi) / sqrtBc2 + eps);
    }
  },

  sgdMomentum(w, g, v, n, lr, momentum, weightDecay) {
    for (let i = 0; i < n; i++) {
      let vi = momentum * v[i] + g[i] + weightDecay * w[i];
      if (Math.abs(vi) < VELOCITY_FLOOR) vi = 0; // see VELOCITY_FLOOR (NaN compares false: kept)
      v[i] = vi;
      w[i] -= lr * vi;
    }
  },

  // The mask first (one draw per element, in order), then one branch-free pass: a random keep/drop
  // branch would be mispredicted p·(1−p) of the time. "+ 0" turns the −0 of a dropped negative
  // value into +0. (A dropped ±∞ would give NaN here; finite inputs always give finite outputs.)
  dropout(rng, x, y, mask, n, p, scale) {
    rng.fillKeepMask(mask, n, p);
    for (let i = 0; i < n; i++) y[i] = x[i] * scale * mask[i] + 0;
  },

  // Dropped units get exactly no gradient (even a NaN or ∞ one), without a branch on the random
  // mask: the bits of g AND all-ones (kept) or zero (dropped), then the survivors' scale.
  dropoutBackward(g, gx, mask, n, c) {
    const gi = intView(g, 0);
    const di = intView(gx, 1);
    for (let i = 0; i < n; i++) di[i] = gi[i] & -mask[i];
    if (c !== 1) for (let i = 0; i < n; i++) gx[i] *= c;
  },

  tanh(x, y, n) {
    for (let i = 0; i < n; i++) y[i] = fastTanh(x[i]);
  }
};
