import { describe, expect, it } from 'vitest';
import { Random, tensor } from '../../../src/lib/engine';
import { dropSites, droppableUnits, keptCount, sampleMask, withMask } from '../../../src/lib/lab/ensemble';
import { keepMask } from '../../../src/lib/lab/masks';
import { smallNet } from './helpers';

describe('thinned networks', () => {
  it('finds each droppable layer and the width it covers; p = 0 layers add no networks', () => {
    const sites = dropSites(smallNet({ width: 5 }));
    expect(sites.map((s) => [s.index, s.units, s.p])).toEqual([
      [2, 5, 0.5],
      [5, 5, 0.5]
    ]);
    expect(droppableUnits(sites)).toBe(10);
    expect(dropSites(smallNet({ p: 0 }))).toEqual([]);
  });

  it('draws masks that keep each unit with probability 1 − p', () => {
    const sites = dropSites(smallNet({ width: 50, p: 0.3 }));
    const rng = new Random(9);
    let kept = 0;
    const draws = 400;
    for (let i = 0; i < draws; i++) kept += keptCount(sampleMask(sites, rng));
    // 40,000 Bernoulli(0.7) draws: std of the fraction ≈ 0.0023, so ±0.01 is over 4 sigma.
    expect(kept / (draws * 100)).toBeCloseTo(0.7, 1);
    expect(Math.abs(kept / (draws * 100) - 0.7)).toBeLessThan(0.01);
  });

  it('withMask pins every input to the same thinned network and always unpins', () => {
    const model = smallNet({ width: 4 });
    const sites = dropSites(model);
    const mask = keepMask([Uint8Array.of(1, 0, 1, 0), Uint8Array.of(0, 1, 1, 1)]);
    const layers = sites.map((s) => s.layer);
    model.train();
    const x = tensor([0.3, -0.2, 0.3, -0.2, 0.3, -0.2], [3, 2]);
    const out = withMask(layers, mask, 'training', () => {
      expect(sites[0].layer.forcedMask).toEqual([1, 3]);
      expect(sites[1].layer.forcedMask).toEqual([0]);
      return model.forward(x).data.slice();
    });
    // Three identical inputs through one thinned network: three identical outputs, even in training mode.
    expect(out[1]).toBe(out[0]);
    expect(out[2]).toBe(out[0]);
    expect(sites.every((s) => s.layer.forcedMask === null)).toBe(true);
    expect(() =>
      withMask(layers, mask, 'training', () => {
        throw new Error('boom');
      })
    ).toThrow('boom');
    expect(sites.every((s) => s.layer.forcedMask === null)).toBe(true);
  });
});
