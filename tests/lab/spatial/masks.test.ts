/** The mask view's computations: masks from the engine's layers, neighbour fill, recovery error, correlation. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { maskMaps, neighbourCorrelation, neighbourFill, recoveryError } from '../../../src/lib/lab/spatial/masks';

/** Smooth maps: a blob per channel (neighbours strongly correlated, like real conv features). */
function smoothMaps(channels: number, side: number): Float32Array {
  const a = new Float32Array(channels * side * side);
  for (let c = 0; c < channels; c++) {
    const cx = (side * (c + 1)) / (channels + 1);
    for (let y = 0; y < side; y++)
      for (let x = 0; x < side; x++)
        a[c * side * side + y * side + x] = Math.exp(-((x - cx) ** 2 + (y - side / 2) ** 2) / 30);
  }
  return a;
}

describe('maskMaps', () => {
  const maps = smoothMaps(8, 28);

  it('element-wise: scattered pixels in every map at about rate p, never a whole map', () => {
    const r = maskMaps(maps, 8, 28, 'element', 0.3, 1);
    expect(r.droppedFraction).toHaveLength(8);
    for (const f of r.droppedFraction) {
      expect(f).toBeGreaterThan(0.2);
      expect(f).toBeLessThan(0.4);
    }
    const dropped = r.mask.length - r.mask.reduce((a, b) => a + b, 0);
    expect(Math.abs(dropped / r.mask.length - 0.3)).toBeLessThan(5 * Math.sqrt((0.3 * 0.7) / r.mask.length));
  });

  it('spatial: every map is kept whole or dropped whole', () => {
    let droppedMaps = 0;
    for (let seed = 1; seed <= 20; seed++) {
      const r = maskMaps(maps, 8, 28, 'spatial', 0.3, seed);
      for (const f of r.droppedFraction) expect([0, 1]).toContain(f);
      droppedMaps += r.droppedFraction.filter((f) => f === 1).length;
      // A dropped map holds nothing to recover from: error 1 whenever something was dropped.
      if (r.droppedFraction.includes(1)) expect(r.recoveryError).toBeCloseTo(1, 6);
      else expect(r.recoveryError).toBeNull(); // nothing dropped: nothing to judge, never a fake "100% recovered"
    }
    // 160 maps at p = 0.3: 48 expected, σ ≈ 5.8.
    expect(droppedMaps).toBeGreaterThan(48 - 5 * 5.8);
    expect(droppedMaps).toBeLessThan(48 + 5 * 5.8);
  });

  it('on smooth maps the neighbours recover most of an element-wise drop (error far below 1)', () => {
    const r = maskMaps(maps, 8, 28, 'element', 0.3, 2);
    expect(r.recoveryError).toBeLessThan(0.1);
    // The masked maps are the originals with dropped pixels at 0, not rescaled.
    for (let i = 0; i < maps.length; i++) expect(r.masked[i]).toBe(r.mask[i] ? maps[i] : 0);
  });

  it('the same seed gives the same mask, another seed another one', () => {
    const a = maskMaps(maps, 8, 28, 'element', 0.3, 5).mask;
    expect(maskMaps(maps, 8, 28, 'element', 0.3, 5).mask).toEqual(a);
    expect(maskMaps(maps, 8, 28, 'element', 0.3, 6).mask).not.toEqual(a);
  });

  it('rejects maps of the wrong size', () => {
    expect(() => maskMaps(new Float32Array(10), 8, 28, 'element', 0.3, 1)).toThrow(/8 maps of 28×28/);
  });
});

describe('neighbourFill and recoveryError', () => {
  it('fills a dropped pixel with the mean of its kept neighbours and leaves kept pixels alone', () => {
    const maps = Float32Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const mask = Uint8Array.from([1, 1, 1, 1, 0, 1, 1, 1, 0]);
    const out = neighbourFill(maps, mask, 1, 3);
    expect(out[4]).toBeCloseTo(31 / 7, 6); // kept neighbours 1, 2, 3, 4, 6, 7, 8 // pixel 8 (value 9) is dropped too
    expect(out[8]).toBeCloseTo((5 * 0 + 6 + 8) / 2, 6); // its kept neighbours: 6 and 8
    expect(out[0]).toBe(1);
    expect(recoveryError(maps, out, mask)).toBeCloseTo(((31 / 7 - 5) ** 2 + (7 - 9) ** 2) / (25 + 81), 6);
  });

  it('a map with every pixel dropped is filled with zeros: error exactly 1', () => {
    const maps = Float32Array.from([1, 2, 3, 4]);
    const mask = new Uint8Array(4);
    expect(Array.from(neighbourFill(maps, mask, 1, 2))).toEqual([0, 0, 0, 0]);
    expect(recoveryError(maps, new Float32Array(4), mask)).toBe(1);
  });

  it('property: the error is finite and ≥ 0 (or null when nothing with signal was dropped)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.float({ min: -5, max: 5, noNaN: true }), { minLength: 16, maxLength: 16 }),
        fc.array(fc.boolean(), { minLength: 16, maxLength: 16 }),
        (values, keep) => {
          const maps = Float32Array.from(values);
          const mask = Uint8Array.from(keep, (k) => (k ? 1 : 0));
          const e = recoveryError(maps, neighbourFill(maps, mask, 1, 4), mask);
          const signalDropped = values.some((v, i) => !keep[i] && v !== 0);
          if (signalDropped) expect(e !== null && Number.isFinite(e) && e >= 0).toBe(true);
          else expect(e).toBeNull();
          expect(recoveryError(maps, maps, new Uint8Array(16).fill(1))).toBeNull();
        }
      )
    );
  });
});

describe('neighbourCorrelation', () => {
  it('is high for smooth maps and near 0 for noise', () => {
    expect(neighbourCorrelation(smoothMaps(4, 20), 4, 20)).toBeGreaterThan(0.9);
    let s = 1;
    const noise = Float32Array.from({ length: 4 * 400 }, () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    expect(Math.abs(neighbourCorrelation(noise, 4, 20))).toBeLessThan(0.1);
  });

  it('is 0, not NaN, for empty or constant maps', () => {
    expect(neighbourCorrelation(new Float32Array(16), 1, 4)).toBe(0);
    expect(neighbourCorrelation(new Float32Array(16).fill(2), 1, 4)).toBe(0);
  });
});
