import { describe, expect, it } from 'vitest';
import {
  MAX_CSV_CHARS,
  MAX_CSV_ERRORS,
  MAX_CSV_FEATURES,
  MAX_CSV_ROWS,
  parseCsv,
  type CsvData,
  type CsvError,
  type CsvResult
} from '../../src/lib/data/csv';

/** The data of a result that must have parsed. */
function ok(r: CsvResult): CsvData {
  if (!r.ok) throw new Error(`expected success, got ${JSON.stringify(r.errors)}`);
  return r.data;
}
/** The errors of a result that must have failed. */
function errs(r: CsvResult): CsvError[] {
  if (r.ok) throw new Error('expected errors, got data');
  return r.errors;
}
const rowsOf = (d: CsvData) =>
  Array.from({ length: d.x.shape[0] }, (_, i) => [...d.x.data.slice(i * d.x.shape[1], (i + 1) * d.x.shape[1])]);

describe('parseCsv: happy paths', () => {
  it('reads features and string labels, classes numbered in sorted order', () => {
    const d = ok(parseCsv('x1,x2,animal\n1,2,dog\n3,4,cat\n5,6,dog\n'));
    expect(d.x.shape).toEqual([3, 2]);
    expect(rowsOf(d)).toEqual([
      [1, 2],
      [3, 4],
      [5, 6]
    ]);
    expect(d.featureNames).toEqual(['x1', 'x2']);
    expect(d.classNames).toEqual(['cat', 'dog']);
    expect(d.classes).toBe(2);
    expect([...d.y.data]).toEqual([1, 0, 1]);
    expect(d.y.shape).toEqual([3]);
  });

  it('handles a BOM, CRLF, blank lines, spaces and no trailing newline', () => {
    const d = ok(parseCsv('\uFEFF a , b ,y\r\n\r\n 1.5 , -2e1 ,0\r\n   \r\n.5,+3,1'));
    expect(d.featureNames).toEqual(['a', 'b']);
    expect(rowsOf(d)).toEqual([
      [1.5, -20],
      [0.5, 3]
    ]);
    expect([...d.y.data]).toEqual([0, 1]);
  });

  it('handles quoted fields with commas, escaped quotes and line breaks', () => {
    const d = ok(parseCsv('"width, cm","he said ""hi""",label\n"1",2,"a, b"\n3,"4","say ""x""\nnow"\n'));
    expect(d.featureNames).toEqual(['width, cm', 'he said "hi"']);
    expect(rowsOf(d)).toEqual([
      [1, 2],
      [3, 4]
    ]);
    expect(d.classNames).toEqual(['a, b', 'say "x"\nnow']);
  });

  it('sorts numeric labels numerically and merges equal numbers', () => {
    const d = ok(parseCsv('f,label\n0,10\n1,2\n2,2.0\n3,-1\n4,10'));
    expect(d.classNames).toEqual(['-1', '2', '10']);
    expect([...d.y.data]).toEqual([2, 1, 1, 0, 2]);
  });

  it('picks the label column by name, wherever it is', () => {
    const d = ok(parseCsv('a,kind,b\n1,x,2\n3,y,4', { label: ' kind ' }));
    expect(d.featureNames).toEqual(['a', 'b']);
    expect(rowsOf(d)).toEqual([
      [1, 2],
      [3, 4]
    ]);
    expect(d.classNames).toEqual(['x', 'y']);
  });

  it('forgives a trailing comma', () => {
    const d = ok(parseCsv('a,b\n1,x,\n2,y,'));
    expect(rowsOf(d)).toEqual([[1], [2]]);
  });
});

