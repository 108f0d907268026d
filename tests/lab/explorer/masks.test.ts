import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Random } from '../../../src/lib/engine';
import {
  applyMask,
  clearMask,
  droppedCount,
  emptyMask,
  hiddenDropouts,
  randomKOut,
  sampleMask,
  survivorScale,
  thinnedNetworks,
  toggled
} from '../../../src/lib/lab/explorer/masks';
import { presetFor } from '../../../src/lib/lab/explorer/presets';
import { buildTwin } from '../../../src/lib/lab/explorer/twins';

describe('neuron masks', () => {
  it('toggling twice restores the mask and never mutates the original', () => {
    const m = emptyMask([3, 4]);
    const once = toggled(m, 1, 2);
    expect(Array.from(m[1])).toEqual([0, 0, 0, 0]);
    expect(Array.from(once[1])).toEqual([0, 0, 1, 0]);
    expect(Array.from(toggled(once, 1, 2)[1])).toEqual([0, 0, 0, 0]);
  });

  it('randomKOut drops exactly k neurons, each neuron equally often', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 12 }), fc.integer(), (k, seed) => {
        const m = randomKOut([5, 7], k, new Random(seed));
        return droppedCount(m[0]) + droppedCount(m[1]) === k;
      })
    );
    const counts = new Array(12).fill(0);
    const rng = new Random(3);
    for (let t = 0; t < 6000; t++) {
      const m = randomKOut([5, 7], 3, rng);
      [...m[0], ...m[1]].forEach((v, i) => (counts[i] += v));
    }
    // Each of 12 neurons is in a 3-subset with probability 1/4: 1500 of 6000 (sd ≈ 34).
    for (const c of counts) expect(Math.abs(c - 1500)).toBeLessThan(150);
  });

  it('sampleMask drops each neuron with probability p of its own layer', () => {
    const rng = new Random(9);
    let d0 = 0;
    let d1 = 0;
    for (let t = 0; t < 2000; t++) {
      const m = sampleMask([8, 8], [0.25, 0.75], rng);
      d0 += droppedCount(m[0]);
      d1 += droppedCount(m[1]);
    }
    expect(d0 / 16000).toBeCloseTo(0.25, 1);
    expect(d1 / 16000).toBeCloseTo(0.75, 1);
    expect(sampleMask([8], [0], rng)[0].every((v) => v === 0)).toBe(true);
    expect(sampleMask([8], [1], rng)[0].every((v) => v === 1)).toBe(true);
  });

  it('survivor scale is n/(n − k), and 1 when nothing or everything is dropped', () => {
    expect(survivorScale(8, 0)).toBe(1);
    expect(survivorScale(8, 2)).toBeCloseTo(8 / 6, 12);
    expect(survivorScale(8, 4)).toBe(2);
    expect(survivorScale(8, 8)).toBe(1);
  });

  it('counts 2ⁿ thinned networks exactly', () => {
    expect(thinnedNetworks([8, 8])).toBe(65536n);
    expect(thinnedNetworks([40, 40])).toBe(2n ** 80n);
  });

  it('applyMask forces the chosen neurons (with the survivor scale) on the hidden Dropout layers; clearMask undoes it', () => {
    const model = buildTwin(presetFor('moons'), 'dropout');
    const mask = toggled(toggled(emptyMask([8, 8]), 0, 1), 1, 5);
    applyMask(model, mask, true);
    const [d0, d1] = hiddenDropouts(model);
    expect(d0.forcedMask).toEqual([1]);
    expect(d1.forcedMask).toEqual([5]);
    // The forced scale shows in the output: a kept unit is multiplied by 8/7.
    const x = { data: new Float32Array(8).fill(1), shape: [1, 8] };
    d0.eval();
    const y = Array.from(d0.forward(x).data);
    expect(y[1]).toBe(0);
    expect(y[0]).toBeCloseTo(8 / 7, 6);
    clearMask(model);
    expect(d0.forcedMask).toBeNull();
    expect(() => applyMask(model, emptyMask([8]), false)).toThrow(RangeError);
  });
});
