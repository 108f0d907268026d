import { describe, expect, it } from 'vitest';
import type { EpochStats } from '../../src/lib/engine/train/types';
import { presetConfig } from '../../src/lib/lab/twin/config';
import { createTwinRun } from '../../src/lib/lab/twin/run';
import { buildTwinSplit } from '../../src/lib/lab/twin/split';
import {
  meanStd,
  planSweep,
  startSweepRun,
  summariseHistory,
  summariseRun,
  summariseSweep,
  type SweepRunResult
} from '../../src/lib/lab/sweep';

/** The sweep's lab module (src/lib/lab/sweep.ts), in process: plan, runs, aggregation. */

const base = { ...presetConfig('overfit'), trainSize: 40, valSize: 40, width: 8, depth: 2, epochs: 2, batchSize: 20 };

const stats = (epoch: number, trainLoss: number, valLoss: number, valAccuracy: number): EpochStats => ({
  epoch,
  trainLoss,
  trainAccuracy: 0.5,
  valLoss,
  valAccuracy,
  steps: epoch
});

describe('planSweep', () => {
  it('lists train sizes outermost, then p, then seeds, each with the rate on every hidden layer', () => {
    const jobs = planSweep({ base, pGrid: [0, 0.5], trainGrid: [40, 80], seeds: [1, 2, 3] });
    expect(jobs.map((j) => [j.trainSize, j.p, j.seed])).toEqual([
      [40, 0, 1],
      [40, 0, 2],
      [40, 0, 3],
      [40, 0.5, 1],
      [40, 0.5, 2],
      [40, 0.5, 3],
      [80, 0, 1],
      [80, 0, 2],
      [80, 0, 3],
      [80, 0.5, 1],
      [80, 0.5, 2],
      [80, 0.5, 3]
    ]);
    expect(jobs[4].config).toMatchObject({ trainSize: 40, seed: 2, pHidden: [0.5, 0.5], width: 8 });
    expect(planSweep({ base, pGrid: [0.3], seeds: [7] })[0].config.trainSize).toBe(40);
  });

  it('rejects an empty grid, no seeds and a rate outside [0, 1)', () => {
    expect(() => planSweep({ base, pGrid: [], seeds: [1] })).toThrow(/empty/);
    expect(() => planSweep({ base, pGrid: [0.5], seeds: [] })).toThrow(/seeds/);
    expect(() => planSweep({ base, pGrid: [1], seeds: [1] })).toThrow(/\[0, 1\)/);
  });
});

describe('summaries', () => {
  it('summariseHistory finds the best epochs and the final gap', () => {
    const r = summariseHistory([stats(1, 0.6, 0.7, 0.6), stats(2, 0.4, 0.5, 0.8), stats(3, 0.2, 0.6, 0.8)])!;
    expect(r).toEqual({
      epochs: 3,
      bestValLoss: 0.5,
      bestValLossEpoch: 2,
      bestValAccuracy: 0.8,
      bestValAccuracyEpoch: 2,
      finalTrainLoss: 0.2,
      finalValLoss: 0.6,
      finalValAccuracy: 0.8,
      finalGap: 0.6 - 0.2
    });
    expect(summariseHistory([])).toBeNull();
  });

  it('meanStd uses the sample standard deviation', () => {
    expect(meanStd([1, 3])).toEqual({ mean: 2, std: Math.SQRT2 });
    expect(meanStd([5])).toEqual({ mean: 5, std: 0 });
  });

  it('summariseSweep groups by (train size, p) and leaves diverged runs out', () => {
    const run = (trainSize: number, p: number, seed: number, loss: number, stopped = 'done'): SweepRunResult => ({
      p,
      trainSize,
      seed,
      stopped,
      epochs: 1,
      bestValLoss: loss,
      bestValLossEpoch: 1,
      bestValAccuracy: 0.9,
      bestValAccuracyEpoch: 1,
      finalTrainLoss: 0.1,
      finalValLoss: loss,
      finalValAccuracy: 0.9,
      finalGap: loss - 0.1
    });
    const cells = summariseSweep([
      run(40, 0, 1, 0.4),
      run(40, 0, 2, 0.6),
      run(40, 0.5, 1, 0.3),
      run(40, 0.5, 2, 99, 'diverged')
    ]);
    expect(cells.map((c) => [c.p, c.runs])).toEqual([
      [0, 2],
      [0.5, 1]
    ]);
    expect(cells[0].bestValLoss.mean).toBeCloseTo(0.5, 12);
    expect(cells[1].bestValLoss).toEqual({ mean: 0.3, std: 0 });
  });
});

describe('sweep runs are twin runs', () => {
  it("a run at p is the twin run's dropout twin with that p, epoch for epoch", () => {
    const [job] = planSweep({ base, pGrid: [0.5], seeds: [3] });
    const run = startSweepRun(job);
    const twin = createTwinRun(job.config, buildTwinSplit(job.config), 'dropout');
    for (let e = 0; e < 2; e++) expect(run.runEpoch().stats).toEqual(twin.runEpoch().stats);
    expect(summariseRun(job, run)).toMatchObject({ p: 0.5, trainSize: 40, seed: 3, epochs: 2, stopped: 'done' });
  });

  it('at p = 0 it is the plain twin', () => {
    const [job] = planSweep({ base, pGrid: [0], seeds: [3] });
    const run = startSweepRun(job);
    const plain = createTwinRun(job.config, buildTwinSplit(job.config), 'plain');
    expect(run.runEpoch().stats).toEqual(plain.runEpoch().stats);
  });
});
