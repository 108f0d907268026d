// zeroGrad is lazy for the layers' own parameters: nothing is written until the gradient is read,
// and Linear, the one layer that writes its whole gradient anyway, then overwrites instead of
// adding to zeros. Whatever path is taken, the gradients must be exactly those of an eager zero.
import { afterEach, describe, expect, it } from 'vitest';
import { jsKernels, useKernels, type LinearKernels } from '../../src/lib/engine/kernels/index';
import { loadWasmKernelsSync } from '../../src/lib/engine/kernels/wasm';
import { Linear, Sequential, ReLU } from '../../src/lib/engine/layers';
import { createParameter, zeroGradOf, type Parameter } from '../../src/lib/engine/module';
import { SGD } from '../../src/lib/engine/optim';
import { Random } from '../../src/lib/engine/rng';
import { tensor, type Tensor } from '../../src/lib/engine/tensor';

const wasm = loadWasmKernelsSync({ minWork: 0 });

afterEach(() => useKernels(jsKernels));

function randomTensor(rng: Random, shape: [number, number], zeros = 0.5): Tensor {
  const n = shape[0] * shape[1];
  return tensor(
    Array.from({ length: n }, () => (rng.next() < zeros ? 0 : rng.normal())),
    shape
  );
}

describe('createParameter.zeroGrad', () => {
  it('reads as zeros afterwards, and hands its array to one overwriting caller only', () => {
    const p = createParameter('w', [300]);
    p.grad.fill(7);
    p.zeroGrad?.();
    expect(p.grad.every((v) => v === 0)).toBe(true);
    expect(p.takeZeroedGrad?.()).toBeNull(); // reading grad wrote the zeros: nothing pending

    p.grad.fill(7);
    p.zeroGrad?.();
    const taken = p.takeZeroedGrad?.();
    expect(taken).toBeInstanceOf(Float32Array);
    expect(p.takeZeroedGrad?.()).toBeNull();
    taken!.fill(3); // the caller overwrote it
    expect(p.grad.every((v) => v === 3)).toBe(true);
  });

  it('zeroGradOf writes zeros into a plain object parameter', () => {
    const p: Parameter = { name: 'a', data: new Float32Array(4), grad: Float32Array.of(1, 2, 3, 4), shape: [4] };
    zeroGradOf(p);
    expect(Array.from(p.grad)).toEqual([0, 0, 0, 0]);
  });

  it('reaches the layer through Sequential’s renamed parameters and the optimiser', () => {
    const layer = new Linear(4, 3);
    const opt = new SGD(new Sequential(layer).parameters(), { lr: 0.1 });
    layer.weight.grad.fill(5);
    opt.zeroGrad();
    expect(layer.weight.takeZeroedGrad?.()).not.toBeNull();
  });
});

// 150→140 takes the wasm kernels' untiled paths, 160→144 (widths 16·k) the tiled ones.
describe.each([
  ['js', jsKernels, 150, 140],
  ['wasm', wasm, 150, 140],
  ['wasm', wasm, 160, 144]
] as [string, LinearKernels | null, number, number][])(
  'Linear after a lazy zeroGrad (%s kernels, %i→%i)',
  (_label, k, inF, outF) => {
    /** Two identical layers whose gradients start as garbage. */
    function twins(): [Linear, Linear] {
      const a = new Linear(inF, outF, { rng: new Random(3) });
      const b = new Linear(inF, outF, { rng: new Random(3) });
      for (const l of [a, b]) for (const p of l.parameters()) p.grad.fill(-9);
      return [a, b];
    }
    function backward(l: Linear, x: Tensor, gy: Tensor): void {
      l.forward(x);
      l.backward(gy);
    }

    it('gives exactly the gradients of an eager zero, then accumulates on the next backward', () => {
      if (!k) throw new Error('wasm kernels failed to load');
      useKernels(k);
      const rng = new Random(11);
      const x = randomTensor(rng, [20, inF]);
      const gy = randomTensor(rng, [20, outF], 0.75);
      const [lazy, eager] = twins();
      lazy.zeroGrad(); // pending: the kernel overwrites
      for (const p of eager.parameters()) p.grad.fill(0); // written: the kernel accumulates
      backward(lazy, x, gy);
      backward(eager, x, gy);
      expect(lazy.weight.grad).toEqual(eager.weight.grad);
      expect(lazy.bias.grad).toEqual(eager.bias.grad);
      expect(lazy.weight.grad.some((v) => v !== 0)).toBe(true);
      backward(lazy, x, gy);
      backward(eager, x, gy);
      expect(lazy.weight.grad).toEqual(eager.weight.grad);
      expect(lazy.bias.grad).toEqual(eager.bias.grad);
    });

    it('when only the weight was zeroed, keeps adding to the bias it had', () => {
      if (!k) throw new Error('wasm kernels failed to load');
      useKernels(k);
      const rng = new Random(12);
      const x = randomTensor(rng, [20, inF]);
      const gy = randomTensor(rng, [20, outF], 0.75);
      const [lazy, eager] = twins();
      lazy.weight.zeroGrad?.();
      eager.weight.grad.fill(0);
      backward(lazy, x, gy);
      backward(eager, x, gy);
      expect(lazy.weight.grad).toEqual(eager.weight.grad);
      expect(lazy.bias.grad).toEqual(eager.bias.grad);
      expect(lazy.bias.grad[0]).not.toBe(0);
    });

    it('trains a network step for step like eager zeroing', () => {
      if (!k) throw new Error('wasm kernels failed to load');
      useKernels(k);
      const make = () =>
        new Sequential(
          new Linear(30, 40, { rng: new Random(1) }),
          new ReLU(),
          new Linear(40, 5, { rng: new Random(2) })
        );
      const lazy = make();
      const eager = make();
      const optLazy = new SGD(lazy.parameters(), { lr: 0.05, momentum: 0.9 });
      const optEager = new SGD(eager.parameters(), { lr: 0.05, momentum: 0.9 });
      const rng = new Random(13);
      for (let s = 0; s < 5; s++) {
        const x = randomTensor(rng, [8, 30]);
        const gy = randomTensor(rng, [8, 5], 0);
        optLazy.zeroGrad();
        for (const p of eager.parameters()) p.grad.fill(0);
        lazy.forward(x);
        lazy.backward(gy);
        eager.forward(x);
        eager.backward(gy);
        optLazy.step();
        optEager.step();
      }
      lazy.parameters().forEach((p, i) => expect(p.data).toEqual(eager.parameters()[i].data));
    });
  }
);
