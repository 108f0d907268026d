import { csvCell } from '../../data/csv-write';
import type { RunResult } from './experiment';
import { KNOCKOUT_KS } from './knockout';
import { accuracyLost } from './verdict';

/**
 * The spatial experiment's numbers as rows, one per network and seed: what the page's tables show,
 * what its CSV download holds and what `dropout-lab spatial --out` writes, so they cannot disagree.
 */

/** Column headings, in order: the best values, then the knock-out accuracy for each k, then the accuracy lost. */
export const SPATIAL_CSV_COLUMNS: readonly string[] = [
  'seed',
  'network',
  'p',
  'best_val_loss',
  'best_epoch',
  'best_val_accuracy',
  ...KNOCKOUT_KS.map((k) => `val_accuracy_${k}_maps_knocked_out`),
  'accuracy_lost_mean_k1_6',
  'stopped'
];

/** A cell: a number, a word, or null (an empty cell, never "NaN"). */
export type CsvCell = number | string | null;

const finite = (v: number | null | undefined): number | null =>
  v === null || v === undefined || !Number.isFinite(v) ? null : v;

/** One row per result, in the order given (seed by seed, as the experiment runs them). */
export function spatialRows(results: readonly RunResult[], p: number): CsvCell[][] {
  return results.map((r) => [
    r.seed,
    r.kind,
    p,
    finite(r.bestValLoss),
    r.bestEpoch,
    finite(r.bestValAccuracy),
    ...KNOCKOUT_KS.map((k) => {
      const i = r.knockout?.ks.indexOf(k) ?? -1;
      return i >= 0 ? finite(r.knockout!.accuracy[i]) : null;
    }),
    finite(accuracyLost(r.knockout)),
    r.stopped
  ]);
}

/** RFC 4180 text ("\n" line ends, header first); numbers with up to 6 significant digits. */
export function spatialCsv(results: readonly RunResult[], p: number): string {
  const cell = (v: CsvCell) =>
    v === null
      ? ''
      : typeof v === 'string'
        ? csvCell(v)
        : Number.isInteger(v)
          ? String(v)
          : String(Number(v.toPrecision(6)));
  return (
    [SPATIAL_CSV_COLUMNS.join(','), ...spatialRows(results, p).map((row) => row.map(cell).join(','))].join('\n') + '\n'
  );
}
