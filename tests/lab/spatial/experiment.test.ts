/**
 * The demo CNN and the three-way experiment on real digits (a tiny run, so the test stays fast):
 * identical starting weights, the right events in order, finite measurements, and feature maps.
 */
import { describe, expect, it } from 'vitest';
import { Dropout, Dropout2d, Identity } from '../../../src/lib/engine';
import { loadMnistNode } from '../../../src/lib/data/mnist-node';
import { imageSplit, pickImages, galleryRows } from '../../../src/lib/lab/spatial/data';
import {
  DEFAULT_CONFIG,
  featureMaps,
  networkSeeds,
  spatialExperiment,
  type ExperimentEvent
} from '../../../src/lib/lab/spatial/experiment';
import { demoCnn, MASK_KINDS } from '../../../src/lib/lab/spatial/model';

describe('demoCnn', () => {
  it('the three variants start from identical weights and differ only in the layer after the first ReLU', () => {
    const nets = MASK_KINDS.map((k) => demoCnn(k, 0.3, 11));
    const [a, b, c] = nets.map((n) => n.net.parameters());
    expect(a.map((p) => p.name)).toEqual(['0.0.weight', '0.0.bias', '3.weight', '3.bias', '7.weight', '7.bias']);
    for (let i = 0; i < a.length; i++) {
      expect(Array.from(b[i].data)).toEqual(Array.from(a[i].data));
      expect(Array.from(c[i].data)).toEqual(Array.from(a[i].data));
    }
    expect(nets[0].dropout).toBeInstanceOf(Identity);
    expect(nets[1].dropout).toBeInstanceOf(Dropout);
    expect(nets[2].dropout).toBeInstanceOf(Dropout2d);
    expect(String(nets[2].net)).toContain('Dropout2d(p=0.3)');
  });

  it('maps [N, 1, 28, 28] to 10 logits; spatial dropout zeroes whole maps while training', () => {
    const { net, dropout } = demoCnn('spatial', 0.5, 3);
    const x = { data: new Float32Array(4 * 784).map((_, i) => (i % 7) / 7), shape: [4, 1, 28, 28] };
    expect(net.forward(x).shape).toEqual([4, 10]);
    const mask = (dropout as Dropout2d).lastMask!;
    expect(mask).toHaveLength(4 * 8); // one entry per (digit, map)
  });
});

describe('spatialExperiment on real digits (tiny run)', () => {
  const data = imageSplit(loadMnistNode(), { train: 60, val: 40, seed: 1 });

  it('shapes the digits as images and finds one gallery digit per class', () => {
    expect(data.train.x.shape).toEqual([60, 1, 28, 28]);
    expect(data.val.x.shape).toEqual([40, 1, 28, 28]);
    expect(data.gallery).toHaveLength(10);
    data.gallery.forEach((row, d) => expect(data.val.y.data[row]).toBe(d));
    expect(galleryRows([2, 2, 0])).toEqual([2, -1, 0, -1, -1, -1, -1, -1, -1, -1]);
  });

  it('trains the three variants of every seed in order, yields every epoch, and returns finite summaries', () => {
    const events: ExperimentEvent[] = [];
    let maps: Float32Array | null = null;
    const gen = spatialExperiment(
      data,
      { ...DEFAULT_CONFIG, epochs: 2, batchSize: 20, seeds: 2, setsPerK: 3 },
      {
        afterEpoch: (kind, epoch, model, seed) => {
          if (kind === 'none' && epoch === 1 && seed === DEFAULT_CONFIG.seed)
            maps = featureMaps(model, pickImages(data.val, data.gallery));
        }
      }
    );
    let step = gen.next();
    while (!step.done) {
      events.push(step.value);
      step = gen.next();
    }
    const summaries = step.value;
    const seeds = networkSeeds({ ...DEFAULT_CONFIG, seeds: 2 });
    expect(seeds).toEqual([DEFAULT_CONFIG.seed, DEFAULT_CONFIG.seed + 1]);
    expect(
      events.map((e) =>
        e.type === 'epoch' ? `${e.seed}:${e.kind}:${e.stats.epoch}` : `run:${e.summary.seed}:${e.summary.kind}`
      )
    ).toEqual(
      seeds.flatMap((seed) =>
        ['none', 'element', 'spatial'].flatMap((k) => [`${seed}:${k}:1`, `${seed}:${k}:2`, `run:${seed}:${k}`])
      )
    );
    expect(summaries.map((s) => `${s.seed}:${s.kind}`)).toEqual(
      seeds.flatMap((seed) => ['none', 'element', 'spatial'].map((k) => `${seed}:${k}`))
    );
    for (const s of summaries) {
      expect(s.stopped).toBeNull();
      expect(Number.isFinite(s.bestValLoss)).toBe(true);
      expect(s.bestValAccuracy).toBeGreaterThan(0);
      expect(s.history).toHaveLength(2);
      // The knock-out curve, measured after the last epoch: k = 0 is the network's own last validation accuracy.
      expect(s.knockout?.ks).toEqual([0, 1, 2, 3, 4, 5, 6]);
      expect(s.knockout?.perSet.map((a) => a.length)).toEqual([1, 3, 3, 3, 3, 3, 3]);
      expect(s.knockout?.accuracy[0]).toBe(s.history[1].valAccuracy);
    }
    // Different masks, different training: the three runs of a seed do not end identical, nor do two seeds.
    expect(new Set(summaries.slice(0, 3).map((s) => s.history[1].trainLoss)).size).toBe(3);
    expect(summaries[0].history[1].trainLoss).not.toBe(summaries[3].history[1].trainLoss);
    // The feature maps: 10 digits × 8 maps × 28 × 28, after ReLU (≥ 0), not all zero.
    expect(maps).not.toBeNull();
    const m = maps as unknown as Float32Array;
    expect(m).toHaveLength(10 * 8 * 784);
    expect(m.every((v) => v >= 0 && Number.isFinite(v))).toBe(true);
    expect(m.some((v) => v > 0)).toBe(true);
  });

  it('is reproducible: the same seed gives the same curves', () => {
    const small = imageSplit(loadMnistNode(), { train: 20, val: 20, seed: 2 });
    const run = () => {
      const gen = spatialExperiment(small, { ...DEFAULT_CONFIG, epochs: 1, batchSize: 10, seeds: 2, setsPerK: 2 });
      let s = gen.next();
      while (!s.done) s = gen.next();
      return s.value.map((r) => [r.history[0].valLoss, ...(r.knockout?.accuracy ?? [])]);
    };
    expect(run()).toEqual(run());
  });
});
