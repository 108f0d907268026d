import type { Parameter } from '../../../src/lib/engine/module';

/** A parameter holding `values`, gradient zero. */
export function param(values: number[], name = 'w', shape: readonly number[] = [values.length]): Parameter {
  return { name, data: Float32Array.from(values), grad: new Float32Array(values.length), shape };
}

/**
 * The gradient the tests feed in: ∇ of f(w) = Σ a_i (w_i − c_i)² + sin(w_i), so it depends on w
 * (a constant gradient would not catch an optimiser that used stale or wrong weights).
 */
export function gradAt(w: number, i: number): number {
  const a = 0.5 + i;
  const c = 1 - i;
  return 2 * a * (w - c) + Math.cos(w);
}

/** Writes `gradAt` into p.grad for the current p.data. */
export function setGrad(p: Parameter): void {
  for (let i = 0; i < p.data.length; i++) p.grad[i] = gradAt(p.data[i], i);
}

/** Expects |a − b| ≤ tol·max(1, |b|) element by element, with a helpful message. */
export function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tol: number): void {
  for (let i = 0; i < expected.length; i++) {
    const err = Math.abs(actual[i] - expected[i]) / Math.max(1, Math.abs(expected[i]));
    if (!(err <= tol)) throw new Error(`element ${i}: got ${actual[i]}, expected ${expected[i]} (error ${err})`);
  }
}
