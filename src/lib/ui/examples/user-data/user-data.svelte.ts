import type { CsvWorkerIn, CsvWorkerOut } from '../../../lab/user-data/protocol';
import type { UserTable } from '../../../lab/user-data/table';
import type { UserDataStore } from '../../../lab/user-data/store';
import { decodeDrawn, drawnProblem, encodeDrawn, type DrawnPoint } from '../../../lab/user-data/drawn';

/**
 * The learner's own data on the page: files and pasted text go to the CSV worker, and what comes
 * back is either a data set (handed to `onload`) or problems in words. A failed read changes
 * nothing else: the previous data set stays current, and whatever trained on it stays on screen.
 */

/** A data set that read correctly. */
export interface UserDataSet {
  /** File name (or "pasted text"). */
  name: string;
  /** Its text, as decoded (kept for another label column and for storage). */
  text: string;
  /** Header names. */
  columns: string[];
  /** The label column used. */
  label: string;
  /** The parsed table. */
  table: UserTable;
}

/** What the controller needs of the CSV worker: WorkerHandle's surface. */
export interface CsvWorker {
  readonly error: string | null;
  begin(run?: number): number;
  post(message: CsvWorkerIn, transfer?: Transferable[]): void;
  restart(): void;
  dispose(): void;
}

/** The largest file read at all: beyond the loader's limit a file is refused before its bytes are read. */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;

/** What the panel says once the data is stored, or could not be. */
export const KEPT = 'Kept in this browser on this device only, for your next visit; "Forget my data" removes it.';
export const NOT_KEPT =
  'This browser could not keep your data (storage is blocked, full or unavailable): it will be gone after a reload. Everything else works.';

export class UserData {
  /** The current data set (the last that read correctly), or null. */
  current = $state.raw<UserDataSet | null>(null);
  /** The file last tried, when it failed but its header was read: its columns offer another label. */
  attempt = $state.raw<{ name: string; text: string; columns: string[]; label: string | undefined } | null>(null);
  /** Problems of the last attempt, in words (empty after a success). */
  errors = $state<string[]>([]);
  /** The name of the file the problems are about. */
  failedName = $state('');
  /** What is happening, for a polite live region. */
  status = $state('');
  /** True while a file is being read. */
  reading = $state(false);
  /** What storage did with the data: kept for the next visit, or could not be (empty before any). */
  storeNote = $state('');
  /** Drawn points kept from an earlier visit (the pad starts from them), or null. */
  storedDrawn = $state.raw<DrawnPoint[] | null>(null);

  readonly worker: CsvWorker;
  /** The label column of the request in flight. */
  private sentLabel: string | undefined;
  /** Whether the request in flight restores stored data (then it is not saved again). */
  private sentRestore = false;

  /**
   * `onload` receives every data set that read, `restored` true for one read back from storage at
   * start-up (the page then selects it only if the address bar asked for "your data").
   */
  constructor(
    createWorker: (onReply: (m: CsvWorkerOut) => void) => CsvWorker,
    private readonly onload: (set: UserDataSet, restored: boolean) => void,
    private readonly store: UserDataStore
  ) {
    this.worker = createWorker((m) => this.onReply(m));
  }

  /** Reads back what an earlier visit kept, if anything (a bad record reads as nothing). */
  async restore(): Promise<{ file: boolean; drawn: DrawnPoint[] | null }> {
    const [saved, drawnText] = await Promise.all([this.store.load(), this.store.loadDrawn()]);
    const decoded = drawnText === null ? null : decodeDrawn(drawnText);
    const drawn = decoded && 'points' in decoded && drawnProblem(decoded.points) === null ? decoded.points : null;
    if (drawn) this.storedDrawn = drawn;
    const file = saved !== null && !this.current && !this.reading;
    if (file) this.send(saved.name, saved.text, saved.label, true);
    return { file, drawn };
  }

