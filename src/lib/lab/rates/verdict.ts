import type { RatesConfig } from './config';
import { overlaps, type RatesCell, type Spread } from './summary';

/**
 * The verdict in words, computed from the cells in front of the learner (and printed by the CLI
 * from the same cells). Nothing here knows what the lesson expects:
 * - per width, the p with the lowest mean best validation loss wins; the other rates whose seeds'
 *   range overlaps the winner's are "within the seeds' spread"; when that is every rate, the width
 *   shows no clear difference;
 * - how much dropout cost the smallest network: its p = 0.5 cell (the paper's hidden rate; the
 *   grid's highest p if 0.5 is missing) against its p = 0 cell, clear only when the ranges part;
 * - which width prefers the highest p: the width whose winning p is strictly the highest, and
 *   clear only when that width's seeds separate its winner from the rate the next width chose;
 * - whether the runs converged: every run the epoch cap ended before its patience ran out is
 *   named, because its best loss is only what it had reached by then (more epochs could only
 *   lower it), so its cell may rank worse than it would have.
 */

/** What one width's row says. */
export interface WidthVerdict {
  width: number;
  /** The winning cell: lowest mean best validation loss. */
  best: RatesCell;
  /** Other rates whose seeds' range overlaps the winner's, ascending. */
  within: number[];
  /** True when every rate of the row is within the winner's spread. */
  noClearDifference: boolean;
  /** One sentence. */
  text: string;
}

/** What dropout did to the smallest network. */
export interface SmallestCost {
  width: number;
  /** Its p = 0 cell. */
  plain: RatesCell;
  /** Its cell at p = 0.5 (or the grid's highest p). */
  dropped: RatesCell;
  /** Best validation loss at `dropped.p` divided by that at p = 0 (means). */
  lossRatio: number;
  /** 'hurt' / 'helped' when the ranges part, 'unclear' otherwise. */
  effect: 'hurt' | 'helped' | 'unclear';
  text: string;
}

/** The whole verdict. */
export interface RatesVerdict {
  /** One per width that has all its rates, ascending. */
  widths: WidthVerdict[];
  /** Null when the smallest width lacks p = 0 or has no other rate. */
  smallest: SmallestCost | null;
  /**
   * The width (as a string, the prediction's option value) that prefers the highest p, or null
   * when no width clearly does (a tie, or the seeds cannot separate it).
   */
  highestP: string | null;
  /** Does the winning p grow with the width? One sentence. */
  trend: string;
  /** Runs the epoch cap ended before their patience ran out, in grid order. */
  capped: CappedRun[];
  /** Whether the runs converged, one sentence ('' without a stopping rule or cells). */
  convergence: string;
  /** The sentences in reading order. */
  lines: string[];
}

/** A run the epoch cap stopped while it may still have been improving. */
export interface CappedRun {
  width: number;
  p: number;
  seed: number;
  /** Its best epoch and the epochs it trained (the cap). */
  best: number;
  stop: number;
}

/** "0.412". */
export const loss3 = (v: number): string => v.toFixed(3);
/** "13.2%". */
export const pct1 = (v: number): string => `${(v * 100).toFixed(1)}%`;
/** "1,024 units". */
export const units = (w: number): string => `${w.toLocaleString('en-US')} unit${w === 1 ? '' : 's'}`;
/** "1,024-unit", as an adjective. */
export const unitAdj = (w: number): string => `${w.toLocaleString('en-US')}-unit`;
/** "0.41–0.44" (or one value when the seeds agree to three decimals). */
export function range3(s: Spread): string {
  return loss3(s.min) === loss3(s.max) ? loss3(s.min) : `${loss3(s.min)}–${loss3(s.max)}`;
}
const list = (ps: readonly (number | string)[]): string =>
  ps.length <= 1 ? ps.map(String).join('') : `${ps.slice(0, -1).join(', ')} and ${ps[ps.length - 1]}`;

