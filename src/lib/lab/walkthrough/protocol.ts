/**
 * Messages between the walkthrough player and its Web Worker. The worker only trains the small
 * network (the one step too slow for the page's thread); the page builds the scene from the
 * weights and computes each frame itself (a few single-example passes). `run` tags the replies.
 */

/** Page → worker: train the walkthrough's network. */
export type WalkthroughRequest = { type: 'train'; run: number };

/** Worker → page. */
export type WalkthroughReply =
  /** The trained parameters, in `model.parameters()` order (for `new WalkthroughScene(params)`). */
  | { type: 'trained'; run: number; params: Float32Array[] }
  /** Training failed; `message` says why. */
  | { type: 'error'; run: number; message: string };
