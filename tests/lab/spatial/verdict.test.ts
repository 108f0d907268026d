/**
 * The verdicts over seeds: means and spreads computed from the seeds, a winner only when its worst
 * seed beats every other network's best seed, "no clear difference" otherwise (and a network worse
 * on every seed still named), diverged runs left out, and the knock-out measure read from the curves.
 */
import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../../src/lib/lab/spatial/experiment';
import type { MaskKind } from '../../../src/lib/lab/spatial/model';
import {
  accuracyLost,
  generalisationVerdict,
  knockoutVerdict,
  rank,
  spread
} from '../../../src/lib/lab/spatial/verdict';

const KS = [0, 1, 2, 3, 4, 5, 6];

/** A run whose knock-out curve starts at `full` and loses `slope` per map knocked out. */
function run(
  kind: MaskKind,
  seed: number,
  bestValLoss: number,
  full = 0.88,
  slope = 0.02,
  stopped: string | null = null
): RunResult {
  const accuracy = KS.map((k) => full - slope * k);
  return {
    kind,
    seed,
    bestValLoss,
    bestEpoch: 4,
    bestValAccuracy: full,
    stopped,
    knockout: { ks: KS, accuracy, perSet: accuracy.map((a) => [a]) }
  };
}

/** Three seeds of each network with the given best validation losses. */
function seeds(losses: Record<MaskKind, number[]>, slopes: Partial<Record<MaskKind, number[]>> = {}): RunResult[] {
  return [0, 1, 2].flatMap((i) =>
    (['none', 'element', 'spatial'] as const).map((k) => run(k, 7 + i, losses[k][i], 0.88, slopes[k]?.[i] ?? 0.02))
  );
}

describe('spread and rank', () => {
  it('computes mean, lowest and highest over the seeds', () => {
    expect(spread([0.4, 0.5, 0.45])).toEqual({
      values: [0.4, 0.5, 0.45],
      mean: (0.4 + 0.5 + 0.45) / 3,
      min: 0.4,
      max: 0.5
    });
    expect(spread([])).toEqual({ values: [], mean: 0, min: 0, max: 0 });
  });

  it('names a winner only when its worst seed beats the best seed of every other', () => {
    const clear = rank(
      { none: spread([0.5, 0.52]), element: spread([0.47, 0.49]), spatial: spread([0.4, 0.45]) },
      true
    );
    expect(clear).toEqual({ order: ['spatial', 'element', 'none'], winner: 'spatial', loser: null });
    // Best mean, but one of its seeds is worse than element-wise's best seed: no winner.
    const overlap = rank(
      { none: spread([0.5, 0.52]), element: spread([0.44, 0.49]), spatial: spread([0.4, 0.45]) },
      true
    );
    expect(overlap.winner).toBeNull();
    // ...and no dropout, worse than both on every seed, is named.
    expect(overlap.loser).toBe('none');
    // Touching ranges are no clear difference either; higher is better for accuracies.
    expect(rank({ none: spread([0.8, 0.85]), element: spread([0.85, 0.9]), spatial: spread([0.7]) }, false)).toEqual({
      order: ['element', 'none', 'spatial'],
      winner: null,
      loser: 'spatial'
    });
  });
});

describe('generalisationVerdict', () => {
  it('names the winner when every seed agrees, with the means and spreads from the seeds', () => {
    const v = generalisationVerdict(
      seeds({ none: [0.5, 0.52, 0.51], element: [0.47, 0.48, 0.49], spatial: [0.4, 0.42, 0.41] })
    );
    expect(v.winner).toBe('spatial');
    expect(v.headline).toMatch(/^Spatial dropout generalised best/);
    expect(v.detail).toContain(
      'over 3 seeds: spatial dropout 0.410 (0.400–0.420), element-wise dropout 0.480 (0.470–0.490), no dropout 0.510 (0.500–0.520)'
    );
  });

  it('says "no clear difference" when the seeds overlap, and names a network worse on every seed', () => {
    const v = generalisationVerdict(
      seeds({ none: [0.45, 0.43, 0.47], element: [0.42, 0.44, 0.46], spatial: [0.48, 0.5, 0.52] })
    );
    expect(v.winner).toBeNull();
    expect(v.headline).toBe(
      'No clear difference between element-wise dropout and no dropout; spatial dropout generalised worse on every seed.'
    );
    const all = generalisationVerdict(
      seeds({ none: [0.45, 0.43, 0.47], element: [0.42, 0.44, 0.46], spatial: [0.44, 0.5, 0.4] })
    );
    expect(all.winner).toBeNull();
    expect(all.headline).toMatch(/^No clear difference: /);
  });

  it('leaves diverged runs out and says so; with fewer than two seeds per network it does not judge', () => {
    const runs = seeds({ none: [0.5, 0.52, 0.51], element: [0.47, 0.48, 0.49], spatial: [0.4, 0.42, 0.41] });
    runs[2] = run('spatial', 7, Infinity, 0.1, 0, 'the training loss exploded');
    const v = generalisationVerdict(runs);
    expect(v.winner).toBe('spatial');
    expect(v.detail).toContain('over 3 seeds');
    expect(v.detail).toContain('spatial dropout 0.415 (0.410–0.420)');
    expect(v.detail).toContain('Left out because training diverged: spatial dropout (seed 7).');
    const few = generalisationVerdict(runs.filter((r) => r.seed === 7));
    expect(few.winner).toBeNull();
    expect(few.headline).toBe('Not enough seeds finished to compare the networks.');
  });
});

describe('knockoutVerdict', () => {
  it('accuracy lost is the full accuracy minus the mean over k ≥ 1', () => {
    // Losing 0.02 per map: the mean over k = 1…6 is 3.5 maps' worth.
    expect(accuracyLost(run('none', 7, 0.5, 0.9, 0.02).knockout)).toBeCloseTo(0.07, 10);
    expect(accuracyLost(null)).toBeNull();
  });

  it('names the network that loses least on every seed; otherwise no clear difference', () => {
    const losses = { none: [0.5, 0.5, 0.5], element: [0.5, 0.5, 0.5], spatial: [0.5, 0.5, 0.5] };
    const v = knockoutVerdict(
      seeds(losses, { none: [0.04, 0.05, 0.045], element: [0.04, 0.05, 0.042], spatial: [0.01, 0.016, 0.012] })
    );
    expect(v.winner).toBe('spatial');
    expect(v.headline).toBe(
      'Spatial dropout kept its accuracy best when maps vanished: it lost the least on every seed.'
    );
    expect(v.detail).toContain('spatial dropout 4.4 points (3.5–5.6), element-wise dropout');
    expect(v.detail).toContain('With all maps, then with 6 gone (means): no dropout 88.0% → ');
    const tie = knockoutVerdict(
      seeds(losses, { none: [0.04, 0.05, 0.045], element: [0.04, 0.05, 0.042], spatial: [0.03, 0.045, 0.05] })
    );
    expect(tie.winner).toBeNull();
    expect(tie.headline).toMatch(/^No clear difference/);
  });
});
