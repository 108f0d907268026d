/**
 * Every module's backward against finite differences (see ../gradcheck.ts), and proof that each
 * check can fail: a test-local subclass with a deliberately wrong backward must be caught.
 */
import { describe, expect, it } from 'vitest';
import { awayFromZero, gradCheck } from '../gradcheck';
import {
  Dropout,
  Dropout2d,
  GaussianDropout,
  Identity,
  Linear,
  ReLU,
  Sequential,
  Sigmoid,
  Tanh
} from '../../../src/lib/engine/layers';
import type { Module } from '../../../src/lib/engine/module';
import { Random } from '../../../src/lib/engine/rng';
import type { Tensor } from '../../../src/lib/engine/tensor';

/** Re-seeds a dropout layer before every forward, so every evaluation draws the same mask. */
const reseed = (seed: number) => (m: Module) => {
  (m as Dropout | Dropout2d | GaussianDropout).rng = new Random(seed);
};

describe('gradient checks pass', () => {
  it('Linear (He and Glorot init), input and parameters', () => {
    for (const init of ['he', 'glorot'] as const) {
      const r = gradCheck(new Linear(5, 3, { rng: new Random(2), init }), [4, 5]);
      expect(r.tensors.map((t) => t.name)).toEqual(['input', 'weight', 'bias']);
      expect(r.maxRelError).toBeLessThan(1e-2);
    }
  });

  it('Linear with needsInputGrad = false still checks its parameters', () => {
    const layer = new Linear(3, 2, { rng: new Random(5) });
    layer.needsInputGrad = false;
    const r = gradCheck(layer, [6, 3]);
    expect(r.tensors.map((t) => t.name)).toEqual(['weight', 'bias']);
    expect(r.passed).toBe(true);
  });

  it('ReLU, away from the kink at 0', () => {
    const r = gradCheck(new ReLU(), [6, 5], { input: awayFromZero([6, 5], new Random(3)) });
    expect(r.passed).toBe(true);
  });

  it('Tanh, Sigmoid and Identity, on 2-D and 4-D inputs', () => {
    for (const make of [() => new Tanh(), () => new Sigmoid(), () => new Identity()]) {
      for (const shape of [
        [4, 7],
        [2, 3, 2, 2]
      ]) {
        const r = gradCheck(make(), shape);
        expect(r.passed, `${make()} ${shape}`).toBe(true);
      }
    }
  });

  it('Sequential: a 2-8-8-1 tanh/ReLU/sigmoid MLP with dropout, every parameter', () => {
    const drop = new Dropout(0.3);
    const net = new Sequential(
      new Linear(2, 8, { rng: new Random(1), init: 'glorot' }),
      new Tanh(),
      drop,
      new Linear(8, 8, { rng: new Random(2) }),
      new Sigmoid(),
      new Linear(8, 1, { rng: new Random(3), init: 'glorot' })
    );
    const r = gradCheck(net, [10, 2], { beforeForward: () => (drop.rng = new Random(9)) });
    expect(r.tensors.map((t) => t.name)).toEqual([
      'input',
      '0.weight',
      '0.bias',
      '3.weight',
      '3.bias',
      '5.weight',
      '5.bias'
    ]);
    expect(r.passed).toBe(true);
    // The mask really dropped something, so the check covered the dropout path.
    expect(drop.lastMask!.includes(0)).toBe(true);
  });

  it('Dropout, inverted and classic, in train mode (re-seeded) and eval mode', () => {
    for (const mode of ['inverted', 'classic'] as const) {
      for (const p of [0.2, 0.5, 0.9]) {
        const train = gradCheck(new Dropout(p, { mode }), [5, 6], { beforeForward: reseed(4) });
        expect(train.passed, `${mode} p=${p} train`).toBe(true);
        const evalCheck = gradCheck(new Dropout(p, { mode }).eval(), [5, 6]);
        expect(evalCheck.passed, `${mode} p=${p} eval`).toBe(true);
      }
    }
  });

  it('Dropout with a forced mask and scale, and at p = 0 and p = 1', () => {
    const forced = new Dropout(0.5);
    forced.forceMask([1, 4], { scale: 1.5 });
    expect(gradCheck(forced, [3, 6]).passed).toBe(true);
    expect(gradCheck(new Dropout(0), [3, 6]).passed).toBe(true);
    const all = gradCheck(new Dropout(1), [3, 6], { beforeForward: reseed(1) });
    expect(all.passed).toBe(true);
    expect(all.tensors[0].analytic).toBe(0);
  });

  it('Dropout2d on [N, C, H, W] and [N, C, L], sampled and forced', () => {
    expect(gradCheck(new Dropout2d(0.5), [3, 4, 2, 3], { beforeForward: reseed(6) }).passed).toBe(true);
    expect(gradCheck(new Dropout2d(0.3), [2, 5, 4], { beforeForward: reseed(7) }).passed).toBe(true);
    const forced = new Dropout2d(0.5);
    forced.forceMask([0, 2], { scale: 2 });
    expect(gradCheck(forced.eval(), [2, 3, 2, 2]).passed).toBe(true);
  });

  it('GaussianDropout in train (re-seeded noise) and eval mode', () => {
    expect(gradCheck(new GaussianDropout(0.5), [4, 6], { beforeForward: reseed(8) }).passed).toBe(true);
    expect(gradCheck(new GaussianDropout(0.5).eval(), [4, 6]).passed).toBe(true);
  });
});

