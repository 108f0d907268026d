import { errorVsK } from '../src/lib/lab/ensemble/error-vs-k';
import { createTwinRun } from '../src/lib/lab/twin/run';
import { summariseHistory } from '../src/lib/lab/sweep';
import type { OptionSpec, ParsedArgs } from './args';
import { DATA_OPTIONS, OUTPUT_OPTIONS, TRAINING_OPTIONS, describeSplit, prepareExperiment } from './experiment';
import { TWIN_OPTIONS } from './twin';
import { breathe, installInterruptHandler, interrupted } from './interrupt';
import { CsvWriter, Progress, num, printJson, table } from './output';

/**
 * `dropout-lab ensemble`: Monte Carlo averaging vs weight scaling. Trains the twin run's dropout
 * twin, then uses the ensemble lab's errorVsK (src/lib/lab/ensemble) to measure the validation
 * error of the average of k thinned networks for k = 1…K against the one weight-scaled network.
 */

const P_OPTION = TWIN_OPTIONS.find((o) => o.name === 'p')!;

/** Options of `ensemble`. */
export const ENSEMBLE_OPTIONS: OptionSpec[] = [
  ...DATA_OPTIONS,
  ...TRAINING_OPTIONS.slice(0, 1),
  P_OPTION,
  ...TRAINING_OPTIONS.slice(1),
  { name: 'k', kind: 'int', min: 1, max: 1000, default: 100, help: 'Largest number of thinned networks averaged.' },
  { name: 'repeats', kind: 'int', min: 1, max: 100, default: 10, help: 'Independent draws of the K networks (for the spread).' },
  ...OUTPUT_OPTIONS
];

/** Help text of `ensemble`. */
export const ENSEMBLE_HELP = `Monte Carlo averaging vs weight scaling. Trains a network with dropout, then measures the
validation error of the average of k randomly drawn thinned networks, for k = 1…K, against the
single weight-scaled network (dropout off) that is normally used at test time.

Examples:
  dropout-lab ensemble --data mnist --epochs 20 --k 100
  dropout-lab ensemble --data moons --train 200 --k 50 --repeats 5 --out ensemble.csv`;

/** CSV columns of `ensemble --out`: one row per k. */
export const ENSEMBLE_CSV_COLUMNS = ['k', 'mc_error_mean', 'mc_error_min', 'mc_error_max', 'weight_scaled_error'];

/** Trains, measures, reports; 0 on success, 1 if training diverged. */
export async function runEnsemble(args: ParsedArgs): Promise<number> {
  const v = args.values;
  const json = v.json as boolean;
  const exp = prepareExperiment(args);
  const { config, split } = exp;
  const out = v.out as string | undefined;
  const csv = out ? new CsvWriter(out, ENSEMBLE_CSV_COLUMNS) : null;
  try {
    const run = createTwinRun(config, split, 'dropout');
    const progress = new Progress(config.epochs, json);
    installInterruptHandler(); // only now: bad input above exits before any handler exists
    for (let e = 1; e <= config.epochs && !interrupted(); e++) {
      const r = run.runEpoch(interrupted);
      if (!r.stats) break;
      progress.update(e, `train ${num(r.stats.trainLoss, 3)} val ${num(r.stats.valLoss, 3)}`);
      await breathe(); // lets a Ctrl-C arrive between epochs
    }
    progress.finish();
    if (run.stopped?.kind === 'diverged') {
      process.stderr.write(run.stopped.message + '\n');
      return 1;
    }
    if (interrupted()) return 0;
    const kMax = v.k as number;
    const repeats = v.repeats as number;
    if (!json) process.stderr.write(`Measuring ${repeats} × ${kMax} thinned networks on ${split.val.x.shape[0]} validation examples…\n`);
    // errorVsK is one synchronous computation: during it, Ctrl-C ends the process at once.
    process.removeAllListeners('SIGINT');
    const r = errorVsK(run.model, split.val, { kMax, repeats, seed: config.seed });
    for (let i = 0; i < r.k.length; i++) csv?.row([r.k[i], r.mean[i], r.lo[i], r.hi[i], r.weightScaled]);
    if (json) {
      printJson({ command: 'ensemble', config, data: describeSplit(split, exp.dataLabel), training: summariseHistory(run.history), k: kMax, repeats, result: r });
    } else {
      const shown = r.k.filter((k) => k <= 3 || k === kMax || [5, 10, 20, 50, 100, 200, 500].includes(k));
      const rows = shown.map((k) => [String(k), pct(r.mean[k - 1]), `${pct(r.lo[k - 1])}–${pct(r.hi[k - 1])}`]);
      process.stdout.write(`\nEnsemble on ${exp.dataLabel} (${r.examples} validation examples, ${repeats} draws)\n`);
      process.stdout.write(table(['k', 'MC error (mean)', 'range over draws'], rows) + '\n');
      process.stdout.write(`weight-scaled network: ${pct(r.weightScaled)} error; ` + (r.matchK === null ? `the Monte Carlo average did not match it within k = ${kMax}.\n` : `the Monte Carlo average first matched it at k = ${r.matchK}.\n`));
    }
    return 0;
  } finally {
    csv?.close();
  }
}

/** Percent with two decimals. */
function pct(x: number): string {
  return `${(x * 100).toFixed(2)}%`;
}
