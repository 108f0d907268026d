import { describe, expect, it } from 'vitest';
import { GaussianDropout } from '../../../src/lib/engine/layers';
import { Random } from '../../../src/lib/engine/rng';
import { tensor } from '../../../src/lib/engine/tensor';

describe.each([0.1, 0.5, 0.9])('GaussianDropout(p = %s)', (p) => {
  it('multiplies by noise with mean 1 and variance p/(1−p) (5σ bounds on 2·10^5 draws)', () => {
    const n = 200_000;
    const d = new GaussianDropout(p, { rng: new Random(3) });
    const y = d.forward(tensor(new Float32Array(n).fill(1), [1000, 200])).data; // y = the multiplier
    let sum = 0;
    for (let i = 0; i < n; i++) sum += y[i];
    const mean = sum / n;
    let ss = 0;
    for (let i = 0; i < n; i++) ss += (y[i] - mean) ** 2;
    const variance = ss / (n - 1);
    const v = p / (1 - p);
    expect(Math.abs(mean - 1)).toBeLessThan(5 * Math.sqrt(v / n));
    // The sample variance of normal data has standard deviation σ²·√(2/(n−1)).
    expect(Math.abs(variance - v)).toBeLessThan(5 * v * Math.sqrt(2 / (n - 1)));
    expect(d.lastNoise!.length).toBe(n);
  });
});

describe('GaussianDropout', () => {
  it('backward multiplies by the same noise', () => {
    const d = new GaussianDropout(0.3, { rng: new Random(1) });
    d.forward(tensor([1, -2, 3, 0.5, 4, -1], [2, 3]));
    const noise = Float32Array.from(d.lastNoise!);
    const g = d.backward(tensor([2, 2, 2, 2, 2, 2], [2, 3])).data;
    for (let i = 0; i < 6; i++) expect(g[i]).toBe(Math.fround(2 * noise[i]));
  });

  it('is the identity in eval mode and at p = 0, and draws new noise per call', () => {
    const x = tensor([1, 2, 3, 4], [2, 2]);
    const d = new GaussianDropout(0.5, { rng: new Random(2) });
    const a = Array.from(d.forward(x).data);
    const b = Array.from(d.forward(x).data);
    expect(b).not.toEqual(a);
    d.eval();
    expect(Array.from(d.forward(x).data)).toEqual([1, 2, 3, 4]);
    expect(d.lastNoise).toBeNull();
    expect(Array.from(new GaussianDropout(0).forward(x).data)).toEqual([1, 2, 3, 4]);
  });

  it('rejects p = 1 (infinite variance) and p outside [0, 1) with a message naming the value', () => {
    expect(() => new GaussianDropout(1)).toThrow(/got 1: .*variance.*infinite/);
    expect(() => new GaussianDropout(-0.1)).toThrow('GaussianDropout p must be in [0, 1), got -0.1');
    const d = new GaussianDropout(0.5);
    expect(() => (d.p = 1)).toThrow(RangeError);
    d.p = 0.25;
    expect(String(d)).toBe('GaussianDropout(p=0.25)');
  });
});
