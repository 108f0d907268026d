import { describe, expect, it } from 'vitest';
import { jsKernels } from '../../../src/lib/engine/kernels';
import { loadWasmKernelsSync } from '../../../src/lib/engine/kernels/wasm';
import { Tanh } from '../../../src/lib/engine/layers';
import { kernels, useKernels } from '../../../src/lib/engine/kernels';
import { tensor } from '../../../src/lib/engine/tensor';

const wasm = loadWasmKernelsSync();

describe('tanh kernels', () => {
  const n = 20_003; // not a multiple of 4: the padding lanes must not leak into the output
  const x = Float32Array.from({ length: n }, (_, i) => (i / (n - 1) - 0.5) * 40);

  for (const [name, k] of [
    ['js', jsKernels],
    ['wasm-simd', wasm]
  ] as const) {
    it(`${name}: within 1e-6 of Math.tanh over [−20, 20], ≈ ±1 at ±∞, NaN stays NaN`, () => {
      expect(k?.tanh).toBeTypeOf('function');
      const y = new Float32Array(n + 1).fill(123);
      k!.tanh!(x, y, n);
      let worst = 0;
      for (let i = 0; i < n; i++) worst = Math.max(worst, Math.abs(y[i] - Math.tanh(x[i])));
      expect(worst).toBeLessThan(1e-6);
      expect(y[n]).toBe(123); // nothing written past n
      const edge = new Float32Array(300);
      edge.set([Infinity, -Infinity, NaN, 0]);
      const out = new Float32Array(300);
      k!.tanh!(edge, out, 300);
      expect(out[0]).toBeCloseTo(1, 6);
      expect(out[1]).toBeCloseTo(-1, 6);
      expect(out[2]).toBeNaN();
      expect(out[3]).toBe(0);
    });
  }

  it('the Tanh layer gives the same values with either kernel set', () => {
    const before = kernels();
    try {
      const input = tensor(x, [n, 1]);
      useKernels(jsKernels);
      const a = Array.from(new Tanh().forward(input).data);
      useKernels(wasm!);
      const b = Array.from(new Tanh().forward(input).data);
      for (let i = 0; i < n; i += 97) expect(Math.abs(a[i] - b[i])).toBeLessThan(1e-6);
    } finally {
      useKernels(before);
    }
  });
});
