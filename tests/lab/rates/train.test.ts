// One run of the sweep on real digits with a tiny setup: deterministic, its result is its history's
// best epoch, a stop mid-run gives no result, dropout changes the numbers only through p, and early
// stopping ends a run after `patience` epochs without a lower validation loss, or at the cap.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadMnistNode } from '../../../src/lib/data/mnist-node';
import {
  RatesData,
  ratesConfig,
  startRatesJob,
  stopRule,
  trainRatesJob,
  type RatesJob
} from '../../../src/lib/lab/rates';
import type { MnistSet } from '../../../src/lib/data';

const TINY = ratesConfig({ widths: [8], pGrid: [0, 0.5], trainSize: 60, valSize: 40, epochs: 4, batchSize: 20 });
let mnist: MnistSet;
beforeAll(() => {
  mnist = loadMnistNode();
});
const job = (p: number, seed = 3): RatesJob => ({ index: 0, width: 8, p, seed });

describe('trainRatesJob', () => {
  it('is reproducible and reports its best epoch', () => {
    const a = trainRatesJob(job(0.5), TINY, new RatesData(mnist, TINY))!;
    const b = trainRatesJob(job(0.5), TINY, new RatesData(mnist, TINY))!;
    expect(a).toEqual(b);
    expect(a.epochs).toBe(4);
    expect(a.bestEpoch).toBeGreaterThanOrEqual(1);
    expect(a.bestValLoss).toBeLessThanOrEqual(a.finalValLoss);
    expect(a.bestValError).toBeGreaterThanOrEqual(0);
    expect(a.bestValError).toBeLessThanOrEqual(1);
  });
  it('differs between p and between seeds', () => {
    const data = new RatesData(mnist, TINY);
    const plain = trainRatesJob(job(0), TINY, data)!;
    expect(trainRatesJob(job(0.5), TINY, data)!.bestValLoss).not.toBe(plain.bestValLoss);
    expect(trainRatesJob(job(0, 4), TINY, data)!.bestValLoss).not.toBe(plain.bestValLoss);
  });
  it('matches the epoch-by-epoch run, and a stopped run has no result', () => {
    const data = new RatesData(mnist, TINY);
    const r = startRatesJob(job(0.5), TINY, data);
    let epochs = 0;
    while (r.runEpoch()) epochs++;
    expect(epochs).toBe(3);
    expect(r.result()).toEqual(trainRatesJob(job(0.5), TINY, data));
    const s = startRatesJob(job(0.5), TINY, data);
    s.runEpoch();
    expect(s.result()).toBeNull();
    expect(s.runEpoch(() => true)).toBe(false);
    expect(s.result()).toBeNull();
  });
});

describe('early stopping', () => {
  it('stopRule: patience first, then the cap, else keep going', () => {
    const rule = { epochs: 50, patience: 10 };
    expect(stopRule(19, 10, rule)).toBeNull();
    expect(stopRule(20, 10, rule)).toBe('patience');
    expect(stopRule(49, 45, rule)).toBeNull();
    expect(stopRule(50, 45, rule)).toBe('cap');
    // Patience running out exactly at the cap is convergence, not the cap.
    expect(stopRule(50, 40, rule)).toBe('patience');
  });

  it('stops a real run after `patience` epochs without improvement and reports its best epoch', () => {
    // Tiny data overfits within a few epochs; a patience of 3 and a cap of 100 end it by patience.
    const c = ratesConfig({ ...TINY, epochs: 100, patience: 3 });
    const data = new RatesData(mnist, c);
    const result = trainRatesJob(job(0), c, data)!;
    expect(result.stopped).toBe('patience');
    expect(result.epochs).toBeLessThan(100);
    expect(result.epochs - result.bestEpoch).toBe(3);
    expect(result.bestValLoss).toBeLessThan(result.finalValLoss);
    // The same run cut at its best epoch reaches the same best there, and cut one epoch earlier it
    // had not: the reported epoch is where the lowest loss was.
    const atBest = ratesConfig({ ...c, epochs: result.bestEpoch });
    expect(trainRatesJob(job(0), atBest, data)).toMatchObject({
      bestEpoch: result.bestEpoch,
      bestValLoss: result.bestValLoss
    });
    if (result.bestEpoch > 1) {
      const before = ratesConfig({ ...c, epochs: result.bestEpoch - 1 });
      expect(trainRatesJob(job(0), before, data)!.bestValLoss).toBeGreaterThan(result.bestValLoss);
    }
  });

  it('honours the cap: a run still improving is cut at the cap and marked so', () => {
    const c = ratesConfig({ ...TINY, epochs: 3, patience: 50 });
    const result = trainRatesJob(job(0.5), c, new RatesData(mnist, c))!;
    expect(result.epochs).toBe(3);
    expect(result.stopped).toBe('cap');
    expect(result.bestEpoch).toBeLessThanOrEqual(3);
  });
});

describe('RatesData.shared', () => {
  it('gives one instance per digit set and sizes', () => {
    const a = RatesData.shared(mnist, TINY);
    expect(RatesData.shared(mnist, { trainSize: 60, valSize: 40 })).toBe(a);
    expect(RatesData.shared(mnist, { trainSize: 61, valSize: 40 })).not.toBe(a);
    expect(a.split(3)).toBe(a.split(3));
  });
});
