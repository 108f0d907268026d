import { MAX_CSV_CHARS, parseCsv } from '../../data/csv';
import { csvRecords } from '../../data/csv-tokenize';
import { summarise, tableOf, type UserTable } from './table';

/**
 * Reads a user's file (its bytes, or pasted text) with the CLI's loader (data/csv.ts: limits,
 * header, numeric features, label column), and says in words what is wrong when it cannot. Never
 * throws. Runs in the CSV worker, so a 5 MB file never freezes the page.
 */

/** Why a read failed, or what it gave. */
export type UserRead =
  | {
      ok: true;
      table: UserTable;
      /** The decoded text (kept to re-read with another label column, and to store). */
      text: string;
      /** Header names, in file order (the label menu). */
      columns: string[];
      /** The label column used. */
      label: string;
    }
  | {
      ok: false;
      /** One sentence per problem, naming the row and column when there are any. */
      errors: string[];
      /** The decoded text when the file was text (so another label column can be tried), else null. */
      text: string | null;
      /** Header names when a header could be read, else []. */
      columns: string[];
    };

/** Shortest prefix of text scanned for the header (a stray quote could make it the whole file). */
const HEADER_SCAN = 1 << 16;

/**
 * Decodes bytes as UTF-8 text, refusing binary files: a NUL byte, or bytes that are not UTF-8
 * (a spreadsheet's .xlsx, an image). Returns the text or a sentence.
 */
export function decodeText(bytes: Uint8Array): { text: string } | { error: string } {
  if (bytes.length > MAX_CSV_CHARS) {
    return {
      error: `The file is ${(bytes.length / 1048576).toFixed(1)} MB; the limit is ${MAX_CSV_CHARS / 1048576} MB.`
    };
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    return {
      error: `The file is not text (byte ${nul + 1} is a zero byte): is it a spreadsheet or an image rather than a CSV? Save it as "CSV (comma-separated)" and try again.`
    };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return {
      error:
        'The file is not UTF-8 text: is it a spreadsheet or an image rather than a CSV? Save it as "CSV UTF-8 (comma-separated)" and try again.'
    };
  }
}

/** The header's column names (trimmed), or [] when there is none. Never throws. */
export function headerOf(text: string): string[] {
  try {
    let start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
    // Skip leading blank lines; then read the first record only.
    while (start < text.length && /[\r\n \t]/.test(text[start])) start++;
    const first = csvRecords(text.slice(start, start + HEADER_SCAN)).next();
    if (first.done || first.value.problem) return [];
    const names = first.value.fields.map((f) => f.trim());
    return names.length > 1024 + 1 ? [] : names;
  } catch {
    return [];
  }
}

/** Capital first letter and a closing full stop: parseCsv's messages as sentences. */
function sentence(message: string): string {
  const s = message.charAt(0).toUpperCase() + message.slice(1);
  return /[.?!…]$/.test(s) ? s : `${s}.`;
}

/**
 * Reads bytes (a file) or text (pasted) with `label` as the label column (default: the last).
 * A file that reads but leaves no validation rows (every class a single row) is refused too,
 * as the CLI refuses it.
 */
export function readUserCsv(input: Uint8Array | string, label?: string): UserRead {
  try {
    let text: string;
    if (typeof input === 'string') {
      if (input.length > MAX_CSV_CHARS) {
        return {
          ok: false,
          errors: [
            `The text is ${(input.length / 1048576).toFixed(1)} MB; the limit is ${MAX_CSV_CHARS / 1048576} MB.`
          ],
          text: null,
          columns: []
        };
      }
      text = input;
    } else {
      const decoded = decodeText(input);
      if ('error' in decoded) return { ok: false, errors: [decoded.error], text: null, columns: [] };
      text = decoded.text;
    }
    const columns = headerOf(text);
    const chosen = label !== undefined && columns.includes(label) ? label : undefined;
    const parsed = parseCsv(text, chosen === undefined ? {} : { label: chosen });
    if (!parsed.ok) return { ok: false, errors: parsed.errors.map((e) => sentence(e.message)), text, columns };
    const table = tableOf(parsed.data);
    if (summarise(table).val === 0) {
      return {
        ok: false,
        errors: ['Too few rows to hold out a validation set: every class needs at least 2 rows.'],
        text,
        columns
      };
    }
    return { ok: true, table, text, columns, label: chosen ?? columns[columns.length - 1] };
  } catch (e) {
    return {
      ok: false,
      errors: [`Unexpected problem while reading the file: ${e instanceof Error ? e.message : String(e)}.`],
      text: null,
      columns: []
    };
  }
}
