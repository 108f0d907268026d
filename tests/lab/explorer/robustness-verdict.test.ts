// The explorer's sentence under its robustness curves comes from the run: a paired gap over the
// knock-outs with its standard error, and "no clear difference" within two standard errors.
import { describe, expect, it } from 'vitest';
import { pairedGap, robustnessSentence } from '../../../src/lib/lab/explorer/robustness';

describe('pairedGap', () => {
  it('averages the per-k mean differences and combines their standard errors', () => {
    // k₁: differences 0.1, 0.3 (mean 0.2, SE 0.1); k₂: 0.0, 0.2 (mean 0.1, SE 0.1)
    const g = pairedGap([
      [0.1, 0.3],
      [0.0, 0.2]
    ]);
    expect(g.mean).toBeCloseTo(0.15, 12);
    expect(g.se).toBeCloseTo(Math.sqrt(0.01 + 0.01) / 2, 12);
    expect(g.verdict).toBe('dropout'); // 0.15 > 2·0.0707
  });

  it('says which twin holds up better only beyond two standard errors', () => {
    expect(pairedGap([[-0.2, -0.21, -0.19]]).verdict).toBe('plain');
    expect(pairedGap([[0.1, -0.1, 0.05, -0.04]]).verdict).toBe('none');
    expect(pairedGap([[0.05, 0.05]]).verdict).toBe('dropout'); // no spread at all: the gap itself decides
  });

  it('gives no NaN for no knock-outs, single subsets or all-equal twins', () => {
    for (const d of [[], [[]], [[0.3]], [[0, 0, 0]]]) {
      const g = pairedGap(d);
      expect(Number.isFinite(g.mean) && Number.isFinite(g.se), JSON.stringify(d)).toBe(true);
    }
    expect(pairedGap([]).verdict).toBe('none');
    expect(pairedGap([[0, 0, 0]]).verdict).toBe('none');
  });
});

describe('robustnessSentence', () => {
  it('writes each verdict in words with its numbers, never NaN', () => {
    expect(robustnessSentence({ mean: 0.0612, se: 0.004, verdict: 'dropout' })).toMatch(
      /^Here the dropout-trained network holds up better: .* keeps 6\.1 ± 0\.4 points more validation accuracy/
    );
    expect(robustnessSentence({ mean: -0.031, se: 0.01, verdict: 'plain' })).toMatch(
      /^Here the plain network holds up better: .* keeps 3\.1 ± 1\.0 points more/
    );
    const none = robustnessSentence({ mean: -0.004, se: 0.006, verdict: 'none' });
    expect(none).toMatch(/^Here the two curves show no clear difference: .* keeps −0\.4 ± 0\.6 points more/);
    expect(none).not.toMatch(/relied|rely/);
    for (const g of [pairedGap([]), pairedGap([[0.2]])]) expect(robustnessSentence(g)).not.toMatch(/NaN|Infinity/);
  });
});
