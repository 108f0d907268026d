import type { EpochStats } from '../src/lib/engine';
import {
  CURVE_COLUMNS,
  TWIN_LIMITS,
  createTwinRun,
  curvesToCsv,
  verdict,
  type TwinRun,
  type TwinVariant
} from '../src/lib/lab/twin/index';
import { summariseHistory, type RunResult } from '../src/lib/lab/sweep';
import type { OptionSpec, ParsedArgs } from './args';
import { DATA_OPTIONS, OUTPUT_OPTIONS, TRAINING_OPTIONS, describeSplit, prepareExperiment } from './experiment';
import { breathe, installInterruptHandler, interrupted } from './interrupt';
import { CsvWriter, Progress, num, printJson, table } from './output';
import { checkWeightsOut, writeWeights } from './weights';

/**
 * `dropout-lab twin`: the lesson's twin run — the same network trained twice from the same
 * weights on the same batches, once without dropout and once with it — using the twin lab's own
 * createTwinRun, epoch by epoch. Prints progress, then a summary table and the page's verdict
 * sentence (or JSON), and writes the page's CSV download (twin lab's curvesToCsv) one epoch
 * at a time, so the file is the same as the page's and survives Ctrl-C.
 */

/** Options of `twin`. */
export const TWIN_OPTIONS: OptionSpec[] = [
  ...DATA_OPTIONS,
  ...TRAINING_OPTIONS.slice(0, 1),
  {
    name: 'p',
    kind: 'number-list',
    min: TWIN_LIMITS.pInput.min,
    max: TWIN_LIMITS.pInput.max,
    maxItems: TWIN_LIMITS.depth.max + 1,
    value: 'IN,H1,H2',
    help: "Dropout twin's drop probabilities: inputs, then each hidden layer (or one for all), e.g. 0.2,0.5,0.5."
  },
  ...TRAINING_OPTIONS.slice(1),
  ...OUTPUT_OPTIONS,
  {
    name: 'weights-out',
    kind: 'string',
    value: 'FILE.json',
    help: "Also write both twins' trained weights (the page's download format): FILE.plain.json, FILE.dropout.json."
  }
];

/** Help text of `twin`. */
export const TWIN_HELP = `Train the same network twice — without and with dropout — and compare them.
Both twins start from the same weights and see the same batches; only dropout differs.

Examples:
  dropout-lab twin                                  (the "overfit" preset: 40 noisy moons)
  dropout-lab twin --data mnist --train 1000 --val 2000 --layers 256,256 --p 0.2,0.5,0.5 --epochs 30
  dropout-lab twin --data my.csv --label species --val-fraction 0.3 --out curves.csv
  dropout-lab twin --data my.csv --weights-out twin.json   (writes twin.plain.json and twin.dropout.json)`;

/** The CSV line of the latest epoch, exactly as the twin lab's curvesToCsv writes it. */
function lastCsvLine(plain: EpochStats | undefined, dropout: EpochStats | undefined): string {
  const lines = curvesToCsv(plain ? [plain] : [], dropout ? [dropout] : [])
    .trimEnd()
    .split('\n');
  return lines[lines.length - 1];
}

/** Exit status of a finished twin run: 0, or 1 when a twin diverged (its message is on stderr). */
export async function runTwin(args: ParsedArgs): Promise<number> {
  const json = args.values.json as boolean;
  const exp = prepareExperiment(args);
  const { config, split } = exp;
  const out = args.values.out as string | undefined;
  const weightsOut = args.values['weights-out'] as string | undefined;
  if (weightsOut !== undefined) checkWeightsOut(weightsOut);
  const csv = out ? new CsvWriter(out, CURVE_COLUMNS) : null;
  const twins: Record<TwinVariant, TwinRun> = {
    plain: createTwinRun(config, split, 'plain'),
    dropout: createTwinRun(config, split, 'dropout')
  };
  const progress = new Progress(config.epochs, json);
  installInterruptHandler(); // only now: bad input above exits before any handler exists
  const messages: string[] = [];
  try {
    for (let epoch = 1; epoch <= config.epochs && !interrupted(); epoch++) {
      const stats: Partial<Record<TwinVariant, EpochStats>> = {};
      for (const variant of ['plain', 'dropout'] as const) {
        const r = twins[variant].runEpoch(interrupted);
        if (r.stats) stats[variant] = r.stats;
        else if (r.stopped.kind === 'diverged' && r.stopped.epoch === epoch) {
          messages.push(`${variant} twin: ${r.stopped.message}`);
        }
      }
      if (!stats.plain && !stats.dropout) break;
      csv?.line(lastCsvLine(stats.plain, stats.dropout));
      const show = (v: TwinVariant) =>
        stats[v] ? `${v} train ${num(stats[v].trainLoss, 3)} val ${num(stats[v].valLoss, 3)}` : `${v} stopped`;
      progress.update(epoch, `${show('plain')} | ${show('dropout')}`);
      await breathe(); // lets a Ctrl-C arrive between epochs
    }
  } finally {
    csv?.close();
    progress.finish();
  }
  for (const m of messages) process.stderr.write(m + '\n');
  const weightFiles = weightsOut !== undefined ? writeWeights(weightsOut, twins) : [];

  const summary = { plain: summariseHistory(twins.plain.history), dropout: summariseHistory(twins.dropout.history) };
  const sentence = verdict(twins.plain.history, twins.dropout.history).text;
  if (json) {
    printJson({
      command: 'twin',
      config,
      data: describeSplit(split, exp.dataLabel),
      summary,
      verdict: sentence,
      stopped: { plain: stopKind(twins.plain), dropout: stopKind(twins.dropout) },
      history: { plain: twins.plain.history, dropout: twins.dropout.history },
      ...(weightFiles.length ? { weights: weightFiles } : {})
    });
  } else {
    printSummary(exp.dataLabel, summary, twins);
    process.stdout.write(sentence + '\n');
    if (weightFiles.length) process.stdout.write(`Weights written to ${weightFiles.join(' and ')}.\n`);
  }
  return messages.length > 0 ? 1 : 0;
}

/** How a twin ended: 'done', 'diverged' or 'cancelled' (stopped by Ctrl-C before the cap). */
function stopKind(run: TwinRun): string {
  return run.stopped?.kind ?? 'cancelled';
}

/** The human summary: one row per twin, best validation loss/accuracy with their epochs, final gap. */
function printSummary(
  dataLabel: string,
  summary: Record<TwinVariant, RunResult | null>,
  twins: Record<TwinVariant, TwinRun>
): void {
  const rows = (['plain', 'dropout'] as const).map((v) => {
    const s = summary[v];
    if (!s) return [v, '–', '–', '–', '–', '–', '–', stopKind(twins[v])];
    return [
      v,
      String(s.epochs),
      num(s.bestValLoss),
      String(s.bestValLossEpoch),
      `${(s.bestValAccuracy * 100).toFixed(1)}%`,
      String(s.bestValAccuracyEpoch),
      num(s.finalGap),
      stopKind(twins[v])
    ];
  });
  process.stdout.write(`\nTwin run on ${dataLabel}\n`);
  process.stdout.write(
    table(['twin', 'epochs', 'best val loss', 'at epoch', 'best val acc', 'at epoch', 'final gap', 'ended'], rows) +
      '\n'
  );
  process.stdout.write(
    'final gap = validation loss − training loss after the last epoch (smaller: less overfitting).\n'
  );
}
