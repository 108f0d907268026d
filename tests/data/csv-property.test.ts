import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCsv, type CsvResult } from '../../src/lib/data/csv';

/** Checks the invariants every result must satisfy, success or failure. */
function wellFormed(r: CsvResult): void {
  if (r.ok) {
    const [n, f] = r.data.x.shape;
    expect(r.data.x.data.length).toBe(n * f);
    expect(r.data.y.shape).toEqual([n]);
    expect(r.data.featureNames).toHaveLength(f);
    expect(r.data.classes).toBeGreaterThanOrEqual(2);
    for (const v of r.data.x.data) expect(Number.isFinite(v)).toBe(true);
    for (const y of r.data.y.data) expect(Number.isInteger(y) && y >= 0 && y < r.data.classes).toBe(true);
  } else {
    expect(r.errors.length).toBeGreaterThan(0);
    // 'internal' means parseCsv's last-resort catch fired, i.e. the parser itself threw.
    for (const e of r.errors) {
      expect(e.code).not.toBe('internal');
      expect(e.message.length).toBeGreaterThan(0);
    }
  }
}

/** Text made of the characters that matter to a CSV parser, so odd structures come up often. */
const csvish = fc
  .array(fc.constantFrom('a', 'b', '1', '2', '.', '-', 'e', ',', ',', '"', '"', '\n', '\r', ' ', '\uFEFF', 'x'), {
    maxLength: 80
  })
  .map((cs) => cs.join(''));

describe('parseCsv never throws', () => {
  it('on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => wellFormed(parseCsv(s))),
      { numRuns: 300 }
    );
  });

  it('on CSV-like strings, with or without a chosen label column', () => {
    fc.assert(
      fc.property(csvish, fc.option(fc.constantFrom('a', 'b', 'x', '', ' 1 ')), (s, label) =>
        wellFormed(parseCsv(s, label === null ? {} : { label }))
      ),
      { numRuns: 1000 }
    );
  });

  it('reads back any numeric table, however it is quoted and whichever line ending', () => {
    const table = fc
      .record({
        cols: fc.integer({ min: 1, max: 4 }),
        rows: fc.integer({ min: 2, max: 8 })
      })
      .chain(({ cols, rows }) =>
        fc.record({
          values: fc.array(
            fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: cols, maxLength: cols }),
            {
              minLength: rows,
              maxLength: rows
            }
          ),
          labels: fc.array(fc.constantFrom('yes', 'no', 'maybe, "so"'), { minLength: rows, maxLength: rows }),
          quote: fc.boolean(),
          eol: fc.constantFrom('\n', '\r\n', '\r')
        })
      );
    fc.assert(
      fc.property(table, ({ values, labels, quote, eol }) => {
        fc.pre(new Set(labels).size >= 2);
        const q = (s: string) => (quote || /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
        const header = values[0]
          .map((_, k) => q(`f${k}`))
          .concat('label')
          .join(',');
        const lines = values.map((row, i) =>
          row
            .map((v) => q(String(v)))
            .concat(q(labels[i]))
            .join(',')
        );
        const r = parseCsv([header, ...lines].join(eol) + eol);
        if (!r.ok) throw new Error(JSON.stringify(r.errors));
        // String(-0) is "0", so compare with signed zeros folded.
        expect([...r.data.x.data].map((v) => v + 0)).toEqual(values.flat().map((v) => Math.fround(v) + 0));
        const names = r.data.classNames;
        expect(labels.map((_, i) => names[r.data.y.data[i]])).toEqual(labels);
      }),
      { numRuns: 200 }
    );
  });
});
