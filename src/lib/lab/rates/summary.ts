import type { RatesRun } from './train';

/**
 * Seed averaging: the runs of each cell (width, p) reduced to a mean and the seeds' range.
 * With two or three seeds a standard deviation says little; the range (lowest to highest seed)
 * is what the page draws and what "within the seeds' spread" is judged on.
 */

/** A mean with the lowest and highest value behind it. */
export interface Spread {
  mean: number;
  min: number;
  max: number;
}

/** One cell of the grid, over its finished seeds. */
export interface RatesCell {
  width: number;
  p: number;
  /** Runs aggregated (finished and not diverged). */
  runs: number;
  /** Runs that diverged (left out of the numbers). */
  diverged: number;
  /** Best (early-stopped) validation loss. */
  loss: Spread;
  /** Validation error at the best epoch, in [0, 1]. */
  error: Spread;
  /** Each aggregated run's best and last epoch, in seed order, and whether it ended at the cap. */
  epochs: RunEpochs[];
}

/** When one run was best and when it stopped. */
export interface RunEpochs {
  seed: number;
  /** Epoch of the lowest validation loss (1-based). */
  best: number;
  /** Epochs trained. */
  stop: number;
  /** True when the epoch cap ended the run before its patience ran out (possibly still improving). */
  capped: boolean;
}

/** Mean, min and max of some numbers (NaN for none: callers only build spreads of non-empty lists). */
export function spread(values: readonly number[]): Spread {
  if (values.length === 0) return { mean: NaN, min: NaN, max: NaN };
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return { mean: sum / values.length, min, max };
}

/** True when two ranges share a point: the seeds cannot tell the two apart. */
export function overlaps(a: Spread, b: Spread): boolean {
  return a.min <= b.max && b.min <= a.max;
}

/**
 * The cells that have at least one usable run, in grid order (widths ascending, then p
 * ascending). Diverged runs are counted but left out of the numbers.
 */
export function summariseRates(runs: readonly RatesRun[]): RatesCell[] {
  const byCell = new Map<string, RatesRun[]>();
  // Plan order, whichever worker finished first: the same runs always give the same cells.
  for (const r of [...runs].sort((a, b) => a.index - b.index)) {
    const key = `${r.width}|${r.p}`;
    const list = byCell.get(key) ?? [];
    list.push(r);
    byCell.set(key, list);
  }
  const cells: RatesCell[] = [];
  for (const list of byCell.values()) {
    const ok = list.filter((r) => r.stopped !== 'diverged');
    if (ok.length === 0) continue;
    cells.push({
      width: list[0].width,
      p: list[0].p,
      runs: ok.length,
      diverged: list.length - ok.length,
      loss: spread(ok.map((r) => r.bestValLoss)),
      error: spread(ok.map((r) => r.bestValError)),
      epochs: ok
        .map((r) => ({ seed: r.seed, best: r.bestEpoch, stop: r.epochs, capped: r.stopped === 'cap' }))
        .sort((a, b) => a.seed - b.seed)
    });
  }
  return cells.sort((a, b) => a.width - b.width || a.p - b.p);
}
