import { DEFAULT_CONFIG, networkSeeds, type RunResult, type SpatialConfig } from '../src/lib/lab/spatial/experiment';
import { spatialRows, SPATIAL_CSV_COLUMNS } from '../src/lib/lab/spatial/csv';
import { KNOCKOUT_KS } from '../src/lib/lab/spatial/knockout';
import { KIND_LABEL, MASK_KINDS } from '../src/lib/lab/spatial/model';
import type { SpatialReply, SpatialRequest } from '../src/lib/lab/spatial/protocol';
import { SpatialSession } from '../src/lib/lab/spatial/session';
import {
  accuracyLost,
  formatSpread,
  generalisationVerdict,
  knockoutVerdict,
  spread,
  type Verdict
} from '../src/lib/lab/spatial/verdict';
import { kernels } from '../src/lib/engine';
import type { OptionSpec, ParsedArgs } from './args';
import { loadMnist } from './data';
import { OUTPUT_OPTIONS } from './experiment';
import { printJson, table } from './output';
import { runSessionCommand } from './runner';

/**
 * `dropout-lab spatial`: the page's spatial-dropout experiment in the terminal. It drives the same
 * SpatialSession the example's Web Worker serves (src/lib/lab/spatial/session.ts) with the page's
 * settings (DEFAULT_CONFIG: 300 training and 400 validation digits, 12 epochs, p = 0.2, network
 * seeds 7, 8, 9, 12 knock-out sets per k), so the same settings print the page's numbers: every
 * seed's best validation loss and accuracy, the knock-out curves, and both verdicts.
 */

const D = DEFAULT_CONFIG;

/** Options of `spatial`. */
export const SPATIAL_OPTIONS: OptionSpec[] = [
  {
    name: 'p',
    kind: 'number',
    min: 0.05,
    max: 0.9,
    value: 'X',
    default: D.p,
    help: 'Drop probability of both dropout kinds (the page offers 0.1, 0.2, 0.3, 0.5).'
  },
  {
    name: 'seed',
    kind: 'int',
    min: 0,
    max: 1_000_000,
    default: D.seed,
    help: 'Seed of the digits and the knock-out sets, and the first network seed.'
  },
  { name: 'seeds', kind: 'int', min: 2, max: 20, default: D.seeds, help: 'Network seeds (seed, seed + 1, …).' },
  { name: 'epochs', kind: 'int', min: 1, max: 100, default: D.epochs, help: 'Epochs per network.' },
  { name: 'train', kind: 'int', min: 20, max: 5000, default: D.train, help: 'Training digits.' },
  { name: 'val', kind: 'int', min: 20, max: 5000, default: D.val, help: 'Validation digits.' },
  {
    name: 'sets',
    kind: 'int',
    min: 1,
    max: 70,
    default: D.setsPerK,
    help: 'Random sets of first-layer maps knocked out per k (k = 0 … 6 of 8).'
  },
  ...OUTPUT_OPTIONS
];

/** Help text of `spatial`. */
export const SPATIAL_HELP = `The page's spatial-dropout experiment: a small CNN (conv 8 → conv 16) on real digits, trained
three ways (no dropout, element-wise dropout, spatial dropout, same p, after the first convolution)
from several network seeds; then k = 0 … 6 of its 8 first-layer maps are zeroed at test time (the
same random sets for every network). Prints every seed's best validation loss and accuracy, the
accuracy against k, and the two verdicts, which name a winner only when every seed agrees.
With no options it runs what the page runs (about a minute on an otherwise idle machine).

Examples:
  dropout-lab spatial
  dropout-lab spatial --p 0.3 --out spatial.csv
  dropout-lab spatial --seeds 5 --json > spatial.json`;

/** What `spatial --json` prints: the page's numbers, named as in its messages. */
export interface SpatialJson {
  command: 'spatial';
  config: SpatialConfig;
  /** The network seeds trained. */
  seeds: number[];
  /** One per network and seed, in the order they finished (seed by seed). */
  results: RunResult[];
  generalisation: Verdict;
  knockout: Verdict;
  /** "wasm-simd" or "js". */
  kernels: string;
}

