import { tensor } from '../../engine';
import type { CsvData } from '../../data/csv';
import { valCountFor } from '../../data/split';

/**
 * A user's data set as plain arrays: what the page keeps, stores and posts to the twins' workers
 * (a Tensor's class would not survive postMessage). Features are as written in the file, not yet
 * standardised: each run cuts and standardises it with its own seed (userSplit).
 */
export interface UserTable {
  /** Number of data rows. */
  rows: number;
  /** Number of feature columns. */
  features: number;
  /** Features, row-major `[rows, features]`. */
  x: Float32Array;
  /** Class index of each row, `[rows]`. */
  y: Float32Array;
  /** Feature column names, in file order. */
  featureNames: string[];
  /** Label text of each class index. */
  classNames: string[];
  /** True for points drawn on the plane: used as they are (not standardised), decision maps apply. */
  plane?: boolean;
}

/**
 * The fraction of each class held out for validation: the CLI's default (`--val-fraction 0.25`),
 * so the page and `dropout-lab twin --data FILE` cut a file the same way for the same seed.
 */
export const USER_VAL_FRACTION = 0.25;

/** The plain table of a parsed CSV. */
export function tableOf(data: CsvData): UserTable {
  return {
    rows: data.x.shape[0],
    features: data.x.shape[1],
    x: data.x.data,
    y: data.y.data,
    featureNames: [...data.featureNames],
    classNames: [...data.classNames]
  };
}

/** The CsvData of a table (for csvSplit). */
export function csvDataOf(t: UserTable): CsvData {
  return {
    x: tensor(t.x, [t.rows, t.features]),
    y: tensor(t.y, [t.rows]),
    featureNames: t.featureNames,
    classNames: t.classNames,
    classes: t.classNames.length
  };
}

/** One class in the summary. */
export interface ClassCount {
  /** Its label as written in the file. */
  name: string;
  /** Rows with this label. */
  count: number;
  /** Of which used for training. */
  train: number;
  /** Of which held out for validation. */
  val: number;
}

/** What the page says about a data set before training. */
export interface TableSummary {
  rows: number;
  features: number;
  classes: ClassCount[];
  /** Rows in training and validation. */
  train: number;
  val: number;
  /** Fraction of each class held out. */
  valFraction: number;
}

/**
 * Counts per class and the hold-out sizes. The stratified hold-out takes `valCountFor(count)` rows
 * of each class whatever the seed (the seed only chooses which rows), so these counts are those of
 * every run.
 */
export function summarise(t: UserTable, valFraction = USER_VAL_FRACTION): TableSummary {
  const counts = new Array<number>(t.classNames.length).fill(0);
  for (let i = 0; i < t.rows; i++) counts[t.y[i]]++;
  const classes = counts.map((count, k) => {
    const val = valCountFor(count, valFraction);
    return { name: t.classNames[k], count, train: count - val, val };
  });
  const val = classes.reduce((s, c) => s + c.val, 0);
  return { rows: t.rows, features: t.features, classes, train: t.rows - val, val, valFraction };
}
