import { TWO_D_SETS } from '../src/lib/data';
import {
  EnsembleSession,
  LAB_VIEW,
  percent,
  resolveConfig,
  type EnsembleConfig,
  type EnsembleReply,
  type ErrorVsK,
  type StripMessage
} from '../src/lib/lab/ensemble';
import { TWIN_LIMITS } from '../src/lib/lab/twin/config';
import type { OptionSpec, ParsedArgs } from './args';
import { loadMnist } from './data';
import { OUTPUT_OPTIONS } from './experiment';
import { CsvWriter, Progress, printJson, table } from './output';

/**
 * `dropout-lab ensemble`: the page's ensemble lab ("Inside the ensemble"), run in the terminal.
 * It drives the same EnsembleSession the lab's Web Worker wraps (src/lib/lab/ensemble/session.ts),
 * with the page's defaults (two moons, 16 units per hidden layer, p = 0.5, the page's epochs, seed 1,
 * the first strip drawn with seed 1, k up to 100 over the page's number of draws), so the same
 * settings print the numbers the page shows: the 2ⁿ count, the masks training visited, the strip of
 * thinned networks and their average, the uncertainty map's finding and the error-vs-k curve.
 */

const L = TWIN_LIMITS;
const DATA_CHOICES = [...TWO_D_SETS.map((s) => s.name), 'mnist'] as const;

/** Options of `ensemble`. */
export const ENSEMBLE_OPTIONS: OptionSpec[] = [
  {
    name: 'data',
    kind: 'choice',
    choices: DATA_CHOICES,
    default: 'moons',
    help: 'A 2-D set or mnist (1,000 digits for training, 500 to validate, at 14×14), as in the page.'
  },
  {
    name: 'width',
    kind: 'int',
    min: L.width.min,
    max: L.width.max,
    help: 'Units per hidden layer (two hidden layers; the page offers 4, 8, 16, 32, 64; default 16, or 64 on mnist).'
  },
  {
    name: 'p',
    kind: 'number',
    min: L.pHidden.min,
    max: L.pHidden.max,
    value: 'X',
    help: 'Drop probability after each hidden layer (default 0.5, as in the page).'
  },
  {
    name: 'epochs',
    kind: 'int',
    min: L.epochs.min,
    max: L.epochs.max,
    help: 'Epochs to train (default 80 on 2-D sets, 15 on mnist, as in the page).'
  },
  {
    name: 'seed',
    kind: 'int',
    min: L.seed.min,
    max: L.seed.max,
    help: 'Seed of data, weights, order, masks and the curve’s draws (default 1).'
  },
  {
    name: 'strip-seed',
    kind: 'int',
    min: 0,
    max: L.seed.max,
    default: 1,
    help: 'Seed of the strip of thinned networks (the page starts at 1; "Draw new networks" adds 1).'
  },
  {
    name: 'k',
    kind: 'int',
    min: 1,
    max: 1000,
    default: LAB_VIEW.k,
    help: 'Largest number of thinned networks averaged.'
  },
  {
    name: 'repeats',
    kind: 'int',
    min: 1,
    max: 100,
    help: `Independent draws of the k networks (default ${LAB_VIEW.repeats.twoD} on 2-D sets, ${LAB_VIEW.repeats.mnist} on mnist, as in the page).`
  },
  ...OUTPUT_OPTIONS
];

/** Help text of `ensemble`. */
export const ENSEMBLE_HELP = `The page's ensemble lab: trains a network with dropout (the lab's code and settings), then shows
how many thinned networks it holds, how many training visited, a strip of sampled members and their
average, where they disagree (2-D sets), and the validation error of the average of k thinned
networks for k = 1…K against the single weight-scaled network used at test time.
With no options it runs what the page shows first (two moons, 16 units per hidden layer).

Examples:
  dropout-lab ensemble
  dropout-lab ensemble --data mnist
  dropout-lab ensemble --data spiral --width 32 --k 50 --repeats 5 --out ensemble.csv`;

/** CSV columns of `ensemble --out`: one row per k. */
export const ENSEMBLE_CSV_COLUMNS = ['k', 'mc_error_mean', 'mc_error_min', 'mc_error_max', 'weight_scaled_error'];

type Trained = Extract<EnsembleReply, { type: 'trained' }>;

/** What `ensemble --json` prints: the page's numbers, named as in its messages. */
export interface EnsembleJson {
  command: 'ensemble';
  config: Required<EnsembleConfig> & { stripSeed: number; k: number; repeats: number };
  network: {
    data: string;
    shape: string;
    units: number;
    thinnedNetworks: string;
    masksDrawn: number;
    masksDistinct: number;
    valAccuracy: number | null;
    stopped: string | null;
  };
  strip: { seed: number; valErrors: number[]; averageError: number; weightScaledError: number };
  uncertainty: { max: number; text: string } | null;
  result: ErrorVsK;
  text: string;
}
type Uncertainty = Extract<EnsembleReply, { type: 'uncertainty' }>;