/** The verdict of one width's cells (all of one width), or null if there are none. */
export function widthVerdict(cells: readonly RatesCell[]): WidthVerdict | null {
  if (cells.length === 0) return null;
  const best = cells.reduce((a, b) => (b.loss.mean < a.loss.mean ? b : a));
  const within = cells
    .filter((c) => c !== best && overlaps(c.loss, best.loss))
    .map((c) => c.p)
    .sort((a, b) => a - b);
  const noClearDifference = cells.length > 1 && within.length === cells.length - 1;
  const width = best.width;
  const numbers = `best validation loss ${loss3(best.loss.mean)}, seeds ${range3(best.loss)}; error ${pct1(best.error.mean)}`;
  let text: string;
  if (cells.length === 1) text = `${units(width)}: only p = ${best.p} was run (${numbers}).`;
  else if (noClearDifference)
    text = `${units(width)}: no clear difference between the rates; p = ${best.p} was lowest on average (${numbers}), but every other rate is within the seeds' spread.`;
  else
    text =
      `${units(width)}: p = ${best.p} won (${numbers})` +
      (within.length ? `; p = ${list(within)} ${within.length === 1 ? 'is' : 'are'} within the seeds' spread.` : '.');
  return { width, best, within, noClearDifference, text };
}

/** Dropout's effect on the smallest width, or null when its p = 0 cell or a second rate is missing. */
export function smallestCost(cells: readonly RatesCell[]): SmallestCost | null {
  if (cells.length === 0) return null;
  const width = Math.min(...cells.map((c) => c.width));
  const row = cells.filter((c) => c.width === width);
  const plain = row.find((c) => c.p === 0);
  const others = row.filter((c) => c.p > 0);
  if (!plain || others.length === 0) return null;
  const dropped = others.find((c) => c.p === 0.5) ?? others.reduce((a, b) => (b.p > a.p ? b : a));
  const lossRatio = dropped.loss.mean / plain.loss.mean;
  const parted = !overlaps(plain.loss, dropped.loss);
  const effect = !parted ? 'unclear' : dropped.loss.mean > plain.loss.mean ? 'hurt' : 'helped';
  const change = `best validation loss ${loss3(plain.loss.mean)} → ${loss3(dropped.loss.mean)}, error ${pct1(plain.error.mean)} → ${pct1(dropped.error.mean)}`;
  const text =
    effect === 'hurt'
      ? `Dropout cost the smallest network: at p = ${dropped.p} the ${unitAdj(width)} network did worse than without dropout (${change}; ${lossRatio.toFixed(1)}× the loss).`
      : effect === 'helped'
        ? `Dropout did not hurt the smallest network: at p = ${dropped.p} the ${unitAdj(width)} network did better than without dropout (${change}).`
        : `For the smallest network (${units(width)}), p = ${dropped.p} and no dropout are within the seeds' spread: no clear difference (${change}).`;
  return { width, plain, dropped, lossRatio, effect, text };
}

/** Every run of `cells` that ended at the cap, in grid order then seed order. */
export function cappedRuns(cells: readonly RatesCell[]): CappedRun[] {
  return [...cells]
    .sort((a, b) => a.width - b.width || a.p - b.p)
    .flatMap((c) =>
      c.epochs
        .filter((e) => e.capped)
        .map((e) => ({ width: c.width, p: c.p, seed: e.seed, best: e.best, stop: e.stop }))
    );
}

/**
 * The convergence sentence: the runs the cap ended (with their best epoch), or, when there are
 * none and the stopping rule is known, that every run stopped by patience and how late.
 */
