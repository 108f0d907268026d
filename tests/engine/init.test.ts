import { describe, expect, it } from 'vitest';
import { glorotUniform, heUniform } from '../../src/lib/engine/init';
import { Random, Seeds } from '../../src/lib/engine/rng';

/** Mean and variance, in float64. */
function moments(a: Float32Array): { mean: number; variance: number } {
  let s = 0;
  for (const v of a) s += v;
  const mean = s / a.length;
  let q = 0;
  for (const v of a) q += (v - mean) ** 2;
  return { mean, variance: q / a.length };
}

describe('heUniform', () => {
  it('draws from U(±√(6/fanIn)): inside the bounds, near them, variance 2/fanIn', () => {
    const fanIn = 50;
    const limit = Math.sqrt(6 / fanIn);
    const w = heUniform(new Float32Array(100_000), fanIn, new Random(1));
    const lo = Math.min(...w);
    const hi = Math.max(...w);
    expect(lo).toBeGreaterThanOrEqual(-limit);
    expect(hi).toBeLessThanOrEqual(limit);
    // With 1e5 draws the extremes come within 1e-3·limit of the bounds almost surely.
    expect(hi).toBeGreaterThan(limit * 0.999);
    expect(lo).toBeLessThan(-limit * 0.999);
    const { mean, variance } = moments(w);
    expect(Math.abs(mean)).toBeLessThan(0.01 * limit);
    expect(variance).toBeCloseTo(2 / fanIn, 3);
  });

  it('is deterministic for a seed and different across seeds', () => {
    const a = heUniform(new Float32Array(20), 4, new Seeds(42).stream('init'));
    const b = heUniform(new Float32Array(20), 4, new Seeds(42).stream('init'));
    const c = heUniform(new Float32Array(20), 4, new Seeds(43).stream('init'));
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(Array.from(a)).not.toEqual(Array.from(c));
  });

  it('rejects a non-positive or fractional fan-in', () => {
    expect(() => heUniform(new Float32Array(2), 0, new Random(1))).toThrow(/fanIn.*got 0/);
    expect(() => heUniform(new Float32Array(2), 2.5, new Random(1))).toThrow(RangeError);
  });
});

describe('glorotUniform', () => {
  it('draws from U(±√(6/(fanIn+fanOut))): variance 2/(fanIn+fanOut)', () => {
    const [fanIn, fanOut] = [30, 10];
    const limit = Math.sqrt(6 / (fanIn + fanOut));
    const w = glorotUniform(new Float32Array(100_000), fanIn, fanOut, new Random(2));
    expect(Math.max(...w)).toBeLessThanOrEqual(limit);
    expect(Math.max(...w)).toBeGreaterThan(limit * 0.999);
    expect(Math.min(...w)).toBeGreaterThanOrEqual(-limit);
    const { mean, variance } = moments(w);
    expect(Math.abs(mean)).toBeLessThan(0.01 * limit);
    expect(variance).toBeCloseTo(2 / (fanIn + fanOut), 3);
  });

  it('consumes exactly one draw per element, so a following draw is predictable', () => {
    const r1 = new Random(9);
    glorotUniform(new Float32Array(7), 3, 4, r1);
    const r2 = new Random(9);
    for (let i = 0; i < 7; i++) r2.next();
    expect(r1.next()).toBe(r2.next());
  });

  it('rejects a bad fan-out', () => {
    expect(() => glorotUniform(new Float32Array(2), 3, -1, new Random(1))).toThrow(/fanOut.*got -1/);
  });
});
