import { beforeAll, describe, expect, it } from 'vitest';
import { predict, sigmoid } from '../../../src/lib/engine';
import { grid } from '../../../src/lib/data';
import { loadMnistNode } from '../../../src/lib/data/mnist-node';
import {
  describeUncertainty,
  sampleStrip,
  trainEnsembleNet,
  uncertaintyMap,
  type TrainedNet
} from '../../../src/lib/lab/ensemble';

describe('ensemble views', () => {
  let net: TrainedNet;
  beforeAll(() => {
    net = trainEnsembleNet({ data: 'moons', epochs: 25, seed: 3 });
  });

  it('a strip: members differ, the average is their mean, weight scaling is the eval network', () => {
    const s = sampleStrip(net, { count: 5, seed: 1, resolution: 12 });
    expect(s.networks).toHaveLength(5);
    const maps = s.networks.map((n) => n.map!);
    expect(maps[0]).not.toEqual(maps[1]);
    expect(s.networks[0].mask.map((m) => m.length)).toEqual([16, 16]);
    for (let i = 0; i < 144; i += 13) {
      expect(s.average![i]).toBeCloseTo(maps.reduce((a, m) => a + m[i], 0) / 5, 5);
    }
    const logits = predict(net.model, grid(12)).data;
    expect(s.weightScaled![40]).toBeCloseTo(sigmoid(logits[40]), 6);
    for (const n of s.networks) expect(n.valError).toBeGreaterThanOrEqual(0);
  });

  it('a new seed draws a new strip; the same seed the same one', () => {
    const a = sampleStrip(net, { count: 3, seed: 7, resolution: 8 });
    expect(sampleStrip(net, { count: 3, seed: 7, resolution: 8 }).networks[0].mask).toEqual(a.networks[0].mask);
    expect(sampleStrip(net, { count: 3, seed: 8, resolution: 8 }).networks.map((n) => n.mask)).not.toEqual(
      a.networks.map((n) => n.mask)
    );
  });

  it('the uncertainty map: finite spreads in [0, 0.5], summaries consistent, an honest sentence', () => {
    const u = uncertaintyMap(net, { k: 40, resolution: 24 });
    expect(u.std).toHaveLength(24 * 24);
    for (const s of u.std) {
      expect(Number.isFinite(s)).toBe(true);
      expect(s).toBeGreaterThanOrEqual(0);
      expect(s).toBeLessThanOrEqual(0.5 + 1e-6); // the std of values in [0, 1] is at most 1/2
    }
    expect(u.max).toBe(Math.max(...u.std));
    expect(u.nearData).toBeGreaterThan(0);
    const text = describeUncertainty(u);
    expect(text).toMatch(/not a calibrated probability/);
    expect(text).not.toMatch(/NaN|Infinity|undefined/);
  });

  it('MNIST: no plane, so no maps; the strip still measures each member', () => {
    const digits = trainEnsembleNet({ data: 'mnist', epochs: 1, width: 16 }, { mnist: loadMnistNode() });
    expect(digits.units).toBe(32);
    const s = sampleStrip(digits, { count: 2 });
    expect(s.average).toBeNull();
    expect(s.networks[0].map).toBeNull();
    expect(s.weightScaledError).toBeLessThan(0.9); // better than guessing among 10 digits
    expect(() => uncertaintyMap(digits)).toThrow(/2-D data set/);
  });
});
