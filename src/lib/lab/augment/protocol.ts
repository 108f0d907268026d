import type { EpochStats } from '../../engine';
import type { AugmentConfig, RunSummary, Variant } from './experiment';

/**
 * The messages between the augmentation example and its Web Worker
 * (src/lib/lab/workers/augment.worker.ts). Plain data only, so they survive postMessage.
 */

/** Page → worker. */
export type AugmentRequest =
  /**
   * Load the digits from `url` (once), then train the four networks for every seed of the
   * experiment's configuration. `run` (≥ 1, new for every start) tags every reply. A new start
   * cancels a running one.
   */
  | { type: 'start'; url: string; run: number }
  /** Stop training after the current epoch. */
  | { type: 'stop' };

/** Worker → page. */
export type AugmentReply =
  /** What the worker is doing, in words (e.g. "Loading the digits…"). */
  | { type: 'status'; run: number; text: string }
  /** One epoch of one network finished; `done` of `total` epochs of the whole experiment are finished. */
  | { type: 'epoch'; run: number; variant: Variant; seed: number; stats: EpochStats; done: number; total: number }
  /** One network (one seed) finished. */
  | { type: 'run'; run: number; summary: RunSummary }
  /**
   * Every network finished; `config` is what ran, `kernels` names the matrix kernels ("wasm-simd"
   * or "js"), `seconds` the wall time.
   */
  | { type: 'done'; run: number; runs: RunSummary[]; config: AugmentConfig; kernels: string; seconds: number }
  /** Training stopped on request. */
  | { type: 'stopped'; run: number }
  /** Something failed (e.g. the download); `message` is a sentence for the learner. */
  | { type: 'error'; run: number; message: string };
