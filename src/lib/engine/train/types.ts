/** Measurements after one epoch, all taken in evaluation mode over the whole split. */
export interface EpochStats {
  /** 1 for the first epoch. */
  epoch: number;
  /** Mean loss over the whole training split, in eval mode (no dropout). */
  trainLoss: number;
  /** Fraction of the training split classified correctly (NaN-free: 0 when not a classifier). */
  trainAccuracy: number;
  /** Mean loss over the whole validation split, in eval mode; null without a validation split. */
  valLoss: number | null;
  /** Fraction of the validation split classified correctly; null without a validation split. */
  valAccuracy: number | null;
  /** Optimiser steps taken so far, in total. */
  steps: number;
}

/** Why training stopped. */
export type StopReason =
  | { kind: 'done' }
  | { kind: 'cancelled' }
  /** The loss or a weight became NaN or infinite; `message` says what to change, in words. */
  | { kind: 'diverged'; epoch: number; message: string };
