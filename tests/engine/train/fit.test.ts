import { describe, expect, it } from 'vitest';
import { Sequential, Linear, Tanh, Dropout } from '../../../src/lib/engine/layers';
import { BCEWithLogitsLoss } from '../../../src/lib/engine/losses';
import { Adam, SGD } from '../../../src/lib/engine/optim';
import { makeTwoD } from '../../../src/lib/data';
import { mlp } from '../../../src/lib/engine/models';
import { Seeds } from '../../../src/lib/engine/rng';
import { seedDropout } from '../../../src/lib/engine/layers';
import { fit } from '../../../src/lib/engine/train/fit';
import { Trainer } from '../../../src/lib/engine/train/trainer';
import type { Dataset } from '../../../src/lib/engine/dataset';
import { tensor } from '../../../src/lib/engine/tensor';

/** Two interleaved spirals, made here so these tests depend on the engine only. */
function spiral(n: number, seed: number): Dataset {
  const rng = new Seeds(seed).stream('data');
  const x: number[] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const label = i % 2;
    const r = (i / n) * 5;
    const t = 1.75 * (i / n) * 2 * Math.PI + label * Math.PI;
    x.push((r * Math.sin(t)) / 5 + rng.uniform(-0.02, 0.02), (r * Math.cos(t)) / 5 + rng.uniform(-0.02, 0.02));
    y.push(label);
  }
  return { x: tensor(x, [n, 2]), y: tensor(y, [n]) };
}

function run(seed: number, opts: { p: number; epochs: number; lr?: number; maskSeed?: number }) {
  const seeds = new Seeds(seed);
  const data = spiral(200, 7);
  const model = mlp({
    inputs: 2,
    hidden: [8, 8],
    outputs: 1,
    activation: 'tanh',
    hiddenDropout: opts.p,
    init: seeds.stream('init')
  });
  seedDropout(model, new Seeds(opts.maskSeed ?? seed).stream('masks'));
  return fit({
    model,
    loss: new BCEWithLogitsLoss(),
    optimizer: new SGD(model.parameters(), { lr: opts.lr ?? 0.1, momentum: 0.9 }),
    train: data,
    val: spiral(100, 8),
    batchSize: 10,
    shuffle: seeds.stream('shuffle'),
    epochs: opts.epochs
  });
}

