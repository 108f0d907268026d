// Map knock-out: the sets are seeded, distinct and the same for every network; the fast path (summing
// each map's contribution to the second convolution) gives the same accuracy as zeroing the maps and
// running the whole network; k = 0 is the plain evaluation; a knocked-out map really reaches the next
// layer as zeros.
import { beforeAll, describe, expect, it } from 'vitest';
import { Adam, CrossEntropyLoss, Seeds, Trainer } from '../../../src/lib/engine';
import { loadMnistNode } from '../../../src/lib/data/mnist-node';
import { imageSplit, type ImageSplit } from '../../../src/lib/lab/spatial/data';
import {
  KNOCKOUT_KS,
  knockoutAccuracies,
  knockoutAccuracyDirect,
  knockoutCurve,
  knockoutSets
} from '../../../src/lib/lab/spatial/knockout';
import { demoCnn, type DemoCnn } from '../../../src/lib/lab/spatial/model';

let data: ImageSplit;
let model: DemoCnn;
let trainer: Trainer;

beforeAll(() => {
  data = imageSplit(loadMnistNode(), { train: 64, val: 120, seed: 3 });
  model = demoCnn('spatial', 0.3, 5);
  // Two epochs: weights that separate the digits somewhat, so knocking maps out has something to cost.
  trainer = new Trainer({
    model: model.net,
    loss: new CrossEntropyLoss(),
    optimizer: new Adam(model.net.parameters(), { lr: 4e-3 }),
    train: data.train,
    batchSize: 16,
    shuffle: new Seeds(5).stream('shuffle')
  });
  trainer.runEpoch();
  trainer.runEpoch();
});

describe('knockoutSets', () => {
  it('draws distinct sets of k distinct maps, every set when there are few, the same for the same seed', () => {
    const groups = knockoutSets(8, KNOCKOUT_KS, 12, 9);
    expect(groups.map((g) => g.k)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    // k = 0: only the empty set; k = 1: all 8 maps (fewer than 12 sets exist); otherwise 12.
    expect(groups.map((g) => g.sets.length)).toEqual([1, 8, 12, 12, 12, 12, 12]);
    expect(groups[0].sets).toEqual([[]]);
    for (const g of groups) {
      expect(new Set(g.sets.map((s) => s.join(','))).size).toBe(g.sets.length);
      for (const set of g.sets) {
        expect(set).toHaveLength(g.k);
        expect(new Set(set).size).toBe(g.k);
        for (const c of set) expect(c >= 0 && c < 8).toBe(true);
      }
    }
    expect(knockoutSets(8, KNOCKOUT_KS, 12, 9)).toEqual(groups);
    expect(knockoutSets(8, KNOCKOUT_KS, 12, 10)).not.toEqual(groups);
  });

  it('rejects a k it cannot draw', () => {
    expect(() => knockoutSets(8, [9])).toThrow(/k must be 0–8/);
  });
});

describe('knockoutAccuracies', () => {
  it('k = 0 is the plain evaluation of the network', () => {
    const [none] = knockoutAccuracies(model, data.val, [[]]);
    const plain = trainer.evaluate(data.val).accuracy;
    expect(none).toBe(plain);
  });

  it('matches zeroing the maps and running the whole network, set by set', () => {
    const sets = [[], [0], [3, 5], [1, 2, 6], [0, 2, 4, 6, 7], [0, 1, 2, 3, 4, 5, 6, 7]];
    const fast = knockoutAccuracies(model, data.val, sets);
    const direct = sets.map((s) => knockoutAccuracyDirect(model, data.val, s));
    expect(fast).toEqual(direct);
    // Knocking out every map leaves the network one constant answer: at most the share of its commonest digit.
    expect(fast[5]).toBeLessThanOrEqual(0.2);
    expect(fast[0]).toBeGreaterThan(fast[5]);
  });

  it('zeroed maps really are zero where the next layer reads them, and the model keeps its mode', () => {
    const x = { data: data.val.x.data.subarray(0, 4 * 784), shape: [4, 1, 28, 28] };
    model.net.train();
    const maps = model.features.forward(x).data.slice();
    let energy = 0;
    for (let r = 0; r < 4; r++) for (let i = 0; i < 784; i++) energy += maps[(r * 8 + 2) * 784 + i];
    // Map 2 carries signal, so zeroing it is a real change: the direct path then differs from the plain one.
    expect(energy).toBeGreaterThan(0);
    const all = knockoutAccuracies(model, data.val, [[2]]);
    expect(model.net.training).toBe(true);
    expect(all[0]).toBe(knockoutAccuracyDirect(model, data.val, [2]));
  });
});

describe('knockoutCurve', () => {
  it('averages each k over its sets, and the same sets give every network the same treatment', () => {
    const groups = knockoutSets(8, [0, 2, 6], 5, 1);
    const curve = knockoutCurve(model, data.val, groups);
    expect(curve.ks).toEqual([0, 2, 6]);
    expect(curve.perSet.map((a) => a.length)).toEqual([1, 5, 5]);
    for (let i = 0; i < 3; i++) {
      const mean = curve.perSet[i].reduce((a, b) => a + b, 0) / curve.perSet[i].length;
      expect(curve.accuracy[i]).toBeCloseTo(mean, 12);
    }
    // Set by set, the curve holds exactly what measuring each set alone gives.
    expect(curve.perSet[1]).toEqual(knockoutAccuracies(model, data.val, groups[1].sets));
  });
});
