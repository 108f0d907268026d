import { tensor, type Tensor } from '../engine';
import { csvRecords } from './csv-tokenize';

/**
 * Reads a user's own CSV file into a classification data set: numeric feature columns plus one
 * label column. `parseCsv` NEVER throws — every problem becomes a CsvError that names the row
 * (1-based, as a spreadsheet shows it, the header being row 1) and the column, so the UI can list
 * exactly what to fix. Cutting it into train/validation is csvSplit (csv-split.ts).
 *
 * Labels may be words or numbers. Classes are numbered in SORTED order of their labels (numerically
 * if every label is a number, otherwise alphabetically by character code), not in order of first
 * appearance — so shuffling the rows of a file never renames its classes, and labels 0/1 stay 0/1.
 */

/** Largest text accepted: 5 MiB, counted in UTF-16 code units (equal to bytes for ASCII). */
export const MAX_CSV_CHARS = 5 * 1024 * 1024;
/** Largest number of data rows (not counting the header). */
export const MAX_CSV_ROWS = 50_000;
/** Largest number of feature columns (not counting the label). */
export const MAX_CSV_FEATURES = 1024;
/** Most classes a label column may have; more usually means the wrong column was chosen. */
export const MAX_CSV_CLASSES = 100;
/** Errors listed individually; beyond this, one 'more-errors' entry says how many were left out. */
export const MAX_CSV_ERRORS = 20;

/** What kind of problem a CsvError is (stable, for tests and for the UI to choose help text). */
export type CsvErrorCode =
  | 'not-text'
  | 'too-large'
  | 'empty'
  | 'no-header'
  | 'unnamed-column'
  | 'duplicate-column'
  | 'too-few-columns'
  | 'too-many-features'
  | 'unknown-label-column'
  | 'unterminated-quote'
  | 'bad-quote'
  | 'missing-value'
  | 'extra-value'
  | 'not-a-number'
  | 'missing-label'
  | 'too-many-rows'
  | 'no-rows'
  | 'one-class'
  | 'too-many-classes'
  | 'more-errors'
  | 'internal';

/** One problem found in the file. */
export interface CsvError {
  /** Kind of problem. */
  code: CsvErrorCode;
  /** Human-readable explanation, already naming the row and column when there are any. */
  message: string;
  /** 1-based spreadsheet row (header = 1), when the problem is in one row. */
  row?: number;
  /** Name of the column concerned, when there is one. */
  column?: string;
}

/** A successfully read file. */
export interface CsvData {
  /** Features, `[rows, features]`, as written in the file (not yet standardised). */
  x: Tensor;
  /** Class index of each row, `[rows]`. */
  y: Tensor;
  /** Feature column names, in file order (label column left out). */
  featureNames: string[];
  /** Label text of each class: class k is `classNames[k]`. */
  classNames: string[];
  /** Number of classes (≥ 2). */
  classes: number;
}

/** What parseCsv returns: the data, or every problem found (it never throws). */
export type CsvResult = { ok: true; data: CsvData } | { ok: false; errors: CsvError[] };

/** Options of parseCsv. */
export interface CsvOptions {
  /** Name of the label column (header text, surrounding spaces ignored); default: the last column. */
  label?: string;
}

/** A plain decimal number, optionally with exponent: "3", "-0.5", ".5", "1e-3". Not "", "0x1F", "Infinity". */
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** Largest finite 32-bit float: features are stored as Float32, beyond this they become Infinity. */
const FLOAT32_MAX = 3.4028234663852886e38;

/** Parses a trimmed cell as a finite number, or returns NaN. */
function toNumber(cell: string): number {
  if (!NUMBER.test(cell)) return NaN;
  const v = Number(cell);
  return Number.isFinite(v) ? v : NaN;
}

/**
 * A column name as quoted in a message: at most 24 characters, line breaks and other control characters shown
 * as spaces. Header cells come from the user's file and can be any length (a stray quote can swallow half the
 * file into one name), and a message must stay a sentence.
 */
function shortName(name: string): string {
  // eslint-disable-next-line no-control-regex
  const flat = name.replace(/[\u0000-\u001f\u007f]+/g, ' ');
  return flat.length > 24 ? `${flat.slice(0, 23)}…` : flat;
}

