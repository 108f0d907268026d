import { csvLine } from '../../data/csv-write';
import type { RatesRun } from './train';

/**
 * The sweep's numbers as CSV, one row per run: the page's download and the CLI's `--out` file use
 * these columns and this row, so the two files hold the same numbers for the same settings.
 */

/** Column names. */
export const RATES_CSV_COLUMNS = [
  'train_size',
  'width',
  'p',
  'seed',
  'epochs',
  'best_val_loss',
  'best_epoch',
  'best_val_error',
  'final_val_loss',
  'stopped'
] as const;

/** One run's cells, in column order. */
export function ratesCsvRow(trainSize: number, r: RatesRun): (string | number)[] {
  return [
    trainSize,
    r.width,
    r.p,
    r.seed,
    r.epochs,
    r.bestValLoss,
    r.bestEpoch,
    r.bestValError,
    r.finalValLoss,
    r.stopped
  ];
}

/** A whole CSV text (header and rows in plan order); numbers are written in full, never as NaN. */
export function ratesCsv(trainSize: number, runs: readonly RatesRun[]): string {
  const rows = [...runs].sort((a, b) => a.index - b.index).map((r) => csvLine(ratesCsvRow(trainSize, r)));
  return [RATES_CSV_COLUMNS.join(','), ...rows].join('\n') + '\n';
}
