import { VARIANTS, type RunSummary, type Variant } from './experiment';

/**
 * Averaging over seeds: each network's best and final validation loss and error as a mean with
 * the range the seeds span, and the mean validation-loss curve the chart draws. Runs that
 * diverged are left out of the numbers (and counted), never averaged in as Infinity.
 */

/** A mean and the range of the values it averages. */
export interface Spread {
  mean: number;
  min: number;
  max: number;
}

/** One network over the seeds. */
export interface VariantStats {
  variant: Variant;
  /** Seeds whose run finished (the numbers below average these). */
  seeds: number;
  /** Seeds whose run diverged, left out. */
  failed: number;
  bestLoss: Spread;
  finalLoss: Spread;
  bestError: Spread;
  finalError: Spread;
  /** Finished seeds whose lowest validation loss came at the last epoch: still improving when the run ended. */
  bestAtEnd: number;
}

/** Mean, smallest and largest of `values` (all NaN-free: an empty list gives Infinity for all three). */
export function spread(values: readonly number[]): Spread {
  if (values.length === 0) return { mean: Infinity, min: Infinity, max: Infinity };
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    sum += v;
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  return { mean: sum / values.length, min, max };
}

/** A run that can be averaged: it completed with finite numbers. */
export const finished = (r: RunSummary): boolean => r.stopped === null && Number.isFinite(r.finalValLoss);

/** The four networks over the seeds, in VARIANTS order (a variant without runs has seeds 0). */
export function aggregate(runs: readonly RunSummary[]): VariantStats[] {
  return VARIANTS.map((variant) => {
    const mine = runs.filter((r) => r.variant === variant);
    const ok = mine.filter(finished);
    return {
      variant,
      seeds: ok.length,
      failed: mine.length - ok.length,
      bestLoss: spread(ok.map((r) => r.bestValLoss)),
      finalLoss: spread(ok.map((r) => r.finalValLoss)),
      bestError: spread(ok.map((r) => r.bestValError)),
      finalError: spread(ok.map((r) => r.finalValError)),
      bestAtEnd: ok.filter((r) => r.bestEpoch === r.history.length).length
    };
  });
}

/**
 * The mean validation loss per epoch of one network over the histories given (one per seed),
 * with its range: epoch e is included only once every history has it, so a seed still training
 * does not make the mean jump.
 */
export function meanCurve(
  histories: readonly (readonly { epoch: number; valLoss: number | null }[])[]
): { epoch: number; mean: number; min: number; max: number }[] {
  if (histories.length === 0) return [];
  const epochs = Math.min(...histories.map((h) => h.length));
  const out: { epoch: number; mean: number; min: number; max: number }[] = [];
  for (let e = 0; e < epochs; e++) {
    const values = histories.map((h) => h[e].valLoss).filter((v): v is number => v !== null && Number.isFinite(v));
    if (values.length !== histories.length) break;
    const s = spread(values);
    out.push({ epoch: histories[0][e].epoch, ...s });
  }
  return out;
}
