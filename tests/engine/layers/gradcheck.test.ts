import { describe, expect, it } from 'vitest';
import { awayFromZero, gradCheck, numericGrad } from '../gradcheck';
import { Module, type Parameter } from '../../../src/lib/engine/module';
import { Random } from '../../../src/lib/engine/rng';
import type { Tensor } from '../../../src/lib/engine/tensor';

/** y = a ⊙ x², a learnable per-element scale: small enough to know its gradients by heart. */
class ScaledSquare extends Module {
  readonly a: Parameter;
  private x: Tensor | null = null;
  constructor(
    n: number,
    protected readonly wrong = false
  ) {
    super();
    const data = new Float32Array(n);
    for (let i = 0; i < n; i++) data[i] = 0.5 + i / n;
    this.a = { name: 'a', data, grad: new Float32Array(n), shape: [n] };
  }
  override forward(x: Tensor): Tensor {
    this.x = x;
    const y = new Float32Array(x.data.length);
    const n = this.a.data.length;
    for (let i = 0; i < y.length; i++) y[i] = this.a.data[i % n] * x.data[i] * x.data[i];
    return { data: y, shape: x.shape };
  }
  override backward(g: Tensor): Tensor {
    const input = this.x!;
    const x = input.data;
    const n = this.a.data.length;
    const gx = new Float32Array(x.length);
    for (let i = 0; i < x.length; i++) {
      // The "wrong" variant forgets the factor 2 of d(x²)/dx: a classic slip.
      gx[i] = g.data[i] * this.a.data[i % n] * (this.wrong ? 1 : 2) * x[i];
      this.a.grad[i % n] += g.data[i] * x[i] * x[i];
    }
    return { data: gx, shape: input.shape };
  }
  override parameters(): Parameter[] {
    return [this.a];
  }
  override toString(): string {
    return 'ScaledSquare';
  }
}

describe('numericGrad', () => {
  it('matches the derivative of a known function in float64 and restores x', () => {
    const x = Float64Array.from([0.3, -1.2, 2]);
    const f = (v: Float32Array | Float64Array) => v[0] ** 3 + Math.sin(v[1]) * v[2];
    const g = numericGrad(f, x, 1e-4);
    expect(g[0]).toBeCloseTo(3 * 0.3 ** 2, 6);
    expect(g[1]).toBeCloseTo(Math.cos(-1.2) * 2, 6);
    expect(g[2]).toBeCloseTo(Math.sin(-1.2), 6);
    expect(Array.from(x)).toEqual([0.3, -1.2, 2]);
  });

  it('only computes the requested positions', () => {
    const x = Float64Array.from([1, 2, 3]);
    const g = numericGrad((v) => v[0] * v[1] * v[2], x, 1e-3, [1]);
    expect(g[0]).toBe(0);
    expect(g[1]).toBeCloseTo(3, 6);
    expect(g[2]).toBe(0);
  });
});

describe('gradCheck', () => {
  it('passes a correct backward (input and parameter)', () => {
    const r = gradCheck(new ScaledSquare(4), [3, 4]);
    expect(r.tensors.map((t) => t.name)).toEqual(['input', 'a']);
    expect(r.tensors[0].checked).toBe(12);
    expect(r.passed).toBe(true);
    expect(r.maxRelError).toBeLessThan(1e-2);
  });

  it('detects a wrong input gradient', () => {
    const r = gradCheck(new ScaledSquare(4, true), [3, 4], { input: awayFromZero([3, 4], new Random(3)) });
    expect(r.passed).toBe(false);
    expect(r.worst.name).toBe('input');
    // Half the true gradient: error = |g/2 − g| / (|g/2| + |g|) = 1/3.
    expect(r.maxRelError).toBeCloseTo(1 / 3, 2);
  });

  it('detects a wrong parameter gradient', () => {
    class WrongParam extends ScaledSquare {
      override backward(g: Tensor): Tensor {
        const gx = super.backward(g);
        this.a.grad[1] += 0.5; // a stray contribution to one parameter
        return gx;
      }
    }
    const r = gradCheck(new WrongParam(4), [3, 4], { input: awayFromZero([3, 4], new Random(4)) });
    expect(r.passed).toBe(false);
    expect(r.worst.name).toBe('a');
    expect(r.worst.index).toBe(1);
  });

  it('maxPerTensor samples a subset of positions', () => {
    const r = gradCheck(new ScaledSquare(8), [5, 8], { maxPerTensor: 6 });
    expect(r.tensors.map((t) => t.checked)).toEqual([6, 6]);
    expect(r.passed).toBe(true);
  });

  it('reports NaN gradients as failures', () => {
    class NaNGrad extends ScaledSquare {
      override backward(g: Tensor): Tensor {
        const gx = super.backward(g);
        gx.data[0] = NaN;
        return gx;
      }
    }
    const r = gradCheck(new NaNGrad(2), [2, 2]);
    expect(r.passed).toBe(false);
    expect(r.maxRelError).toBe(Infinity);
  });
});
