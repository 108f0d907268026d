// Seed averaging: mean and range per cell, diverged runs counted and left out, grid order, each
// seed's best and last epoch with the runs the cap ended, the same cells whatever order runs came in.
import { describe, expect, it } from 'vitest';
import { overlaps, spread, summariseRates, type RatesRun } from '../../../src/lib/lab/rates';

function run(
  width: number,
  p: number,
  seed: number,
  loss: number,
  error: number,
  stopped: RatesRun['stopped'] = 'patience',
  index = 0
): RatesRun {
  return {
    index,
    width,
    p,
    seed,
    epochs: stopped === 'cap' ? 200 : 30,
    bestValLoss: loss,
    bestEpoch: stopped === 'cap' ? 197 : 20,
    bestValError: error,
    finalValLoss: loss + 0.1,
    stopped
  };
}

describe('spread and overlaps', () => {
  it('gives the mean and the range', () => {
    expect(spread([0.3, 0.5, 0.4])).toEqual({ mean: (0.3 + 0.5 + 0.4) / 3, min: 0.3, max: 0.5 });
    expect(spread([])).toMatchObject({ mean: NaN });
  });
  it('says two ranges overlap when they share a point, and not otherwise', () => {
    expect(overlaps(spread([1, 2]), spread([2, 3]))).toBe(true);
    expect(overlaps(spread([1, 2]), spread([2.01, 3]))).toBe(false);
    expect(overlaps(spread([1, 5]), spread([2, 3]))).toBe(true);
  });
});

describe('summariseRates', () => {
  it('averages each cell over its seeds, in width then p order', () => {
    const cells = summariseRates([
      run(64, 0.5, 1, 0.4, 0.1),
      run(16, 0, 2, 0.6, 0.2),
      run(16, 0, 1, 0.5, 0.1),
      run(64, 0.5, 2, 0.2, 0.3)
    ]);
    expect(cells.map((c) => [c.width, c.p, c.runs])).toEqual([
      [16, 0, 2],
      [64, 0.5, 2]
    ]);
    expect(cells[0].loss.mean).toBeCloseTo(0.55, 12);
    expect(cells[0].loss).toMatchObject({ min: 0.5, max: 0.6 });
    expect(cells[1].error.mean).toBeCloseTo(0.2, 12);
  });

  it('leaves diverged runs out of the numbers and drops a cell with no usable run', () => {
    const cells = summariseRates([
      run(16, 0.7, 1, 9, 0.9, 'diverged'),
      run(16, 0.5, 1, 0.7, 0.2),
      run(16, 0.5, 2, 99, 0.9, 'diverged')
    ]);
    expect(cells).toHaveLength(1);
    expect(cells[0]).toMatchObject({ p: 0.5, runs: 1, diverged: 1, loss: { mean: 0.7, min: 0.7, max: 0.7 } });
  });

  it("lists each seed's best and last epoch and marks the runs the cap ended", () => {
    const [c] = summariseRates([run(16, 0.7, 2, 0.9, 0.3, 'cap'), run(16, 0.7, 1, 0.8, 0.2)]);
    expect(c.runs).toBe(2);
    expect(c.epochs).toEqual([
      { seed: 1, best: 20, stop: 30, capped: false },
      { seed: 2, best: 197, stop: 200, capped: true }
    ]);
  });

  it('gives the same cells whichever order the workers finished the runs in', () => {
    const runs = [0.31, 0.47, 0.29, 0.52, 0.33].map((l, i) => run(16, 0.5, i + 1, l, l / 3, 'patience', i));
    const reference = summariseRates(runs);
    for (const order of [
      [4, 3, 2, 1, 0],
      [2, 0, 4, 1, 3],
      [1, 3, 0, 4, 2]
    ])
      expect(summariseRates(order.map((i) => runs[i]))).toEqual(reference);
  });
});
