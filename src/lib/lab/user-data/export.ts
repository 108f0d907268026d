import type { Split } from '../../engine';
import { csvCell } from '../../data/csv-write';

/**
 * "Download the data as trained": the exact rows both twins trained and were measured on, as CSV —
 * every feature as the network saw it (after standardisation, for a file), then the class index the
 * network predicts, the class's name, and which part of the split the row is in. Values are written
 * as the shortest decimal that reads back to the same float32, so the exported code's predictions
 * are the page's, bit for bit in the inputs. Names from the learner's file are written as
 * data/csv-write.ts writes text: quoted when needed, a formula's first character defused.
 */

/** The three columns after the features, always last (so a feature may be called anything). */
export const SPLIT_COLUMNS = ['class', 'class_name', 'split'] as const;

/**
 * The split as CSV text: a header (feature names, then SPLIT_COLUMNS), the training rows, then the
 * validation rows, in the order the split holds them.
 */
export function splitToCsv(split: Split, featureNames: readonly string[], classNames: readonly string[]): string {
  const width = split.inputShape.reduce((a, b) => a * b, 1);
  const lines = [[...featureNames, ...SPLIT_COLUMNS].map(csvCell).join(',')];
  for (const [part, d] of [
    ['train', split.train],
    ['validation', split.val]
  ] as const) {
    const x = d.x.data;
    const y = d.y.data;
    for (let r = 0; r < y.length; r++) {
      const cells: string[] = [];
      for (let f = 0; f < width; f++) cells.push(String(x[r * width + f]));
      cells.push(String(y[r]), csvCell(classNames[y[r]] ?? String(y[r])), part);
      lines.push(cells.join(','));
    }
  }
  return lines.join('\n') + '\n';
}
