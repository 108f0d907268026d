import { TWIN_LIMITS } from '../src/lib/lab/twin/config';
import {
  planSweep,
  startSweepRun,
  summariseRun,
  summariseSweep,
  type MeanStd,
  type SweepRunResult
} from '../src/lib/lab/sweep';
import { UsageError, type OptionSpec, type ParsedArgs } from './args';
import { DATA_OPTIONS, OUTPUT_OPTIONS, TRAINING_OPTIONS, describeSplit, prepareExperiment } from './experiment';
import { breathe, interrupted } from './interrupt';
import { num, printJson, table } from './output';
import { withRunOutputs } from './runner';
import { runRatesSweep } from './rates';
import { RATES_DEFAULTS, RATES_LIMITS } from '../src/lib/lab/rates/config';

/**
 * `dropout-lab sweep`: trains one network per (training size, drop rate, seed) with the lab's
 * sweep (src/lib/lab/sweep.ts, itself the twin run's dropout twin) and reports validation results
 * as mean ± std over the seeds. One CSV row per finished run.
 */

/** Options of `sweep`. */
export const SWEEP_OPTIONS: OptionSpec[] = [
  ...DATA_OPTIONS,
  ...TRAINING_OPTIONS,
  {
    name: 'p-grid',
    kind: 'number-list',
    min: 0,
    max: TWIN_LIMITS.pHidden.max,
    maxItems: 20,
    value: 'P,P,…',
    default: [0, 0.1, 0.2, 0.3, 0.5, 0.7],
    help: 'Hidden-layer drop probabilities to try.'
  },
  {
    name: 'p-input',
    kind: 'number',
    min: 0,
    max: TWIN_LIMITS.pInput.max,
    value: 'X',
    default: 0,
    help: 'Input drop probability, the same for every run.'
  },
  {
    name: 'train-grid',
    kind: 'int-list',
    min: TWIN_LIMITS.trainSize.min,
    max: TWIN_LIMITS.trainSize.max,
    maxItems: 20,
    value: 'N,N,…',
    help: 'Training-set sizes to try (2-D and mnist), e.g. 100,500,1000,5000.'
  },
  {
    name: 'widths',
    kind: 'int-list',
    min: 1,
    max: 2048,
    maxItems: 8,
    value: 'W,W,…',
    help: "Run the page's rate sweep instead: hidden widths × --p-grid on 14×14 digits (the page: 16,64,256; 2 seeds)."
  },
  {
    name: 'patience',
    kind: 'int',
    min: RATES_LIMITS.patience.min,
    max: RATES_LIMITS.patience.max,
    help: `With --widths: stop a run after this many epochs without a lower validation loss (the page: ${RATES_DEFAULTS.patience}); --epochs is then the cap (the page: ${RATES_DEFAULTS.epochs}).`
  },
  {
    name: 'seeds',
    kind: 'int',
    min: 1,
    max: 100,
    default: 3,
    help: 'Repeats per grid point (seeds --seed, --seed+1, …).'
  },
  ...OUTPUT_OPTIONS
];

/** Help text of `sweep`. */
export const SWEEP_HELP = `Validation results over a grid of dropout rates, and optionally of training-set sizes,
repeated over several seeds and reported as mean ± standard deviation. Each run is the twin
run's dropout twin with the grid's rate after every hidden layer (p = 0 is the plain network).

With --widths it runs the lesson's "Choosing rates" experiment instead: for each hidden width
(two ReLU layers) and each p, the best early-stopped validation loss and error on 14×14 digits,
with the page's settings (1,000 training and 1,000 validation digits, Adam 1e-3, batch 50,
early stopping with a patience of ${RATES_DEFAULTS.patience} epochs and a cap of ${RATES_DEFAULTS.epochs} epochs, seeds 1 and 2,
no input dropout); --train, --val, --patience, --epochs (the cap), --lr, --batch, --seed,
--seeds and --p-grid change them. It prints the page's table (with each run's best and last
epoch) and verdict, which names any run the cap stopped before its patience ran out.

Examples:
  dropout-lab sweep --widths 16,64,256
  dropout-lab sweep --widths 16,64,256,1024 --train 3000 --out rates.csv
  dropout-lab sweep --widths 16,64 --patience 20 --epochs 400
  dropout-lab sweep --p-grid 0,0.2,0.5 --seeds 3 --epochs 100
  dropout-lab sweep --data mnist --train-grid 100,500,1000 --p-grid 0,0.5 --epochs 20 --out sweep.csv`;

