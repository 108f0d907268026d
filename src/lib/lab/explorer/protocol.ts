import type { RobustnessCurve } from './robustness';
import type { TrainedTwins, TwinName } from './twins';

/**
 * Messages between the explorer's component and its Web Worker. The worker only trains and
 * measures; the trained weights come back as plain arrays and the page recomputes the feature
 * maps itself (a tiny network: cheaper than a round trip per click).
 */

/** Page → worker: train both twins of a data set's preset. `run` tags the replies. */
export type ExplorerRequest = { type: 'train'; run: number; dataset: string };

/** Everything the page needs once training is over. */
export interface ExplorerResult extends TrainedTwins {
  /** Robustness curves with survivors rescaled (inverted) and without. */
  curves: { rescaled: RobustnessCurve; unscaled: RobustnessCurve };
}

/** Worker → page. */
export type ExplorerReply =
  /** How far along: which step, and the fraction of the whole job done (0…1). */
  | { type: 'progress'; run: number; stage: TwinName | 'robustness'; fraction: number }
  | { type: 'done'; run: number; result: ExplorerResult }
  /** Training failed; `message` is a sentence for the learner. */
  | { type: 'error'; run: number; message: string };
