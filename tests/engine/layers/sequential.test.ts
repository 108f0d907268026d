import { describe, expect, it } from 'vitest';
import { Dropout, Linear, ReLU, Sequential, Tanh } from '../../../src/lib/engine/layers';
import { Random } from '../../../src/lib/engine/rng';
import { tensor } from '../../../src/lib/engine/tensor';

const make = () => {
  const l1 = new Linear(2, 4, { rng: new Random(1) });
  const act = new Tanh();
  const drop = new Dropout(0.5);
  const l2 = new Linear(4, 1, { rng: new Random(2) });
  return { l1, act, drop, l2, net: new Sequential(l1, act, drop, l2) };
};

describe('Sequential', () => {
  it('forward chains the layers in order (same result as calling them by hand)', () => {
    const { l1, act, drop, l2, net } = make();
    net.eval();
    const x = tensor([0.5, -1, 2, 0.25], [2, 2]);
    const byHand = Array.from(l2.forward(drop.forward(act.forward(l1.forward(x)))).data);
    expect(Array.from(net.forward(x).data)).toEqual(byHand);
  });

  it('backward runs in reverse and returns the input gradient', () => {
    const { l1, net } = make();
    const x = tensor([0.5, -1], [1, 2]);
    net.eval().forward(x);
    const gx = net.backward(tensor([1], [1, 1]));
    expect(gx.shape).toEqual([1, 2]);
    expect(Array.from(l1.weight.grad).some((v) => v !== 0)).toBe(true);
  });

  it('names parameters with the layer index, shares their arrays, recurses into nested models', () => {
    const { l1, net } = make();
    const params = net.parameters();
    expect(params.map((p) => p.name)).toEqual(['0.weight', '0.bias', '3.weight', '3.bias']);
    expect(params[0].data).toBe(l1.weight.data);
    expect(params[0].grad).toBe(l1.weight.grad);
    const outer = new Sequential(new ReLU(), net);
    expect(outer.parameters().map((p) => p.name)).toEqual(['1.0.weight', '1.0.bias', '1.3.weight', '1.3.bias']);
  });

  it('length, at (negative from the end), modules and children', () => {
    const { l1, l2, net } = make();
    expect(net.length).toBe(4);
    expect(net.at(0)).toBe(l1);
    expect(net.at(-1)).toBe(l2);
    expect(() => net.at(4)).toThrow(/4 layers, no layer 4/);
    expect(() => net.at(-5)).toThrow(RangeError);
    expect(net.modules.length).toBe(4);
    expect(net.children()).toEqual([...net.modules]);
    net.children().pop(); // a copy: cannot break the model
    expect(net.length).toBe(4);
  });

  it('train/eval reach every nested layer; zeroGrad clears every gradient', () => {
    const { drop, l1, net } = make();
    const outer = new Sequential(net);
    outer.eval();
    expect(drop.training).toBe(false);
    outer.train();
    expect(drop.training).toBe(true);
    l1.weight.grad.fill(3);
    outer.zeroGrad();
    expect(Array.from(l1.weight.grad).every((v) => v === 0)).toBe(true);
  });

  it('toString lists the layers like PyTorch, indenting nested models', () => {
    const { net } = make();
    expect(String(net)).toBe(
      'Sequential(\n  (0): Linear(2, 4)\n  (1): Tanh()\n  (2): Dropout(p=0.5)\n  (3): Linear(4, 1)\n)'
    );
    expect(String(new Sequential(new Sequential(new ReLU())))).toBe(
      'Sequential(\n  (0): Sequential(\n    (0): ReLU()\n  )\n)'
    );
    expect(String(new Sequential())).toBe('Sequential()');
  });

  it('an empty Sequential is the identity', () => {
    const x = tensor([1, 2], [1, 2]);
    expect(new Sequential().forward(x)).toBe(x);
  });
});
