import type { EpochStats } from '../engine';
import {
  bestEpoch,
  buildTwinSplit,
  createTwinRun,
  type TwinConfig,
  type TwinRun,
  type TwinSources
} from './twin/index';

/**
 * The dropout-rate sweep: validation results over a grid of drop probabilities (and optionally of
 * training-set sizes), several seeds per point, reported as mean ± standard deviation. It answers
 * "which p is best, and does the answer depend on how much data there is?" — the paper's finding
 * is that dropout helps most with little data and that p ≈ 0.5 on hidden layers is a good default.
 *
 * No second training loop: every run is the twin run's 'dropout' twin (lab/twin/run.ts) with the
 * hidden rate set to the grid's p — at p = 0 that IS the plain twin. Framework-free, so the CLI
 * (`dropout-lab sweep`), tests and a page worker share it. The caller drives the epochs (so it
 * can report progress and stop between them): plan → startSweepRun → runEpoch… → summariseRun.
 */

/** What to sweep. */
export interface SweepOptions {
  /** Starting configuration (validated); everything not swept comes from it. */
  base: TwinConfig;
  /** Drop probabilities after each hidden layer, e.g. [0, 0.1, 0.2, 0.3, 0.5, 0.7]. */
  pGrid: readonly number[];
  /** Training-set sizes (2-D and MNIST only); omit to keep base.trainSize. */
  trainGrid?: readonly number[];
  /** Seeds of the repeats; each seed changes data sample, initial weights, order and masks. */
  seeds: readonly number[];
}

/** One training run of the sweep. */
export interface SweepJob {
  /** Hidden-layer drop probability of this run. */
  p: number;
  /** Training examples. */
  trainSize: number;
  /** Seed of this repeat. */
  seed: number;
  /** The full configuration the run trains with. */
  config: TwinConfig;
}

/** The best and final numbers of one training history. */
export interface RunResult {
  /** Epochs completed. */
  epochs: number;
  /** Lowest validation loss, and the epoch it was reached (1-based). */
  bestValLoss: number;
  bestValLossEpoch: number;
  /** Highest validation accuracy, and the (first) epoch it was reached. */
  bestValAccuracy: number;
  bestValAccuracyEpoch: number;
  /** Losses and accuracy after the last completed epoch. */
  finalTrainLoss: number;
  finalValLoss: number;
  finalValAccuracy: number;
  /** Generalisation gap at the end: final validation loss − final training loss. */
  finalGap: number;
}

/** A finished run: its coordinates, its numbers and how it ended. */
export interface SweepRunResult extends RunResult {
  p: number;
  trainSize: number;
  seed: number;
  /** 'done', 'diverged' or 'cancelled'. */
  stopped: string;
}

/** Mean and sample standard deviation (n − 1 in the denominator; 0 for a single value). */
export interface MeanStd {
  mean: number;
  std: number;
}

/** One grid point, aggregated over its seeds. */
export interface SweepCell {
  p: number;
  trainSize: number;
  /** Runs aggregated (fewer than the seeds if some diverged or the sweep was stopped). */
  runs: number;
  bestValLoss: MeanStd;
  bestValAccuracy: MeanStd;
  finalValAccuracy: MeanStd;
  finalGap: MeanStd;
}

/** Every run of the sweep in order: train sizes outermost, then p, then seeds. */
export function planSweep(options: SweepOptions): SweepJob[] {
  const { base, pGrid, seeds } = options;
  if (pGrid.length === 0) throw new RangeError('the p grid is empty');
  if (seeds.length === 0) throw new RangeError('no seeds given');
  for (const p of pGrid) if (!(p >= 0 && p < 1)) throw new RangeError(`every p must be in [0, 1), got ${p}`);
  const sizes = options.trainGrid && options.trainGrid.length > 0 ? options.trainGrid : [base.trainSize];
  const jobs: SweepJob[] = [];
  for (const trainSize of sizes) {
    for (const p of pGrid) {
      for (const seed of seeds) {
        const config: TwinConfig = { ...base, trainSize, seed, pHidden: Array.from({ length: base.depth }, () => p) };
        jobs.push({ p, trainSize, seed, config });
      }
    }
  }
  return jobs;
}

/** Builds the data and the network of one job: the twin run's 'dropout' twin at the job's p. */
export function startSweepRun(job: SweepJob, sources: TwinSources = {}): TwinRun {
  return createTwinRun(job.config, buildTwinSplit(job.config, sources), 'dropout');
}

/** Best and final numbers of a history (null if no epoch finished or there was no validation). */
export function summariseHistory(history: readonly EpochStats[]): RunResult | null {
  const bestLoss = bestEpoch(history); // the twin run's own definition of "best epoch"
  if (!bestLoss) return null;
  let bestAcc = history[0];
  for (const h of history) if (h.valAccuracy! > bestAcc.valAccuracy!) bestAcc = h;
  const last = history[history.length - 1];
  return {
    epochs: last.epoch,
    bestValLoss: bestLoss.valLoss,
    bestValLossEpoch: bestLoss.epoch,
    bestValAccuracy: bestAcc.valAccuracy!,
    bestValAccuracyEpoch: bestAcc.epoch,
    finalTrainLoss: last.trainLoss,
    finalValLoss: last.valLoss!,
    finalValAccuracy: last.valAccuracy!,
    finalGap: last.valLoss! - last.trainLoss
  };
}

/** The result of a finished job (null when no epoch completed). */
export function summariseRun(job: SweepJob, run: TwinRun): SweepRunResult | null {
  const r = summariseHistory(run.history);
  if (!r) return null;
  return { p: job.p, trainSize: job.trainSize, seed: job.seed, ...r, stopped: run.stopped?.kind ?? 'cancelled' };
}

/** Mean and sample standard deviation of some numbers. */
export function meanStd(values: readonly number[]): MeanStd {
  const n = values.length;
  if (n === 0) return { mean: NaN, std: NaN };
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const ss = values.reduce((a, v) => a + (v - mean) ** 2, 0);
  return { mean, std: n > 1 ? Math.sqrt(ss / (n - 1)) : 0 };
}

/**
 * Aggregates run results per (trainSize, p) in plan order. Diverged runs are left out of the
 * means (a diverged run's "best" is not comparable); a cell with no usable run is left out.
 */
export function summariseSweep(results: readonly SweepRunResult[]): SweepCell[] {
  const cells = new Map<string, SweepRunResult[]>();
  for (const r of results) {
    if (r.stopped === 'diverged') continue;
    const key = `${r.trainSize}|${r.p}`;
    const list = cells.get(key) ?? [];
    list.push(r);
    cells.set(key, list);
  }
  return [...cells.values()].map((runs) => ({
    p: runs[0].p,
    trainSize: runs[0].trainSize,
    runs: runs.length,
    bestValLoss: meanStd(runs.map((r) => r.bestValLoss)),
    bestValAccuracy: meanStd(runs.map((r) => r.bestValAccuracy)),
    finalValAccuracy: meanStd(runs.map((r) => r.finalValAccuracy)),
    finalGap: meanStd(runs.map((r) => r.finalGap))
  }));
}
