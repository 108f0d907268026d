// The verdict in words, from made-up cells whose answer is known: a clear winner, a tie within the
// seeds' spread, "no clear difference", what dropout cost the smallest network, and which width
// prefers the highest p (or none, when the seeds cannot separate it), and which runs the epoch cap
// ended before they converged.
import { describe, expect, it } from 'vitest';
import { ratesVerdict, smallestCost, widthVerdict, type RatesCell } from '../../../src/lib/lab/rates';

/** A cell whose seeds lie at mean ± half; both seeds stopped by patience (best at 20, stopped at 30). */
function cell(width: number, p: number, mean: number, half = 0.01, error = mean / 5): RatesCell {
  return {
    width,
    p,
    runs: 2,
    diverged: 0,
    loss: { mean, min: mean - half, max: mean + half },
    error: { mean: error, min: error, max: error },
    epochs: [
      { seed: 1, best: 20, stop: 30, capped: false },
      { seed: 2, best: 20, stop: 30, capped: false }
    ]
  };
}
const RULE = { epochs: 200, patience: 10 };
const ps = [0, 0.1, 0.2, 0.3, 0.5, 0.7];
const row = (width: number, losses: number[], half = 0.01) => losses.map((l, i) => cell(width, ps[i], l, half));
/** A full grid: 16 units best without dropout, 64 at 0.1, 256 at 0.5. */
const grid = [
  ...row(16, [0.45, 0.5, 0.6, 0.7, 0.98, 1.9]),
  ...row(64, [0.4, 0.35, 0.36, 0.38, 0.45, 0.8]),
  ...row(256, [0.36, 0.35, 0.34, 0.33, 0.3, 0.32])
];