/** Formats "Row 5, column "x1"" style locations. */
function where(row: number | undefined, column: string | undefined): string {
  const parts = [];
  if (row !== undefined) parts.push(`Row ${row}`);
  if (column !== undefined) parts.push(`${parts.length ? 'column' : 'Column'} "${shortName(column)}"`);
  const s = parts.join(', ');
  return s ? `${s}: ` : '';
}

/** Collects errors up to MAX_CSV_ERRORS and counts the rest. */
class ErrorList {
  readonly list: CsvError[] = [];
  private dropped = 0;
  add(code: CsvErrorCode, message: string, row?: number, column?: string): void {
    if (this.list.length >= MAX_CSV_ERRORS) {
      this.dropped++;
      return;
    }
    const e: CsvError = { code, message: where(row, column) + message };
    if (row !== undefined) e.row = row;
    if (column !== undefined) e.column = column;
    this.list.push(e);
  }
  /** All errors, with a closing 'more-errors' entry when some were left out. */
  result(): CsvResult {
    const errors = [...this.list];
    if (this.dropped > 0) {
      errors.push({
        code: 'more-errors',
        message: `…and ${this.dropped} more problem${this.dropped > 1 ? 's' : ''} not shown`
      });
    }
    return { ok: false, errors };
  }
}

/** Reads CSV text (header row required) into features and class labels. Never throws. */
export function parseCsv(text: string, options: CsvOptions = {}): CsvResult {
  try {
    return parse(text, options);
  } catch (e) {
    // Only a bug can get here; the property test checks that no input ever does.
    return {
      ok: false,
      errors: [{ code: 'internal', message: `Unexpected problem while reading the file: ${String(e)}` }]
    };
  }
}

