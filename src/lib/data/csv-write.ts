/**
 * Writing CSV cells for a file the learner downloads and may open in a spreadsheet: every CSV the
 * page offers (experiment tables, the data as trained) and every `dropout-lab … --out` file goes
 * through here, so the page's file and the CLI's hold the same text.
 *
 * Two rules. RFC 4180: a cell with a comma, a quote or a line break is quoted, inner quotes doubled.
 * CSV injection (OWASP): a spreadsheet runs a cell that starts with =, +, -, @, a tab or a carriage
 * return as a formula, so such a text cell is written with an apostrophe in front ("'=HYPERLINK(…)"),
 * which spreadsheets show as the text itself. Numbers, negative ones included, stay numbers.
 */

/** A cell value: a number, a text, or null for an empty cell. */
export type CsvValue = string | number | null;

/** Characters that make a spreadsheet read a cell as a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;
/** A decimal number as text ("-0.25", "+3", "1e-5"): safe to start with a sign. */
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** A text cell with a formula's first character defused (numbers in text form are left alone). */
export function defuseFormula(text: string): string {
  return FORMULA_START.test(text) && !NUMBER.test(text) ? `'${text}` : text;
}

/** One cell: null and non-finite numbers are empty (never "NaN"); text is defused, then quoted if needed. */
export function csvCell(v: CsvValue): string {
  if (v === null) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  const s = defuseFormula(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One line of cells (without its line end). */
export function csvLine(cells: readonly CsvValue[]): string {
  return cells.map(csvCell).join(',');
}