describe('parseCsv: each problem names its row and column', () => {
  it.each<[string, string, { code: string; row?: number; column?: string; text: RegExp }]>([
    [
      'a non-number',
      'a,b,y\n1,2,0\n3,abc,1',
      { code: 'not-a-number', row: 3, column: 'b', text: /Row 3, column "b": "abc" is not a number/ }
    ],
    [
      'hex and Infinity are not numbers',
      'a,y\n0x1F,0\n1,1',
      { code: 'not-a-number', row: 2, column: 'a', text: /Row 2, column "a"/ }
    ],
    [
      'a number too big for float32',
      'a,y\n1e39,0\n1,1',
      { code: 'not-a-number', row: 2, column: 'a', text: /too large/ }
    ],
    [
      'a short row',
      'a,b,y\n1,2,0\n3\n',
      { code: 'missing-value', row: 3, column: 'b', text: /Row 3, column "b": missing/ }
    ],
    [
      'an empty cell',
      'a,b,y\n1,,0\n3,4,1',
      { code: 'missing-value', row: 2, column: 'b', text: /Row 2, column "b": the value is empty/ }
    ],
    [
      'an extra value',
      'a,y\n1,0\n2,1,7',
      { code: 'extra-value', row: 3, text: /Row 3: the row has 3 values but the header only 2/ }
    ],
    [
      'an empty label',
      'a,y\n1,0\n2, ',
      { code: 'missing-label', row: 3, column: 'y', text: /Row 3, column "y": the label is empty/ }
    ],
    [
      'an unclosed quote',
      'a,y\n1,0\n\n"2,1\n3,0',
      { code: 'unterminated-quote', row: 4, column: 'a', text: /Row 4, column "a": .*never closed/ }
    ],
    [
      'text after a closing quote',
      'a,y\n1,"0"x\n2,1',
      { code: 'bad-quote', row: 2, column: 'y', text: /Row 2, column "y": unexpected text after a closing quote/ }
    ],
    ['no header', '1,2,0\n3,4,1', { code: 'no-header', row: 1, text: /Row 1: .*header/ }],
    [
      'an unnamed column',
      'a,,y\n1,2,0',
      { code: 'unnamed-column', row: 1, text: /column 2 of the header has no name/ }
    ],
    [
      'a duplicate column',
      'a,a,y\n1,2,0',
      { code: 'duplicate-column', row: 1, column: 'a', text: /Row 1, column "a": .*twice/ }
    ],
    ['a single column', 'y\n0\n1', { code: 'too-few-columns', row: 1, text: /feature column/ }],
    [
      'an unknown label column',
      'a,b\n1,0',
      { code: 'unknown-label-column', row: 1, text: /no column is called "kind"; columns are: a, b/ }
    ],
    [
      'one class only',
      'a,y\n1,cat\n2,cat',
      { code: 'one-class', column: 'y', text: /Column "y": every row has the label "cat"/ }
    ],
    ['a header without rows', 'a,y\n\n', { code: 'no-rows', text: /no data rows/ }],
    ['an empty file', '', { code: 'empty', text: /empty/ }],
    ['a file of blank lines and a BOM', '\uFEFF\r\n  \n', { code: 'empty', text: /empty/ }]
  ])('reports %s', (_what, text, want) => {
    const options = want.code === 'unknown-label-column' ? { label: 'kind' } : {};
    const e = errs(parseCsv(text, options));
    const hit = e.find((x) => x.code === want.code);
    expect(hit, JSON.stringify(e)).toBeDefined();
    expect(hit!.row).toBe(want.row);
    expect(hit!.column).toBe(want.column);
    expect(hit!.message).toMatch(want.text);
  });

  it('quotes a long or multi-line column name as a short one-line snippet', () => {
    // A stray quote in the header swallows the rest of the file into one "name" (a CI fuzz counterexample).
    const swallowed = 'x,"' + '1,2,3\r\n'.repeat(40) + '",y,,z';
    const e = errs(parseCsv(swallowed + '\n1,2,3,4,5', { label: 'label' }));
    const unknown = e.find((x) => x.code === 'unknown-label-column');
    expect(unknown, JSON.stringify(e)).toBeDefined();
    expect(unknown!.message).toMatch(/columns are: x, 1,2,3 1,2,3 1,2,3 1,2,3…, y, , z$/);
    const dup = errs(parseCsv(`${'long'.repeat(30)},${'long'.repeat(30)},y\n1,2,0`)).find(
      (x) => x.code === 'duplicate-column'
    );
    expect(dup!.message).toBe(`Row 1, column "${'long'.repeat(6).slice(0, 23)}…": this column name appears twice`);
    expect(dup!.column).toBe('long'.repeat(30));
  });

  it('counts rows as a spreadsheet does: blank lines count, a quoted line break does not', () => {
    const e = errs(parseCsv('a,y\n"multi\nline note",0\n\n1,1\nzz,0'));
    // Row 2 is the quoted two-line cell (not a number), row 3 blank, row 4 fine, row 5 bad.
    expect(e.map((x) => x.row)).toEqual([2, 5]);
  });

  it('caps the list of errors and says how many were left out', () => {
    const text = 'a,y\n' + Array.from({ length: MAX_CSV_ERRORS + 12 }, () => 'x,0').join('\n');
    const e = errs(parseCsv(text));
    expect(e).toHaveLength(MAX_CSV_ERRORS + 1);
    expect(e[MAX_CSV_ERRORS - 1].row).toBe(MAX_CSV_ERRORS + 1);
    expect(e[MAX_CSV_ERRORS]).toMatchObject({ code: 'more-errors', message: '…and 12 more problems not shown' });
  });
});

describe('parseCsv: limits', () => {
  it('refuses text over 5 MB without reading it', () => {
    const e = errs(parseCsv('a,y\n' + '1'.repeat(MAX_CSV_CHARS)));
    expect(e[0].code).toBe('too-large');
    expect(e[0].message).toMatch(/limit is 5 MB/);
  });

  it('accepts exactly the row limit and refuses one more, naming the row', () => {
    const rows = (n: number) => 'a,y\n' + Array.from({ length: n }, (_, i) => `${i},${i % 2}`).join('\n');
    expect(ok(parseCsv(rows(MAX_CSV_ROWS))).x.shape).toEqual([MAX_CSV_ROWS, 1]);
    const e = errs(parseCsv(rows(MAX_CSV_ROWS + 1)));
    expect(e[0]).toMatchObject({ code: 'too-many-rows', row: MAX_CSV_ROWS + 2 });
  });

  it('accepts exactly the feature limit and refuses one more', () => {
    const table = (f: number) => {
      const names = Array.from({ length: f }, (_, i) => `f${i}`).join(',');
      const row = (label: number) => Array.from({ length: f }, () => '1').join(',') + `,${label}`;
      return `${names},label\n${row(0)}\n${row(1)}`;
    };
    expect(ok(parseCsv(table(MAX_CSV_FEATURES))).x.shape).toEqual([2, MAX_CSV_FEATURES]);
    expect(errs(parseCsv(table(MAX_CSV_FEATURES + 1)))[0].code).toBe('too-many-features');
  });

  it('refuses a label column with too many classes (probably the wrong column)', () => {
    const text = 'a,price\n' + Array.from({ length: 150 }, (_, i) => `${i},${i * 3}`).join('\n');
    const e = errs(parseCsv(text));
    expect(e[0]).toMatchObject({ code: 'too-many-classes', column: 'price' });
    expect(e[0].message).toMatch(/150 different labels/);
  });
});
