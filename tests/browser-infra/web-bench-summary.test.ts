// The pure part of `npm run bench:web`: medians, target verdicts and the printed table.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { TARGETS, formatTable, median, summarise, verdicts, type LoadSample } from '../../bench/web/summary';

const sample = (jsGzipBytes: number, lcpMs: number, fcpMs = lcpMs / 2): LoadSample => ({
  jsGzipBytes,
  jsRawBytes: jsGzipBytes * 3,
  jsFiles: 4,
  htmlGzipBytes: 20_000,
  cssGzipBytes: 5_000,
  fontBytes: 30_000,
  ttfbMs: 5,
  fcpMs,
  lcpMs
});

describe('median', () => {
  it('takes the middle value, or the mean of the middle two', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
    expect(median([])).toBeNaN();
  });

  it('leaves out loads that reported no paint (NaN) instead of letting them scramble the sort', () => {
    expect(median([500, Number.NaN, 300, 400])).toBe(400);
    expect(median([Number.NaN, 200, Number.NaN, 100])).toBe(150);
    expect(median([Number.NaN])).toBeNaN();
  });

  it('does not reorder its input and lies between min and max', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ noNaN: true, min: -1e6, max: 1e6 }), { minLength: 1 }), (values) => {
        const copy = [...values];
        const m = median(values);
        expect(values).toEqual(copy);
        expect(m).toBeGreaterThanOrEqual(Math.min(...values));
        expect(m).toBeLessThanOrEqual(Math.max(...values));
      })
    );
  });
});

describe('summarise and verdicts', () => {
  it('takes the median of each field independently, so one slow run does not decide', () => {
    const summary = summarise([sample(50_000, 300), sample(50_000, 5_000), sample(50_000, 320)]);
    expect(summary.lcpMs).toBe(320);
    expect(summary.jsGzipBytes).toBe(50_000);
    expect(summary.fcpMs).toBe(160);
    expect(Object.keys(summary).sort()).toEqual(Object.keys(sample(1, 1)).sort());
    expect(verdicts(summary)).toEqual({ jsGzip: true, lcp: true });
  });

  it('flags each target missed, with the limits inclusive', () => {
    expect(verdicts(sample(TARGETS.jsGzipBytes, TARGETS.lcpMs))).toEqual({ jsGzip: true, lcp: true });
    expect(verdicts(sample(TARGETS.jsGzipBytes + 1, 100))).toEqual({ jsGzip: false, lcp: true });
    expect(verdicts(sample(1000, TARGETS.lcpMs + 1))).toEqual({ jsGzip: true, lcp: false });
  });
});

describe('formatTable', () => {
  it('prints the medians next to the targets and marks what is over', () => {
    const table = formatTable(sample(61_234, 250, 120), 5);
    expect(table).toContain('median of 5');
    expect(table).toMatch(/first-load JS \(gzip\)\s+61\.2 kB\s+≤ 60\.0 kB\s+OVER/);
    expect(table).toMatch(/largest contentful paint\s+250 ms\s+≤ 500 ms\s+ok/);
    expect(table).toMatch(/first contentful paint\s+120 ms/);
    expect(table).toMatch(/HTML \(gzip\)\s+20\.0 kB/);
  });
});
