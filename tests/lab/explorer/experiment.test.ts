// The claim the explorer's chart makes, checked on the real presets: once two or more hidden
// neurons are knocked out at random, the dropout-trained twin keeps more validation accuracy than
// the plain twin. Each preset trains both twins in full (about a second each in Node).
import { describe, expect, it } from 'vitest';
import { EXPLORER_PRESETS } from '../../../src/lib/lab/explorer/presets';
import { runExplorer } from '../../../src/lib/lab/explorer/experiment';
import type { ExplorerReply } from '../../../src/lib/lab/explorer/protocol';
import { buildTwin, trainTwins } from '../../../src/lib/lab/explorer/twins';

describe('twins', () => {
  it('start from identical weights and differ only in their dropout layers', () => {
    const preset = EXPLORER_PRESETS[0];
    const a = buildTwin(preset, 'dropout');
    const b = buildTwin(preset, 'plain');
    expect(a.parameters().map((p) => Array.from(p.data))).toEqual(b.parameters().map((p) => Array.from(p.data)));
    expect(a.toString()).toContain(`Dropout(p=${preset.dropP})`);
    expect(b.toString()).toContain('Dropout(p=0)');
  });

  it('train reproducibly: the same preset gives bit-identical weights', () => {
    const short = { ...EXPLORER_PRESETS[0], epochs: 3 };
    const first = trainTwins(short);
    const again = trainTwins(short);
    expect(again.dropout.params).toEqual(first.dropout.params);
    expect(again.plain.params).toEqual(first.plain.params);
    expect(first.dropout.params).not.toEqual(first.plain.params);
  });
});

describe.each(EXPLORER_PRESETS.map((p) => [p.dataset]))('preset %s', (dataset) => {
  it('both twins learn the shape, and the dropout twin degrades more gracefully', () => {
    const replies: ExplorerReply[] = [];
    const r = runExplorer(dataset, 1, (m) => replies.push(m));
    // Progress rises monotonically to the robustness stage.
    const fractions = replies.map((m) => (m.type === 'progress' ? m.fraction : NaN));
    expect(fractions.every((f, i) => i === 0 || f >= fractions[i - 1])).toBe(true);
    expect(replies.at(-1)).toMatchObject({ stage: 'robustness' });

    expect(r.dropout.valAccuracy).toBeGreaterThan(0.9);
    expect(r.plain.valAccuracy).toBeGreaterThan(0.9);
    const { rescaled, unscaled } = r.curves;
    const n = r.preset.hidden.reduce((a, b) => a + b, 0);
    expect(rescaled.k).toEqual(Array.from({ length: n + 1 }, (_, k) => k));
    // Nothing dropped: the curve starts at the twin's own validation accuracy.
    expect(rescaled.dropout[0]).toBeCloseTo(r.dropout.valAccuracy, 10);
    expect(unscaled.plain[0]).toBeCloseTo(r.plain.valAccuracy, 10);
    // Everything dropped: the output is a constant, so one class (half the balanced set) is right.
    expect(rescaled.dropout[n]).toBeCloseTo(0.5, 1);
    // The lesson's claim, with survivors rescaled (the default view): above for 2…n/2 dropped,
    // and above on average over every k ≥ 2.
    for (let k = 2; k <= n / 2; k++) expect(rescaled.dropout[k], `k = ${k}`).toBeGreaterThan(rescaled.plain[k]);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean(rescaled.dropout.slice(2, n))).toBeGreaterThan(mean(rescaled.plain.slice(2, n)) + 0.03);
  });
});

describe('TwinView', () => {
  it('reports the trained accuracy with nothing dropped, and a different one with half the neurons gone', async () => {
    const { TwinView } = await import('../../../src/lib/lab/explorer/twin-view');
    const { emptyMask, randomKOut } = await import('../../../src/lib/lab/explorer/masks');
    const { Random } = await import('../../../src/lib/engine');
    const preset = { ...EXPLORER_PRESETS[0], epochs: 20 };
    const t = trainTwins(preset);
    const view = new TwinView(preset, 'plain', t.plain, t.data.val, 16);
    view.update(emptyMask(preset.hidden), true);
    expect(view.valAccuracy).toBeCloseTo(t.plain.valAccuracy, 10);
    expect(view.maps.probability.length).toBe(256);
    expect(view.weights.map((w) => [w.outFeatures, w.inFeatures])).toEqual([[8, 2], [8, 8], [1, 8]]);
    view.update(randomKOut(preset.hidden, 16, new Random(1)), true);
    // Everything dropped: a constant output, so exactly one class is predicted.
    expect(new Set(view.maps.probability).size).toBe(1);
  });
});
