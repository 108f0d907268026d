import type { Split } from '../src/lib/engine';
import {
  MNIST_MAX_TOTAL,
  TWIN_LIMITS,
  TWIN_PRESET_LABELS,
  presetConfig,
  validateTwinConfig,
  type TwinConfig,
  type TwinPresetName
} from '../src/lib/lab/twin/config';
import { buildTwinSplit, type TwinSources } from '../src/lib/lab/twin/split';
import { UsageError, type OptionSpec, type ParsedArgs } from './args';
import { loadCsv, loadMnist, resolveData, type DataSource } from './data';

/**
 * The options shared by twin, sweep and ensemble (data, network, training), and the one place
 * that turns them into the twin run's TwinConfig — the page's configuration object — so the CLI
 * trains exactly what the page trains. Ranges come from the twin lab's TWIN_LIMITS.
 */

const L = TWIN_LIMITS;

/** Data options: which examples, how many, how to split a CSV. */
export const DATA_OPTIONS: OptionSpec[] = [
  {
    name: 'preset',
    kind: 'choice',
    choices: TWIN_PRESET_LABELS.map((p) => p.name),
    help: "Start from one of the lesson's presets (default: overfit, or digits with --data mnist)."
  },
  {
    name: 'data',
    kind: 'string',
    value: 'NAME|FILE',
    help: '2-D set (gauss, circle, xor, moons, spiral), mnist, or a CSV file path (default: from the preset).'
  },
  {
    name: 'train',
    kind: 'int',
    min: L.trainSize.min,
    max: L.trainSize.max,
    help: 'Training examples (2-D and mnist).'
  },
  { name: 'val', kind: 'int', min: L.valSize.min, max: L.valSize.max, help: 'Validation examples (2-D and mnist).' },
  {
    name: 'noise',
    kind: 'number',
    min: L.noise.min,
    max: L.noise.max,
    value: 'X',
    help: '2-D: std of the noise added to each coordinate.'
  },
  {
    name: 'label-noise',
    kind: 'number',
    min: L.labelNoise.min,
    max: L.labelNoise.max,
    value: 'X',
    help: '2-D: fraction of training labels flipped.'
  },
  { name: 'label', kind: 'string', value: 'NAME', help: 'CSV: name of the label column (default: the last column).' },
  {
    name: 'val-fraction',
    kind: 'number',
    min: 0.05,
    max: 0.9,
    value: 'X',
    default: 0.25,
    help: 'CSV: fraction of each class held out for validation.'
  }
];

/** Network and training options. */
export const TRAINING_OPTIONS: OptionSpec[] = [
  {
    name: 'layers',
    kind: 'int-list',
    min: L.width.min,
    max: L.width.max,
    maxItems: L.depth.max,
    value: 'W,W',
    help: 'Hidden layer widths, all equal, e.g. 256,256 (default: from the preset).'
  },
  {
    name: 'activation',
    kind: 'choice',
    choices: ['relu', 'tanh', 'sigmoid'],
    help: 'Non-linearity after each hidden layer.'
  },
  { name: 'epochs', kind: 'int', min: L.epochs.min, max: L.epochs.max, help: 'Epochs to train.' },
  { name: 'lr', kind: 'number', min: L.lr.min, max: L.lr.max, value: 'X', help: 'Learning rate.' },
  { name: 'optimizer', kind: 'choice', choices: ['adam', 'sgd'], help: 'Optimiser (sgd uses momentum 0.9).' },
  { name: 'batch', kind: 'int', min: L.batchSize.min, max: L.batchSize.max, help: 'Examples per optimiser step.' },
  { name: 'seed', kind: 'int', min: L.seed.min, max: L.seed.max, help: 'Seed of data, weights, order and masks.' }
];

/** Output options. */
export const OUTPUT_OPTIONS: OptionSpec[] = [
  {
    name: 'out',
    kind: 'string',
    value: 'FILE',
    help: 'Also write the results as CSV to FILE (rows are written as they finish).'
  },
  { name: 'json', kind: 'flag', help: 'Print the results as JSON on stdout instead of a table (no progress output).' }
];

/** A configuration plus the data it trains on, ready to run. */
export interface Experiment {
  /** The twin run's configuration (validated). */
  config: TwinConfig;
  /** Where the data came from. */
  source: DataSource;
  /** MNIST/CSV data the twin lab needs to build splits. */
  sources: TwinSources;
  /** The split of `config` (built once; sweeps build their own per run). */
  split: Split;
  /** Description for output: "moons", "mnist" or the CSV path with its label and hold-out. */
  dataLabel: string;
}

/** Rejects an option that means nothing for this data source (e.g. --train with a CSV). */
function rejectFor(args: ParsedArgs, names: string[], why: string): void {
  for (const n of names) if (args.given.has(n)) throw new UsageError(`--${n} ${why}`);
}