  /** Keeps drawn points for the next visit (they also travel in the link). */
  async keepDrawn(points: DrawnPoint[]): Promise<void> {
    this.storedDrawn = points;
    const ok = await this.store.saveDrawn(encodeDrawn(points));
    this.storeNote = ok ? KEPT : NOT_KEPT;
  }

  /** The columns and label the label menu offers: the failed attempt's when it has a header, else the current set's. */
  get menu(): { columns: string[]; label: string } | null {
    const a = this.attempt;
    if (a && a.columns.length > 1) return { columns: a.columns, label: a.label ?? a.columns[a.columns.length - 1] };
    const c = this.current;
    return c ? { columns: c.columns, label: c.label } : null;
  }

  /** Reads a file chosen with the picker or dropped. */
  async readFile(file: File): Promise<void> {
    if (file.size > MAX_FILE_BYTES) {
      this.fail(file.name, [
        `The file is ${(file.size / 1048576).toFixed(1)} MB; the limit is ${MAX_FILE_BYTES / 1048576} MB.`
      ]);
      return;
    }
    let bytes: ArrayBuffer;
    try {
      bytes = await file.arrayBuffer();
    } catch (e) {
      this.fail(file.name, [`The file could not be read (${e instanceof Error ? e.message : String(e)}).`]);
      return;
    }
    this.send(file.name, bytes);
  }

  /** Reads pasted text. */
  readText(text: string, name = 'pasted text'): void {
    if (text.trim() === '') {
      this.fail(name, ['Nothing was pasted: paste the text of a CSV file, header row first.']);
      return;
    }
    this.send(name, text);
  }

  /** Reads the same text again with another label column. */
  chooseLabel(label: string): void {
    const src = this.attempt && this.attempt.columns.length > 1 ? this.attempt : this.current;
    if (src) this.send(src.name, src.text, label);
  }

  /** Forgets the current data set and any failed attempt, here and in storage. */
  async forget(): Promise<void> {
    this.current = null;
    this.attempt = null;
    this.errors = [];
    this.storeNote = '';
    this.storedDrawn = null;
    this.status = 'Your data was forgotten on this page.';
    const removed = await this.store.forget();
    this.status = removed
      ? 'Your data was forgotten: it is gone from this page and from this device.'
      : 'Your data was forgotten on this page (this browser keeps no storage for it, so nothing else was kept).';
  }

  dispose(): void {
    this.worker.dispose();
  }

  private send(name: string, input: ArrayBuffer | string, label?: string, restoring = false): void {
    const run = this.worker.begin();
    this.reading = true;
    this.sentLabel = label;
    this.sentRestore = restoring;
    this.status = `Reading "${name}"…`;
    this.worker.post({ type: 'read', run, name, input, label }, typeof input === 'string' ? [] : [input]);
  }

  private onReply(m: CsvWorkerOut): void {
    this.reading = false;
    const r = m.result;
    if (!r.ok) {
      this.attempt =
        r.text !== null && r.columns.length > 1
          ? { name: m.name, text: r.text, columns: r.columns, label: this.sentLabel }
          : null;
      this.fail(m.name, r.errors);
      return;
    }
    this.attempt = null;
    this.errors = [];
    this.failedName = '';
    const set: UserDataSet = { name: m.name, text: r.text, columns: r.columns, label: r.label, table: r.table };
    this.current = set;
    this.status = `Read "${m.name}": ${r.table.rows} rows.`;
    const restored = this.sentRestore;
    this.onload(set, restored);
    if (restored) this.storeNote = KEPT;
    else void this.keep(set);
  }

  /** Saves a data set that read, and says whether it will still be here after a reload. */
  private async keep(set: UserDataSet): Promise<void> {
    const ok = await this.store.save({ name: set.name, text: set.text, label: set.label });
    if (this.current !== set) return; // forgotten or replaced meanwhile
    this.storeNote = ok ? KEPT : NOT_KEPT;
  }

  private fail(name: string, errors: string[]): void {
    this.reading = false;
    this.errors = errors;
    this.failedName = name;
    this.status = `"${name}" could not be used.`;
  }
}
