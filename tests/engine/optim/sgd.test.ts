import { describe, expect, it } from 'vitest';
import { SGD } from '../../../src/lib/engine/optim/sgd';
import { expectClose, gradAt, param, setGrad } from './helpers';

/**
 * torch.optim.SGD written out in float64 from its documentation (dampening 0):
 *   g = grad + wd·w;  b = (t == 1) ? g : μ·b + g;  g = nesterov ? g + μ·b : b;  w −= lr·g
 */
function referenceSGD(w0: number[], steps: number, lr: number, mu: number, nesterov: boolean, wd: number): number[] {
  const w = [...w0];
  const b = w.map(() => 0);
  for (let t = 1; t <= steps; t++) {
    for (let i = 0; i < w.length; i++) {
      let g = gradAt(Math.fround(w[i]), i) + wd * w[i];
      if (mu !== 0) {
        b[i] = t === 1 ? g : mu * b[i] + g;
        g = nesterov ? g + mu * b[i] : b[i];
      }
      w[i] -= lr * g;
    }
  }
  return w;
}

const start = [0.3, -1.2, 2.5];

describe('SGD', () => {
  const cases = [
    { name: 'plain', lr: 0.05, momentum: 0, nesterov: false, weightDecay: 0 },
    { name: 'momentum', lr: 0.05, momentum: 0.9, nesterov: false, weightDecay: 0 },
    { name: 'Nesterov', lr: 0.05, momentum: 0.9, nesterov: true, weightDecay: 0 },
    { name: 'weight decay', lr: 0.05, momentum: 0, nesterov: false, weightDecay: 0.1 },
    { name: 'momentum + weight decay', lr: 0.02, momentum: 0.5, nesterov: false, weightDecay: 0.01 },
    { name: 'Nesterov + weight decay', lr: 0.02, momentum: 0.95, nesterov: true, weightDecay: 0.05 }
  ];
  for (const c of cases) {
    it(`matches PyTorch's formula over 5 steps: ${c.name}`, () => {
      const p = param(start);
      const opt = new SGD([p], c);
      for (let t = 0; t < 5; t++) {
        setGrad(p);
        opt.step();
      }
      expectClose(p.data, referenceSGD(start, 5, c.lr, c.momentum, c.nesterov, c.weightDecay), 1e-5);
      expect(opt.stepCount).toBe(5);
    });
  }

  it('first momentum step equals a plain step; the second one is larger for a steady gradient', () => {
    // With grad ≡ 1 and lr = 0.1, μ = 0.9: velocity 1 then 1.9, so w = −0.1 then −0.29.
    const p = param([0]);
    const opt = new SGD([p], { lr: 0.1, momentum: 0.9 });
    p.grad[0] = 1;
    opt.step();
    expect(p.data[0]).toBeCloseTo(-0.1, 6);
    opt.step();
    expect(p.data[0]).toBeCloseTo(-0.1 - 0.1 * (0.9 * 1 + 1), 6);
  });

  it('updates every parameter it was given, and zeroGrad clears their gradients', () => {
    const a = param([1, 2]);
    const b = param([3]);
    const opt = new SGD([a, b], { lr: 0.5 });
    a.grad.set([1, -1]);
    b.grad.set([2]);
    opt.step();
    expect(Array.from(a.data)).toEqual([0.5, 2.5]);
    expect(Array.from(b.data)).toEqual([2]);
    opt.zeroGrad();
    expect(Array.from(a.grad)).toEqual([0, 0]);
    expect(Array.from(b.grad)).toEqual([0]);
  });

  it('uses a changed learning rate from the next step on', () => {
    const p = param([0]);
    const opt = new SGD([p], { lr: 0.1 });
    p.grad[0] = 1;
    opt.step();
    opt.lr = 0.01;
    opt.step();
    expect(p.data[0]).toBeCloseTo(-0.11, 6);
  });

  it('minimises a quadratic', () => {
    // f(w) = Σ a_i (w_i − c_i)², minimum at c.
    const target = [3, -2, 0.5, 10];
    const scale = [1, 4, 0.25, 2];
    const p = param([0, 0, 0, 0]);
    const opt = new SGD([p], { lr: 0.05, momentum: 0.9 });
    for (let t = 0; t < 500; t++) {
      for (let i = 0; i < 4; i++) p.grad[i] = 2 * scale[i] * (p.data[i] - target[i]);
      opt.step();
    }
    expectClose(p.data, target, 1e-4);
  });

  it('rejects invalid options with a RangeError naming the value', () => {
    const p = [param([1])];
    expect(() => new SGD(p, { lr: 0 })).toThrow(/learning rate.*got 0/);
    expect(() => new SGD(p, { lr: -0.1 })).toThrow(RangeError);
    expect(() => new SGD(p, { lr: NaN })).toThrow(/got NaN/);
    expect(() => new SGD(p, { lr: Infinity })).toThrow(RangeError);
    expect(() => new SGD(p, { lr: 0.1, momentum: 1 })).toThrow(/momentum.*got 1/);
    expect(() => new SGD(p, { lr: 0.1, momentum: -0.5 })).toThrow(RangeError);
    expect(() => new SGD(p, { lr: 0.1, nesterov: true })).toThrow(/nesterov/);
    expect(() => new SGD(p, { lr: 0.1, weightDecay: -1 })).toThrow(/weightDecay/);
    expect(() => new SGD([], { lr: 0.1 })).toThrow(/empty parameter list/);
    const opt = new SGD(p, { lr: 0.1 });
    expect(() => (opt.lr = -1)).toThrow(/got -1/);
    expect(opt.lr).toBe(0.1);
  });

  it('describes its settings', () => {
    expect(new SGD([param([1])], { lr: 0.1, momentum: 0.9, nesterov: true }).toString()).toBe(
      'SGD(lr=0.1, momentum=0.9, nesterov=true)'
    );
  });
});
