// The grid: every (width, p, seed) exactly once in seed-major order, checked settings, and the
// split between the page's two workers (a partition, balanced by the work of each run).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RATES_DEFAULTS, gridCost, planRates, ratesConfig, runCost, shareJobs } from '../../../src/lib/lab/rates';

describe('planRates', () => {
  it('lists every cell once per seed, seeds outermost, then widths, then rates', () => {
    const c = ratesConfig();
    const jobs = planRates(c);
    expect(jobs).toHaveLength(c.widths.length * c.pGrid.length * c.seeds.length);
    expect(jobs.map((j) => j.index)).toEqual(jobs.map((_, i) => i));
    const keys = new Set(jobs.map((j) => `${j.width}|${j.p}|${j.seed}`));
    expect(keys.size).toBe(jobs.length);
    const half = jobs.length / c.seeds.length;
    expect(jobs.slice(0, half).every((j) => j.seed === c.seeds[0])).toBe(true);
    expect(jobs.slice(half).every((j) => j.seed === c.seeds[1])).toBe(true);
    expect(jobs.slice(0, c.pGrid.length).map((j) => j.p)).toEqual(c.pGrid);
  });

  it('keeps the page design: 16, 64, 256 units, six rates, two seeds, 1,000 digits', () => {
    expect(RATES_DEFAULTS.widths).toEqual([16, 64, 256]);
    expect(RATES_DEFAULTS.pGrid).toEqual([0, 0.1, 0.2, 0.3, 0.5, 0.7]);
    expect(RATES_DEFAULTS.seeds.length).toBeGreaterThanOrEqual(2);
    expect(RATES_DEFAULTS.trainSize).toBe(1000);
  });
});

describe('ratesConfig', () => {
  it('sorts widths and rates and refuses bad settings in words', () => {
    expect(ratesConfig({ widths: [256, 16], pGrid: [0.5, 0] })).toMatchObject({ widths: [16, 256], pGrid: [0, 0.5] });
    expect(() => ratesConfig({ widths: [] })).toThrow(/width grid is empty/);
    expect(() => ratesConfig({ pGrid: [1] })).toThrow(/\[0, 1\)/);
    expect(() => ratesConfig({ widths: [16, 16] })).toThrow(/listed once/);
    expect(() => ratesConfig({ trainSize: 7000, valSize: 1000 })).not.toThrow();
    expect(() => ratesConfig({ trainSize: 7001, valSize: 1000 })).toThrow(/from 10 to 7000/);
    expect(() => ratesConfig({ seeds: [] })).toThrow(/seeds/);
  });
});

describe('costs', () => {
  it('grow with width and data; the grid is the sum of its runs', () => {
    const c = ratesConfig();
    expect(runCost(1024, c)).toBeGreaterThan(8 * runCost(256, c));
    expect(runCost(256, { ...c, trainSize: 3000 })).toBeGreaterThan(2.5 * runCost(256, c));
    const sum = planRates(c).reduce((s, j) => s + runCost(j.width, c), 0);
    expect(gridCost(c)).toBe(sum);
  });
});

describe('shareJobs', () => {
  it('splits the default grid into two shares within one 256-unit run of each other', () => {
    const c = ratesConfig();
    const shares = shareJobs(planRates(c), c, 2);
    const load = shares.map((s) => s.reduce((t, j) => t + runCost(j.width, c), 0));
    expect(Math.abs(load[0] - load[1])).toBeLessThanOrEqual(runCost(256, c));
  });

  it('is a partition that keeps plan order within each share, for any grid', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: 600 }), { minLength: 1, maxLength: 5 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 3 }),
        (widths, workers, nSeeds) => {
          const c = ratesConfig({ widths, seeds: Array.from({ length: nSeeds }, (_, i) => i + 1) });
          const jobs = planRates(c);
          const shares = shareJobs(jobs, c, workers);
          expect(shares).toHaveLength(workers);
          const all = shares.flat().map((j) => j.index);
          expect([...all].sort((a, b) => a - b)).toEqual(jobs.map((j) => j.index));
          for (const s of shares)
            expect(s.map((j) => j.index)).toEqual([...s.map((j) => j.index)].sort((a, b) => a - b));
        }
      ),
      { numRuns: 50 }
    );
  });
});
