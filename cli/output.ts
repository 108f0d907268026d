import { closeSync, openSync, writeSync } from 'node:fs';
import { csvLine, type CsvValue } from '../src/lib/data/csv-write';
import { UsageError } from './args';

/**
 * Everything the CLI prints or writes: the progress display (a redrawn bar on a terminal, plain
 * lines in a pipe or a log file), aligned summary tables, and CSV files written row by row (cells
 * as the page writes them, data/csv-write.ts) —
 * row by row so that Ctrl-C, or a crash in epoch 90, still leaves every finished row on disk.
 * Progress goes to stderr, results to stdout, so `--json > run.json` captures pure JSON.
 */

/** Formats a number for tables: fixed decimals, or "–" when there is no value. */
export function num(v: number | null | undefined, digits = 4): string {
  return v === null || v === undefined || !Number.isFinite(v) ? '–' : v.toFixed(digits);
}

/** Formats seconds as "42s", "3m05s" or "1h02m". */
export function duration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

/** Lays out rows as an aligned text table: first column left-aligned, the others right-aligned. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (r: readonly string[]) =>
    r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/**
 * Live progress on stderr. On a terminal one line is redrawn in place (a bar, the step, whatever
 * numbers the caller passes, and the estimated time left); elsewhere each update is its own line,
 * so logs stay readable. `quiet` (used with --json) prints nothing.
 */
export class Progress {
  private readonly tty: boolean;
  private readonly started = performance.now();
  private drawn = false;
  private lastDraw = -Infinity;

  constructor(
    /** Number of steps in the whole run (epochs, or training runs for a sweep). */
    private readonly total: number,
    /** Print nothing at all. */
    private readonly quiet = false,
    /** Where to write (stderr by default; tests and pipes are not terminals). */
    private readonly stream: NodeJS.WriteStream = process.stderr
  ) {
    this.tty = Boolean(stream.isTTY) && !process.env.NO_PROGRESS_BAR;
  }

  /** Reports that `done` of `total` steps are finished; `detail` is e.g. "plain val 0.41 | dropout val 0.35". */
  update(done: number, detail: string): void {
    if (this.quiet) return;
    const elapsed = (performance.now() - this.started) / 1000;
    const eta = done > 0 ? duration((elapsed / done) * (this.total - done)) : '?';
    const count = `${String(done).padStart(String(this.total).length)}/${this.total}`;
    if (this.tty) {
      // Redraw at most ~10 times a second (fast runs would otherwise flood the terminal).
      const now = performance.now();
      if (done < this.total && now - this.lastDraw < 100) return;
      this.lastDraw = now;
      const columns = this.stream.columns || 80;
      const barWidth = Math.max(10, Math.min(30, columns - 60));
      const filled = Math.round((barWidth * done) / Math.max(1, this.total));
      const bar = '█'.repeat(filled) + '░'.repeat(barWidth - filled);
      const text = `${bar} ${count} ETA ${eta}  ${detail}`;
      this.stream.write(`\r\x1b[2K${text.slice(0, columns - 1)}`);
      this.drawn = true;
    } else {
      this.stream.write(`${count}  ${detail}  (ETA ${eta})\n`);
    }
  }

  /** Ends the progress display (moves off the redrawn line) before the summary is printed. */
  finish(): void {
    if (this.drawn) this.stream.write('\n');
    this.drawn = false;
  }

  /** Seconds since the run started. */
  elapsed(): number {
    return (performance.now() - this.started) / 1000;
  }
}

/**
 * A CSV file written one row at a time with synchronous writes, so each finished row is on disk
 * before the next epoch starts. The header is written on open, so even a run stopped before its
 * first row leaves a valid (empty) table.
 */
export class CsvWriter {
  private fd: number | null;

  /** Opens (creates or truncates) `path`; an unwritable path is a usage error (exit status 2). */
  constructor(
    readonly path: string,
    /** Column names. */
    readonly columns: readonly string[]
  ) {
    try {
      this.fd = openSync(path, 'w');
    } catch (e) {
      throw new UsageError(`--out: cannot write "${path}": ${reason(e)}`);
    }
    this.row(columns);
  }

  /** Appends one row (same order as the columns). */
  row(values: readonly CsvValue[]): void {
    this.line(csvLine(values));
  }

  /** Appends one line already formatted as CSV (e.g. by the twin lab's curvesToCsv). */
  line(text: string): void {
    if (this.fd === null) throw new Error(`CSV file ${this.path} is already closed`);
    writeSync(this.fd, text + '\n');
  }

  /** Closes the file (safe to call twice). */
  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }
}

/** A file-system error in words: "no such file or directory" rather than "ENOENT: …, open 'x'". */
export function reason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  const words: Record<string, string> = {
    ENOENT: 'no such file or directory',
    EACCES: 'permission denied',
    EISDIR: 'it is a directory',
    ENOTDIR: 'a part of the path is not a directory',
    EROFS: 'read-only file system',
    ENOSPC: 'no space left on the device'
  };
  return (code && words[code]) || (e instanceof Error ? e.message : String(e));
}

/** Prints a value as JSON on stdout (stable key order as built; two-space indentation). */
export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value, null, 2) + '\n');
}