describe('gradient checks can fail', () => {
  /** Checks that a deliberately broken module is rejected, by a clear margin. */
  function expectCaught(m: Module, shape: number[], options: Parameters<typeof gradCheck>[2] = {}): void {
    const r = gradCheck(m, shape, options);
    expect(r.passed, `${m} should fail the gradient check`).toBe(false);
    expect(r.maxRelError).toBeGreaterThan(0.05);
  }

  it('catches a Linear that forgets the bias gradient', () => {
    class NoBiasGrad extends Linear {
      override backward(g: Tensor): Tensor {
        const gx = super.backward(g);
        this.bias.grad.fill(0);
        return gx;
      }
    }
    expectCaught(new NoBiasGrad(3, 2), [4, 3]);
  });

  it('catches a Linear whose input gradient is transposed wrongly', () => {
    class Transposed extends Linear {
      override backward(g: Tensor): Tensor {
        const gx = super.backward(g);
        gx.data.reverse();
        return gx;
      }
    }
    expectCaught(new Transposed(4, 4, { rng: new Random(1) }), [3, 4]);
  });

  it('catches wrong activation derivatives', () => {
    class ReluPassThrough extends ReLU {
      override backward(g: Tensor): Tensor {
        return g; // forgets to zero the gradient of inactive units
      }
    }
    class TanhWrong extends Tanh {
      override backward(g: Tensor): Tensor {
        const gx = super.backward(g);
        for (let i = 0; i < gx.data.length; i++) gx.data[i] *= 2;
        return gx;
      }
    }
    class SigmoidAsIdentity extends Sigmoid {
      override backward(g: Tensor): Tensor {
        return g;
      }
    }
    class IdentityNegated extends Identity {
      override backward(g: Tensor): Tensor {
        return { data: g.data.map((v) => -v), shape: g.shape };
      }
    }
    expectCaught(new ReluPassThrough(), [4, 5], { input: awayFromZero([4, 5], new Random(2)) });
    expectCaught(new TanhWrong(), [4, 5]);
    expectCaught(new SigmoidAsIdentity(), [4, 5]);
    expectCaught(new IdentityNegated(), [4, 5]);
  });

  it('catches a Sequential that skips a layer in backward', () => {
    class SkipsOne extends Sequential {
      override backward(g: Tensor): Tensor {
        return this.modules[0].backward(this.modules[2].backward(g)); // forgets the Tanh in between
      }
    }
    const net = new SkipsOne(
      new Linear(3, 2, { rng: new Random(1) }),
      new Tanh(),
      new Linear(2, 2, { rng: new Random(2) })
    );
    expectCaught(net, [5, 3]);
  });

  it('catches dropout layers that forget the scale or the mask in backward', () => {
    class DropoutNoScale extends Dropout {
      override backward(g: Tensor): Tensor {
        const gx = super.backward(g);
        for (let i = 0; i < gx.data.length; i++) gx.data[i] *= 1 - this.p; // undoes 1/(1−p)
        return gx;
      }
    }
    class DropoutNoMask extends Dropout {
      override backward(g: Tensor): Tensor {
        return { data: g.data.map((v) => v / (1 - this.p)), shape: g.shape };
      }
    }
    class ClassicEvalUnscaled extends Dropout {
      override backward(g: Tensor): Tensor {
        return g;
      }
    }
    class Dropout2dNoMask extends Dropout2d {
      override backward(g: Tensor): Tensor {
        return { data: g.data.map((v) => v * 2), shape: g.shape };
      }
    }
    class GaussianNoNoise extends GaussianDropout {
      override backward(g: Tensor): Tensor {
        return g;
      }
    }
    expectCaught(new DropoutNoScale(0.5), [4, 6], { beforeForward: reseed(3) });
    expectCaught(new DropoutNoMask(0.5), [4, 6], { beforeForward: reseed(3) });
    expectCaught(new ClassicEvalUnscaled(0.5, { mode: 'classic' }).eval(), [4, 6]);
    expectCaught(new Dropout2dNoMask(0.5), [2, 4, 3], { beforeForward: reseed(3) });
    expectCaught(new GaussianNoNoise(0.5), [4, 6], { beforeForward: reseed(3) });
  });

  it('a dropout check WITHOUT fixing the mask fails: that is why beforeForward exists', () => {
    const r = gradCheck(new Dropout(0.5), [4, 6]);
    expect(r.passed).toBe(false);
  });
});
