// createTwinRun: the two twins start from identical weights and see identical batches, differ only
// in dropout; runs are reproducible; a cap ends with 'done'; a diverging learning rate stops with a
// message and no NaN; plus the verdict, the CSV/table rows and the code export.
import { describe, expect, it } from 'vitest';
import { Dropout, type EpochStats } from '../../../src/lib/engine';
import {
  CURVE_COLUMNS,
  buildTwinSplit,
  createTwinRun,
  curveRows,
  curvesToCsv,
  toKeras,
  toPyTorch,
  validateTwinConfig,
  verdict,
  finalLossWinner,
  MissingDataError
} from '../../../src/lib/lab/twin';

const small = validateTwinConfig({ preset: 'overfit', epochs: 5 }).config;

const weights = (run: ReturnType<typeof createTwinRun>) => run.model.parameters().map((p) => Array.from(p.data));
const dropoutPs = (run: ReturnType<typeof createTwinRun>) =>
  run.model.modules.filter((m) => m instanceof Dropout).map((m) => (m as Dropout).p);

describe('createTwinRun', () => {
  const split = buildTwinSplit(small);

  it('gives both twins the same layers and the same initial weights; only dropout differs', () => {
    const plain = createTwinRun(small, split, 'plain');
    const drop = createTwinRun(small, split, 'dropout');
    expect(weights(plain)).toEqual(weights(drop));
    expect(plain.model.modules.map((m) => m.constructor.name)).toEqual(
      drop.model.modules.map((m) => m.constructor.name)
    );
    expect(dropoutPs(plain).every((p) => p === 0)).toBe(true);
    expect(dropoutPs(drop)).toEqual([small.pInput, ...small.pHidden]);
  });

  it('with every p = 0 the "dropout" twin is exactly the plain twin (same order, same updates)', () => {
    const zero = { ...small, pInput: 0, pHidden: small.pHidden.map(() => 0) };
    const a = createTwinRun(zero, split, 'plain');
    const b = createTwinRun(zero, split, 'dropout');
    for (let e = 0; e < 3; e++) expect(a.step().stats).toEqual(b.step().stats);
    expect(weights(a)).toEqual(weights(b));
  });

  it('is reproducible: a fresh run repeats the same numbers exactly (what "reset" relies on)', () => {
    const a = createTwinRun(small, split, 'dropout');
    const b = createTwinRun(small, buildTwinSplit(small), 'dropout');
    const ha = [a.step(), a.step()].map((r) => r.stats);
    const hb = [b.step(), b.step()].map((r) => r.stats);
    expect(ha).toEqual(hb);
    expect(ha[0]!.trainLoss).not.toBe(ha[1]!.trainLoss); // it is actually learning
  });

  it('stops at the epoch cap with kind "done"', () => {
    const run = createTwinRun(small, split, 'plain');
    const results = Array.from({ length: 7 }, () => run.step());
    expect(results.filter((r) => r.stats)).toHaveLength(5);
    expect(results[5].stopped).toEqual({ kind: 'done' });
    expect(run.stopped).toEqual({ kind: 'done' });
    expect(run.history).toHaveLength(5);
  });

  it('a learning rate that diverges stops the twin with a message, and no NaN in its history', () => {
    const wild = validateTwinConfig({ preset: 'overfit', optimizer: 'sgd', lr: 10, momentum: 0.99, epochs: 50 }).config;
    const run = createTwinRun(wild, buildTwinSplit(wild), 'plain');
    let r = run.step();
    while (r.stats) r = run.step();
    expect(r.stopped?.kind).toBe('diverged');
    if (r.stopped?.kind === 'diverged') expect(r.stopped.message).toMatch(/learning rate/);
    for (const s of run.history) for (const v of Object.values(s)) expect(Number.isFinite(v)).toBe(true);
  });

  it('cancelling mid-epoch reports "cancelled"', () => {
    const run = createTwinRun({ ...small, batchSize: 1 }, split, 'plain');
    expect(run.runEpoch(() => true).stopped).toEqual({ kind: 'cancelled' });
  });

  it('paints a decision map of probabilities for 2-D data, none for MNIST-shaped data', () => {
    const run = createTwinRun(small, split, 'dropout');
    run.step();
    const map = run.decisionMap(16)!;
    expect(map).toHaveLength(256);
    expect(map.every((v) => v >= 0 && v <= 1)).toBe(true);
    expect(run.model.training).toBe(true); // restored after the eval-mode pass
    const fake = {
      ...split,
      inputShape: [3],
      classes: 3,
      train: { x: { data: new Float32Array(30), shape: [10, 3] }, y: { data: new Float32Array(10), shape: [10] } }
    };
    expect(createTwinRun(small, fake, 'plain').decisionMap(8)).toBeNull();
  });

  it('asks for MNIST or CSV data when the config needs it', () => {
    expect(() => buildTwinSplit(validateTwinConfig({ preset: 'digits' }).config)).toThrow(MissingDataError);
    expect(() => buildTwinSplit(validateTwinConfig({ data: 'csv' }).config)).toThrow(MissingDataError);
  });
});