/** Runs the lab's session; 0 on success, 1 if the experiment failed or training diverged. */
export async function runEnsemble(args: ParsedArgs): Promise<number> {
  const v = args.values;
  const json = v.json as boolean;
  const config: EnsembleConfig = { data: v.data as EnsembleConfig['data'] };
  if (v.width !== undefined) config.width = v.width as number;
  if (v.p !== undefined) config.p = v.p as number;
  if (v.epochs !== undefined) config.epochs = v.epochs as number;
  if (v.seed !== undefined) config.seed = v.seed as number;
  const resolved = resolveConfig(config);
  const stripSeed = v['strip-seed'] as number;
  const kMax = v.k as number;
  const repeats =
    (v.repeats as number | undefined) ?? (config.data === 'mnist' ? LAB_VIEW.repeats.mnist : LAB_VIEW.repeats.twoD);

  let trained: Trained | null = null;
  let strip: StripMessage | null = null;
  let uncertainty: Uncertainty | null = null;
  let curve: { curve: ErrorVsK; text: string } | null = null;
  let failure: string | null = null;
  const training = new Progress(resolved.epochs, json);
  const send = (m: EnsembleReply) => {
    if (m.type === 'progress') {
      if (m.stage === 'training') training.update(m.done, 'training with dropout');
    } else if (m.type === 'trained') {
      trained = m;
      training.finish();
      if (!json) process.stderr.write(`Sampling thinned networks, then averaging ${repeats} × ${kMax} of them…\n`);
    } else if (m.type === 'strip') strip = m.strip;
    else if (m.type === 'uncertainty') uncertainty = m;
    else if (m.type === 'curve') curve = { curve: m.curve, text: m.text };
    else failure = m.message;
  };
  // The session computes synchronously (as in the worker), so Ctrl-C ends the process at once.
  const session = new EnsembleSession(send, async () => loadMnist(), { k: kMax, repeats });
  await session.handle({ type: 'train', run: 1, config, mnistUrl: '', stripSeed });
  training.finish();
  if (failure || !trained || !strip || !curve) {
    process.stderr.write(`${failure ?? 'The ensemble experiment ended without a result.'}\n`);
    return 1;
  }
  const t: Trained = trained;
  const s: StripMessage = strip;
  const c: { curve: ErrorVsK; text: string } = curve;
  const u = uncertainty as Uncertainty | null;
  const r = c.curve;

  const csv = v.out ? new CsvWriter(v.out as string, ENSEMBLE_CSV_COLUMNS) : null;
  try {
    for (let i = 0; i < r.k.length; i++) csv?.row([r.k[i], r.mean[i], r.lo[i], r.hi[i], r.weightScaled]);
  } finally {
    csv?.close();
  }

  if (json) {
    const report: EnsembleJson = {
      command: 'ensemble',
      config: { ...resolved, stripSeed, k: kMax, repeats },
      network: {
        data: t.dataLabel,
        shape: t.shape,
        units: t.units,
        thinnedNetworks: t.unitsText,
        masksDrawn: t.masksDrawn,
        masksDistinct: t.masksDistinct,
        valAccuracy: t.valAccuracy,
        stopped: t.stoppedMessage
      },
      strip: {
        seed: s.seed,
        valErrors: s.valErrors,
        averageError: s.averageError,
        weightScaledError: s.weightScaledError
      },
      uncertainty: u ? { max: u.max, text: u.text } : null,
      result: r,
      text: c.text
    };
    printJson(report);
  } else {
    const out = (line = '') => process.stdout.write(line + '\n');
    out();
    out(
      `Ensemble lab on ${t.dataLabel}: ${t.shape}, dropout ${resolved.p} after each hidden layer, ${resolved.epochs} epochs, seed ${resolved.seed}`
    );
    out(`n = ${t.units} droppable units: 2^${t.units} = ${t.unitsText} thinned networks sharing one set of weights.`);
    out(
      `Training drew ${t.masksDrawn.toLocaleString('en-US')} masks, ${t.masksDistinct.toLocaleString('en-US')} of them different networks.`
    );
    if (t.valAccuracy !== null)
      out(`The weight-scaled network classifies ${percent(t.valAccuracy)} of the validation set correctly.`);
    out();
    out(`${s.valErrors.length} thinned networks (strip seed ${s.seed}): errors ${s.valErrors.map(percent).join(', ')}`);
    out(
      `Their average: error ${percent(s.averageError)}; weight-scaled network, all units on: error ${percent(s.weightScaledError)}`
    );
    if (u) {
      out();
      out(`Where the members disagree (MC dropout, largest spread ${u.max.toFixed(2)}): ${u.text}`);
    }
    const shown = r.k.filter((k) => k <= 3 || k === kMax || [5, 10, 20, 50, 100, 200, 500].includes(k));
    out();
    out(`Validation error of the average of k thinned networks (${r.examples} examples, ${r.repeats} draws)`);
    out(
      table(
        ['k', 'average (mean)', 'best–worst draw'],
        shown.map((k) => [String(k), percent(r.mean[k - 1]), `${percent(r.lo[k - 1])}–${percent(r.hi[k - 1])}`])
      )
    );
    out(`Weight-scaled network, one pass: ${percent(r.weightScaled)}`);
    out(c.text);
  }
  if (t.stoppedMessage) {
    process.stderr.write(t.stoppedMessage + '\n');
    return 1;
  }
  return 0;
}