/** CSV columns of `sweep --out`: one row per run. */
export const SWEEP_CSV_COLUMNS = [
  'train_size',
  'p',
  'seed',
  'epochs',
  'best_val_loss',
  'best_val_loss_epoch',
  'best_val_accuracy',
  'best_val_accuracy_epoch',
  'final_train_loss',
  'final_val_loss',
  'final_val_accuracy',
  'final_gap',
  'stopped'
];

/** "0.412 ± 0.013". */
function pm(m: MeanStd, digits = 3): string {
  return `${num(m.mean, digits)} ± ${num(m.std, digits)}`;
}

/** Runs the sweep; 0 on success, 1 if every run diverged. */
export async function runSweep(args: ParsedArgs): Promise<number> {
  if (args.given.has('widths')) return runRatesSweep(args);
  if (args.given.has('patience')) throw new UsageError('--patience is used only with --widths (the rate sweep)');
  const v = args.values;
  const json = v.json as boolean;
  const exp = prepareExperiment(args);
  if (exp.source.kind === 'csv' && args.given.has('train-grid')) {
    throw new UsageError('--train-grid is not used with a CSV file (all its rows are used)');
  }
  const trainGrid = v['train-grid'] as number[] | undefined;
  if (exp.source.kind === 'mnist' && trainGrid) {
    const worst = Math.max(...trainGrid) + exp.config.valSize;
    if (worst > 8000)
      throw new UsageError(`--train-grid: the largest size plus --val must be at most 8000 for mnist, got ${worst}`);
  }
  const seeds = Array.from({ length: v.seeds as number }, (_, i) => exp.config.seed + i);
  if (seeds[seeds.length - 1] > TWIN_LIMITS.seed.max)
    throw new UsageError(`--seed + --seeds must stay below ${TWIN_LIMITS.seed.max}`);
  const base = { ...exp.config, pInput: v['p-input'] as number };
  const jobs = planSweep({ base, pGrid: v['p-grid'] as number[], trainGrid, seeds });
  const results: SweepRunResult[] = [];
  // Outputs only now: bad input above exits before any file or Ctrl-C handler exists.
  await withRunOutputs(args, SWEEP_CSV_COLUMNS, jobs.length, async ({ csv, progress }) => {
    for (let j = 0; j < jobs.length && !interrupted(); j++) {
      const job = jobs[j];
      const run = startSweepRun(job, exp.sources);
      for (let e = 0; e < job.config.epochs && !interrupted(); e++) {
        if (!run.runEpoch(interrupted).stats) break;
        await breathe(); // lets a Ctrl-C arrive between epochs
      }
      if (interrupted()) break; // an unfinished run is not a result
      const r = summariseRun(job, run);
      if (!r) continue;
      results.push(r);
      csv?.row([
        r.trainSize,
        r.p,
        r.seed,
        r.epochs,
        r.bestValLoss,
        r.bestValLossEpoch,
        r.bestValAccuracy,
        r.bestValAccuracyEpoch,
        r.finalTrainLoss,
        r.finalValLoss,
        r.finalValAccuracy,
        r.finalGap,
        r.stopped
      ]);
      progress.update(
        j + 1,
        `n=${job.trainSize} p=${job.p} seed=${job.seed}: best val loss ${num(r.bestValLoss, 3)}, acc ${(r.bestValAccuracy * 100).toFixed(1)}%`
      );
    }
  });
  const cells = summariseSweep(results);
  const diverged = results.filter((r) => r.stopped === 'diverged').length;
  if (diverged > 0)
    process.stderr.write(
      `${diverged} run${diverged > 1 ? 's' : ''} diverged and ${diverged > 1 ? 'are' : 'is'} left out of the means; try a lower --lr.\n`
    );
  if (json) {
    printJson({
      command: 'sweep',
      config: base,
      pGrid: v['p-grid'],
      trainGrid: trainGrid ?? [base.trainSize],
      seeds,
      data: describeSplit(exp.split, exp.dataLabel),
      cells,
      runs: results
    });
  } else {
    const rows = cells.map((c) => [
      String(c.trainSize),
      String(c.p),
      String(c.runs),
      pm(c.bestValLoss),
      pm(c.bestValAccuracy),
      pm(c.finalGap)
    ]);
    process.stdout.write(`\nSweep on ${exp.dataLabel}: mean ± std over seeds ${seeds.join(', ')}\n`);
    process.stdout.write(table(['train', 'p', 'runs', 'best val loss', 'best val accuracy', 'final gap'], rows) + '\n');
  }
  return results.length > 0 && cells.length === 0 ? 1 : 0;
}
