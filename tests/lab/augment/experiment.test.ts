/**
 * The four-way run on real digits (tiny settings, so it stays fast): the four networks start from
 * the same weights and see the same batches — with dropout at p = 0 and shifts of 0 px, all four
 * histories are identical to the last digit — the events come in order, and the numbers are finite.
 */
import { describe, expect, it } from 'vitest';
import { Dropout } from '../../../src/lib/engine';
import { loadMnistNode } from '../../../src/lib/data/mnist-node';
import {
  DEFAULT_CONFIG,
  VARIANTS,
  augmentData,
  augmentExperiment,
  buildNetwork,
  checkConfig,
  summarise,
  totalEpochs,
  type AugmentConfig,
  type ExperimentEvent,
  type RunSummary
} from '../../../src/lib/lab/augment/experiment';

const mnist = loadMnistNode();
const TINY: AugmentConfig = {
  ...DEFAULT_CONFIG,
  train: 60,
  val: 40,
  width: 16,
  epochs: 3,
  batchSize: 20,
  seeds: [1, 2]
};

function runAll(config: AugmentConfig): { events: ExperimentEvent[]; runs: RunSummary[] } {
  const data = augmentData(mnist, config);
  const events: ExperimentEvent[] = [];
  const g = augmentExperiment(data, config);
  for (let s = g.next(); ; s = g.next()) {
    if (s.done) return { events, runs: s.value };
    events.push(s.value);
  }
}

describe('buildNetwork', () => {
  it('gives the four variants the same layer list and identical initial weights; only dropout p and the shift bound differ', () => {
    const nets = VARIANTS.map((v) => buildNetwork(v, DEFAULT_CONFIG, 3));
    const weights = nets.map((n) => n.net.parameters().map((p) => Array.from(p.data)));
    for (const w of weights.slice(1)) expect(w).toEqual(weights[0]);
    const ps = nets.map((n) =>
      n.net
        .children()
        .filter((l): l is Dropout => l instanceof Dropout)
        .map((l) => l.p)
    );
    expect(ps).toEqual([
      [0, 0, 0],
      [0.2, 0.2, 0.2],
      [0, 0, 0],
      [0.2, 0.2, 0.2]
    ]);
    expect(nets.map((n) => n.model.options.maxShift)).toEqual([0, 0, 2, 2]);
    // Another seed, other weights.
    expect(buildNetwork('neither', DEFAULT_CONFIG, 4).net.parameters()[0].data).not.toEqual(
      nets[0].net.parameters()[0].data
    );
  });
});

describe('augmentExperiment', () => {
  it('with p = 0 and 0-px shifts the four networks train identically: same weights, same batch order', () => {
    const { runs } = runAll({ ...TINY, pInput: 0, pHidden: 0, maxShift: 0, seeds: [5] });
    expect(runs.map((r) => r.variant)).toEqual([...VARIANTS]);
    for (const r of runs.slice(1)) expect(r.history).toEqual(runs[0].history);
  });

  it('yields every epoch of every network and seed in order, then a summary each; numbers finite and reproducible', () => {
    const { events, runs } = runAll(TINY);
    const expected: string[] = [];
    for (const seed of TINY.seeds)
      for (const v of VARIANTS) {
        for (let e = 1; e <= TINY.epochs; e++) expected.push(`epoch ${seed} ${v} ${e}`);
        expected.push(`run ${seed} ${v}`);
      }
    expect(
      events.map((e) =>
        e.type === 'epoch'
          ? `epoch ${e.seed} ${e.variant} ${e.stats.epoch}`
          : `run ${e.summary.seed} ${e.summary.variant}`
      )
    ).toEqual(expected);
    const epochs = events.filter((e) => e.type === 'epoch');
    expect(epochs.map((e) => e.done)).toEqual(epochs.map((_, i) => i + 1));
    expect(epochs.every((e) => e.total === totalEpochs(TINY))).toBe(true);
    for (const r of runs) {
      expect(r.stopped).toBeNull();
      for (const v of [r.bestValLoss, r.finalValLoss, r.bestValError, r.finalValError])
        expect(Number.isFinite(v)).toBe(true);
      expect(r.bestValLoss).toBeLessThanOrEqual(r.finalValLoss);
    }
    // Dropout and shifts change the training: the four histories differ.
    const finals = new Set(runs.filter((r) => r.seed === 1).map((r) => r.finalValLoss));
    expect(finals.size).toBe(4);
    expect(runAll(TINY).runs).toEqual(runs);
  });

  it('rejects bad settings in words', () => {
    expect(() => checkConfig({ ...TINY, seeds: [] })).toThrow(/at least one seed/);
    expect(() => checkConfig({ ...TINY, seeds: [1, 1] })).toThrow(/differ/);
    expect(() => checkConfig({ ...TINY, pHidden: 1 })).toThrow(/pHidden/);
    expect(() => checkConfig({ ...TINY, epochs: 0 })).toThrow(/epochs/);
  });
});

describe('summarise', () => {
  it('best is the lowest validation loss and its epoch, final the last; no epochs give Infinity, never NaN', () => {
    const h = [0.5, 0.3, 0.4].map((v, i) => ({
      epoch: i + 1,
      trainLoss: v,
      trainAccuracy: 0.9,
      valLoss: v,
      valAccuracy: 0.8 + i * 0.01,
      steps: i
    }));
    const s = summarise('both', 2, h);
    expect([s.bestValLoss, s.bestEpoch, s.finalValLoss]).toEqual([0.3, 2, 0.4]);
    expect(s.bestValError).toBeCloseTo(0.18);
    expect(s.finalValError).toBeCloseTo(0.18);
    const empty = summarise('neither', 1, []);
    expect([empty.bestValLoss, empty.finalValLoss, empty.finalValError]).toEqual([Infinity, Infinity, 1]);
  });
});
