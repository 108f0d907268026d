import type { RatesConfig } from './config';
import type { RatesJob } from './plan';
import type { RatesRun } from './train';

/**
 * Messages between the rate-sweep example and its Web Workers (src/lib/lab/workers/rates.worker.ts).
 * The page runs two workers and sends each its share of the jobs; every reply carries the `run` of
 * the start it answers, so replies of a stopped or replaced sweep are dropped. Plain data only.
 */

/** Page → worker. */
export type RatesRequest =
  /** Load the digits from `url` (once), then train `jobs` (this worker's share) one after another. */
  | { type: 'start'; run: number; url: string; config: RatesConfig; jobs: RatesJob[] }
  /** Stop after the current epoch (the unfinished run is dropped). */
  | { type: 'stop' };

/** Worker → page. */
export type RatesReply =
  /** What the worker is doing, in words. */
  | { type: 'status'; run: number; text: string }
  /** One run finished. */
  | { type: 'result'; run: number; result: RatesRun }
  /** Every job of this worker's share finished; `kernels` names the matrix kernels, `seconds` the wall time. */
  | { type: 'done'; run: number; kernels: string; seconds: number }
  /** Stopped on request. */
  | { type: 'stopped'; run: number }
  /** Something failed (e.g. the download); a sentence for the learner. */
  | { type: 'error'; run: number; message: string };
