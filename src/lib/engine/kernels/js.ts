import type { LinearKernels } from './types';

/**
 * Pure TypeScript kernels: the reference implementation and the fallback where WebAssembly SIMD
 * is missing. Loops are ordered so the innermost one walks contiguous memory, and zero inputs
 * are skipped (a zero needs no multiply).
 */
export const jsKernels: LinearKernels = {
  name: 'js',

  forward(x, w, b, y, n, inF, outF) {
    for (let i = 0; i < n; i++) {
      const xo = i * inF;
      const yo = i * outF;
      for (let j = 0; j < outF; j++) {
        const wo = j * inF;
        let s = b[j];
        for (let k = 0; k < inF; k++) s += x[xo + k] * w[wo + k];
        y[yo + j] = s;
      }
    }
  },

  backwardInput(gy, w, gx, n, inF, outF) {
    gx.fill(0, 0, n * inF);
    for (let i = 0; i < n; i++) {
      const go = i * outF;
      const xo = i * inF;
      for (let j = 0; j < outF; j++) {
        const g = gy[go + j];
        if (g === 0) continue;
        const wo = j * inF;
        for (let k = 0; k < inF; k++) gx[xo + k] += g * w[wo + k];
      }
    }
  },

  backwardParams(gy, x, gw, gb, n, inF, outF) {
    for (let i = 0; i < n; i++) {
      const go = i * outF;
      const xo = i * inF;
      for (let j = 0; j < outF; j++) {
        const g = gy[go + j];
        if (g === 0) continue;
        gb[j] += g;
        const wo = j * inF;
        for (let k = 0; k < inF; k++) gw[wo + k] += g * x[xo + k];
      }
    }
  }
};