/**
 * Builds the TwinConfig from the options: preset, then every option the user typed on top.
 * `--p IN,H1,H2…` gives the input rate then one rate per hidden layer (or one for all of them).
 * Sizes the data cannot supply are errors here, not silent clamps.
 */
export function configFrom(args: ParsedArgs, source: DataSource): TwinConfig {
  const v = args.values;
  const presetName = (v.preset as TwinPresetName | undefined) ?? (source.kind === 'mnist' ? 'digits' : 'overfit');
  const raw: Record<string, unknown> = { ...presetConfig(presetName) };
  raw.data = source.kind === 'two-d' ? source.name : source.kind;
  const set = (field: string, option: string) => {
    if (v[option] !== undefined) raw[field] = v[option];
  };
  set('trainSize', 'train');
  set('valSize', 'val');
  set('noise', 'noise');
  set('labelNoise', 'label-noise');
  set('activation', 'activation');
  set('epochs', 'epochs');
  set('lr', 'lr');
  set('optimizer', 'optimizer');
  set('batchSize', 'batch');
  set('seed', 'seed');
  const layers = v.layers as number[] | undefined;
  if (layers) {
    if (layers.some((w) => w !== layers[0])) {
      throw new UsageError(
        `--layers: the twin run uses hidden layers of equal width, e.g. 256,256; got ${layers.join(',')}`
      );
    }
    raw.width = layers[0];
    raw.depth = layers.length;
  }
  const depth = raw.depth as number;
  const p = v.p as number[] | undefined;
  if (p) {
    if (p.length !== 2 && p.length !== depth + 1) {
      throw new UsageError(
        `--p takes the input rate then the hidden rates: 2 values (one for all hidden layers) or ${depth + 1} (one per layer), got ${p.length}`
      );
    }
    raw.pInput = p[0];
    raw.pHidden = p.length === 2 ? Array.from({ length: depth }, () => p[1]) : p.slice(1);
  } else {
    // A preset's per-layer rates follow a --layers that changed the depth.
    const ph = raw.pHidden as number[];
    raw.pHidden = Array.from({ length: depth }, (_, i) => ph[Math.min(i, ph.length - 1)]);
  }
  if (source.kind === 'mnist' && (raw.trainSize as number) + (raw.valSize as number) > MNIST_MAX_TOTAL) {
    throw new UsageError(
      `--train + --val must be at most ${MNIST_MAX_TOTAL} for mnist, got ${(raw.trainSize as number) + (raw.valSize as number)}`
    );
  }
  if (source.kind === 'two-d' && (raw.valSize as number) > 9 * (raw.trainSize as number)) {
    throw new UsageError(
      `--val can be at most 9 × --train for a 2-D set, got ${raw.valSize} with ${raw.trainSize} training points`
    );
  }
  const { config, notes } = validateTwinConfig(raw);
  // Every range was checked while parsing, so validation has nothing to change; if it did, say so.
  if (notes.length > 0) throw new UsageError(notes[0]);
  return config;
}

/** Resolves `--data`, loads what it needs (MNIST file, CSV file) and builds the config and split. */
export function prepareExperiment(args: ParsedArgs): Experiment {
  const v = args.values;
  const preset = v.preset as TwinPresetName | undefined;
  const source = resolveData((v.data as string | undefined) ?? presetConfig(preset ?? 'overfit').data);
  if (source.kind === 'csv')
    rejectFor(
      args,
      ['train', 'val', 'noise', 'label-noise'],
      'is not used with a CSV file (all its rows are used; choose the hold-out with --val-fraction)'
    );
  else rejectFor(args, ['label', 'val-fraction'], 'is only used with a CSV file');
  if (source.kind === 'mnist') rejectFor(args, ['noise', 'label-noise'], 'is only used with a 2-D set');
  const config = configFrom(args, source);
  const sources: TwinSources = {};
  let dataLabel = source.kind === 'two-d' ? source.name : 'mnist';
  if (source.kind === 'mnist') sources.mnist = loadMnist();
  if (source.kind === 'csv') {
    const label = v.label as string | undefined;
    sources.csv = loadCsv(source.path, { label, valFraction: v['val-fraction'] as number, seed: config.seed });
    dataLabel = source.path;
  }
  return { config, source, sources, split: buildTwinSplit(config, sources), dataLabel };
}

/** What the data is, for JSON output. */
export function describeSplit(split: Split, label: string): Record<string, unknown> {
  return {
    name: label,
    train: split.train.x.shape[0],
    val: split.val.x.shape[0],
    features: split.inputShape.reduce((a, b) => a * b, 1),
    classes: split.classes
  };
}
