import { describe, expect, it } from 'vitest';
import { Linear, Tanh, type Sequential } from '../../../src/lib/engine';
import { grid } from '../../../src/lib/data';
import { FeatureMaps, changedMaps } from '../../../src/lib/lab/explorer/feature-maps';
import { keepAll, toggled } from '../../../src/lib/lab/masks';
import { presetFor } from '../../../src/lib/lab/explorer/presets';
import { buildTwin } from '../../../src/lib/lab/explorer/twins';

const R = 16;
const preset = presetFor('moons');

/** The network's maps computed by hand, without the engine's Dropout or recorder: the reference. */
function byHand(model: Sequential, dropped: number[][], rescale: boolean): { hidden: number[][]; prob: number[] } {
  const layers = model.modules.filter((m): m is Linear => m instanceof Linear);
  const g = grid(R).data;
  const hidden: number[][] = [];
  const prob: number[] = [];
  for (let px = 0; px < R * R; px++) {
    let h = [g[2 * px], g[2 * px + 1]];
    layers.forEach((lin, l) => {
      const out: number[] = [];
      for (let j = 0; j < lin.outFeatures; j++) {
        let s = lin.bias.data[j];
        for (let k = 0; k < lin.inFeatures; k++) s += lin.weight.data[j * lin.inFeatures + k] * h[k];
        out.push(s);
      }
      if (l === layers.length - 1) {
        prob.push(1 / (1 + Math.exp(-out[0])));
        return;
      }
      const act = out.map(Math.tanh);
      (hidden[l] ??= []).push(...act);
      const n = act.length;
      const k = dropped[l].length;
      const scale = rescale && k > 0 && k < n ? n / (n - k) : 1;
      h = act.map((a, j) => (dropped[l].includes(j) ? 0 : a * scale));
    });
  }
  return { hidden, prob };
}

describe('FeatureMaps', () => {
  it('match a hand-written forward pass, with the hand-made mask and the survivor scale', () => {
    const model = buildTwin(preset, 'dropout');
    const maps = new FeatureMaps(model, R);
    const mask = toggled(toggled(toggled(keepAll([8, 8]), 0, 2), 0, 6), 1, 3);
    for (const rescale of [false, true]) {
      maps.compute(mask, rescale);
      const ref = byHand(model, [[2, 6], [3]], rescale);
      expect(maps.hidden[0].shape).toEqual([R * R, 8]);
      // fastTanh is a rational approximation: compare with a tolerance well below one colour step (2/255).
      maps.hidden.forEach((t, l) =>
        t.data.forEach((v, i) => expect(Math.abs(v - ref.hidden[l][i])).toBeLessThan(2e-3))
      );
      maps.probability.forEach((v, i) => expect(Math.abs(v - ref.prob[i])).toBeLessThan(5e-3));
    }
  });

  it('ignore the training mode: a dropout twin left in train() still gives deterministic eval-mode maps', () => {
    const model = buildTwin(preset, 'dropout');
    const maps = new FeatureMaps(model, R);
    model.train();
    maps.compute(keepAll([8, 8]), true);
    const first = maps.probability.slice();
    model.train();
    maps.compute(keepAll([8, 8]), true);
    expect(maps.probability).toEqual(first);
    const ref = byHand(model, [[], []], true);
    first.forEach((v, i) => expect(Math.abs(v - ref.prob[i])).toBeLessThan(5e-3));
  });

  it('dropping a neuron changes the output map and restoring it gives back the exact same values', () => {
    const model = buildTwin(preset, 'plain');
    const maps = new FeatureMaps(model, R);
    const none = keepAll([8, 8]);
    maps.compute(none, true);
    const before = maps.probability.slice();
    const layer0 = maps.hidden[0].data.slice();
    maps.compute(toggled(none, 1, 4), true);
    expect(maps.probability).not.toEqual(before);
    // Layer 1 is upstream of the dropped neuron: its maps do not move.
    expect(maps.hidden[0].data).toEqual(layer0);
    maps.compute(none, true);
    expect(maps.probability).toEqual(before);
  });
});

describe('changedMaps', () => {
  const none = keepAll([8, 8]);
  it('a layer-1 toggle changes that neuron in layer 1 and everything after', () => {
    expect(changedMaps(none, toggled(none, 0, 3), false)).toEqual([[3], null]);
  });
  it('a layer-2 toggle changes only that neuron of layer 2 (and the output)', () => {
    expect(changedMaps(none, toggled(none, 1, 5), false)).toEqual([[], [5]]);
  });
  it('the rescale switch changes every layer after the first', () => {
    expect(changedMaps(none, none, true)).toEqual([[], null]);
  });
  it('nothing changed, nothing to repaint', () => {
    expect(changedMaps(none, none, false)).toEqual([[], []]);
  });
});

// Keep the import of Tanh meaningful: the explorer's presets use tanh, which the reference assumes.
it('explorer presets use tanh (the reference above assumes it)', () => {
  expect(buildTwin(preset, 'plain').modules.some((m) => m instanceof Tanh)).toBe(true);
});
