import type { RatesConfig } from './config';
import type { RatesJob } from './plan';
import type { RatesRun } from './train';

/**
 * Messages between the rate-sweep example and its Web Workers (src/lib/lab/workers/rates.worker.ts).
 * The page runs two workers; both take jobs from one queue on the page, one start per job (a
 * worker that answers 'done' gets the next, with the same run number). Every reply carries the `run` of
 * the start it answers, so replies of a stopped or replaced sweep are dropped. Plain data only.
 */

/** Page → worker. */
export type RatesRequest =
  /** Load the digits from `url` (once), then train `jobs` one after another (the page sends one at a time). */
  | { type: 'start'; run: number; url: string; config: RatesConfig; jobs: RatesJob[] }
  /** Stop after the current epoch (the unfinished run is dropped). */
  | { type: 'stop' };

/** Worker → page. */
export type RatesReply =
  /** What the worker is doing, in words. */
  | { type: 'status'; run: number; text: string }
  /** One run finished. */
  | { type: 'result'; run: number; result: RatesRun }
  /** Every job of this start finished; `kernels` names the matrix kernels, `seconds` the wall time. */
  | { type: 'done'; run: number; kernels: string; seconds: number }
  /** Stopped on request. */
  | { type: 'stopped'; run: number }
  /** Something failed (e.g. the download); a sentence for the learner. */
  | { type: 'error'; run: number; message: string };
