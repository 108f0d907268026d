import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  CoinFlips,
  H_MAX,
  H_MIN,
  MAX_FLIPS,
  P_MAX,
  P_MIN,
  clampInputs,
  expectedOutput,
  outputVariance
} from '../../src/lib/lab/expected-value';

describe('clampInputs', () => {
  it('keeps values inside the range untouched, with no notes', () => {
    expect(clampInputs(2, 0.5)).toEqual({ h: 2, p: 0.5, notes: [] });
    expect(clampInputs(H_MIN, P_MAX)).toEqual({ h: H_MIN, p: P_MAX, notes: [] });
  });

  it('clamps out-of-range values and says so', () => {
    const r = clampInputs(50, 1);
    expect(r.h).toBe(H_MAX);
    expect(r.p).toBe(P_MAX);
    expect(r.notes).toHaveLength(2);
    expect(r.notes[0]).toMatch(/h/);
    expect(r.notes[1]).toMatch(/p/);
    expect(clampInputs(-50, -0.2)).toMatchObject({ h: H_MIN, p: P_MIN });
  });

  it('replaces non-numbers by the fallback', () => {
    const r = clampInputs(NaN, Infinity, { h: 3, p: 0.25 });
    expect(r).toMatchObject({ h: 3, p: 0.25 });
    expect(r.notes).toHaveLength(2);
  });

  it('always returns finite values in range (property)', () => {
    fc.assert(
      fc.property(fc.double(), fc.double(), (h, p) => {
        const r = clampInputs(h, p);
        return (
          Number.isFinite(r.h) && Number.isFinite(r.p) && r.h >= H_MIN && r.h <= H_MAX && r.p >= P_MIN && r.p <= P_MAX
        );
      })
    );
  });
});

describe('expected output and variance', () => {
  it('matches the worked example: h = 2, p = 0.5', () => {
    expect(expectedOutput(2, 0.5, 'plain')).toBeCloseTo(1.0, 12);
    expect(expectedOutput(2, 0.5, 'inverted')).toBe(2);
    expect(outputVariance(2, 0.5, 'plain')).toBeCloseTo(1.0, 12); // 0.25 · 4
    expect(outputVariance(2, 0.5, 'inverted')).toBeCloseTo(4.0, 12); // 1 · 4
  });

  it('agrees with the two-point distribution it describes (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -10, max: 10, noNaN: true }),
        fc.double({ min: 0, max: 0.95, noNaN: true }),
        (h, p) => {
          for (const scaling of ['plain', 'inverted'] as const) {
            const v = scaling === 'plain' ? h : h / (1 - p); // the surviving value
            const mean = (1 - p) * v;
            const variance = (1 - p) * (v - mean) ** 2 + p * mean ** 2;
            const tol = 1e-9 * (1 + v * v);
            if (Math.abs(expectedOutput(h, p, scaling) - mean) > tol) return false;
            if (Math.abs(outputVariance(h, p, scaling) - variance) > tol) return false;
          }
          return true;
        }
      )
    );
  });

  it('has no variance when nothing is dropped', () => {
    expect(outputVariance(3, 0, 'plain')).toBe(0);
    expect(outputVariance(3, 0, 'inverted')).toBe(0);
  });
});

describe('CoinFlips', () => {
  it('is reproducible for a seed and differs across seeds', () => {
    const a = new CoinFlips(0.5, 7).flip(200);
    const b = new CoinFlips(0.5, 7).flip(200);
    const c = new CoinFlips(0.5, 8).flip(200);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    expect(a.every((m) => m === 0 || m === 1)).toBe(true);
  });

  it('counts kept coins consistently with the masks it returned', () => {
    const coins = new CoinFlips(0.3, 1);
    const masks = [...coins.flip(10), ...coins.flip(100)];
    expect(coins.count).toBe(110);
    expect(coins.kept).toBe(masks.reduce((s, m) => s + m, 0));
    expect(coins.mean(2, 'plain')).toBeCloseTo((coins.kept / 110) * 2, 12);
    expect(coins.mean(2, 'inverted')).toBeCloseTo(((coins.kept / 110) * 2) / 0.7, 12);
  });

  it('running means converge to (1 − p)·h plain and h inverted', () => {
    for (const [p, seed] of [
      [0.5, 1],
      [0.2, 2],
      [0.8, 3]
    ] as const) {
      const coins = new CoinFlips(p, seed);
      coins.flip(20_000);
      // Standard error of the kept fraction is sqrt(p(1−p)/n) ≤ 0.0036; allow 5 of them.
      const tol = 5 * Math.sqrt((p * (1 - p)) / 20_000);
      expect(Math.abs(coins.kept / coins.count - (1 - p))).toBeLessThan(tol);
      expect(Math.abs(coins.mean(2, 'plain') - (1 - p) * 2)).toBeLessThan(2 * tol);
      expect(Math.abs(coins.mean(2, 'inverted') - 2)).toBeLessThan((2 * tol) / (1 - p));
      // And the sample variance approaches the formula.
      expect(coins.sampleVariance(2, 'inverted')).toBeCloseTo(outputVariance(2, p, 'inverted'), 1);
      expect(coins.sampleVariance(2, 'plain')).toBeCloseTo(outputVariance(2, p, 'plain'), 1);
    }
  });

  it('drops nothing at p = 0', () => {
    const coins = new CoinFlips(0, 5);
    coins.flip(1000);
    expect(coins.kept).toBe(1000);
    expect(coins.mean(-3, 'inverted')).toBe(-3);
    expect(coins.sampleVariance(-3, 'plain')).toBe(0);
  });

  it('clamps p itself and never produces NaN', () => {
    const coins = new CoinFlips(1, 5);
    expect(coins.p).toBe(P_MAX);
    expect(coins.mean(2, 'inverted')).toBe(0);
    coins.flip(50);
    expect(Number.isFinite(coins.mean(2, 'inverted'))).toBe(true);
    expect(Number.isFinite(coins.sampleVariance(2, 'inverted'))).toBe(true);
    expect(new CoinFlips(NaN).p).toBe(0.5);
  });

  it('ignores nonsense flip counts and stops at MAX_FLIPS', () => {
    const coins = new CoinFlips(0.5, 9);
    expect(coins.flip(-5)).toEqual([]);
    expect(coins.flip(NaN)).toEqual([]);
    expect(coins.flip(2.7)).toHaveLength(2);
    coins.flip(MAX_FLIPS + 10);
    expect(coins.count).toBe(MAX_FLIPS);
    expect(coins.flip(1)).toEqual([]);
  });

  it('gives a log-spaced series that ends at the latest flip and matches the running mean', () => {
    const coins = new CoinFlips(0.5, 11);
    expect(coins.series(2, 'plain')).toEqual([]);
    coins.flip(1000);
    const s = coins.series(2, 'inverted', 50);
    expect(s.length).toBeLessThanOrEqual(51);
    expect(s[0].n).toBe(1);
    expect(s[s.length - 1]).toEqual({ n: 1000, mean: coins.mean(2, 'inverted') });
    for (let i = 1; i < s.length; i++) expect(s[i].n).toBeGreaterThan(s[i - 1].n);
    // The first point is one coin: either 0 or the full survivor value h/(1 − p) = 4.
    expect([0, 4]).toContain(s[0].mean);
  });
});
