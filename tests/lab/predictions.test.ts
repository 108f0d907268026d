import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { safeStorage, type StorageLike } from '../../src/lib/lab/safe-storage';
import { PREDICTIONS_KEY, loadPrediction, predictionOutcome, savePrediction } from '../../src/lib/lab/predictions';

/** An in-memory Storage that can be told to throw on read or write. */
function memory(opts: { failGet?: boolean; failSet?: boolean } = {}): StorageLike & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    map,
    getItem(k) {
      if (opts.failGet) throw new DOMException('Access is denied for this document.', 'SecurityError');
      return map.get(k) ?? null;
    },
    setItem(k, v) {
      if (opts.failSet) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      map.set(k, v);
    },
    removeItem(k) {
      map.delete(k);
    }
  };
}

const VALUES = ['16', '64', '256'] as const;

describe('predictions', () => {
  it('keeps each experiment’s guess apart and forgets one on null', () => {
    const mem = memory();
    const st = safeStorage(() => mem);
    expect(savePrediction(st, 'rates', '256')).toBe(true);
    expect(savePrediction(st, 'augment', 'both')).toBe(true);
    expect(loadPrediction(st, 'rates', VALUES)).toBe('256');
    expect(loadPrediction(st, 'augment', ['both', 'none'])).toBe('both');
    expect(savePrediction(st, 'rates', null)).toBe(true);
    expect(loadPrediction(st, 'rates', VALUES)).toBeNull();
    expect(loadPrediction(st, 'augment', ['both', 'none'])).toBe('both');
    expect(JSON.parse(mem.map.get(PREDICTIONS_KEY) ?? '')).toEqual({ augment: 'both' });
  });

  it('ignores a stored value that is no longer an option', () => {
    const st = safeStorage(() => memory());
    savePrediction(st, 'rates', '1024');
    expect(loadPrediction(st, 'rates', VALUES)).toBeNull();
  });

  it('survives storage that throws on read or on write', () => {
    const reading = safeStorage(() => memory({ failGet: true }));
    expect(loadPrediction(reading, 'rates', VALUES)).toBeNull();
    const writing = safeStorage(() => memory({ failSet: true }));
    expect(savePrediction(writing, 'rates', '16')).toBe(false);
    expect(loadPrediction(writing, 'rates', VALUES)).toBeNull();
    const missing = safeStorage(() => {
      throw new DOMException('Access is denied for this document.', 'SecurityError');
    });
    expect(savePrediction(missing, 'rates', '16')).toBe(false);
  });

  it('never throws on corrupt stored text, and keeps only well-formed guesses', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json()), (text) => {
        const mem = memory();
        mem.map.set(PREDICTIONS_KEY, text);
        const st = safeStorage(() => mem);
        const got = loadPrediction(st, 'rates', VALUES);
        expect(got === null || VALUES.includes(got as (typeof VALUES)[number])).toBe(true);
        expect(savePrediction(st, 'rates', '64')).toBe(true);
        expect(loadPrediction(st, 'rates', VALUES)).toBe('64');
      })
    );
    const mem = memory();
    mem.map.set(PREDICTIONS_KEY, JSON.stringify({ rates: 64, spatial: 'x'.repeat(65), augment: 'both' }));
    const st = safeStorage(() => mem);
    expect(loadPrediction(st, 'rates', VALUES)).toBeNull();
    expect(loadPrediction(st, 'spatial', ['x'.repeat(65)])).toBeNull();
    expect(loadPrediction(st, 'augment', ['both'])).toBe('both');
  });

  it('refuses empty or oversized ids and values', () => {
    const st = safeStorage(() => memory());
    expect(savePrediction(st, '', '16')).toBe(false);
    expect(savePrediction(st, 'rates', '')).toBe(false);
    expect(savePrediction(st, 'r'.repeat(65), '16')).toBe(false);
  });

  it('compares a guess with the run’s verdict', () => {
    expect(predictionOutcome(null, '16')).toBe('none');
    expect(predictionOutcome('16', undefined)).toBe('none');
    expect(predictionOutcome('16', null)).toBe('unclear');
    expect(predictionOutcome('16', '16')).toBe('held');
    expect(predictionOutcome('16', '256')).toBe('missed');
  });
});
