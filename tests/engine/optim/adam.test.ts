import { describe, expect, it } from 'vitest';
import { Adam } from '../../../src/lib/engine/optim/adam';
import { expectClose, gradAt, param, setGrad } from './helpers';

/**
 * torch.optim.Adam written out in float64 from its documentation (amsgrad off):
 *   g = grad + wd·w;  m = β1·m + (1−β1)·g;  v = β2·v + (1−β2)·g²;
 *   m̂ = m / (1 − β1ᵗ);  v̂ = v / (1 − β2ᵗ);  w −= lr · m̂ / (√v̂ + eps)
 * (PyTorch puts eps after dividing √v by √(1 − β2ᵗ), which is the same as √v̂ + eps.)
 */
function referenceAdam(
  w0: number[],
  steps: number,
  lr: number,
  b1: number,
  b2: number,
  eps: number,
  wd: number
): number[] {
  const w = [...w0];
  const m = w.map(() => 0);
  const v = w.map(() => 0);
  for (let t = 1; t <= steps; t++) {
    for (let i = 0; i < w.length; i++) {
      const g = gradAt(Math.fround(w[i]), i) + wd * w[i];
      m[i] = b1 * m[i] + (1 - b1) * g;
      v[i] = b2 * v[i] + (1 - b2) * g * g;
      const mHat = m[i] / (1 - b1 ** t);
      const vHat = v[i] / (1 - b2 ** t);
      w[i] -= (lr * mHat) / (Math.sqrt(vHat) + eps);
    }
  }
  return w;
}

const start = [0.3, -1.2, 2.5];

describe('Adam', () => {
  const cases = [
    { name: 'defaults', lr: 1e-3, betas: [0.9, 0.999] as const, eps: 1e-8, weightDecay: 0 },
    { name: 'large lr', lr: 0.1, betas: [0.9, 0.999] as const, eps: 1e-8, weightDecay: 0 },
    { name: 'other betas', lr: 0.05, betas: [0.5, 0.9] as const, eps: 1e-8, weightDecay: 0 },
    { name: 'weight decay and big eps', lr: 0.05, betas: [0.8, 0.99] as const, eps: 0.1, weightDecay: 0.1 }
  ];
  for (const c of cases) {
    it(`matches PyTorch's formula over 6 steps: ${c.name}`, () => {
      const p = param(start);
      const opt = new Adam([p], c);
      for (let t = 0; t < 6; t++) {
        setGrad(p);
        opt.step();
      }
      expectClose(p.data, referenceAdam(start, 6, c.lr, c.betas[0], c.betas[1], c.eps, c.weightDecay), 1e-5);
    });
  }

  it('first step moves each weight by about lr against its gradient sign (bias correction)', () => {
    // m̂ = g and v̂ = g² after one step, so the step is lr·g/(|g| + eps) ≈ lr·sign(g).
    // Without bias correction it would be lr·0.1g/(√0.001·|g|) ≈ 3.16·lr.
    const p = param([0, 0, 0]);
    const opt = new Adam([p], { lr: 0.01 });
    p.grad.set([5, -0.001, 1000]);
    opt.step();
    expectClose(p.data, [-0.01, 0.01, -0.01], 1e-4);
  });

  it('uses its defaults (lr 1e-3)', () => {
    const opt = new Adam([param([1])]);
    expect(opt.lr).toBe(1e-3);
    expect(opt.betas).toEqual([0.9, 0.999]);
    expect(opt.eps).toBe(1e-8);
  });

  it('minimises a badly scaled quadratic', () => {
    const target = [3, -2, 0.5, 10];
    const scale = [1, 100, 0.01, 2];
    const p = param([0, 0, 0, 0]);
    const opt = new Adam([p], { lr: 0.1 });
    for (let t = 0; t < 3000; t++) {
      for (let i = 0; i < 4; i++) p.grad[i] = 2 * scale[i] * (p.data[i] - target[i]);
      opt.step();
    }
    expectClose(p.data, target, 1e-3);
  });

  it('zeroGrad clears gradients; lr is settable', () => {
    const p = param([1, 2]);
    const opt = new Adam([p], { lr: 0.1 });
    p.grad.set([3, 4]);
    opt.zeroGrad();
    expect(Array.from(p.grad)).toEqual([0, 0]);
    opt.lr = 0.5;
    expect(opt.lr).toBe(0.5);
  });

  it('rejects invalid options with a RangeError naming the value', () => {
    const p = [param([1])];
    expect(() => new Adam(p, { lr: 0 })).toThrow(/learning rate.*got 0/);
    expect(() => new Adam(p, { lr: NaN })).toThrow(/got NaN/);
    expect(() => new Adam(p, { betas: [1, 0.999] })).toThrow(/betas\[0\].*got 1/);
    expect(() => new Adam(p, { betas: [0.9, -0.1] })).toThrow(/betas\[1\]/);
    expect(() => new Adam(p, { eps: -1 })).toThrow(/eps/);
    expect(() => new Adam(p, { weightDecay: NaN })).toThrow(/weightDecay.*NaN/);
    expect(() => new Adam([])).toThrow(/empty/);
  });
});
