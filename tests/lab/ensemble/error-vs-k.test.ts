import { beforeAll, describe, expect, it } from 'vitest';
import { Seeds } from '../../../src/lib/engine';
import {
  ThinnedRunner,
  describeErrorVsK,
  errorRate,
  errorVsK,
  sampleMask,
  trainEnsembleNet,
  type ErrorVsK,
  type TrainedNet
} from '../../../src/lib/lab/ensemble';

describe('errorVsK', () => {
  let net: TrainedNet;
  let curve: ErrorVsK;
  beforeAll(() => {
    net = trainEnsembleNet({ data: 'moons', epochs: 30, seed: 2 });
    curve = errorVsK(net.model, net.split.val, { kMax: 100, repeats: 4, seed: 5 });
  });

  it('has one point per k = 1…100 and the spread brackets the mean', () => {
    expect(curve.k).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    for (const arr of [curve.mean, curve.lo, curve.hi]) expect(arr).toHaveLength(100);
    curve.k.forEach((_, i) => {
      expect(curve.lo[i]).toBeLessThanOrEqual(curve.mean[i] + 1e-12);
      expect(curve.mean[i]).toBeLessThanOrEqual(curve.hi[i] + 1e-12);
      expect(curve.mean[i]).toBeGreaterThanOrEqual(0);
      expect(curve.mean[i]).toBeLessThanOrEqual(1);
    });
    expect(curve.examples).toBe(net.split.val.x.shape[0]);
  });

  it('at k = 1 is the error of single thinned networks, drawn from the documented streams', () => {
    const runner = new ThinnedRunner(net.model, net.split.val.x);
    const singles = [0, 1, 2, 3].map((r) =>
      errorRate(runner.run(sampleMask(runner.sites, new Seeds(5).stream(`ensemble-${r}`))), 1, net.split.val.y.data)
    );
    expect(curve.mean[0]).toBeCloseTo(singles.reduce((a, b) => a + b) / 4, 12);
    expect(curve.lo[0]).toBe(Math.min(...singles));
    expect(curve.weightScaled).toBe(errorRate(runner.weightScaled(), 1, net.split.val.y.data));
  });

  it('averaging many thinned networks beats one of them, on a trained network', () => {
    expect(curve.mean[99]).toBeLessThan(curve.mean[0]);
  });

  it('matchK is the first k at or below the weight-scaled error', () => {
    const first = curve.mean.findIndex((m) => m <= curve.weightScaled + 1e-9);
    expect(curve.matchK).toBe(first === -1 ? null : first + 1);
  });

  it('is reproducible for a seed and changes with it', () => {
    const again = errorVsK(net.model, net.split.val, { kMax: 20, repeats: 2, seed: 5 });
    expect(again.mean).toEqual(errorVsK(net.model, net.split.val, { kMax: 20, repeats: 2, seed: 5 }).mean);
    const other = errorVsK(net.model, net.split.val, { kMax: 20, repeats: 2, seed: 6 });
    expect(other.mean).not.toEqual(again.mean);
  });

  it('rejects nonsense sizes', () => {
    expect(() => errorVsK(net.model, net.split.val, { kMax: 0 })).toThrow(RangeError);
    expect(() => errorVsK(net.model, net.split.val, { repeats: 1.5 })).toThrow(RangeError);
  });

  it('says plainly what the run found, either way', () => {
    const met = { ...curve, matchK: 12 };
    expect(describeErrorVsK(met, 'two moons')).toMatch(/first matched .* at k = 12 — sooner than the paper/);
    const never = { ...curve, matchK: null };
    expect(describeErrorVsK(never, 'two moons')).toMatch(/did not catch up .* within 100 networks/);
    expect(describeErrorVsK(curve, 'x')).not.toMatch(/NaN|undefined/);
  });
});
