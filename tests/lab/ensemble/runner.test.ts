import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Random, predict, sigmoid, tensor, type Tensor } from '../../../src/lib/engine';
import { ThinnedRunner, errorRate, monteCarlo, sampleMask } from '../../../src/lib/lab/ensemble';
import { keepMask } from '../../../src/lib/lab/masks';
import { smallNet } from './helpers';

function randomInputs(rows: number, cols: number, seed: number): Tensor {
  const rng = new Random(seed);
  return tensor(
    Array.from({ length: rows * cols }, () => rng.uniform(-1.5, 1.5)),
    [rows, cols]
  );
}

describe('ThinnedRunner', () => {
  it('the compact small network gives the same probabilities as the full layers with a forced mask', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e6 }),
        fc.constantFrom('relu', 'tanh'),
        fc.constantFrom(1, 3),
        fc.double({ min: 0.1, max: 0.9, noNaN: true }),
        (seed, act, outputs, p) => {
          const model = smallNet({ width: 6, outputs, act, p, seed });
          const runner = new ThinnedRunner(model, randomInputs(20, 2, seed));
          const rng = new Random(seed);
          for (let t = 0; t < 4; t++) {
            const mask = sampleMask(runner.sites, rng);
            const fast = runner.run(mask).slice();
            const slow = runner.runModules(mask);
            for (let i = 0; i < fast.length; i++) expect(Math.abs(fast[i] - slow[i])).toBeLessThan(1e-5);
          }
        }
      ),
      { numRuns: 30 }
    );
  });

  it('handles a layer with every unit dropped (the network then outputs its biases)', () => {
    const model = smallNet({ width: 3 });
    const runner = new ThinnedRunner(model, randomInputs(4, 2, 1));
    const mask = keepMask([Uint8Array.of(1, 1, 0), Uint8Array.of(0, 0, 0)]);
    const fast = runner.run(mask).slice();
    const slow = runner.runModules(mask);
    const b = model.parameters().at(-1)!.data[0];
    for (let i = 0; i < 4; i++) {
      expect(fast[i]).toBeCloseTo(slow[i], 6);
      expect(fast[i]).toBeCloseTo(sigmoid(b), 6);
    }
  });

  it('weight scaling is the eval-mode network, as probabilities (sigmoid / softmax)', () => {
    const x = randomInputs(10, 2, 5);
    const binary = smallNet({ outputs: 1 });
    const logits = predict(binary, x).data;
    const p = new ThinnedRunner(binary, x).weightScaled();
    logits.forEach((z, i) => expect(p[i]).toBeCloseTo(sigmoid(z), 6));
    const three = smallNet({ outputs: 3 });
    const probs = new ThinnedRunner(three, x).weightScaled();
    for (let r = 0; r < 10; r++) expect(probs[3 * r] + probs[3 * r + 1] + probs[3 * r + 2]).toBeCloseTo(1, 5);
    expect(binary.training).toBe(true); // the runner restored the mode it found
  });

  it('Monte Carlo averaging converges on the exact average over all 2ⁿ thinned networks', () => {
    // width 3, two layers: n = 6, so all 64 members can be enumerated and weighted exactly.
    const p = 0.4;
    const model = smallNet({ width: 3, p });
    const runner = new ThinnedRunner(model, randomInputs(5, 2, 8));
    const exact = new Float64Array(5);
    for (let bits = 0; bits < 64; bits++) {
      const mask = keepMask([0, 1].map((l) => Uint8Array.from([0, 1, 2], (u) => (bits >> (3 * l + u)) & 1)));
      const kept = mask.reduce((n, m) => n + m.reduce((a, b) => a + b, 0), 0);
      const weight = (1 - p) ** kept * p ** (6 - kept);
      runner.run(mask).forEach((v, i) => (exact[i] += weight * v));
    }
    const mc = monteCarlo(runner, 20000, new Random(4));
    // Probabilities lie in [0, 1]: the MC standard error is at most 0.5/√20000 ≈ 0.0035.
    exact.forEach((e, i) => expect(Math.abs(mc.mean[i] - e)).toBeLessThan(0.015));
    for (const s of mc.std) expect(s).toBeGreaterThan(0);
  });

  it('errorRate thresholds one probability at 0.5 and takes the argmax of several', () => {
    expect(errorRate(Float32Array.of(0.9, 0.2, 0.6), 1, Float32Array.of(1, 0, 0))).toBeCloseTo(1 / 3);
    expect(errorRate(Float32Array.of(0.1, 0.7, 0.2, 0.5, 0.3, 0.2), 3, Float32Array.of(1, 2))).toBe(0.5);
  });
});
