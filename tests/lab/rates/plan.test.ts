// The grid: every (width, p, seed) exactly once in seed-major order, checked settings, the work of
// an epoch, and the order of the queue both of the page's workers take jobs from.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  RATES_DEFAULTS,
  epochCost,
  gridEpochCost,
  planRates,
  queueOrder,
  ratesConfig,
  workDone
} from '../../../src/lib/lab/rates';

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
    // Early stopping: patience 10, and a cap far enough out of the way that runs stop by patience.
    expect([RATES_DEFAULTS.patience, RATES_DEFAULTS.epochs]).toEqual([10, 500]);
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
    expect(() => ratesConfig({ patience: 0 })).toThrow(/patience must be a whole number from 1/);
    expect(() => ratesConfig({ epochs: 2001 })).toThrow(/epoch cap must be a whole number/);
  });
});

describe('costs', () => {
  it('grow with width and data; the grid epoch is the sum of its runs’ epochs; work counts each run’s own epochs', () => {
    const c = ratesConfig();
    expect(epochCost(1024, c)).toBeGreaterThan(8 * epochCost(256, c));
    expect(epochCost(256, { ...c, trainSize: 3000 })).toBeGreaterThan(2.5 * epochCost(256, c));
    const sum = planRates(c).reduce((s, j) => s + epochCost(j.width, c), 0);
    expect(gridEpochCost(c)).toBe(sum);
    expect(
      workDone(
        [
          { width: 16, epochs: 100 },
          { width: 256, epochs: 20 }
        ],
        c
      )
    ).toBe(100 * epochCost(16, c) + 20 * epochCost(256, c));
  });
});

describe('queueOrder', () => {
  it('hands out the widest runs first, plan order within a width, every job once', () => {
    const c = ratesConfig();
    const order = queueOrder(planRates(c));
    expect(order.slice(0, 12).every((j) => j.width === 256)).toBe(true);
    expect(order.slice(-12).every((j) => j.width === 16)).toBe(true);
    expect(order.slice(0, 6).map((j) => [j.p, j.seed])).toEqual(c.pGrid.map((p) => [p, c.seeds[0]]));
  });

  it('is a permutation of the plan, widths never ascending, for any grid', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: 600 }), { minLength: 1, maxLength: 5 }),
        fc.integer({ min: 1, max: 3 }),
        (widths, nSeeds) => {
          const c = ratesConfig({ widths, seeds: Array.from({ length: nSeeds }, (_, i) => i + 1) });
          const jobs = planRates(c);
          const order = queueOrder(jobs);
          expect(order.map((j) => j.index).sort((a, b) => a - b)).toEqual(jobs.map((j) => j.index));
          for (let i = 1; i < order.length; i++) {
            expect(order[i].width).toBeLessThanOrEqual(order[i - 1].width);
            if (order[i].width === order[i - 1].width) expect(order[i].index).toBeGreaterThan(order[i - 1].index);
          }
        }
      ),
      { numRuns: 50 }
    );
  });
});
