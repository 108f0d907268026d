import { Seeds, type Split } from '../../engine';
import { csvSplit, type CsvSplit } from '../../data/csv-split';
import { gatherDataset, stratifiedHoldOut } from '../../data/split';
import type { TwoDSplit } from '../../data/two-d';
import { drawnTable, type DrawnPoint } from './drawn';
import { csvDataOf, USER_VAL_FRACTION, type UserTable } from './table';

/**
 * The Split a run trains on: the data layer's csvSplit — the CLI's loader — with the run's seed:
 * a stratified seeded hold-out of USER_VAL_FRACTION per class, features standardised with the
 * training rows' mean and standard deviation only. Both twins call it with the same seed and get
 * identical splits.
 */
export function userSplit(table: UserTable, seed: number): CsvSplit {
  if (table.plane) return planeSplit(table, seed);
  return csvSplit(csvDataOf(table), { valFraction: USER_VAL_FRACTION, seed });
}

/**
 * Drawn points: the same seeded stratified hold-out, but the coordinates kept as drawn — they are
 * the plane's, already on the scale the presets use, and the decision maps are drawn over it.
 */
function planeSplit(table: UserTable, seed: number): CsvSplit {
  const classes = table.classNames.length;
  const rows = stratifiedHoldOut(table.y, classes, USER_VAL_FRACTION, new Seeds(seed).stream('data'));
  return {
    name: 'drawn',
    train: gatherDataset(table.x, 2, table.y, rows.train),
    val: gatherDataset(table.x, 2, table.y, rows.val),
    classes,
    inputShape: [2],
    featureNames: [...table.featureNames],
    classNames: [...table.classNames],
    mean: new Float64Array(2),
    scale: new Float64Array(2).fill(1)
  };
}

/** Whether a split can be plotted on the plane (two features). */
export function isPlaneSplit(split: Split): boolean {
  return split.inputShape.length === 1 && split.inputShape[0] === 2;
}

/** Drawn points as a 2-D set (two or three classes, no flipped labels), for the examples that take one. */
export function drawnTwoDSplit(points: readonly DrawnPoint[], seed: number): TwoDSplit {
  const split = userSplit(drawnTable(points), seed);
  return {
    name: 'drawn',
    train: split.train,
    val: split.val,
    classes: split.classes,
    inputShape: [2],
    flipped: new Int32Array(0)
  };
}
