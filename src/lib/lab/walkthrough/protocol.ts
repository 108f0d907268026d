import type { PackedSceneSummary } from './scene';

/**
 * Messages between the walkthrough player and its Web Worker. The worker trains the small
 * network (the one step too slow for the page's thread) and precomputes what the scene needs from
 * it; the page builds the scene from both and computes each frame itself (a few single-example passes). `run` tags the replies.
 */

/** Page → worker: train the walkthrough's network. */
export type WalkthroughRequest = { type: 'train'; run: number };

/** Worker → page. */
export type WalkthroughReply =
  /**
   * The trained parameters, in `model.parameters()` order, and what a scene computes from them (the members and
   * bars), for `new WalkthroughScene(params, WALKTHROUGH_NET, CHAPTERS, unpackSummary(summary))`.
   */
  | { type: 'trained'; run: number; params: Float32Array[]; summary: PackedSceneSummary }
  /** Training failed; `message` says why. */
  | { type: 'error'; run: number; message: string };
