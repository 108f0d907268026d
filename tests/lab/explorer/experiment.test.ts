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
    // The sentence's paired gap is the mean gap between the curves over the random knock-outs (0 < k < n).
    for (const c of [rescaled, unscaled]) {
      const gaps = c.k.slice(1, n).map((k) => c.dropout[k] - c.plain[k]);
      expect(c.gap.mean).toBeCloseTo(mean(gaps), 10);
      expect(c.gap.se).toBeGreaterThan(0);
    }
    expect(rescaled.gap.verdict).toBe('dropout');
    // The first picture comes with the result: nothing dropped, so each twin's own accuracy, and full-size maps.
    for (const t of ['dropout', 'plain'] as const) {
      expect(r.first[t].valAccuracy).toBeCloseTo(r[t].valAccuracy, 10);
      expect(r.first[t].maps.probability).toHaveLength(64 * 64);
      expect(r.first[t].maps.hidden.map((h) => h.shape)).toEqual([
        [64 * 64, 8],
        [64 * 64, 8]
      ]);
      expect(r.first[t].weights.map((w) => [w.outFeatures, w.inFeatures])).toEqual([
        [8, 2],
        [8, 8],
        [1, 8]
      ]);
    }
  });
});

describe('TwinView', () => {
  it('reports the trained accuracy with nothing dropped, and a different one with half the neurons gone', async () => {
    const { TwinView } = await import('../../../src/lib/lab/explorer/twin-view');
    const { keepAll } = await import('../../../src/lib/lab/masks');
    const { randomKOut } = await import('../../../src/lib/lab/explorer/robustness');
    const { Random } = await import('../../../src/lib/engine');
    const preset = { ...EXPLORER_PRESETS[0], epochs: 20 };
    const t = trainTwins(preset);
    const view = new TwinView(preset, 'plain', t.plain, t.data.val, 16);
    view.update(keepAll(preset.hidden), true);
    expect(view.valAccuracy).toBeCloseTo(t.plain.valAccuracy, 10);
    expect(view.maps.probability.length).toBe(256);
    expect(view.weights.map((w) => [w.outFeatures, w.inFeatures])).toEqual([
      [8, 2],
      [8, 8],
      [1, 8]
    ]);
    view.update(randomKOut(preset.hidden, 16, new Random(1)), true);
    // Everything dropped: a constant output, so exactly one class is predicted.
    expect(new Set(view.maps.probability).size).toBe(1);
    // The worker's first picture is exactly what the page's view computes with every neuron kept
    // (so restoring all neurons on the page gives back the first picture's pixels), in arrays of its own.
    const { firstView } = await import('../../../src/lib/lab/explorer/experiment');
    const first = firstView(t, 'plain', 16);
    view.update(keepAll(preset.hidden), false);
    expect(first.maps.probability).toEqual(view.maps.probability);
    first.maps.hidden.forEach((h, l) => expect(h.data).toEqual(view.maps.hidden[l].data));
    expect(first.maps.probability.buffer).not.toBe(view.maps.probability.buffer);
    expect(first.valAccuracy).toBe(view.valAccuracy);
  });
});