export function convergenceText(
  cells: readonly RatesCell[],
  rule?: Pick<RatesConfig, 'epochs' | 'patience'>
): { capped: CappedRun[]; text: string } {
  const capped = cappedRuns(cells);
  if (capped.length > 0) {
    // One name per cell, so a short cap that ends many runs still reads as a list of cells.
    const byCell = new Map<string, CappedRun[]>();
    for (const r of capped) byCell.set(`${r.width}|${r.p}`, [...(byCell.get(`${r.width}|${r.p}`) ?? []), r]);
    const names = [...byCell.values()].map((rs) => {
      const { width, p, stop } = rs[0];
      return rs.length === 1
        ? `${units(width)} at p = ${p} (seed ${rs[0].seed}, best epoch ${rs[0].best} of ${stop})`
        : `${units(width)} at p = ${p} (seeds ${list(rs.map((r) => r.seed))}, best epochs ${list(rs.map((r) => r.best))} of ${stop})`;
    });
    const one = capped.length === 1;
    return {
      capped,
      text:
        `Not converged: ${one ? 'one run' : `${capped.length} runs`} reached the cap of ${capped[0].stop} epochs before ${rule ? `${rule.patience} epochs without improvement` : 'their patience ran out'}: ${list(names)}. ` +
        `${one ? 'Its' : 'Their'} best loss is only what ${one ? 'it' : 'they'} had reached by then; more epochs could lower it, so ${one ? 'its cell' : 'their cells'} may rank worse than ${one ? 'it' : 'they'} would have.`
    };
  }
  if (!rule || cells.length === 0) return { capped, text: '' };
  const runs = cells.flatMap((c) => c.epochs);
  const latest = runs.reduce((a, b) => (b.stop > a.stop ? b : a));
  const cell = cells.find((c) => c.epochs.includes(latest))!;
  return {
    capped,
    text: `Every run converged: each stopped after ${rule.patience} epochs without a lower validation loss, before the cap of ${rule.epochs}; the longest, ${units(cell.width)} at p = ${cell.p} (seed ${latest.seed}), had its best epoch at ${latest.best} and stopped at ${latest.stop}.`
  };
}

/**
 * The verdict over every cell (any order). Widths with fewer cells than the fullest row (an
 * unfinished or stopped sweep) are left out, so a partial grid never names a winner it has not seen.
 * `rule` (the sweep's cap and patience) lets the convergence sentence say that every run stopped by
 * patience; runs the cap ended are named with or without it.
 */
export function ratesVerdict(
  cells: readonly RatesCell[],
  rule?: Pick<RatesConfig, 'epochs' | 'patience'>
): RatesVerdict {
  const widthsSeen = [...new Set(cells.map((c) => c.width))].sort((a, b) => a - b);
  const rows = widthsSeen.map((w) => cells.filter((c) => c.width === w));
  const full = Math.max(0, ...rows.map((r) => r.length));
  const widths = rows
    .filter((r) => r.length === full)
    .map(widthVerdict)
    .filter((v): v is WidthVerdict => v !== null);
  const smallest = smallestCost(cells);

  let highestP: string | null = null;
  let trend = '';
  if (widths.length >= 2) {
    const top = Math.max(...widths.map((v) => v.best.p));
    const leaders = widths.filter((v) => v.best.p === top);
    if (leaders.length === 1) {
      const leader = leaders[0];
      const next = Math.max(...widths.filter((v) => v !== leader).map((v) => v.best.p));
      const rival = cells.find((c) => c.width === leader.width && c.p === next);
      const separated = rival !== undefined && !overlaps(rival.loss, leader.best.loss);
      if (separated) highestP = String(leader.width);
      trend = separated
        ? `The ${unitAdj(leader.width)} layers prefer the highest rate, p = ${top}; the seeds separate it from p = ${next}, the next width's choice.`
        : `The ${unitAdj(leader.width)} layers did best at the highest rate, p = ${top}, but within the seeds' spread p = ${next} did as well: no clear difference.`;
    } else {
      trend = `No single width prefers the highest rate: ${leaders.map((v) => units(v.width)).join(' and ')} ${leaders.length === 2 ? 'both' : 'all'} did best at p = ${top}.`;
    }
    const ps = widths.map((v) => v.best.p);
    const grows = ps.every((p, i) => i === 0 || p >= ps[i - 1]) && ps[ps.length - 1] > ps[0];
    trend += grows
      ? ' On average, the winning rate grows with the width.'
      : ps.every((p) => p === ps[0])
        ? ' Every width chose the same rate.'
        : ' The winning rate does not simply grow with the width.';
  }
  const { capped, text: convergence } = convergenceText(cells, rule);
  const lines = [
    ...widths.map((v) => v.text),
    ...(trend ? [trend] : []),
    ...(smallest ? [smallest.text] : []),
    ...(convergence ? [convergence] : [])
  ];
  return { widths, smallest, highestP, trend, capped, convergence, lines };
}
