// The ReLU layer on the WebAssembly SIMD kernels must give exactly the bits of its JS loop (and of
// max(0, x) in float64), forward and backward, on sizes that are and are not multiples of 4, with
// the awkward values: −0, ±∞, NaN of either sign, subnormals; and leave the values past n alone.
import { afterEach, describe, expect, it } from 'vitest';
import { jsKernels, useKernels } from '../../../src/lib/engine/kernels/index';
import { loadWasmKernelsSync } from '../../../src/lib/engine/kernels/wasm';
import { ReLU } from '../../../src/lib/engine/layers/relu';
import { Random } from '../../../src/lib/engine/rng';
import { tensor } from '../../../src/lib/engine/tensor';

const wasm = loadWasmKernelsSync();
afterEach(() => useKernels(jsKernels));

const SPECIAL = [-0, 0, Infinity, -Infinity, NaN, -NaN, 1e-45, -1e-45, 3.4e38, -3.4e38];

function input(n: number, seed: number): Float32Array {
  const rng = new Random(seed);
  const a = Float32Array.from({ length: n }, () => rng.normal());
  const bits = new Int32Array(a.buffer);
  SPECIAL.forEach((v, i) => (a[(i * 97) % n] = v));
  bits[(SPECIAL.length * 97) % n] = 0xffc00001 | 0; // a NaN with the sign bit set
  return a;
}

/** Forward output and input gradient of a fresh ReLU on the installed kernels, as raw bits. */
function run(x: Float32Array, g: Float32Array): [Int32Array, Int32Array] {
  const layer = new ReLU();
  const y = layer.forward(tensor(x, [1, x.length]));
  const yBits = new Int32Array(y.data.slice().buffer);
  const gx = layer.backward(tensor(g, [1, g.length]));
  return [yBits, new Int32Array(gx.data.slice().buffer)];
}

describe('ReLU on the wasm kernels', () => {
  it.each([1024, 1027, 4099, 102400])('gives the JS bits for n = %i', (n) => {
    if (!wasm?.relu) throw new Error('wasm kernels failed to load');
    const x = input(n, n);
    const g = input(n, n + 1);
    useKernels(jsKernels);
    const [yJs, gJs] = run(x, g);
    useKernels(wasm);
    const [yW, gW] = run(x, g);
    expect(yW).toEqual(yJs);
    expect(gW).toEqual(gJs);
    // and both are max(0, x) / the gradient where y > 0
    const y = new Float32Array(yW.buffer);
    const gx = new Float32Array(gW.buffer);
    for (let i = 0; i < n; i++) {
      const want = x[i] > 0 || (Number.isNaN(x[i]) && new Int32Array(x.buffer)[i] > 0) ? x[i] : 0;
      expect(Object.is(y[i], want), `y[${i}] for x = ${x[i]}`).toBe(true);
      // the gradient passes where y > 0, read as an integer (so a positive NaN passes it too)
      expect(Object.is(gx[i], yW[i] > 0 ? g[i] : 0), `gx[${i}]`).toBe(true);
    }
  });

  it('writes nothing past n', () => {
    if (!wasm?.relu) throw new Error('wasm kernels failed to load');
    const n = 1030;
    const y = new Float32Array(n + 3).fill(7);
    wasm.relu(input(n + 3, 1), y, n);
    expect(Array.from(y.subarray(n))).toEqual([7, 7, 7]);
    const gx = new Float32Array(n + 3).fill(7);
    wasm.reluBackward!(input(n + 3, 2), y, gx, n);
    expect(Array.from(gx.subarray(n))).toEqual([7, 7, 7]);
  });
});
