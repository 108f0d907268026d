import {
  RATES_CSV_COLUMNS,
  RATES_DEFAULTS,
  RatesData,
  planRates,
  ratesConfig,
  ratesCsvRow,
  ratesVerdict,
  startRatesJob,
  summariseRates,
  pct1,
  loss3,
  range3,
  type RatesConfig,
  type RatesRun
} from '../src/lib/lab/rates';
import { UsageError, type ParsedArgs } from './args';
import { loadMnist } from './data';
import { breathe, interrupted } from './interrupt';
import { printJson, table } from './output';
import { withRunOutputs } from './runner';

/**
 * `dropout-lab sweep --widths W,W,…`: the page's rate sweep ("Choosing rates"), hidden width × drop
 * probability on 14×14 digits, with the page's settings (src/lib/lab/rates/config.ts) unless an
 * option changes them, so the same settings print the page's numbers and verdict. One CSV row per
 * finished run (the page's download has the same columns).
 */

/** Options of `sweep` that mean nothing here: the page's experiment fixes them. */
const NOT_WITH_WIDTHS = [
  'preset',
  'data',
  'noise',
  'label-noise',
  'label',
  'val-fraction',
  'layers',
  'activation',
  'optimizer',
  'p-input',
  'train-grid'
];

/** The page's configuration with the options typed on top; a bad combination is a UsageError. */
export function ratesConfigFrom(args: ParsedArgs): RatesConfig {
  const v = args.values;
  for (const name of NOT_WITH_WIDTHS) {
    if (args.given.has(name))
      throw new UsageError(
        `--${name} is not used with --widths (the rate sweep trains 14×14 digits, two ReLU layers, Adam, no input dropout)`
      );
  }
  const given = (name: string) => (args.given.has(name) ? v[name] : undefined);
  const count = (given('seeds') as number | undefined) ?? RATES_DEFAULTS.seeds.length;
  const first = (given('seed') as number | undefined) ?? RATES_DEFAULTS.seeds[0];
  const overrides: Partial<RatesConfig> = {
    widths: v.widths as number[],
    pGrid: (given('p-grid') as number[] | undefined) ?? RATES_DEFAULTS.pGrid,
    seeds: Array.from({ length: count }, (_, i) => first + i)
  };
  if (given('train') !== undefined) overrides.trainSize = v.train as number;
  if (given('val') !== undefined) overrides.valSize = v.val as number;
  if (given('epochs') !== undefined) overrides.epochs = v.epochs as number;
  if (given('patience') !== undefined) overrides.patience = v.patience as number;
  if (given('lr') !== undefined) overrides.lr = v.lr as number;
  if (given('batch') !== undefined) overrides.batchSize = v.batch as number;
  try {
    return ratesConfig(overrides);
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
}

/** Runs the page's rate sweep; 0 on success, 1 if no cell has a usable run. */
export async function runRatesSweep(args: ParsedArgs): Promise<number> {
  const json = args.values.json as boolean;
  const config = ratesConfigFrom(args);
  const jobs = planRates(config);
  const runs: RatesRun[] = [];
  await withRunOutputs(args, RATES_CSV_COLUMNS, jobs.length, async ({ csv, progress }) => {
    const data = new RatesData(loadMnist(), config);
    for (let j = 0; j < jobs.length && !interrupted(); j++) {
      const job = jobs[j];
      const run = startRatesJob(job, config, data);
      while (!interrupted() && run.runEpoch(interrupted)) await breathe();
      const r = run.result();
      if (!r) break; // stopped by Ctrl-C: an unfinished run is not a result
      runs.push(r);
      csv?.row(ratesCsvRow(config.trainSize, r));
      progress.update(
        j + 1,
        `${job.width} units p=${job.p} seed=${job.seed}: best val loss ${loss3(r.bestValLoss)}, error ${pct1(r.bestValError)}, epoch ${r.bestEpoch} of ${r.epochs}${r.stopped === 'cap' ? ' (cap)' : ''}`
      );
    }
  });
  const cells = summariseRates(runs);
  const verdict = ratesVerdict(cells, config);
  const diverged = runs.filter((r) => r.stopped === 'diverged').length;
  if (diverged > 0) process.stderr.write(`${diverged} run(s) diverged and are left out of the means.\n`);
  if (json) {
    printJson({ command: 'sweep', mode: 'widths', config, cells, runs, verdict: { ...verdict, text: verdict.lines } });
  } else {
    const o = (line = '') => process.stdout.write(line + '\n');
    o();
    o(
      `Rate sweep on ${config.trainSize} training digits (14×14), ${config.valSize} validation digits, early stopping ` +
        `(patience ${config.patience} epochs, cap ${config.epochs}), seeds ${config.seeds.join(', ')}: ` +
        `best validation loss, mean and seeds' range; each seed's best / last epoch`
    );
    o(
      table(
        ['width', 'p', 'runs', 'best val loss', 'seeds', 'error', 'best/last epoch'],
        cells.map((c) => [
          String(c.width),
          String(c.p),
          String(c.runs),
          loss3(c.loss.mean),
          range3(c.loss),
          pct1(c.error.mean),
          c.epochs.map((e) => `${e.best}/${e.stop}${e.capped ? ' (cap)' : ''}`).join(', ')
        ])
      )
    );
    o();
    for (const line of verdict.lines) o(line);
  }
  return cells.length === 0 ? 1 : 0;
}
