/**
 * Splits CSV text into records of fields (RFC 4180, plus the leniency hand-written files need).
 * It only cuts text; it knows nothing about headers or numbers — that is csv.ts's job.
 *
 * - Fields are separated by commas, records by "\n", "\r\n" or a lone "\r".
 * - A field that starts with a double quote (after optional spaces) is quoted: it may contain
 *   commas, line breaks and doubled quotes ("" stands for one "). Spaces after the closing quote
 *   are ignored.
 * - A final line break does not start an extra record.
 */

/** One record (one spreadsheet row) of the file. */
export interface CsvRecord {
  /** 1-based row number as a spreadsheet shows it: blank lines count, a quoted line break does not. */
  row: number;
  /** The fields as written, quotes removed, not trimmed. */
  fields: string[];
  /** True for an empty or whitespace-only line (callers skip those). */
  blank: boolean;
  /** A syntax problem in this record, if any: which field (0-based) and what. */
  problem?: { field: number; code: 'unterminated-quote' | 'bad-quote'; message: string };
}

const COMMA = 44;
const QUOTE = 34;
const LF = 10;
const CR = 13;

/** True for a space or tab, the only padding allowed around a quoted field. */
function isPad(c: number): boolean {
  return c === 32 || c === 9;
}

/**
 * Yields the records of `text` one at a time, so a caller that hits a limit (too many rows)
 * can stop without cutting the rest of a large file.
 */
export function* csvRecords(text: string): Generator<CsvRecord> {
  const n = text.length;
  let i = 0;
  let row = 1;
  while (i < n) {
    const record: CsvRecord = { row, fields: [], blank: false };
    let atRecordEnd = false;
    while (!atRecordEnd) {
      // Leading padding, then either a quoted or a plain field.
      let start = i;
      while (i < n && isPad(text.charCodeAt(i))) i++;
      if (i < n && text.charCodeAt(i) === QUOTE) {
        let value = '';
        let from = ++i;
        let closed = false;
        while (i < n) {
          if (text.charCodeAt(i) !== QUOTE) {
            i++;
          } else if (i + 1 < n && text.charCodeAt(i + 1) === QUOTE) {
            value += text.slice(from, i + 1); // keep one quote of the pair
            i += 2;
            from = i;
          } else {
            closed = true;
            break;
          }
        }
        value += text.slice(from, i);
        if (!closed) {
          record.problem ??= {
            field: record.fields.length,
            code: 'unterminated-quote',
            message: 'a quoted value is never closed (missing ")'
          };
          record.fields.push(value);
          yield record;
          return; // the open quote swallowed the rest of the file
        }
        i++; // the closing quote
        while (i < n && isPad(text.charCodeAt(i))) i++;
        start = i;
        while (i < n && !isSeparator(text.charCodeAt(i))) i++;
        if (i > start) {
          record.problem ??= {
            field: record.fields.length,
            code: 'bad-quote',
            message: `unexpected text after a closing quote: ${JSON.stringify(text.slice(start, Math.min(i, start + 20)))}`
          };
        }
        record.fields.push(value);
      } else {
        while (i < n && !isSeparator(text.charCodeAt(i))) i++;
        record.fields.push(text.slice(start, i));
      }
      // What ended the field: a comma (another field follows), a line break or the end.
      const c = i < n ? text.charCodeAt(i) : -1;
      i++;
      if (c === COMMA) continue; // at the very end, the next pass reads the empty last field
      if (c === CR && i < n && text.charCodeAt(i) === LF) i++;
      atRecordEnd = true;
    }
    record.blank = record.fields.length === 1 && record.fields[0].trim() === '';
    yield record;
    row++;
  }
}

/** True for the characters that end an unquoted field. */
function isSeparator(c: number): boolean {
  return c === COMMA || c === LF || c === CR;
}
