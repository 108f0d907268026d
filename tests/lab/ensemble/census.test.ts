import { describe, expect, it } from 'vitest';
import { Adam, BCEWithLogitsLoss, Seeds, Trainer, mlp, seedDropout } from '../../../src/lib/engine';
import { makeTwoD } from '../../../src/lib/data';
import { MaskCensus, dropSites, trainEnsembleNet } from '../../../src/lib/lab/ensemble';

/** Trains a 2-3-3-1 net for a few epochs, optionally through a census; returns the weights and the census. */
function run(withCensus: boolean) {
  const seeds = new Seeds(4);
  const split = makeTwoD('xor', { rng: seeds.stream('data'), points: 60 });
  const model = mlp({
    inputs: 2,
    hidden: [3, 3],
    outputs: 1,
    activation: 'relu',
    hiddenDropout: 0.5,
    init: seeds.stream('init')
  });
  seedDropout(model, seeds.stream('masks'));
  const census = new MaskCensus(model, dropSites(model));
  // Independent recount: the masks, as strings, straight from the layers after every training forward.
  const seen = new Set<string>();
  let drawn = 0;
  const trainer = new Trainer({
    model: withCensus ? census : model,
    loss: new BCEWithLogitsLoss(),
    optimizer: new Adam(model.parameters(), { lr: 0.01 }),
    train: split.train,
    batchSize: 5,
    shuffle: seeds.stream('shuffle')
  });
  const sites = dropSites(model);
  const original = model.forward.bind(model);
  model.forward = (x) => {
    const y = original(x);
    if (model.training) {
      for (let r = 0; r < x.shape[0]; r++) {
        seen.add(sites.map((s) => Array.from(s.layer.lastMask!.subarray(r * 3, r * 3 + 3)).join('')).join('|'));
        drawn++;
      }
    }
    return y;
  };
  for (let e = 0; e < 20; e++) trainer.runEpoch();
  return {
    weights: model.parameters().map((p) => Array.from(p.data)),
    census,
    seen,
    drawn,
    trainRows: split.train.x.shape[0]
  };
}

describe('MaskCensus', () => {
  it('counts every mask drawn and the distinct ones, matching an independent recount', () => {
    const r = run(true);
    expect(r.census.drawn).toBe(r.trainRows * 20);
    expect(r.census.drawn).toBe(r.drawn);
    expect(r.census.distinct).toBe(r.seen.size);
    // 6 droppable units: at most 2⁶ = 64 different networks, and 600 draws visit most of them.
    expect(r.census.distinct).toBeLessThanOrEqual(64);
    expect(r.census.distinct).toBeGreaterThan(40);
  });

  it('is transparent: training through it gives bit-identical weights', () => {
    expect(run(true).weights).toEqual(run(false).weights);
  });

  it('hashes masks longer than 52 units and still counts distinct ones', () => {
    const net = trainEnsembleNet({ data: 'moons', width: 32, epochs: 2 });
    expect(net.units).toBe(64);
    expect(net.masksDrawn).toBe(net.split.train.x.shape[0] * 2);
    // 2⁶⁴ networks: 400 draws are all different (a repeat has probability ≈ 1e-14).
    expect(net.masksDistinct).toBe(net.masksDrawn);
  });

  it('with few units, training revisits networks: distinct < drawn', () => {
    const net = trainEnsembleNet({ data: 'moons', width: 4, epochs: 5 });
    expect(net.units).toBe(8);
    expect(net.masksDistinct).toBeLessThanOrEqual(256);
    expect(net.masksDistinct).toBeLessThan(net.masksDrawn);
  });
});
