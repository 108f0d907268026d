/**
 * Seed averaging and the verdict: means and ranges over seeds (diverged runs left out), a
 * difference named only when the ranges do not overlap, "no clear difference" otherwise.
 */
import { describe, expect, it } from 'vitest';
import type { EpochStats } from '../../../src/lib/engine';
import { summarise, type RunSummary, type Variant } from '../../../src/lib/lab/augment/experiment';
import { aggregate, meanCurve, spread } from '../../../src/lib/lab/augment/stats';
import { augmentVerdict, compareSpread } from '../../../src/lib/lab/augment/verdict';

/** A run whose validation losses are `losses` (errors 0.1 + loss / 10). */
function run(variant: Variant, seed: number, losses: number[], stopped: string | null = null): RunSummary {
  const history: EpochStats[] = losses.map((v, i) => ({
    epoch: i + 1,
    trainLoss: v,
    trainAccuracy: 0.9,
    valLoss: v,
    valAccuracy: 0.9 - v / 10,
    steps: i + 1
  }));
  return summarise(variant, seed, history, stopped);
}

/** Four networks over seeds; final losses per variant given per seed. */
function runs(finals: Record<Variant, number[]>): RunSummary[] {
  return (Object.keys(finals) as Variant[]).flatMap((v) =>
    finals[v].map((f, i) => run(v, i + 1, [f + 0.1, f - 0.02, f]))
  );
}

describe('spread and aggregate', () => {
  it('mean, min and max over the seeds; an empty list is Infinity, not NaN', () => {
    const s = spread([0.3, 0.5, 0.4]);
    expect(s.mean).toBeCloseTo(0.4, 12);
    expect([s.min, s.max]).toEqual([0.3, 0.5]);
    expect(spread([])).toEqual({ mean: Infinity, min: Infinity, max: Infinity });
  });

  it('averages each network over its seeds and leaves diverged runs out, counting them', () => {
    const rs = [...runs({ neither: [0.5, 0.7], dropout: [0.4, 0.4], augment: [0.3, 0.3], both: [0.2, 0.2] })];
    rs.push(run('dropout', 3, [0.9], 'Training diverged at epoch 2'));
    const stats = aggregate(rs);
    expect(stats.map((s) => s.variant)).toEqual(['neither', 'dropout', 'augment', 'both']);
    const n = stats[0];
    expect(n.finalLoss.mean).toBeCloseTo(0.6);
    expect([n.finalLoss.min, n.finalLoss.max]).toEqual([0.5, 0.7]);
    expect(n.bestLoss.mean).toBeCloseTo(0.58);
    expect(n.bestAtEnd).toBe(0);
    expect(stats[1]).toMatchObject({ seeds: 2, failed: 1 });
    expect(stats[1].finalLoss.max).toBeCloseTo(0.4);
  });

  it('the mean curve covers only the epochs every seed has', () => {
    const a = run('neither', 1, [0.6, 0.4, 0.5]).history;
    const b = run('neither', 2, [0.8, 0.6]).history;
    const c = meanCurve([a, b]);
    expect(c.map((p) => p.epoch)).toEqual([1, 2]);
    expect(c[0].mean).toBeCloseTo(0.7);
    expect([c[1].min, c[1].max]).toEqual([0.4, 0.6]);
    expect(meanCurve([])).toEqual([]);
  });
});

describe('compareSpread', () => {
  it('lower only when every seed of a is below every seed of b', () => {
    expect(compareSpread({ mean: 1, min: 0.9, max: 1.1 }, { mean: 2, min: 1.2, max: 2.5 })).toBe('lower');
    expect(compareSpread({ mean: 2, min: 1.2, max: 2.5 }, { mean: 1, min: 0.9, max: 1.1 })).toBe('higher');
    expect(compareSpread({ mean: 1, min: 0.9, max: 1.3 }, { mean: 2, min: 1.2, max: 2.5 })).toBe('overlap');
  });
});

describe('augmentVerdict', () => {
  it('names the network that ends lowest and which single remedy helps more when the seeds separate', () => {
    const v = augmentVerdict(
      aggregate(runs({ neither: [0.6, 0.62], dropout: [0.45, 0.47], augment: [0.3, 0.33], both: [0.2, 0.22] }))
    );
    expect(v.lowestAtEnd).toBe('both');
    expect(v.helpsMore).toBe('augment');
    expect(v.helpsMoreAtBest).toBe('augment');
    expect(v.bothBetter).toBe(true);
    expect(v.headline).toMatch(
      /^The network with dropout and shifts ends lowest: final validation loss 0\.210 \(seeds 0\.200–0\.220\)/
    );
    expect(v.details[0]).toContain('the shifts help more');
    expect(v.details[2]).toBe(
      'Against the network with neither (final 0.610, seeds 0.600–0.620; best 0.590), at the end: dropout: lower, shifts: lower, dropout + shifts: lower.'
    );
    expect(v.details.join(' ')).toContain('Means over 2 seeds');
  });

  it('says "no clear difference" when the best two overlap, and when dropout and shifts overlap', () => {
    const v = augmentVerdict(
      aggregate(runs({ neither: [0.6, 0.62], dropout: [0.3, 0.4], augment: [0.35, 0.45], both: [0.32, 0.5] }))
    );
    expect(v.lowestAtEnd).toBeNull();
    expect(v.headline).toMatch(/^No clear difference at the end between the network with dropout and/);
    expect(v.helpsMore).toBeNull();
    expect(v.details[0]).toContain('no clear difference (the seeds overlap)');
    expect(v.bothBetter).toBeNull();
  });

  it('can find dropout the stronger remedy, and both worse than it', () => {
    const v = augmentVerdict(
      aggregate(runs({ neither: [0.6, 0.62], dropout: [0.3, 0.31], augment: [0.4, 0.41], both: [0.5, 0.52] }))
    );
    expect(v.lowestAtEnd).toBe('dropout');
    expect(v.helpsMore).toBe('dropout');
    expect(v.bothBetter).toBe(false);
    expect(v.details[1]).toMatch(/^Together they end higher than dropout alone/);
  });

  it('notes a network still improving at its last epoch', () => {
    const rs = runs({ neither: [0.6, 0.62], dropout: [0.3, 0.31], augment: [0.4, 0.41], both: [0.5, 0.52] });
    rs.push(...[1, 2].map((seed) => run('both', seed + 2, [0.9, 0.7, 0.5])));
    const v = augmentVerdict(aggregate(rs.filter((r) => r.variant !== 'both' || r.seed > 2)));
    expect(v.details.join(' ')).toContain(
      'Still improving at the last epoch: dropout + shifts (2 of 2 seeds); a longer run could change its place.'
    );
  });

  it('calls nothing clear with fewer than two finished seeds per network', () => {
    const v = augmentVerdict(aggregate(runs({ neither: [0.6], dropout: [0.3], augment: [0.4], both: [0.5] })));
    expect(v.lowestAtEnd).toBeNull();
    expect(v.helpsMore).toBeNull();
    expect(v.headline).toMatch(/^Not enough seeds/);
    expect(JSON.stringify(v)).not.toMatch(/NaN|Infinity/);
  });
});
