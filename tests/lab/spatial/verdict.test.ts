/** The verdict says what the numbers say: winners, mixed results, ties, and runs that stopped early. */
import { describe, expect, it } from 'vitest';
import { summarise, type RunSummary } from '../../../src/lib/lab/spatial/experiment';
import type { MaskKind } from '../../../src/lib/lab/spatial/model';
import { verdict } from '../../../src/lib/lab/spatial/verdict';

function run(kind: MaskKind, bestValLoss: number, bestValAccuracy: number, stopped: string | null = null): RunSummary {
  return { kind, history: [], bestValLoss, bestEpoch: 4, bestValAccuracy, stopped };
}

describe('verdict', () => {
  it('names the variant that wins on both measures', () => {
    const v = verdict([run('none', 0.5, 0.85), run('element', 0.47, 0.86), run('spatial', 0.4, 0.9)]);
    expect(v.lossWinner).toBe('spatial');
    expect(v.accuracyWinner).toBe('spatial');
    expect(v.headline).toBe(
      'Spatial dropout generalised best in this run: lowest validation loss and highest accuracy.'
    );
    expect(v.detail).toContain(
      'spatial dropout 0.400 (epoch 4), element-wise dropout 0.470 (epoch 4), no dropout 0.500 (epoch 4)'
    );
    expect(v.detail).toContain('spatial dropout 90.0%');
  });

  it('reports a mixed result as mixed, whoever wins', () => {
    const v = verdict([run('none', 0.4, 0.85), run('element', 0.5, 0.9), run('spatial', 0.55, 0.84)]);
    expect(v.headline).toBe(
      'Mixed result: no dropout reached the lowest validation loss, while element-wise dropout reached the highest accuracy.'
    );
  });

  it('calls gaps within noise too close to call', () => {
    const v = verdict([run('none', 0.5, 0.85), run('element', 0.505, 0.852), run('spatial', 0.51, 0.851)]);
    expect(v.lossWinner).toBeNull();
    expect(v.accuracyWinner).toBeNull();
    expect(v.headline).toMatch(/^Too close to call/);
    const oneSided = verdict([run('none', 0.5, 0.85), run('element', 0.4, 0.852), run('spatial', 0.51, 0.851)]);
    expect(oneSided.headline).toBe(
      'Element-wise dropout reached the lowest validation loss; the accuracies are too close to call.'
    );
  });

  it('names a clear loser when the top two are tied', () => {
    // The numbers of a real run of the page's default configuration.
    const v = verdict([run('none', 0.395, 0.898), run('element', 0.3952, 0.9), run('spatial', 0.46, 0.883)]);
    expect(v.lossWinner).toBeNull();
    expect(v.headline).toBe(
      'No dropout and element-wise dropout tied at the top; spatial dropout generalised worse in this run (best validation loss 0.460 vs 0.395).'
    );
  });

  it('leaves out runs that diverged and says so', () => {
    const v = verdict([
      run('none', 0.5, 0.85),
      run('element', Infinity, 0, 'Training diverged'),
      run('spatial', 0.4, 0.9)
    ]);
    expect(v.lossWinner).toBe('spatial');
    expect(v.detail).toContain('Element-wise dropout stopped early and is left out.');
    expect(verdict([run('none', 0.5, 0.85)]).headline).toMatch(/Not enough runs/);
  });
});

describe('summarise', () => {
  it('finds the lowest validation loss, its epoch, and the best accuracy (which may be another epoch)', () => {
    const stat = (epoch: number, valLoss: number, valAccuracy: number) => ({
      epoch,
      trainLoss: 0,
      trainAccuracy: 0,
      valLoss,
      valAccuracy,
      steps: epoch * 10
    });
    const s = summarise('element', [stat(1, 0.9, 0.7), stat(2, 0.5, 0.8), stat(3, 0.6, 0.83)]);
    expect(s).toMatchObject({ bestValLoss: 0.5, bestEpoch: 2, bestValAccuracy: 0.83, stopped: null });
    expect(summarise('none', [])).toMatchObject({ bestValLoss: Infinity, bestEpoch: 0, bestValAccuracy: 0 });
  });
});
