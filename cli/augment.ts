import {
  AUGMENT_CSV_COLUMNS,
  AugmentSession,
  DEFAULT_CONFIG,
  VARIANT_LABEL,
  aggregate,
  augmentVerdict,
  csvRow,
  type AugmentConfig,
  type AugmentReply,
  type AugmentRequest,
  type AugmentVerdict,
  type RunSummary,
  type Spread,
  type VariantStats
} from '../src/lib/lab/augment';
import { MNIST_MAX_TOTAL } from '../src/lib/lab/twin/config';
import { UsageError, type OptionSpec, type ParsedArgs } from './args';
import { loadMnist } from './data';
import { OUTPUT_OPTIONS } from './experiment';
import { printJson, table } from './output';
import { runSessionCommand } from './runner';

/**
 * `dropout-lab augment`: the page's "four networks, one run" (dropout and data augmentation) in
 * the terminal. It drives the same AugmentSession the example's Web Worker serves
 * (src/lib/lab/augment/session.ts), with the page's settings unless told otherwise, so the same
 * settings and seeds print the numbers and the verdict the page shows.
 */

const D = DEFAULT_CONFIG;

/** Options of `augment`. */
export const AUGMENT_OPTIONS: OptionSpec[] = [
  {
    name: 'seeds',
    kind: 'int-list',
    min: 0,
    max: 1_000_000,
    maxItems: 20,
    value: 'S,S,…',
    default: D.seeds,
    help: 'Training seeds; each trains all four networks (the page: 1,2,3).'
  },
  { name: 'epochs', kind: 'int', min: 1, max: 1000, default: D.epochs, help: 'Epochs per network.' },
  { name: 'train', kind: 'int', min: 10, max: 7000, default: D.train, help: 'Training digits (class-balanced).' },
  { name: 'val', kind: 'int', min: 10, max: 5000, default: D.val, help: 'Validation digits.' },
  { name: 'width', kind: 'int', min: 1, max: 2048, default: D.width, help: 'Units in each of the two hidden layers.' },
  {
    name: 'p',
    kind: 'number',
    min: 0,
    max: 0.9,
    value: 'X',
    default: D.pHidden,
    help: 'Drop probability after each hidden layer, in the two dropout networks.'
  },
  {
    name: 'p-input',
    kind: 'number',
    min: 0,
    max: 0.9,
    value: 'X',
    default: D.pInput,
    help: 'Drop probability on the inputs, in the two dropout networks.'
  },
  {
    name: 'max-shift',
    kind: 'int',
    min: 0,
    max: 8,
    default: D.maxShift,
    help: 'Largest shift in pixels of the 28×28 digit, in the two shifted networks.'
  },
  ...OUTPUT_OPTIONS
];

/** Help text of `augment`. */
export const AUGMENT_HELP = `The page's "Dropout and data augmentation" experiment: one MLP on real digits (read at 14×14),
from the same initial weights and in the same batch order, trained four ways — neither, dropout,
random shifts of the digits (augmentation), both — for every seed. Prints each network's best and
final validation loss and error as the mean over the seeds with their range, and the verdict in
words (a difference counts only when the seeds' ranges do not overlap). With no options it runs
exactly what the page runs.

Examples:
  dropout-lab augment
  dropout-lab augment --seeds 1,2,3,4,5 --epochs 40 --out augment.csv
  dropout-lab augment --json > augment.json`;

/** What `augment --json` prints. */
export interface AugmentJson {
  command: 'augment';
  config: AugmentConfig;
  /** Per network: mean and range over the seeds (the page's table). */
  networks: VariantStats[];
  /** Per network and seed, without the epoch-by-epoch history (that is the CSV). */
  runs: Omit<RunSummary, 'history'>[];
  verdict: AugmentVerdict;
  kernels: string;
}

/** "0.302 (0.289–0.318)". */
function withRange(s: Spread, f: (v: number) => string): string {
  return Number.isFinite(s.mean) ? `${f(s.mean)} (${f(s.min)}–${f(s.max)})` : '–';
}

/** The page's configuration with the options given. */
export function augmentConfig(args: ParsedArgs): AugmentConfig {
  const v = args.values;
  const config: AugmentConfig = {
    ...D,
    seeds: v.seeds as number[],
    epochs: v.epochs as number,
    train: v.train as number,
    val: v.val as number,
    width: v.width as number,
    pHidden: v.p as number,
    pInput: v['p-input'] as number,
    maxShift: v['max-shift'] as number
  };
  if (new Set(config.seeds).size !== config.seeds.length) throw new UsageError('--seeds: each seed may appear once');
  if (config.train + config.val > MNIST_MAX_TOTAL) {
    throw new UsageError(
      `--train plus --val must be at most ${MNIST_MAX_TOTAL} digits, got ${config.train + config.val}`
    );
  }
  return config;
}

/** Runs the lab's session; 0 on success, 1 if it failed or a network diverged. */
export async function runAugment(args: ParsedArgs): Promise<number> {
  const json = args.values.json as boolean;
  const config = augmentConfig(args);
  const outcome = await runSessionCommand<AugmentRequest, AugmentReply>(args, {
    columns: AUGMENT_CSV_COLUMNS,
    steps: config.seeds.length * 4 * config.epochs,
    loadMnist: async () => loadMnist(),
    open: (host) => new AugmentSession(host, config),
    start: { type: 'start', url: '', run: 1 },
    onReply: (m, { csv, progress }) => {
      if (m.type !== 'epoch') return;
      csv?.row(csvRow(m.seed, m.variant, m.stats));
      const loss = m.stats.valLoss === null ? '–' : m.stats.valLoss.toFixed(3);
      progress.update(
        m.done,
        `seed ${m.seed} ${VARIANT_LABEL[m.variant].toLowerCase()} epoch ${m.stats.epoch}: val loss ${loss}`
      );
    }
  });
  if ('status' in outcome) return outcome.status;
  const result = outcome.done;
  const stats = aggregate(result.runs);
  const verdict = augmentVerdict(stats);
  if (json) {
    const report: AugmentJson = {
      command: 'augment',
      config,
      networks: stats,
      runs: result.runs.map(({ history: _history, ...rest }) => rest),
      verdict,
      kernels: result.kernels
    };
    printJson(report);
  } else {
    const out = (line = '') => process.stdout.write(line + '\n');
    const loss = (x: number) => x.toFixed(3);
    const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
    out();
    out(
      `Four networks on ${config.train} digits (validation ${config.val}), 196 → ${config.width} → ${config.width} → 10, ${config.epochs} epochs, seeds ${config.seeds.join(', ')}`
    );
    out(
      `Dropout p = ${config.pInput} on the inputs and ${config.pHidden} after each hidden layer; shifts up to ${config.maxShift} px`
    );
    out(
      table(
        ['network', 'seeds', 'best val loss', 'final val loss', 'best val error', 'final val error'],
        stats.map((s) => [
          VARIANT_LABEL[s.variant],
          String(s.seeds),
          withRange(s.bestLoss, loss),
          withRange(s.finalLoss, loss),
          withRange(s.bestError, pct),
          withRange(s.finalError, pct)
        ])
      )
    );
    out();
    out(verdict.headline);
    for (const d of verdict.details) out(d);
  }
  return result.runs.some((r) => r.stopped !== null) ? 1 : 0;
}