const stats = (epoch: number, trainLoss: number, valLoss: number): EpochStats => ({
  epoch,
  trainLoss,
  trainAccuracy: 0.9,
  valLoss,
  valAccuracy: 0.8,
  steps: epoch
});

describe('verdict', () => {
  it('compares best validation losses and epochs, and the drift of the plain twin', () => {
    const plain = [stats(1, 0.6, 0.5), stats(2, 0.3, 0.44), stats(3, 0.1, 0.9)];
    const drop = [stats(1, 0.6, 0.5), stats(2, 0.4, 0.31), stats(3, 0.3, 0.33)];
    const v = verdict(plain, drop);
    expect(v.plain).toEqual({ epoch: 2, valLoss: 0.44, valAccuracy: 0.8 });
    expect(v.dropout?.epoch).toBe(2);
    expect(v.text).toMatch(/^Best validation loss: 0\.31 with dropout vs 0\.44 without \(epoch 2 vs 2\)\./);
    expect(v.text).toMatch(/Now: 0\.33 with dropout vs 0\.90 without/);
    expect(verdict(plain.slice(0, 2), drop.slice(0, 2)).text).not.toMatch(/Now/);
  });

  it('says how to start before any epoch, and never prints NaN', () => {
    expect(verdict([], []).text).toMatch(/Press play/);
    expect(verdict([stats(1, NaN, NaN)], [stats(1, 1, 1)]).text).not.toMatch(/NaN/);
  });

  it('names the twin with the lower final validation loss, or none when they are within 5%', () => {
    const plain = [stats(1, 0.6, 0.5), stats(2, 0.3, 0.9)];
    expect(finalLossWinner(plain, [stats(1, 0.6, 0.5), stats(2, 0.3, 0.4)])).toBe('dropout');
    expect(finalLossWinner(plain, [stats(1, 0.6, 0.5), stats(2, 0.3, 0.93)])).toBe(null);
    expect(finalLossWinner([stats(1, 0.6, 0.4)], [stats(1, 0.6, 0.5)])).toBe('plain');
    expect(finalLossWinner([], [stats(1, 0.6, 0.5)])).toBeUndefined();
    expect(finalLossWinner([stats(1, 0.6, NaN)], [stats(1, 0.6, 0.5)])).toBeUndefined();
  });
});

describe('curves as rows and CSV', () => {
  it('has one row per epoch, the same numbers in the CSV as in the rows, blanks for a stopped twin', () => {
    const plain = [stats(1, 0.6, 0.5)];
    const drop = [stats(1, 0.7, 0.55), stats(2, 0.123456789, 0.4)];
    const rows = curveRows(plain, drop);
    expect(rows).toHaveLength(2);
    expect(rows[1]).toEqual([2, null, null, 0.123456789, 0.4, null, 0.8]);
    const csv = curvesToCsv(plain, drop).trimEnd().split('\n');
    expect(csv[0]).toBe(CURVE_COLUMNS.join(','));
    expect(csv[2]).toBe('2,,,0.123457,0.4,,0.8');
    expect(csv.slice(1).map((l) => l.split(',').map((c) => (c === '' ? null : Number(c))))).toEqual(
      rows.map((r) => r.map((v) => (v === null ? null : Number(v.toPrecision(6)))))
    );
  });
});

describe('code export', () => {
  it('PyTorch: the configured layers, dropout probabilities, optimiser and loop', () => {
    const c = validateTwinConfig({
      preset: 'overfit',
      depth: 3,
      pInput: 0.2,
      pHidden: [0.5, 0.4, 0.3],
      optimizer: 'sgd',
      lr: 1e-5
    }).config;
    const code = toPyTorch(c, 2, 2);
    expect(code).toContain('nn.Linear(2, 64), nn.ReLU(), nn.Dropout(0.5 if dropout else 0.0)');
    expect(code).toContain('nn.Dropout(0.3 if dropout else 0.0)');
    expect(code).toContain('nn.Dropout(0.2 if dropout else 0.0),  # on the inputs');
    expect(code.match(/nn\.Linear\(/g)).toHaveLength(4);
    expect(code).toContain('torch.optim.SGD(model.parameters(), lr=0.00001, momentum=0.9)');
    expect(code).toContain('nn.BCEWithLogitsLoss()');
    expect(code).toContain('load_state_dict');
    expect(code).toContain(`range(1, ${c.epochs} + 1)`);
  });

  it('Keras: Dense/Dropout stack with rates, from_logits loss, the fit call', () => {
    const c = validateTwinConfig({ preset: 'digits' }).config;
    const code = toKeras(c, 10, 784);
    expect(code).toContain('keras.Input(shape=(784,))');
    expect(code).toContain('layers.Dropout(0.2 if dropout else 0.0),  # on the inputs');
    expect(code.match(/layers\.Dense\(256/g)).toHaveLength(2);
    expect(code).toContain('layers.Dense(10,');
    expect(code).toContain('SparseCategoricalCrossentropy(from_logits=True)');
    expect(code).toContain('keras.optimizers.Adam(learning_rate=0.001)');
    expect(code).toContain('batch_size=64, epochs=30');
    expect(toPyTorch(c, 10, 784)).toContain('nn.CrossEntropyLoss()');
  });
});
