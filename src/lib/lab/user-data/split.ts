import type { Split } from '../../engine';
import { csvSplit, type CsvSplit } from '../../data/csv-split';
import { csvDataOf, USER_VAL_FRACTION, type UserTable } from './table';

/**
 * The Split a run trains on: the data layer's csvSplit — the CLI's loader — with the run's seed:
 * a stratified seeded hold-out of USER_VAL_FRACTION per class, features standardised with the
 * training rows' mean and standard deviation only. Both twins call it with the same seed and get
 * identical splits.
 */
export function userSplit(table: UserTable, seed: number): CsvSplit {
  return csvSplit(csvDataOf(table), { valFraction: USER_VAL_FRACTION, seed });
}

/** Whether a split can be plotted on the plane (two features). */
export function isPlaneSplit(split: Split): boolean {
  return split.inputShape.length === 1 && split.inputShape[0] === 2;
}
