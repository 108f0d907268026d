import { describe, expect, it } from 'vitest';
import { Dropout, Linear, ReLU, Sequential } from '../../../src/lib/engine/layers';
import { ActivationRecorder, predict, predictMC } from '../../../src/lib/engine/inference';
import { Random } from '../../../src/lib/engine/rng';
import { seedDropout } from '../../../src/lib/engine/layers';
import { tensor } from '../../../src/lib/engine/tensor';

function input(n: number, f: number, seed = 1) {
  const r = new Random(seed);
  return tensor(
    Array.from({ length: n * f }, () => r.uniform(-1, 1)),
    [n, f]
  );
}

describe('predict', () => {
  it('runs in eval mode and restores the previous mode', () => {
    const model = new Sequential(new Linear(3, 4, { rng: new Random(1) }), new Dropout(0.5));
    model.train();
    const x = input(5, 3);
    const a = predict(model, x);
    const b = predict(model, x);
    expect(Array.from(b.data)).toEqual(Array.from(a.data)); // deterministic: no mask
    expect(model.training).toBe(true);
  });
});

describe('predictMC', () => {
  it('with p = 0 every pass is the same: std 0, mean = eval output', () => {
    const model = new Sequential(new Linear(3, 4, { rng: new Random(1) }), new Dropout(0));
    const x = input(6, 3);
    const mc = predictMC(model, x, 10);
    const e = predict(model, x);
    for (let i = 0; i < e.data.length; i++) {
      expect(mc.std.data[i]).toBe(0);
      expect(mc.mean.data[i]).toBeCloseTo(e.data[i], 5);
    }
  });

  it('for a linear net, the MC mean of inverted dropout converges to the eval output', () => {
    const model = new Sequential(new Dropout(0.5), new Linear(8, 2, { rng: new Random(3) }));
    seedDropout(model, new Random(11));
    const x = input(4, 8, 2);
    const mc = predictMC(model, x, 4000);
    const e = predict(model, x);
    let spread = 0;
    for (let i = 0; i < e.data.length; i++) {
      expect(Math.abs(mc.mean.data[i] - e.data[i])).toBeLessThan((5 * mc.std.data[i]) / Math.sqrt(4000) + 1e-4);
      spread += mc.std.data[i];
    }
    expect(spread).toBeGreaterThan(0);
    expect(model.training).toBe(true);
  });

  it('averages probabilities when asked (softmax rows sum to 1)', () => {
    const model = new Sequential(
      new Linear(3, 5, { rng: new Random(2) }),
      new ReLU(),
      new Dropout(0.5),
      new Linear(5, 3, { rng: new Random(4) })
    );
    const mc = predictMC(model, input(7, 3), 20, 'softmax');
    for (let r = 0; r < 7; r++) {
      const row = Array.from(mc.mean.data.subarray(r * 3, r * 3 + 3));
      expect(row.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 5);
    }
  });

  it('rejects k < 1', () => {
    const model = new Sequential(new Linear(2, 1));
    expect(() => predictMC(model, input(1, 2), 0)).toThrow(/k must be/);
  });
});

describe('ActivationRecorder', () => {
  it("keeps every layer's output, equal to running the prefix of the net", () => {
    const layers = [new Linear(2, 4, { rng: new Random(1) }), new ReLU(), new Linear(4, 3, { rng: new Random(2) })];
    const model = new Sequential(...layers).eval();
    const x = input(10, 2);
    const rec = new ActivationRecorder();
    const out = rec.record(layers, x);
    expect(rec.outputs.length).toBe(3);
    const h1 = Array.from(new Sequential(layers[0]).forward(x).data);
    expect(Array.from(rec.outputs[0].data)).toEqual(h1);
    expect(Array.from(out.data)).toEqual(Array.from(model.forward(x).data));
    const first = rec.outputs[0].data;
    rec.record(layers, input(10, 2, 9));
    expect(rec.outputs[0].data).toBe(first); // buffers are reused, not reallocated
  });
});
