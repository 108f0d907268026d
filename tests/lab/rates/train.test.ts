// One run of the sweep on real digits with a tiny setup: deterministic, its result is its history's
// best epoch, a stop mid-run gives no result, and dropout changes the numbers only through p.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadMnistNode } from '../../../src/lib/data/mnist-node';
import { RatesData, ratesConfig, startRatesJob, trainRatesJob, type RatesJob } from '../../../src/lib/lab/rates';
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
