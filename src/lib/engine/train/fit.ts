import type { EpochStats, StopReason } from './types';
import { Trainer, type TrainerOptions } from './trainer';

/** Options of `fit`: a Trainer's, plus how long to train and whom to tell. */
export interface FitOptions extends TrainerOptions {
  /** Number of epochs to train for. */
  epochs: number;
  /** Called after every epoch with its measurements (eval mode, whole splits). */
  onEpoch?: (stats: EpochStats) => void;
  /** Polled between optimiser steps; returning true cancels the run (it stops cleanly). */
  shouldStop?: () => boolean;
}

/** What `fit` returns. */
export interface FitResult {
  /** One entry per completed epoch (never holds NaN: a diverging run stops first). */
  history: EpochStats[];
  /** Why the run ended: done, cancelled, or diverged (with a message for the learner). */
  stopped: StopReason;
}

/**
 * Trains for `epochs` epochs of shuffled mini-batches, measuring train and validation loss and
 * accuracy in evaluation mode after each one. Stops early, with a reason, if cancelled or if the
 * loss or weights stop being finite numbers.
 */
export function fit(options: FitOptions): FitResult {
  if (!Number.isInteger(options.epochs) || options.epochs < 0) {
    throw new RangeError(`epochs must be a whole number ≥ 0, got ${options.epochs}`);
  }
  const trainer = new Trainer(options);
  for (let e = 0; e < options.epochs; e++) {
    const stats = trainer.runEpoch(options.shouldStop);
    if (!stats) break;
    options.onEpoch?.(stats);
  }
  return { history: trainer.history, stopped: trainer.stopped ?? { kind: 'done' } };
}