/** The actual reader: size checks, then the header, then every data row, then the classes. */
function parse(text: string, options: CsvOptions): CsvResult {
  const errors = new ErrorList();
  const fail = (code: CsvErrorCode, message: string, row?: number, column?: string) => {
    errors.add(code, message, row, column);
    return errors.result();
  };
  if (typeof text !== 'string') return fail('not-text', 'expected the text of a CSV file');
  if (text.length > MAX_CSV_CHARS) {
    return fail(
      'too-large',
      `the file is ${(text.length / 1048576).toFixed(1)} MB; the limit is ${MAX_CSV_CHARS / 1048576} MB`
    );
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // byte-order mark written by Excel
  if (text.trim() === '') return fail('empty', 'the file is empty');

  // One pass over the records. next() by hand for the header: breaking out of a for-of loop
  // would close the generator before the data rows.
  const records = csvRecords(text);
  let first = records.next();
  while (!first.done && first.value.blank) first = records.next();
  if (first.done) return fail('empty', 'the file is empty');
  const headerRow = first.value.row;
  if (first.value.problem) return fail(first.value.problem.code, first.value.problem.message, headerRow);
  const header = first.value.fields.map((f) => f.trim());
  if (header.every((h) => !Number.isNaN(toNumber(h)))) {
    return fail(
      'no-header',
      'the first row holds only numbers; add a header row naming the columns, e.g. "x1,x2,label"',
      headerRow
    );
  }
  header.forEach((h, k) => {
    if (h === '') errors.add('unnamed-column', `column ${k + 1} of the header has no name`, headerRow);
    else if (header.indexOf(h) !== k) errors.add('duplicate-column', 'this column name appears twice', headerRow, h);
  });
  if (header.length < 2) {
    errors.add('too-few-columns', 'need at least one feature column and one label column', headerRow);
  }
  const labelName = options.label?.trim() ?? header[header.length - 1];
  const labelIndex = header.indexOf(labelName);
  if (labelIndex < 0) {
    const names = header.slice(0, 10).map(shortName).join(', ') + (header.length > 10 ? ', …' : '');
    errors.add(
      'unknown-label-column',
      `no column is called "${shortName(labelName)}"; columns are: ${names}`,
      headerRow
    );
  }
  if (header.length - 1 > MAX_CSV_FEATURES) {
    errors.add(
      'too-many-features',
      `${header.length - 1} feature columns; the limit is ${MAX_CSV_FEATURES}`,
      headerRow
    );
  }
  if (errors.list.length > 0) return errors.result();

  // Data rows: keep reading after a bad row so the user gets every problem at once.
  const featureNames = header.filter((_, k) => k !== labelIndex);
  const width = header.length;
  const values: number[] = [];
  const labels: string[] = [];
  let rows = 0;
  for (const r of records) {
    if (r.blank) continue;
    if (++rows > MAX_CSV_ROWS)
      return fail(
        'too-many-rows',
        `more than ${MAX_CSV_ROWS.toLocaleString('en')} data rows; the limit is ${MAX_CSV_ROWS.toLocaleString('en')}`,
        r.row
      );
    if (r.problem) {
      errors.add(r.problem.code, r.problem.message, r.row, header[r.problem.field]);
      continue;
    }
    const f = r.fields;
    // A trailing comma ("1,2,a,") gives an extra empty field: forgiven, it carries nothing.
    while (f.length > width && f[f.length - 1].trim() === '') f.pop();
    if (f.length < width) {
      errors.add(
        'missing-value',
        `missing: the row has ${f.length} value${f.length === 1 ? '' : 's'}, the header ${width} columns`,
        r.row,
        header[f.length]
      );
      continue;
    }
    if (f.length > width) {
      errors.add('extra-value', `the row has ${f.length} values but the header only ${width} columns`, r.row);
      continue;
    }
    for (let k = 0; k < width; k++) {
      const cell = f[k].trim();
      if (k === labelIndex) {
        if (cell === '') errors.add('missing-label', 'the label is empty', r.row, header[k]);
        labels.push(cell);
      } else if (cell === '') {
        errors.add('missing-value', 'the value is empty', r.row, header[k]);
      } else {
        const v = toNumber(cell);
        const shown = JSON.stringify(cell.slice(0, 30));
        if (Number.isNaN(v)) errors.add('not-a-number', `${shown} is not a number`, r.row, header[k]);
        else if (Math.abs(v) > FLOAT32_MAX) errors.add('not-a-number', `${shown} is too large`, r.row, header[k]);
        values.push(v);
      }
    }
  }
  if (errors.list.length > 0) return errors.result();
  if (rows === 0) return fail('no-rows', 'the file has a header but no data rows');

  // Classes: at least two, not so many that the label column is probably a measurement.
  const { classNames, classOf } = classesOf(labels);
  if (classNames.length < 2) {
    return fail(
      'one-class',
      `every row has the label "${classNames[0]}"; a classifier needs at least two classes`,
      undefined,
      labelName
    );
  }
  if (classNames.length > MAX_CSV_CLASSES) {
    return fail(
      'too-many-classes',
      `${classNames.length} different labels (at most ${MAX_CSV_CLASSES}); is this the right label column?`,
      undefined,
      labelName
    );
  }
  const y = Float32Array.from(labels, (l) => classOf.get(l)!);
  return {
    ok: true,
    data: {
      x: tensor(Float32Array.from(values), [rows, width - 1]),
      y: tensor(y, [rows]),
      featureNames,
      classNames,
      classes: classNames.length
    }
  };
}

/**
 * Numbers the distinct labels in sorted order: numerically when all are numbers ("1" and "1.0"
 * are then the same class, named by the first spelling seen), else by character code.
 */
function classesOf(labels: string[]): { classNames: string[]; classOf: Map<string, number> } {
  const numeric = labels.every((l) => !Number.isNaN(toNumber(l)));
  const key = (l: string) => (numeric ? String(Number(l)) : l);
  const firstSpelling = new Map<string, string>();
  for (const l of labels) if (!firstSpelling.has(key(l))) firstSpelling.set(key(l), l);
  const keys = [...firstSpelling.keys()].sort(
    numeric ? (a, b) => Number(a) - Number(b) : (a, b) => (a < b ? -1 : a > b ? 1 : 0)
  );
  const index = new Map(keys.map((k, i) => [k, i]));
  const classOf = new Map<string, number>();
  for (const l of labels) classOf.set(l, index.get(key(l))!);
  return { classNames: keys.map((k) => firstSpelling.get(k)!), classOf };
}

export { csvSplit, MAX_Z, type CsvSplit, type CsvSplitOptions } from './csv-split';
