import { describe, expect, it } from 'vitest';
import { Identity, ReLU, Sigmoid, Tanh, fastSigmoid, fastTanh } from '../../../src/lib/engine/layers';
import { tensor } from '../../../src/lib/engine/tensor';

describe('fastTanh and fastSigmoid', () => {
  it('fastTanh is within 3e-7 of Math.tanh on a dense grid over [−20, 20] (step 1e-4)', () => {
    let worst = 0;
    for (let i = -200_000; i <= 200_000; i++) {
      const x = i * 1e-4;
      worst = Math.max(worst, Math.abs(fastTanh(x) - Math.tanh(x)));
    }
    expect(worst).toBeLessThan(3e-7);
    expect(worst).toBeGreaterThan(0); // it IS an approximation: the test compares two things
  });

  it('fastTanh: odd, exact 0 at 0, ±1 at ±∞, monotone around the clamp, NaN for NaN', () => {
    for (const x of [0.1, 0.7, 3, 7.9, 12]) expect(fastTanh(-x)).toBe(-fastTanh(x));
    expect(fastTanh(0)).toBe(0);
    expect(Math.abs(fastTanh(Infinity) - 1)).toBeLessThan(3e-7);
    expect(Math.abs(fastTanh(-Infinity) + 1)).toBeLessThan(3e-7);
    expect(Math.abs(fastTanh(1e300) - 1)).toBeLessThan(3e-7);
    expect(fastTanh(NaN)).toBeNaN();
    let prev = -2;
    for (let x = 5; x < 10; x += 1e-3) {
      const y = fastTanh(x);
      expect(y).toBeGreaterThanOrEqual(prev);
      prev = y;
    }
  });

  it('fastSigmoid is within 2e-7 of 1/(1+e^−x) on [−40, 40] and stays in [0, 1]', () => {
    let worst = 0;
    for (let i = -400_000; i <= 400_000; i++) {
      const x = i * 1e-4;
      const s = fastSigmoid(x);
      worst = Math.max(worst, Math.abs(s - 1 / (1 + Math.exp(-x))));
      if (s < 0 || s > 1) throw new Error(`fastSigmoid(${x}) = ${s}`);
    }
    expect(worst).toBeLessThan(2e-7);
    expect(fastSigmoid(0)).toBe(0.5);
  });
});

describe('activation layers', () => {
  const x = tensor([-2, -0.5, 0, 0.5, 2, 30], [2, 3]);

  it('ReLU: max(0, x); gradient passes only where the unit is active (0 at x = 0)', () => {
    const r = new ReLU();
    expect(Array.from(r.forward(x).data)).toEqual([0, 0, 0, 0.5, 2, 30]);
    expect(Array.from(r.backward(tensor([1, 2, 3, 4, 5, 6], [2, 3])).data)).toEqual([0, 0, 0, 4, 5, 6]);
    expect(String(r)).toBe('ReLU()');
  });

  it('Tanh and Sigmoid match Math within 1e-6 after float32 storage, derivatives from the output', () => {
    const t = new Tanh().forward(x).data;
    const s = new Sigmoid().forward(x).data;
    for (let i = 0; i < 6; i++) {
      expect(Math.abs(t[i] - Math.tanh(x.data[i]))).toBeLessThan(1e-6);
      expect(Math.abs(s[i] - 1 / (1 + Math.exp(-x.data[i])))).toBeLessThan(1e-6);
    }
    const tanh = new Tanh();
    tanh.forward(tensor([0.5], [1, 1]));
    expect(tanh.backward(tensor([2], [1, 1])).data[0]).toBeCloseTo(2 * (1 - Math.tanh(0.5) ** 2), 6);
    const sig = new Sigmoid();
    sig.forward(tensor([0], [1, 1]));
    expect(sig.backward(tensor([1], [1, 1])).data[0]).toBeCloseTo(0.25, 7);
  });

  it('keep any shape, and saturate without NaN for huge inputs', () => {
    const big = tensor([1e38, -1e38, Infinity, -Infinity], [1, 2, 2]);
    for (const layer of [new ReLU(), new Tanh(), new Sigmoid(), new Identity()]) {
      const y = layer.forward(tensor([1, 2, 3, 4, 5, 6, 7, 8], [2, 2, 1, 2]));
      expect(y.shape).toEqual([2, 2, 1, 2]);
      const out = layer.forward(big).data;
      expect(Array.from(out).some(Number.isNaN)).toBe(false);
    }
    expect(Array.from(new Tanh().forward(big).data).map((v) => Math.round(v))).toEqual([1, -1, 1, -1]);
    expect(Array.from(new Sigmoid().forward(big).data).map((v) => Math.round(v))).toEqual([1, 0, 1, 0]);
  });

  it('Identity returns the very same tensors', () => {
    const id = new Identity();
    expect(id.forward(x)).toBe(x);
    expect(id.backward(x)).toBe(x);
    expect(String(id)).toBe('Identity()');
  });

  it('backward before forward or with a mismatched gradient throws', () => {
    expect(() => new Tanh().backward(x)).toThrow(/before forward/);
    const s = new Sigmoid();
    s.forward(x);
    expect(() => s.backward(tensor([1, 2], [1, 2]))).toThrow(/expects a gradient of shape \[2, 3\]/);
  });
});
