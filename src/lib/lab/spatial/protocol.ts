import type { EpochStats } from '../../engine';
import type { RunResult } from './experiment';
import type { MaskKind } from './model';

/**
 * The messages between the spatial-dropout example and its Web Worker
 * (src/lib/lab/workers/spatial.worker.ts). Plain data only, so they survive postMessage.
 */

/** Page → worker. */
export type SpatialRequest =
  /**
   * Load the digits from `url` (once), train the network without dropout for one epoch, and send
   * its first-layer maps (the mask view's pictures). The experiment itself waits for a 'start'.
   */
  | { type: 'maps'; url: string; run: number }
  /**
   * Load the digits from `url` (once), then train the three variants at drop probability `p`, seed by seed.
   * `run` (≥ 1, new for every start) tags every reply, so the page can ignore a cancelled run's
   * last messages. A new start cancels a running one.
   */
  | { type: 'start'; url: string; p: number; run: number }
  /** Stop training after the current epoch. */
  | { type: 'stop' };

/** Worker → page. */
export type SpatialReply =
  /** What the worker is doing, in words (e.g. "Loading the digits…"). */
  | { type: 'status'; run: number; text: string }
  /**
   * The gallery: one validation digit per class (`labels[i]`, pixels `images` [n, 784]) and the
   * first convolution's maps for each, `maps` [n, 8, 28, 28], after one epoch of training (buffers transferred).
   */
  | { type: 'maps'; run: number; labels: number[]; images: Float32Array; maps: Float32Array; epoch: number }
  /** One epoch of one variant of one network seed finished (eval-mode measurements). */
  | { type: 'epoch'; run: number; kind: MaskKind; seed: number; stats: EpochStats }
  /** One variant of one seed finished: its best values and knock-out curve (its epochs came one by one). */
  | { type: 'run'; run: number; result: RunResult }
  /** Every seed finished; `kernels` names the matrix kernels used ("wasm-simd" or "js"), `seconds` the wall time. */
  | { type: 'done'; run: number; kernels: string; seconds: number }
  /** Training stopped on request. */
  | { type: 'stopped'; run: number }
  /** Something failed (e.g. the download); `message` is a sentence for the learner. */
  | { type: 'error'; run: number; message: string };
