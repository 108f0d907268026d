/**
 * Conv2d: forward against the textbook definition (tests/engine/layers/conv-reference.ts), with
 * both kernel implementations; gradient checks with stride and padding; proof that the checks
 * catch the classic convolution bugs; argument and shape errors; no re-allocation at steady state.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { gradCheck } from '../gradcheck';
import { referenceConv } from './conv-reference';
import { Conv2d, col2im, convOutSize, im2col, type ConvGeometry } from '../../../src/lib/engine/layers';
import { jsKernels, useKernels } from '../../../src/lib/engine/kernels/index';
import { loadWasmKernelsSync } from '../../../src/lib/engine/kernels/wasm';
import { Random } from '../../../src/lib/engine/rng';
import { ShapeError, tensor, type Tensor } from '../../../src/lib/engine/tensor';

afterEach(() => useKernels(jsKernels)); // other tests expect the default kernels

function randomInput(shape: number[], seed: number, zeroFraction = 0): Tensor {
  const r = new Random(seed);
  const n = shape.reduce((a, b) => a * b, 1);
  // Some exact zeros, like MNIST background: the kernels skip them, which must not change results.
  return tensor(
    Array.from({ length: n }, () => (r.next() < zeroFraction ? 0 : r.normal())),
    shape
  );
}

function withBias(conv: Conv2d, seed: number): Conv2d {
  const r = new Random(seed);
  for (let i = 0; i < conv.bias.data.length; i++) conv.bias.data[i] = r.uniform(-1, 1);
  return conv;
}

const cases = [
  { name: '3×3, stride 1, padding 1 (same size)', c: 2, o: 3, k: 3, stride: 1, padding: 1, shape: [2, 2, 6, 5] },
  { name: '3×3, stride 2, no padding', c: 1, o: 4, k: 3, stride: 2, padding: 0, shape: [3, 1, 7, 8] },
  { name: '2×2, stride 2, padding 1', c: 3, o: 2, k: 2, stride: 2, padding: 1, shape: [1, 3, 5, 5] },
  { name: '1×1 (a per-pixel Linear)', c: 4, o: 3, k: 1, stride: 1, padding: 0, shape: [2, 4, 3, 3] },
  { name: '5×5 on a 5×5 image, padding 2, stride 3', c: 1, o: 2, k: 5, stride: 3, padding: 2, shape: [2, 1, 5, 5] }
];

describe.each(['js', 'wasm-simd'])('Conv2d forward matches the definition (%s kernels)', (which) => {
  it.each(cases)('$name', ({ c, o, k, stride, padding, shape }) => {
    if (which === 'wasm-simd') useKernels(loadWasmKernelsSync({ minWork: 0 })!);
    const conv = withBias(new Conv2d(c, o, k, { stride, padding, rng: new Random(7) }), 8);
    const x = randomInput(shape, 9, 0.3);
    const y = conv.forward(x);
    const want = referenceConv(x.data, shape, conv.weight.data, conv.bias.data, o, k, stride, padding);
    expect(y.shape).toEqual(want.shape);
    let worst = 0;
    for (let i = 0; i < want.data.length; i++) worst = Math.max(worst, Math.abs(y.data[i] - want.data[i]));
    expect(worst).toBeLessThan(1e-4);
  });
});

describe('Conv2d gradients', () => {
  it.each(cases)('pass the finite-difference check: $name', ({ c, o, k, stride, padding, shape }) => {
    const conv = withBias(new Conv2d(c, o, k, { stride, padding, rng: new Random(3) }), 4);
    const r = gradCheck(conv, shape, { rng: new Random(5) });
    expect(r.tensors.map((t) => t.name)).toEqual(['input', 'weight', 'bias']);
    expect(r.maxRelError, `${r.worst.name}[${r.worst.index}]`).toBeLessThan(1e-2);
  });

  it('also pass with the WebAssembly SIMD kernels', () => {
    useKernels(loadWasmKernelsSync({ minWork: 0 })!);
    const conv = withBias(new Conv2d(2, 3, 3, { stride: 2, padding: 1, rng: new Random(3) }), 4);
    expect(gradCheck(conv, [2, 2, 7, 6]).passed).toBe(true);
  });

  it('needsInputGrad = false: no input gradient, parameters still checked', () => {
    const conv = new Conv2d(1, 2, 3, { padding: 1, rng: new Random(1) });
    conv.needsInputGrad = false;
    const r = gradCheck(conv, [2, 1, 4, 4]);
    expect(r.tensors.map((t) => t.name)).toEqual(['weight', 'bias']);
    expect(r.passed).toBe(true);
  });

  it('accumulate across backward calls, like every parameter gradient', () => {
    const conv = new Conv2d(1, 2, 3, { rng: new Random(1) });
    const x = randomInput([1, 1, 4, 4], 2);
    const g = tensor(new Float32Array(8).fill(1), [1, 2, 2, 2]);
    conv.forward(x);
    conv.backward(g);
    const once = Float32Array.from(conv.weight.grad);
    conv.backward(g);
    for (let i = 0; i < once.length; i++) expect(conv.weight.grad[i]).toBeCloseTo(2 * once[i], 5);
  });
});

describe('the gradient checks catch conv bugs', () => {
  const shape = [2, 2, 5, 5];
  it('a col2im that puts gradients one pixel off (a padding off-by-one)', () => {
    class Shifted extends Conv2d {
      override backward(g: Tensor): Tensor {
        const gx = super.backward(g);
        const d = gx.data;
        const w = shape[3];
        for (let row = 0; row < d.length; row += w) {
          for (let i = row; i < row + w - 1; i++) d[i] = d[i + 1];
          d[row + w - 1] = 0;
        }
        return gx;
      }
    }
    const r = gradCheck(new Shifted(2, 3, 3, { padding: 1, rng: new Random(3) }), shape);
    expect(r.passed).toBe(false);
    expect(r.worst.name).toBe('input');
  });

  it('a weight gradient for the flipped filter (convolution vs cross-correlation mix-up)', () => {
    class Flipped extends Conv2d {
      override backward(g: Tensor): Tensor {
        const gx = super.backward(g);
        const gw = this.weight.grad;
        const k = this.kernelSize;
        for (let f = 0; f < gw.length; f += k * k) {
          for (let i = 0; i < (k * k) >> 1; i++)
            [gw[f + i], gw[f + k * k - 1 - i]] = [gw[f + k * k - 1 - i], gw[f + i]];
        }
        return gx;
      }
    }
    const r = gradCheck(new Flipped(2, 3, 3, { stride: 2, padding: 1, rng: new Random(3) }), shape);
    expect(r.passed).toBe(false);
    expect(r.worst.name).toBe('weight');
  });

  it('a bias gradient that forgets to sum over positions', () => {
    class OnePosition extends Conv2d {
      override backward(g: Tensor): Tensor {
        const before = Float32Array.from(this.bias.grad);
        const gx = super.backward(g);
        const [n, c, h, w] = g.shape;
        for (let o = 0; o < c; o++) {
          let first = 0;
          for (let img = 0; img < n; img++) first += g.data[(img * c + o) * h * w];
          this.bias.grad[o] = before[o] + first; // only position (0, 0) of each map
        }
        return gx;
      }
    }
    const r = gradCheck(new OnePosition(1, 2, 3, { padding: 1, rng: new Random(3) }), [2, 1, 4, 4]);
    expect(r.passed).toBe(false);
    expect(r.worst.name).toBe('bias');
  });
});

describe('im2col and col2im', () => {
  it('col2im is the adjoint of im2col: ⟨im2col(x), c⟩ = ⟨x, col2im(c)⟩', () => {
    const g: ConvGeometry = {
      channels: 2,
      height: 5,
      width: 6,
      kernel: 3,
      stride: 2,
      padding: 1,
      outHeight: 0,
      outWidth: 0
    };
    g.outHeight = convOutSize(5, 3, 2, 1);
    g.outWidth = convOutSize(6, 3, 2, 1);
    const n = 2;
    const x = randomInput([n * 2 * 5 * 6], 1).data;
    const cols = new Float32Array(n * g.outHeight * g.outWidth * 2 * 9);
    im2col(x, n, g, cols);
    const c = randomInput([cols.length], 2).data;
    const back = new Float32Array(x.length);
    col2im(c, n, g, back);
    let left = 0;
    let right = 0;
    for (let i = 0; i < cols.length; i++) left += cols[i] * c[i];
    for (let i = 0; i < x.length; i++) right += x[i] * back[i];
    expect(left).toBeCloseTo(right, 3);
  });

  it('writes zeros for padding and copies pixels in (channel, ky, kx) order', () => {
    const g: ConvGeometry = {
      channels: 1,
      height: 2,
      width: 2,
      kernel: 3,
      stride: 1,
      padding: 1,
      outHeight: 2,
      outWidth: 2
    };
    const cols = new Float32Array(4 * 9);
    im2col(Float32Array.from([1, 2, 3, 4]), 1, g, cols);
    // The window centred on pixel (0, 0): top row and left column fall in the padding.
    expect(Array.from(cols.subarray(0, 9))).toEqual([0, 0, 0, 0, 1, 2, 0, 3, 4]);
    // The window centred on pixel (1, 1).
    expect(Array.from(cols.subarray(27, 36))).toEqual([1, 2, 0, 3, 4, 0, 0, 0, 0]);
  });
});

describe('Conv2d contracts', () => {
  it('reports the output shape and prints like PyTorch', () => {
    const conv = new Conv2d(1, 8, 3, { padding: 1 });
    expect(conv.outputShape([5, 1, 28, 28])).toEqual([5, 8, 28, 28]);
    expect(new Conv2d(8, 16, 3, { stride: 2 }).outputShape([1, 8, 14, 14])).toEqual([1, 16, 6, 6]);
    expect(String(conv)).toBe('Conv2d(1, 8, kernel_size=3, stride=1, padding=1)');
    expect(conv.parameters().map((p) => [p.name, p.shape])).toEqual([
      ['weight', [8, 1, 3, 3]],
      ['bias', [8]]
    ]);
  });

  it('He-initialises the filters from the seed (same seed, same filters)', () => {
    const a = new Conv2d(3, 4, 3, { rng: new Random(11) });
    const b = new Conv2d(3, 4, 3, { rng: new Random(11) });
    expect(Array.from(a.weight.data)).toEqual(Array.from(b.weight.data));
    const limit = Math.sqrt(6 / 27);
    expect(a.weight.data.every((v) => Math.abs(v) <= limit)).toBe(true);
    expect(new Set(a.weight.data).size).toBe(a.weight.data.length);
  });

  it('rejects bad arguments and shapes with messages that say what is wrong', () => {
    expect(() => new Conv2d(0, 1, 3)).toThrow(/inChannels must be a whole number ≥ 1, got 0/);
    expect(() => new Conv2d(1, 1, 3, { stride: 0 })).toThrow(/stride/);
    expect(() => new Conv2d(1, 1, 3, { padding: -1 })).toThrow(/padding/);
    expect(() => new Conv2d(1, 1, 2.5)).toThrow(/kernelSize/);
    const conv = new Conv2d(2, 1, 3);
    expect(() => conv.forward(randomInput([1, 3, 5, 5], 1))).toThrow(ShapeError);
    expect(() => conv.forward(randomInput([2, 18], 1))).toThrow(/expects \[N, 2, H, W\]/);
    expect(() => conv.forward(randomInput([1, 2, 2, 2], 1))).toThrow(/does not fit a 2×2 image/);
    expect(() => new Conv2d(1, 1, 3).backward(randomInput([1, 1, 1, 1], 1))).toThrow(/before forward/);
    conv.forward(randomInput([1, 2, 4, 4], 1));
    expect(() => conv.backward(randomInput([1, 1, 3, 3], 1))).toThrow(/expects \[1, 1, 2, 2\]/);
  });

  it('reuses its output and gradient buffers at steady state', () => {
    const conv = new Conv2d(1, 2, 3, { padding: 1 });
    const x = randomInput([4, 1, 6, 6], 1);
    const y1 = conv.forward(x);
    const g1 = conv.backward(y1);
    const y2 = conv.forward(x);
    const g2 = conv.backward(y2);
    expect(y2).toBe(y1);
    expect(g2).toBe(g1);
    expect(y2.shape).toBe(y1.shape);
  });
});
