import type { EpochStats } from '../../engine';
import { csvLine } from '../../data/csv-write';
import type { RunSummary, Variant } from './experiment';

/**
 * The experiment's numbers as CSV: one row per epoch of every network and seed. The page's
 * download and `dropout-lab augment --out` write exactly these rows, so a spreadsheet of either
 * holds the same numbers. Best and final values follow from the rows (and are in the summary table).
 */

/** Column names, in order. */
export const AUGMENT_CSV_COLUMNS = [
  'seed',
  'network',
  'epoch',
  'train_loss',
  'train_error',
  'val_loss',
  'val_error'
] as const;

/** A number as CSV text: up to 6 significant digits, empty when missing or not finite (never "NaN"). */
function cell(v: number | null): string {
  return v === null || !Number.isFinite(v) ? '' : String(Number(v.toPrecision(6)));
}

/** The cells of one epoch's row. */
export function csvRow(seed: number, variant: Variant, s: EpochStats): string[] {
  return [
    String(seed),
    variant,
    String(s.epoch),
    cell(s.trainLoss),
    cell(1 - s.trainAccuracy),
    cell(s.valLoss),
    cell(s.valAccuracy === null ? null : 1 - s.valAccuracy)
  ];
}

/** The whole table as CSV text (header first), runs in the order given. */
export function runsToCsv(runs: readonly Pick<RunSummary, 'seed' | 'variant' | 'history'>[]): string {
  const lines = [AUGMENT_CSV_COLUMNS.join(',')];
  for (const r of runs) for (const s of r.history) lines.push(csvLine(csvRow(r.seed, r.variant, s)));
  return lines.join('\n') + '\n';
}
