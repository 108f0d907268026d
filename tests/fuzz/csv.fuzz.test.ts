// The CSV loader against hostile files: random bytes, huge lines, byte-order marks, CRLF and lone
// CR, stray quotes, the empty file, a file over the 5 MiB limit and one just under it. Every input gives a
// clear error (a known code and a sentence) or data whose every value is finite — and csvSplit turns any
// data it gets into finite, standardised features. Never a throw, never the parser's "internal" fallback.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_CSV_CHARS, MAX_CSV_ERRORS, MAX_CSV_ROWS, csvSplit, parseCsv, type CsvResult } from '../../src/lib/data';

/** Every result is either finite data or a short list of explained errors; returns it for more checks. */
function checked(r: CsvResult): CsvResult {
  if (r.ok) {
    const [rows, features] = r.data.x.shape;
    expect(r.data.x.data.length).toBe(rows * features);
    expect(r.data.x.data.every(Number.isFinite)).toBe(true);
    expect(r.data.y.data.every((y) => Number.isInteger(y) && y >= 0 && y < r.data.classes)).toBe(true);
    expect(r.data.classes).toBeGreaterThanOrEqual(2);
  } else {
    expect(r.errors.length).toBeGreaterThan(0);
    expect(r.errors.length).toBeLessThanOrEqual(MAX_CSV_ERRORS + 1);
    for (const e of r.errors) {
      expect(e.code).not.toBe('internal');
      expect(e.message.length).toBeGreaterThan(5);
      // Messages quote at most a snippet of the file, so a hostile cell cannot flood the page.
      expect(e.message.length).toBeLessThan(400);
    }
  }
  return r;
}

/** Splits successful data and checks the standardised features are finite. */
function splitsFinite(r: CsvResult, seed = 1): void {
  if (!r.ok) return;
  const s = csvSplit(r.data, { valFraction: 0.25, seed });
  for (const d of [s.train, s.val]) expect(d.x.data.every(Number.isFinite)).toBe(true);
  expect([...s.mean, ...s.scale].every(Number.isFinite)).toBe(true);
}

/** Bytes as a browser's File.text() would decode them: UTF-8 with replacement characters. */
const decode = (bytes: Uint8Array) => new TextDecoder('utf-8').decode(bytes);

/** Cells a CSV file might hold, good and bad. */
const cell = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
  fc.integer().map(String),
  fc.constantFrom(
    '',
    ' ',
    '"',
    '""',
    '"a,b"',
    '"x""y"',
    'NaN',
    'Infinity',
    '1e999',
    '-1e-999',
    '3.4e38',
    '-3.5e38',
    '0x1F',
    '1,5',
    'yes',
    'no',
    '\uFEFF1',
    '🙂',
    '<script>',
    '\u0000'
  ),
  fc.string({ maxLength: 8 })
);
const eol = fc.constantFrom('\n', '\r\n', '\r');

/** A table-shaped file: a header (sometimes), rows of random cells, random line endings and a BOM or two. */
const tableFile = fc
  .record({
    bom: fc.constantFrom('', '\uFEFF', '\uFEFF\uFEFF'),
    header: fc.option(
      fc.array(fc.constantFrom('x1', 'x2', 'x3', 'label', '', 'x1', '"q"'), { minLength: 1, maxLength: 5 })
    ),
    rows: fc.array(fc.array(cell, { minLength: 0, maxLength: 6 }), { maxLength: 30 }),
    eol,
    trailing: fc.boolean()
  })
  .map(({ bom, header, rows, eol, trailing }) => {
    const lines = [...(header ? [header.join(',')] : []), ...rows.map((r) => r.join(','))];
    return bom + lines.join(eol) + (trailing ? eol : '');
  });

/** A valid file of two features and a word label, with extreme but finite values. */
const validFile = fc
  .record({
    rows: fc.array(
      fc.tuple(
        fc.double({ min: -3.4e38, max: 3.4e38, noNaN: true }),
        fc.constantFrom(0, 1e-40, -1e-45, 5, 5, 5),
        fc.constantFrom('cat', 'dog', '"bird, small"')
      ),
      { minLength: 4, maxLength: 60 }
    ),
    eol
  })
  .map(({ rows, eol }) => ['a,b,label', ...rows.map(([a, b, l]) => `${a},${b},${l}`)].join(eol));

