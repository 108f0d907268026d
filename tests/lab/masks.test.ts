import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Dropout, Random, tensor } from '../../src/lib/engine';
import { randomKOut } from '../../src/lib/lab/explorer/robustness';
import { presetFor } from '../../src/lib/lab/explorer/presets';
import { buildTwin } from '../../src/lib/lab/explorer/twins';
import {
  applyMask,
  clearMask,
  copyMask,
  droppedCount,
  dropoutLayers,
  groupDigits,
  keepAll,
  keepMask,
  keptCount,
  sampleMask,
  survivorScale,
  thinnedNetworks,
  thinnedNetworksText,
  toggled,
  withMask,
  type KeepMask
} from '../../src/lib/lab/masks';

describe('KeepMask (1 = kept)', () => {
  it('keepAll keeps everything; toggling twice restores the mask and never mutates the original', () => {
    const m = keepAll([3, 4]);
    expect(m.map((l) => Array.from(l))).toEqual([
      [1, 1, 1],
      [1, 1, 1, 1]
    ]);
    const once = toggled(m, 1, 2);
    expect(Array.from(m[1])).toEqual([1, 1, 1, 1]);
    expect(Array.from(once[1])).toEqual([1, 1, 0, 1]);
    expect(Array.from(toggled(once, 1, 2)[1])).toEqual([1, 1, 1, 1]);
    expect(droppedCount(once)).toBe(1);
    expect(keptCount(once)).toBe(6);
    const copy = copyMask(once);
    copy[0][0] = 0;
    expect(once[0][0]).toBe(1);
  });

  it('keepMask rejects values other than 0 and 1', () => {
    expect(() => keepMask([Uint8Array.of(0, 2)])).toThrow(RangeError);
    expect(keptCount(keepMask([Uint8Array.of(1, 0, 1)]))).toBe(2);
  });

  it('the brand keeps bare arrays (of unknown polarity) out: a type-level check, run by svelte-check', () => {
    const bare: Uint8Array[] = [Uint8Array.of(1, 0)];
    // @ts-expect-error a Uint8Array[] is not a KeepMask: it must be branded through keepMask()/keepAll()/sampleMask()
    const wrong: KeepMask = bare;
    // @ts-expect-error nor is a KeepMask a mutable Uint8Array[] (so it cannot be passed where another convention is expected)
    const back: Uint8Array[] = keepAll([2]);
    expect([wrong, back]).toHaveLength(2);
  });

  it('sampleMask keeps each unit with probability 1 − p of its own layer', () => {
    const rng = new Random(9);
    const kept = [0, 0];
    for (let t = 0; t < 2000; t++) {
      const m = sampleMask(
        [
          { units: 8, p: 0.25 },
          { units: 8, p: 0.75 }
        ],
        rng
      );
      kept[0] += keptCount(keepMask([m[0]]));
      kept[1] += keptCount(keepMask([m[1]]));
    }
    // 16,000 Bernoulli draws per layer: the std of the fraction is about 0.0035, so ±0.015 is over 4 sigma.
    expect(Math.abs(kept[0] / 16000 - 0.75)).toBeLessThan(0.015);
    expect(Math.abs(kept[1] / 16000 - 0.25)).toBeLessThan(0.015);
    expect(Array.from(sampleMask([{ units: 8, p: 0 }], rng)[0])).toEqual(new Array(8).fill(1));
    expect(Array.from(sampleMask([{ units: 8, p: 1 }], rng)[0])).toEqual(new Array(8).fill(0));
  });

  it('sampleMask draws exactly what a training Dropout layer draws from the same generator', () => {
    fc.assert(
      fc.property(fc.integer(), fc.double({ min: 0, max: 0.95, noNaN: true }), (seed, p) => {
        const layer = new Dropout(p, { rng: new Random(seed) });
        layer.train();
        layer.forward(tensor(new Float32Array(12).fill(1), [1, 12]));
        const ours = sampleMask([{ units: 12, p }], new Random(seed));
        return p === 0 ? keptCount(ours) === 12 : Array.from(ours[0]).join() === Array.from(layer.lastMask!).join();
      })
    );
  });

  it('units within a layer are independent: pairs kept together about (1 − p)² of the time', () => {
    const rng = new Random(4);
    let both = 0;
    const draws = 20000;
    for (let t = 0; t < draws; t++) {
      const m = sampleMask([{ units: 2, p: 0.5 }], rng);
      both += m[0][0] & m[0][1];
    }
    expect(Math.abs(both / draws - 0.25)).toBeLessThan(0.015);
  });

  it('randomKOut drops exactly k neurons, each neuron equally often', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 12 }),
        fc.integer(),
        (k, seed) => droppedCount(randomKOut([5, 7], k, new Random(seed))) === k
      )
    );
    const counts = new Array(12).fill(0);
    const rng = new Random(3);
    for (let t = 0; t < 6000; t++) {
      const m = randomKOut([5, 7], 3, rng);
      [...m[0], ...m[1]].forEach((v, i) => (counts[i] += 1 - v));
    }
    // Each of 12 neurons is in a 3-subset with probability 1/4: 1500 of 6000 (sd ≈ 34).
    for (const c of counts) expect(Math.abs(c - 1500)).toBeLessThan(150);
  });

  it('survivor scale is n/(n − k), and 1 when nothing or everything is dropped', () => {
    expect(survivorScale(8, 0)).toBe(1);
    expect(survivorScale(8, 2)).toBeCloseTo(8 / 6, 12);
    expect(survivorScale(8, 4)).toBe(2);
    expect(survivorScale(8, 8)).toBe(1);
  });

  it('applyMask forces the dropped units (0 in the mask) with the chosen survivor scale; clearMask undoes it', () => {
    const model = buildTwin(presetFor('moons'), 'dropout');
    const layers = dropoutLayers(model);
    const mask = toggled(toggled(keepAll([8, 8]), 0, 1), 1, 5);
    applyMask(layers, mask, 'kept-fraction');
    expect(layers[0].forcedMask).toEqual([1]);
    expect(layers[1].forcedMask).toEqual([5]);
    // The forced scale shows in the output: a kept unit is multiplied by 8/7.
    const x = { data: new Float32Array(8).fill(1), shape: [1, 8] };
    layers[0].eval();
    let y = Array.from(layers[0].forward(x).data);
    expect(y[1]).toBe(0);
    expect(y[0]).toBeCloseTo(8 / 7, 6);
    // 'training': what inverted dropout did in training, 1/(1 − p) = 1/0.7 for the explorer's p = 0.3.
    applyMask(layers, mask, 'training');
    y = Array.from(layers[0].forward(x).data);
    expect(y[0]).toBeCloseTo(1 / 0.7, 6);
    applyMask(layers, mask, 'none');
    y = Array.from(layers[0].forward(x).data);
    expect(y[0]).toBe(1);
    clearMask(layers);
    expect(layers[0].forcedMask).toBeNull();
    expect(() => applyMask(layers, keepAll([8]), 'none')).toThrow(RangeError);
  });

  it('withMask pins the mask for the call only, even when it throws', () => {
    const layers = dropoutLayers(buildTwin(presetFor('moons'), 'dropout'));
    const mask = toggled(keepAll([8, 8]), 1, 0);
    expect(withMask(layers, mask, 'none', () => layers[1].forcedMask)).toEqual([0]);
    expect(layers[1].forcedMask).toBeNull();
    expect(() =>
      withMask(layers, mask, 'none', () => {
        throw new Error('boom');
      })
    ).toThrow('boom');
    expect(layers.every((d) => d.forcedMask === null)).toBe(true);
  });

  it('counts 2ⁿ thinned networks exactly, and writes them exactly while it fits, then in powers of ten', () => {
    expect(thinnedNetworks(16)).toBe(65536n);
    expect(thinnedNetworks(80)).toBe(2n ** 80n);
    expect(() => thinnedNetworks(-1)).toThrow(RangeError);
    expect(thinnedNetworksText(10)).toBe('1,024');
    expect(thinnedNetworksText(16)).toBe('65,536');
    expect(thinnedNetworksText(32)).toBe('4,294,967,296');
    expect(thinnedNetworksText(50)).toBe((2 ** 50).toLocaleString('en-US'));
    expect(thinnedNetworksText(64)).toBe('≈ 1.8 × 10^19');
    expect(thinnedNetworksText(2048)).toMatch(/^≈ 3\.2 × 10\^616$/);
    expect(() => thinnedNetworksText(-1)).toThrow(RangeError);
    for (const n of [0, 7, 999, 1000, 65536, 1234567, 2 ** 50]) expect(groupDigits(n)).toBe(n.toLocaleString('en-US'));
    expect(groupDigits(2n ** 64n)).toBe((2n ** 64n).toLocaleString('en-US'));
  });
});
