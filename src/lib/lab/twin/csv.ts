import type { EpochStats } from '../../engine';

/**
 * Every curve of the twin run as rows: the same table the page shows (its data-table
 * alternative) and the CSV download, so the two can never disagree.
 */

/** Column headings, in order. */
export const CURVE_COLUMNS = [
  'epoch',
  'train_loss_plain',
  'val_loss_plain',
  'train_loss_dropout',
  'val_loss_dropout',
  'val_accuracy_plain',
  'val_accuracy_dropout'
] as const;

/** One row per epoch reached by either twin; a cell is null where that twin has no value. */
export function curveRows(plain: readonly EpochStats[], dropout: readonly EpochStats[]): (number | null)[][] {
  const epochs = Math.max(
    plain.length ? plain[plain.length - 1].epoch : 0,
    dropout.length ? dropout[dropout.length - 1].epoch : 0
  );
  const byEpoch = (h: readonly EpochStats[]) => new Map(h.map((s) => [s.epoch, s]));
  const p = byEpoch(plain);
  const d = byEpoch(dropout);
  const finite = (v: number | null | undefined) => (v === null || v === undefined || !Number.isFinite(v) ? null : v);
  const rows: (number | null)[][] = [];
  for (let e = 1; e <= epochs; e++) {
    const a = p.get(e);
    const b = d.get(e);
    rows.push([
      e,
      finite(a?.trainLoss),
      finite(a?.valLoss),
      finite(b?.trainLoss),
      finite(b?.valLoss),
      finite(a?.valAccuracy),
      finite(b?.valAccuracy)
    ]);
  }
  return rows;
}

/**
 * The curves as CSV (RFC 4180, "\n" line ends, header first). Numbers are written with up to 6
 * significant digits; a missing value is an empty cell, never "NaN".
 */
export function curvesToCsv(plain: readonly EpochStats[], dropout: readonly EpochStats[]): string {
  const cell = (v: number | null) =>
    v === null ? '' : Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(6)));
  const lines = [CURVE_COLUMNS.join(',')];
  for (const row of curveRows(plain, dropout)) lines.push(row.map(cell).join(','));
  return lines.join('\n') + '\n';
}
