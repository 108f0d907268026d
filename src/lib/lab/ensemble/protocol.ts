import type { EnsembleConfig } from './train';
import type { ErrorVsK } from './error-vs-k';
import type { DrawnPoint } from '../user-data/drawn';

/** The learner's own data for `config.data` 'user': points drawn in the twin run, or a CSV file's text. */
export type EnsembleUserData =
  { kind: 'drawn'; points: DrawnPoint[] } | { kind: 'csv'; name: string; text: string; label: string };

/**
 * Messages between the ensemble lab's page component and its Web Worker. Every reply carries the
 * `run` of the request it answers, so the page can drop answers about a network it has replaced.
 */

/** Page → worker. */
export type EnsembleRequest =
  /** Train a new network, then send the strip, the uncertainty map and the error-vs-k curve. */
  | { type: 'train'; run: number; config: EnsembleConfig; mnistUrl: string; stripSeed: number; user?: EnsembleUserData }
  /** Draw a new strip of thinned networks from the current network. */
  | { type: 'strip'; run: number; seed: number };

/** A strip as sent to the page: masks as plain arrays of 0/1 per layer. */
export interface StripMessage {
  masks: number[][][];
  /** Each member's map (2-D sets) or null. */
  maps: (Float32Array | null)[];
  valErrors: number[];
  average: Float32Array | null;
  averageError: number;
  weightScaled: Float32Array | null;
  weightScaledError: number;
  /** Side of the square maps, in pixels. */
  resolution: number;
  /** The seed that drew it. */
  seed: number;
}

/** Worker → page. */
export type EnsembleReply =
  | { type: 'progress'; run: number; stage: 'loading' | 'training' | 'curve'; done: number; total: number }
  | {
      type: 'trained';
      run: number;
      /** Data-set label for sentences, e.g. "two moons" or "MNIST digits". */
      dataLabel: string;
      /** Hidden layer sizes with what dropout does, e.g. "2 → 16 → 16 → 1". */
      shape: string;
      units: number;
      unitsText: string;
      masksDrawn: number;
      masksDistinct: number;
      /** Final validation accuracy of the weight-scaled network, or null if training stopped early. */
      valAccuracy: number | null;
      /** Classes the network tells apart: the strip's maps hold that many probabilities per pixel when above 2. */
      classes: number;
      /** Training points (2-D only), [x0, y0, x1, y1, …], and their labels, for the map overlay. */
      points: Float32Array | null;
      labels: Float32Array | null;
      /** Why training ended early, as a sentence, or null. */
      stoppedMessage: string | null;
    }
  | { type: 'strip'; run: number; strip: StripMessage }
  | { type: 'uncertainty'; run: number; std: Float32Array; resolution: number; max: number; text: string }
  | { type: 'curve'; run: number; curve: ErrorVsK; text: string }
  | { type: 'error'; run: number; message: string };