describe('CSV loader under fuzzing', () => {
  it('random bytes, decoded as a browser would: an error or finite data, never a throw', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => splitsFinite(checked(parseCsv(decode(bytes))))),
      { numRuns: 2000 }
    );
  });

  it('table-shaped files with BOMs, CRLF, lone CR, quotes and bad cells: an error or finite data', () => {
    fc.assert(
      fc.property(tableFile, fc.option(fc.constantFrom('label', 'x1', 'nope', '')), (text, label) =>
        splitsFinite(checked(parseCsv(text, label === null ? {} : { label })))
      ),
      { numRuns: 2000 }
    );
  });

  it('valid files with extreme values (±3.4e38, subnormals, constant columns) split into finite features', () => {
    fc.assert(
      fc.property(validFile, fc.integer(), (text, seed) => {
        const r = checked(parseCsv(text));
        fc.pre(r.ok);
        splitsFinite(r, seed);
      }),
      { numRuns: 500 }
    );
  });

  it('the empty file, blank lines only, a BOM only: "empty"', () => {
    for (const text of ['', '\n\n', '\r\n \r\n', '\uFEFF', '\uFEFF\n', '   ']) {
      const r = checked(parseCsv(text));
      expect(r.ok ? 'ok' : r.errors[0].code, JSON.stringify(text)).toBe('empty');
    }
  });

  it('a 1 MB line, a 1 MB quoted cell and an unclosed quote over 1 MB: clear errors', () => {
    const long = 'x'.repeat(1_000_000);
    const r1 = checked(parseCsv(`a,label\n${long},yes\n1,no\n`));
    expect(r1.ok ? [] : r1.errors.map((e) => e.code)).toEqual(['not-a-number']);
    const r2 = checked(parseCsv(`a,label\n"${long}",yes\n2,no\n`));
    expect(r2.ok ? [] : r2.errors.map((e) => e.code)).toEqual(['not-a-number']);
    const r3 = checked(parseCsv(`a,label\n1,yes\n"${long}\n`));
    expect(r3.ok ? [] : r3.errors.map((e) => e.code)).toEqual(['unterminated-quote']);
    const r4 = checked(parseCsv(`${'c,'.repeat(500_000)}label\n`));
    expect(r4.ok ? [] : r4.errors.map((e) => e.code)).toContain('duplicate-column');
  });

  it('a 6 MB file is refused at once as too large, and one just under the limit is read', () => {
    const line = '0.123456789,-9.87654321,yes\n0.5,0.25,no\n';
    const six = 'a,b,label\n' + line.repeat(Math.ceil((6 * 1024 * 1024) / line.length));
    expect(six.length).toBeGreaterThan(6 * 1024 * 1024);
    const big = checked(parseCsv(six));
    expect(big.ok ? 'ok' : big.errors[0].code).toBe('too-large');
    expect(big.ok ? '' : big.errors[0].message).toMatch(/6\.0 MB; the limit is 5 MB/);

    // Just under 5 MiB but far over the row limit: stops at the limit with a clear error.
    const many = ('a,b,label\n' + line.repeat(Math.floor((MAX_CSV_CHARS - 20) / line.length))).slice(0, MAX_CSV_CHARS);
    const rows = checked(parseCsv(many));
    expect(rows.ok ? 'ok' : rows.errors[0].code).toBe('too-many-rows');

    // Just under 5 MiB and within the row limit (long numbers): read, all finite.
    const wide = '0.' + '1'.repeat(40);
    const row = (i: number) => `${wide},${i % 7}.${wide.slice(2)},${i % 2 ? 'yes' : 'no'}\n`;
    let text = 'a,b,label\n';
    for (let i = 0; text.length + row(i).length < MAX_CSV_CHARS && i < MAX_CSV_ROWS; i++) text += row(i);
    expect(text.length).toBeGreaterThan(4 * 1024 * 1024);
    const ok = checked(parseCsv(text));
    expect(ok.ok).toBe(true);
    splitsFinite(ok);
  });

  it('a file full of errors lists the first ones and counts the rest', () => {
    const text = 'a,label\n' + 'oops,yes\n'.repeat(10_000);
    const r = checked(parseCsv(text));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors).toHaveLength(MAX_CSV_ERRORS + 1);
      expect(r.errors.at(-1)!.message).toMatch(/and 9980 more problems/);
    }
  });
});
