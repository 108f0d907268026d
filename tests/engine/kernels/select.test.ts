// Selecting kernels with useKernels: every Linear layer then runs on them.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { jsKernels, kernels, useKernels } from '../../../src/lib/engine/kernels/index';
import { Linear } from '../../../src/lib/engine/layers/linear';
import type { LinearKernels } from '../../../src/lib/engine/kernels/types';
import { loadWasmKernels, loadWasmKernelsSync } from '../../../src/lib/engine/kernels/wasm';
import { Random } from '../../../src/lib/engine/rng';
import { tensor } from '../../../src/lib/engine/tensor';

afterEach(() => useKernels(jsKernels)); // other tests expect the default

describe('useKernels', () => {
  it('starts with the JS kernels and installs the ones given', async () => {
    expect(kernels()).toBe(jsKernels);
    const wasm = await loadWasmKernels();
    expect(wasm).not.toBeNull();
    useKernels(wasm as LinearKernels);
    expect(kernels()).toBe(wasm);
    expect(kernels().name).toBe('wasm-simd');
  });

  it('routes Linear layers through the installed kernels', () => {
    const calls: string[] = [];
    const spy: LinearKernels = {
      name: 'spy',
      forward: (...a) => (calls.push('forward'), jsKernels.forward(...a)),
      backwardInput: (...a) => (calls.push('backwardInput'), jsKernels.backwardInput(...a)),
      backwardParams: (...a) => (calls.push('backwardParams'), jsKernels.backwardParams(...a)),
      matmul: (...a) => (calls.push('matmul'), jsKernels.matmul(...a))
    };
    useKernels(spy);
    const layer = new Linear(3, 2);
    layer.forward(tensor([1, 2, 3, 4, 5, 6], [2, 3]));
    layer.backward(tensor([1, 0, 0, 1], [2, 2]));
    expect(calls).toEqual(expect.arrayContaining(['forward', 'backwardParams', 'backwardInput']));
  });

  it('gives the same Linear outputs and gradients with wasm as with JS', () => {
    const wasm = loadWasmKernelsSync({ minWork: 0 });
    if (!wasm) throw new Error('wasm kernels failed to load');
    const rng = new Random(5);
    const x = tensor(
      Array.from({ length: 6 * 40 }, () => (rng.next() < 0.6 ? 0 : rng.normal())),
      [6, 40]
    );
    const gy = tensor(
      Array.from({ length: 6 * 20 }, () => rng.normal()),
      [6, 20]
    );
    const run = (k: LinearKernels) => {
      useKernels(k);
      const layer = new Linear(40, 20, { rng: new Random(9) });
      const y = Float32Array.from(layer.forward(x).data);
      const gx = Float32Array.from(layer.backward(gy).data);
      return { y, gx, gw: Float32Array.from(layer.weight.grad), gb: Float32Array.from(layer.bias.grad) };
    };
    const a = run(jsKernels);
    const b = run(wasm);
    for (const key of ['y', 'gx', 'gw', 'gb'] as const) {
      expect(a[key].length).toBeGreaterThan(0);
      a[key].forEach((v, i) => expect(b[key][i]).toBeCloseTo(v, 4));
    }
  });
});

describe('loadWasmKernels without WebAssembly SIMD', () => {
  it('resolves to null (callers then keep the JS kernels)', async () => {
    const spy = vi.spyOn(WebAssembly, 'validate').mockReturnValue(false);
    try {
      expect(await loadWasmKernels()).toBeNull();
      expect(loadWasmKernelsSync()).toBeNull();
    } finally {
      spy.mockRestore();
    }
    expect(await loadWasmKernels()).not.toBeNull();
  });
});
