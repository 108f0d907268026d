import type { TwinVariant } from '../twin/run';
import type { MapValues } from './feature-maps';
import type { RobustnessCurve } from './robustness';
import type { TrainedTwins } from './twins';
import type { DrawnPoint } from '../user-data/drawn';

/**
 * Messages between the explorer's component and its Web Worker. The worker trains, measures and
 * computes the first maps (nothing dropped), so the page's first picture costs it no network
 * passes; the trained weights come back as plain arrays and the page recomputes the maps itself
 * on each click (a tiny network: cheaper than a round trip per click).
 */

/** Pixels per side of every map. */
export const MAP_RESOLUTION = 64;

/**
 * Page → worker: train both twins of a data set's preset. `run` tags the replies. With `points`
 * (the learner's drawn points), the twins learn those instead, with the first preset's recipe.
 */
export type ExplorerRequest = { type: 'train'; run: number; dataset: string; points?: DrawnPoint[] };

/** One twin's first picture: its maps and validation accuracy with every neuron kept, and its links' weights. */
export interface FirstView {
  maps: MapValues;
  valAccuracy: number;
  /** Each Linear layer's weights, `[out, in]` row-major, inputs first (for drawing the links). */
  weights: { data: Float32Array; inFeatures: number; outFeatures: number }[];
}

/** Everything the page needs once training is over. */
export interface ExplorerResult extends TrainedTwins {
  /** Robustness curves with survivors rescaled (inverted) and without. */
  curves: { rescaled: RobustnessCurve; unscaled: RobustnessCurve };
  /** Both twins' maps with nothing dropped, `MAP_RESOLUTION` square, for the first paint. */
  first: Record<TwinVariant, FirstView>;
}

/** Worker → page. */
export type ExplorerReply =
  /** How far along: which step, and the fraction of the whole job done (0…1). */
  | { type: 'progress'; run: number; stage: TwinVariant | 'robustness'; fraction: number }
  | { type: 'done'; run: number; result: ExplorerResult }
  /** Training failed; `message` is a sentence for the learner. */
  | { type: 'error'; run: number; message: string };

/** Every buffer of a result, to transfer it instead of copying. */
export function resultBuffers(result: ExplorerResult): ArrayBufferLike[] {
  const twins = [result.first.dropout, result.first.plain];
  return [
    ...result.dropout.params,
    ...result.plain.params,
    ...twins.flatMap((v) => [v.maps.probability, ...v.maps.hidden.map((t) => t.data), ...v.weights.map((w) => w.data)])
  ].map((a) => a.buffer);
}