describe('widthVerdict', () => {
  it('names the winner and the rates within its spread', () => {
    const v = widthVerdict(row(64, [0.4, 0.35, 0.355, 0.5, 0.6, 0.9]))!;
    expect(v.best.p).toBe(0.1);
    expect(v.within).toEqual([0.2]);
    expect(v.noClearDifference).toBe(false);
    expect(v.text).toMatch(/^64 units: p = 0\.1 won/);
    expect(v.text).toMatch(/p = 0\.2 is within the seeds' spread/);
    expect(v.text).not.toMatch(/NaN/);
  });
  it('says "no clear difference" when every rate overlaps the winner', () => {
    const v = widthVerdict(row(256, [0.33, 0.32, 0.325, 0.31, 0.315, 0.34], 0.03))!;
    expect(v.noClearDifference).toBe(true);
    expect(v.text).toMatch(/no clear difference/);
  });
});

describe('smallestCost', () => {
  it('reports the harm of p = 0.5 on the smallest width when the ranges part', () => {
    const c = smallestCost([...row(16, [0.45, 0.5, 0.6, 0.7, 0.98, 1.9]), ...row(64, [0.4, 0.3, 0.3, 0.3, 0.3, 0.3])])!;
    expect(c.width).toBe(16);
    expect(c.dropped.p).toBe(0.5);
    expect(c.effect).toBe('hurt');
    expect(c.lossRatio).toBeCloseTo(0.98 / 0.45, 10);
    expect(c.text).toMatch(/0\.450 → 0\.980/);
  });
  it('calls overlapping seeds unclear, and a gain a gain', () => {
    expect(smallestCost(row(16, [0.45, 0.5, 0.6, 0.7, 0.46, 1.9]))!.effect).toBe('unclear');
    expect(smallestCost(row(16, [0.45, 0.5, 0.6, 0.7, 0.4, 1.9]))!.effect).toBe('helped');
    expect(smallestCost(row(16, [0.45]))).toBeNull();
  });
});

describe('ratesVerdict', () => {
  it('finds the width that prefers the highest p when its seeds separate it', () => {
    const v = ratesVerdict(grid);
    expect(v.widths.map((w) => w.best.p)).toEqual([0, 0.1, 0.5]);
    expect(v.highestP).toBe('256');
    expect(v.trend).toMatch(/winning rate grows with the width/);
    expect(v.lines).toHaveLength(5);
  });
  it('gives no answer when the leader cannot be told from the next width’s rate', () => {
    const blurred = grid.map((c) => (c.width === 256 ? cell(256, c.p, c.loss.mean, 0.05) : c));
    const v = ratesVerdict(blurred);
    expect(v.widths[2].best.p).toBe(0.5);
    expect(v.highestP).toBeNull();
    expect(v.trend).toMatch(/no clear difference/);
  });
  it('gives no answer on a tie at the top', () => {
    const tied = grid.map((c) => (c.width === 64 ? cell(64, c.p, c.p === 0.5 ? 0.2 : 0.5) : c));
    expect(ratesVerdict(tied).highestP).toBeNull();
  });
  it('ignores an unfinished width rather than judging it on part of its row', () => {
    const partial = [...grid.filter((c) => c.width !== 256), cell(256, 0, 0.1)];
    const v = ratesVerdict(partial);
    expect(v.widths.map((w) => w.width)).toEqual([16, 64]);
  });
  it('without a stopping rule and with every run converged, says nothing about convergence', () => {
    expect(ratesVerdict(grid).convergence).toBe('');
    expect(ratesVerdict(grid).capped).toEqual([]);
  });
});

describe('convergence', () => {
  it('says every run converged, and which ran longest, when none reached the cap', () => {
    const longest = grid.map((c) =>
      c.width === 16 && c.p === 0.7
        ? { ...c, epochs: [c.epochs[0], { seed: 2, best: 150, stop: 160, capped: false }] }
        : c
    );
    const v = ratesVerdict(longest, RULE);
    expect(v.capped).toEqual([]);
    expect(v.convergence).toMatch(
      /^Every run converged: each stopped after 10 epochs without a lower validation loss, before the cap of 200/
    );
    expect(v.convergence).toMatch(/16 units at p = 0\.7 \(seed 2\), had its best epoch at 150 and stopped at 160/);
    expect(v.lines.at(-1)).toBe(v.convergence);
  });
  it('names every run the cap ended, in grid order, and calls its result what it had reached', () => {
    const capped = grid.map((c) =>
      (c.width === 16 && c.p >= 0.5) || (c.width === 64 && c.p === 0.7)
        ? { ...c, epochs: [{ seed: 1, best: 199, stop: 200, capped: true }, c.epochs[1]] }
        : c
    );
    const v = ratesVerdict(capped, RULE);
    expect(v.capped.map((r) => [r.width, r.p, r.seed])).toEqual([
      [16, 0.5, 1],
      [16, 0.7, 1],
      [64, 0.7, 1]
    ]);
    expect(v.convergence).toMatch(
      /^Not converged: 3 runs reached the cap of 200 epochs before 10 epochs without improvement/
    );
    expect(v.convergence).toMatch(
      /16 units at p = 0\.5 \(seed 1, best epoch 199 of 200\), 16 units at p = 0\.7 .* and 64 units at p = 0\.7/
    );
    expect(v.convergence).toMatch(/more epochs could lower it/);
    expect(v.lines).toContain(v.convergence);
    // One run: singular words.
    const one = grid.map((c) =>
      c.width === 64 && c.p === 0 ? { ...c, epochs: [c.epochs[0], { seed: 2, best: 195, stop: 200, capped: true }] } : c
    );
    expect(ratesVerdict(one, RULE).convergence).toMatch(/^Not converged: one run reached .*\. Its best loss/);
    // Both seeds of a cell: one name for the cell.
    const both = grid.map((c) =>
      c.width === 16 && c.p === 0
        ? {
            ...c,
            epochs: [
              { seed: 1, best: 200, stop: 200, capped: true },
              { seed: 2, best: 196, stop: 200, capped: true }
            ]
          }
        : c
    );
    expect(ratesVerdict(both, RULE).convergence).toMatch(
      /^Not converged: 2 runs reached .*: 16 units at p = 0 \(seeds 1 and 2, best epochs 200 and 196 of 200\)\. Their/
    );
  });
});