describe('fit', () => {
  it('is reproducible: the same seeds give bit-identical loss curves', () => {
    const a = run(1, { p: 0.2, epochs: 5 });
    const b = run(1, { p: 0.2, epochs: 5 });
    expect(a.history.length).toBe(5);
    expect(b.history).toEqual(a.history);
  });

  it('changes when only the mask seed changes (masks come from their own stream)', () => {
    const a = run(1, { p: 0.2, epochs: 3 });
    const b = run(1, { p: 0.2, epochs: 3, maskSeed: 99 });
    expect(b.history[2].trainLoss).not.toBe(a.history[2].trainLoss);
  });

  it('a p = 0 twin trains exactly like the same network without dropout layers', () => {
    const withZero = run(3, { p: 0, epochs: 4 });
    const seeds = new Seeds(3);
    const init = seeds.stream('init');
    const plain = new Sequential(
      new Linear(2, 8, { rng: init, init: 'glorot' }),
      new Tanh(),
      new Linear(8, 8, { rng: init, init: 'glorot' }),
      new Tanh(),
      new Linear(8, 1, { rng: init, init: 'glorot' })
    );
    const result = fit({
      model: plain,
      loss: new BCEWithLogitsLoss(),
      optimizer: new SGD(plain.parameters(), { lr: 0.1, momentum: 0.9 }),
      train: spiral(200, 7),
      val: spiral(100, 8),
      batchSize: 10,
      shuffle: seeds.stream('shuffle'),
      epochs: 4
    });
    expect(result.history).toEqual(withZero.history);
  });

  it('learns: a 2-8-8-1 tanh net fits the spiral to > 95% training accuracy', () => {
    const data = makeTwoD('spiral', { points: 400, noise: 0.05, valFraction: 0.25, rng: new Seeds(1).stream('data') });
    const seeds = new Seeds(4);
    const model = mlp({ inputs: 2, hidden: [8, 8], outputs: 1, activation: 'tanh', init: seeds.stream('init') });
    const result = fit({
      model,
      loss: new BCEWithLogitsLoss(),
      optimizer: new Adam(model.parameters(), { lr: 0.02 }),
      train: data.train,
      val: data.val,
      batchSize: 10,
      epochs: 800,
      shuffle: seeds.stream('shuffle')
    });
    expect(result.stopped.kind).toBe('done');
    expect(result.history.at(-1)!.trainAccuracy).toBeGreaterThan(0.95);
  });

  it('stops a diverging run with a message instead of emitting NaN', () => {
    const result = run(2, { p: 0.2, epochs: 50, lr: 1e9 });
    expect(result.stopped.kind).toBe('diverged');
    if (result.stopped.kind === 'diverged') {
      expect(result.stopped.message).toMatch(/diverged at epoch \d+.*lower the learning rate/i);
      expect(result.stopped.epoch).toBeGreaterThanOrEqual(1);
    }
    for (const e of result.history) {
      for (const v of [e.trainLoss, e.valLoss, e.trainAccuracy, e.valAccuracy]) expect(Number.isFinite(v)).toBe(true);
    }
  });

  it('can be cancelled between steps', () => {
    let polls = 0;
    const seeds = new Seeds(4);
    const model = mlp({ inputs: 2, hidden: [8], outputs: 1, activation: 'tanh', init: seeds.stream('init') });
    const result = fit({
      model,
      loss: new BCEWithLogitsLoss(),
      optimizer: new SGD(model.parameters(), { lr: 0.1 }),
      train: spiral(100, 1),
      batchSize: 10,
      shuffle: seeds.stream('shuffle'),
      epochs: 100,
      shouldStop: () => ++polls > 25
    });
    expect(result.stopped.kind).toBe('cancelled');
    expect(result.history.length).toBe(2); // 10 steps per epoch: 2 full epochs, cancelled in the 3rd
  });

  it('measures in eval mode: reported losses do not depend on the mask stream', () => {
    // Same weights, different mask seeds, zero learning rate: weights never change, so eval-mode
    // measurements must be identical even though training forwards used different masks.
    const a = run(6, { p: 0.5, epochs: 2, lr: 1e-30 });
    const b = run(6, { p: 0.5, epochs: 2, lr: 1e-30, maskSeed: 1234 });
    expect(a.history.map((h) => h.valLoss)).toEqual(b.history.map((h) => h.valLoss));
  });

  it("applies max-norm to every unit's incoming weights", () => {
    const seeds = new Seeds(9);
    const model = new Sequential(
      new Linear(2, 16, { rng: seeds.stream('init') }),
      new Tanh(),
      new Dropout(0.2),
      new Linear(16, 1, { rng: seeds.stream('init') })
    );
    const trainer = new Trainer({
      model,
      loss: new BCEWithLogitsLoss(),
      optimizer: new SGD(model.parameters(), { lr: 5 }),
      train: spiral(100, 2),
      batchSize: 10,
      shuffle: seeds.stream('shuffle'),
      maxNorm: 0.5
    });
    trainer.runEpoch();
    for (const p of model.parameters().filter((q) => q.shape.length === 2)) {
      const [rows, cols] = p.shape;
      for (let r = 0; r < rows; r++) {
        let s = 0;
        for (let c = 0; c < cols; c++) s += p.data[r * cols + c] ** 2;
        expect(Math.sqrt(s)).toBeLessThanOrEqual(0.5 + 1e-5);
      }
    }
  });

  it('rejects nonsense options with a clear error', () => {
    const seeds = new Seeds(1);
    const model = mlp({ inputs: 2, hidden: [4], outputs: 1, activation: 'relu', init: seeds.stream('init') });
    const base = {
      model,
      loss: new BCEWithLogitsLoss(),
      optimizer: new SGD(model.parameters(), { lr: 0.1 }),
      train: spiral(20, 1),
      shuffle: seeds.stream('shuffle')
    };
    expect(() => fit({ ...base, batchSize: 0, epochs: 1 })).toThrow(/batch size/);
    expect(() => fit({ ...base, batchSize: 4, epochs: -1 })).toThrow(/epochs/);
    expect(() => fit({ ...base, batchSize: 4, epochs: 1, maxNorm: -2 })).toThrow(/max-norm/);
  });
});