/** Runs the lab's session; 0 on success, 1 if the experiment failed or a training diverged. */
export async function runSpatial(args: ParsedArgs): Promise<number> {
  const v = args.values;
  const json = v.json as boolean;
  const config: SpatialConfig = {
    ...D,
    train: v.train as number,
    val: v.val as number,
    p: v.p as number,
    epochs: v.epochs as number,
    seed: v.seed as number,
    seeds: v.seeds as number,
    setsPerK: v.sets as number
  };
  const seeds = networkSeeds(config);
  const results: RunResult[] = [];
  let epochs = 0;
  const mnist = loadMnist();
  const outcome = await runSessionCommand<SpatialRequest, SpatialReply>(args, {
    columns: SPATIAL_CSV_COLUMNS,
    steps: seeds.length * MASK_KINDS.length * config.epochs,
    loadMnist: async () => mnist,
    open: (host) => new SpatialSession(host, config),
    start: { type: 'start', url: '', p: config.p, run: 1 },
    onReply: (m, { csv, progress }) => {
      if (m.type === 'epoch') {
        epochs++;
        const loss = m.stats.valLoss === null ? '' : ` val loss ${m.stats.valLoss.toFixed(3)}`;
        progress.update(epochs, `seed ${m.seed}, ${KIND_LABEL[m.kind].toLowerCase()}, epoch ${m.stats.epoch}${loss}`);
      } else if (m.type === 'run') {
        results.push(m.result);
        for (const row of spatialRows([m.result], config.p)) csv?.row(row);
      }
    }
  });
  if ('status' in outcome) return outcome.status;
  const generalisation = generalisationVerdict(results);
  const knockout = knockoutVerdict(results);
  if (json) {
    const report: SpatialJson = {
      command: 'spatial',
      config,
      seeds,
      results,
      generalisation,
      knockout,
      kernels: kernels().name
    };
    printJson(report);
  } else printTables(config, seeds, results, generalisation, knockout);
  const diverged = results.filter((r) => r.stopped !== null);
  for (const r of diverged) process.stderr.write(`${KIND_LABEL[r.kind]}, seed ${r.seed}: ${r.stopped}\n`);
  return diverged.length > 0 ? 1 : 0;
}

/** The page's tables and verdicts as text. */
function printTables(
  config: SpatialConfig,
  seeds: number[],
  results: RunResult[],
  generalisation: Verdict,
  knockout: Verdict
): void {
  const out = (line = '') => process.stdout.write(line + '\n');
  const f3 = (x: number) => x.toFixed(3);
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const pts = (x: number) => (x * 100).toFixed(1);
  const of = (kind: string, seed: number) =>
    results.find((r) => r.kind === kind && r.seed === seed && r.stopped === null);
  out();
  out(
    `Spatial dropout on a small CNN: ${config.train} training / ${config.val} validation digits, ${config.epochs} epochs, p = ${config.p}, seeds ${seeds.join(', ')}`
  );
  out();
  out('Best (early-stopped) validation loss of every seed');
  out(
    table(
      ['network', ...seeds.map((s) => `seed ${s}`), 'mean (lowest–highest)', 'best accuracy, mean (lowest–highest)'],
      MASK_KINDS.map((k) => {
        const per = seeds.map((s) => of(k, s));
        const ok = per.filter((r): r is RunResult => r !== undefined);
        return [
          KIND_LABEL[k],
          ...per.map((r) => (r ? f3(r.bestValLoss) : '–')),
          ok.length ? formatSpread(spread(ok.map((r) => r.bestValLoss)), f3) : '–',
          ok.length ? formatSpread(spread(ok.map((r) => r.bestValAccuracy)), pct) : '–'
        ];
      })
    )
  );
  out(generalisation.headline);
  out(generalisation.detail);
  out();
  out('Validation accuracy with k of the 8 first-layer maps knocked out: mean over seeds (lowest–highest)');
  out(
    table(
      ['k', ...MASK_KINDS.map((k) => KIND_LABEL[k])],
      KNOCKOUT_KS.map((k, i) => [
        String(k),
        ...MASK_KINDS.map((kind) => {
          const curves = results.filter((r) => r.kind === kind && r.knockout).map((r) => r.knockout!.accuracy[i]);
          return curves.length ? formatSpread(spread(curves), pct) : '–';
        })
      ])
    )
  );
  out();
  out('Accuracy lost when maps vanish (percentage points: all 8 maps minus the mean with 1 to 6 knocked out)');
  out(
    table(
      ['network', ...seeds.map((s) => `seed ${s}`), 'mean (lowest–highest)'],
      MASK_KINDS.map((k) => {
        const lost = seeds.map((s) => {
          const r = of(k, s);
          return r ? accuracyLost(r.knockout) : null;
        });
        const ok = lost.filter((x): x is number => x !== null);
        return [
          KIND_LABEL[k],
          ...lost.map((x) => (x === null ? '–' : pts(x))),
          ok.length ? formatSpread(spread(ok), pts) : '–'
        ];
      })
    )
  );
  out(knockout.headline);
  out(knockout.detail);
}
