// The tiled paths (layers 16·k wide) with operands resident in wasm memory, when the call's
// scratch grows the memory under them: the results must match the JS kernels on plain copies.
import { describe, expect, it } from 'vitest';
import { jsKernels } from '../../../src/lib/engine/kernels/js';
import type { FloatStore, LinearKernels } from '../../../src/lib/engine/kernels/types';
import { loadWasmKernelsSync } from '../../../src/lib/engine/kernels/wasm';
import { Random } from '../../../src/lib/engine/rng';

function store(k: LinearKernels, len: number, rng: Random, zeroFrac: number): FloatStore {
  const s = k.allocate!(len);
  for (let i = 0; i < s.array.length; i++) s.array[i] = rng.next() < zeroFrac ? 0 : rng.normal();
  return s;
}

function close(got: Float32Array, want: Float32Array): number {
  for (let i = 0; i < want.length; i++) {
    if (!(Math.abs(got[i] - want[i]) <= 1e-4 * (1 + Math.abs(want[i])))) return i;
  }
  return -1;
}

describe('tiled wasm paths with resident operands across memory growth', () => {
  it.each([
    [300, 784, 256, true],
    [200, 256, 16, true],
    [129, 16, 384, false],
    [1, 130, 32, false]
  ])('n=%i in=%i out=%i (grows the memory: %s)', (n, inF, outF, grows) => {
    const k = loadWasmKernelsSync({ minWork: 0 })!;
    const rng = new Random(n + inF + outF);
    // resident stores first, so every call's scratch lies above them and grows the memory
    const x = store(k, n * inF, rng, 0.8);
    const w = store(k, outF * inF, rng, 0);
    const b = store(k, outF, rng, 0);
    const y = store(k, n * outF, rng, 0);
    const gy = store(k, n * outF, rng, 0.5);
    const gx = store(k, n * inF, rng, 0);
    const gw = store(k, outF * inF, rng, 0);
    const gb = store(k, outF, rng, 0);
    const generation = (k as unknown as { generation: number }).generation;
    const [px, pw, pb, pgy] = [x, w, b, gy].map((s) => s.array.slice());
    const py = new Float32Array(n * outF);
    const pgx = new Float32Array(n * inF);
    const pgw = gw.array.slice();
    const pgb = gb.array.slice();
    jsKernels.forward(px, pw, pb, py, n, inF, outF);
    jsKernels.backwardInput(pgy, pw, pgx, n, inF, outF);
    jsKernels.backwardParams(pgy, px, pgw, pgb, n, inF, outF);
    k.forward(x.array, w.array, b.array, y.array, n, inF, outF);
    expect(close(y.array, py), 'forward').toBe(-1);
    if (grows)
      expect((k as unknown as { generation: number }).generation, 'the forward grew the memory').toBeGreaterThan(
        generation
      );
    k.backwardInput(gy.array, w.array, gx.array, n, inF, outF);
    expect(close(gx.array, pgx), 'backwardInput').toBe(-1);
    k.backwardParams(gy.array, x.array, gw.array, gb.array, n, inF, outF);
    expect(close(gw.array, pgw), 'backwardParams').toBe(-1);
    expect(close(gb.array, pgb), 'backwardParams bias').toBe(-1);
    const pgw0 = new Float32Array(outF * inF);
    const pgb0 = new Float32Array(outF);
    jsKernels.backwardParams(pgy, px, pgw0, pgb0, n, inF, outF);
    gw.array.fill(NaN);
    gb.array.fill(NaN);
    k.backwardParams(gy.array, x.array, gw.array, gb.array, n, inF, outF, true);
    expect(close(gw.array, pgw0), 'backwardParams overwrite').toBe(-1);
    expect(close(gb.array, pgb0), 'backwardParams overwrite bias').toBe(-1);
  });

  it('propagates NaN and Inf in W through the tiled forward and backwardInput', () => {
    const k = loadWasmKernelsSync({ minWork: 0 })!;
    const n = 3,
      inF = 144,
      outF = 32;
    const rng = new Random(9);
    const x = Float32Array.from({ length: n * inF }, () => rng.normal());
    const w = Float32Array.from({ length: outF * inF }, () => rng.normal());
    const gy = Float32Array.from({ length: n * outF }, () => rng.normal());
    w[5 * inF + 130] = NaN; // output 5, input 130 (second panel of the forward)
    w[20 * inF + 7] = Infinity;
    const y = new Float32Array(n * outF);
    k.forward(x, w, new Float32Array(outF), y, n, inF, outF);
    for (let r = 0; r < n; r++) {
      expect(Number.isNaN(y[r * outF + 5])).toBe(true);
      expect(Math.abs(y[r * outF + 20])).toBe(Infinity);
      expect(Number.isFinite(y[r * outF + 6])).toBe(true);
    }
    const gx = new Float32Array(n * inF);
    k.backwardInput(gy, w, gx, n, inF, outF);
    for (let r = 0; r < n; r++) {
      expect(Number.isNaN(gx[r * inF + 130])).toBe(true);
      expect(Number.isFinite(gx[r * inF + 131])).toBe(true);
    }
  });
});
