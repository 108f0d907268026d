import { afterEach, describe, expect, it } from 'vitest';
import { Linear, NO_GRADIENT } from '../../../src/lib/engine/layers';
import { jsKernels, kernels, useKernels, type LinearKernels } from '../../../src/lib/engine/kernels/index';
import { Random } from '../../../src/lib/engine/rng';
import { ShapeError, tensor } from '../../../src/lib/engine/tensor';

afterEach(() => useKernels(jsKernels));

describe('Linear', () => {
  it('computes y = x·Wᵀ + b with W [out, in]', () => {
    const layer = new Linear(3, 2);
    layer.weight.data.set([1, 2, 3, -1, 0, 1]);
    layer.bias.data.set([0.5, -0.5]);
    const y = layer.forward(tensor([1, 1, 1, 2, 0, -1], [2, 3]));
    expect(y.shape).toEqual([2, 2]);
    expect(Array.from(y.data)).toEqual([6.5, -0.5, -0.5, -3.5]);
  });

  it('backward: gx = gy·W, and accumulates gW = gyᵀ·x, gb = Σ gy until zeroGrad', () => {
    const layer = new Linear(2, 2);
    layer.weight.data.set([1, 2, 3, 4]);
    const x = tensor([1, 2, 3, 4], [2, 2]);
    layer.forward(x);
    const gx = layer.backward(tensor([1, 0, 0, 1], [2, 2]));
    expect(Array.from(gx.data)).toEqual([1, 2, 3, 4]);
    expect(Array.from(layer.weight.grad)).toEqual([1, 2, 3, 4]);
    expect(Array.from(layer.bias.grad)).toEqual([1, 1]);
    layer.forward(x);
    layer.backward(tensor([1, 0, 0, 1], [2, 2]));
    expect(Array.from(layer.bias.grad)).toEqual([2, 2]);
    layer.zeroGrad();
    expect(Array.from(layer.weight.grad)).toEqual([0, 0, 0, 0]);
  });

  it('initialises He-uniform by default and Glorot-uniform on request, bias zero', () => {
    for (const [init, bound] of [
      ['he', Math.sqrt(6 / 50)],
      ['glorot', Math.sqrt(6 / 250)]
    ] as const) {
      const w = new Linear(50, 200, { rng: new Random(1), init }).weight.data;
      const max = w.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
      expect(max).toBeLessThanOrEqual(bound);
      expect(max).toBeGreaterThan(0.99 * bound); // fills the range, not a narrower one
      const mean = w.reduce((s, v) => s + v, 0) / w.length;
      const variance = w.reduce((s, v) => s + (v - mean) ** 2, 0) / w.length;
      expect(Math.abs(variance / ((bound * bound) / 3) - 1)).toBeLessThan(0.05); // U(−a, a) has variance a²/3
    }
    const layer = new Linear(4, 3);
    expect(Array.from(layer.bias.data)).toEqual([0, 0, 0]);
    expect(layer.parameters().map((p) => [p.name, p.shape])).toEqual([
      ['weight', [3, 4]],
      ['bias', [3]]
    ]);
  });

  it('is reproducible: the default rng and equal seeds give equal weights', () => {
    expect(Array.from(new Linear(3, 3).weight.data)).toEqual(Array.from(new Linear(3, 3).weight.data));
    const a = new Linear(3, 3, { rng: new Random(5) }).weight.data;
    const b = new Linear(3, 3, { rng: new Random(6) }).weight.data;
    expect(Array.from(a)).not.toEqual(Array.from(b));
  });

  it('goes through kernels(), so an installed implementation is used', () => {
    const calls: string[] = [];
    const spy: LinearKernels = {
      name: 'spy',
      forward: (...a) => (calls.push('forward'), jsKernels.forward(...a)),
      backwardInput: (...a) => (calls.push('backwardInput'), jsKernels.backwardInput(...a)),
      backwardParams: (...a) => (calls.push('backwardParams'), jsKernels.backwardParams(...a)),
      matmul: (...a) => (calls.push('matmul'), jsKernels.matmul(...a))
    };
    useKernels(spy);
    expect(kernels().name).toBe('spy');
    const layer = new Linear(2, 3);
    layer.forward(tensor([1, 2], [1, 2]));
    layer.backward(tensor([1, 1, 1], [1, 3]));
    expect(calls).toEqual(['forward', 'backwardParams', 'backwardInput']);
  });

  it('needsInputGrad = false skips dX but still accumulates parameter gradients', () => {
    const calls: string[] = [];
    useKernels({ ...jsKernels, backwardInput: (...a) => (calls.push('backwardInput'), jsKernels.backwardInput(...a)) });
    const layer = new Linear(2, 2);
    layer.needsInputGrad = false;
    layer.forward(tensor([1, 2], [1, 2]));
    const gx = layer.backward(tensor([1, 1], [1, 2]));
    expect(gx).toBe(NO_GRADIENT);
    expect(gx.data.length).toBe(0);
    expect(calls).toEqual([]);
    expect(Array.from(layer.weight.grad)).toEqual([1, 2, 1, 2]);
  });

  it('reuses its output and gradient buffers while the batch size stays the same', () => {
    const layer = new Linear(2, 2);
    const y1 = layer.forward(tensor([1, 2], [1, 2]));
    const g1 = layer.backward(tensor([1, 1], [1, 2]));
    const y2 = layer.forward(tensor([3, 4], [1, 2]));
    const g2 = layer.backward(tensor([1, 1], [1, 2]));
    expect(y2).toBe(y1);
    expect(g2).toBe(g1);
    const y3 = layer.forward(tensor([1, 2, 3, 4], [2, 2]));
    expect(y3.shape).toEqual([2, 2]);
    expect(y3.data.length).toBe(4);
  });

  it('rejects wrong shapes and sizes with clear errors', () => {
    const layer = new Linear(3, 2);
    expect(() => layer.forward(tensor([1, 2], [1, 2]))).toThrow(ShapeError);
    expect(() => layer.forward(tensor([1, 2, 3], [3]))).toThrow(/Linear expects \[N, 3\]/);
    expect(() => new Linear(3, 2).backward(tensor([1, 2], [1, 2]))).toThrow(/before forward/);
    layer.forward(tensor([1, 2, 3], [1, 3]));
    expect(() => layer.backward(tensor([1, 2, 3], [1, 3]))).toThrow(ShapeError);
    expect(() => new Linear(0, 2)).toThrow(/inFeatures.*got 0/);
    expect(() => new Linear(2, 1.5)).toThrow(RangeError);
    expect(String(new Linear(2, 8))).toBe('Linear(2, 8)');
  });
});
