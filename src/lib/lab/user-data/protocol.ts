import type { UserRead } from './read';

/**
 * Messages of the CSV worker (lab/workers/csv.worker.ts): the page sends a file's bytes (moved,
 * not copied) or pasted text, and gets back what readUserCsv made of it, tagged with the request's
 * run so a reply to an older file is dropped.
 */
export interface CsvReadRequest {
  type: 'read';
  /** The page's request counter. */
  run: number;
  /** The file's name as the learner knows it (or "pasted text"). */
  name: string;
  /** The file's bytes, or the pasted text. */
  input: ArrayBuffer | string;
  /** The label column; default the last. */
  label?: string;
}

export interface CsvReadReply {
  type: 'read';
  run: number;
  name: string;
  result: UserRead;
}

/** Handles one request; the worker posts the reply (its table's buffers moved). */
export type CsvWorkerIn = CsvReadRequest;
export type CsvWorkerOut = CsvReadReply;
