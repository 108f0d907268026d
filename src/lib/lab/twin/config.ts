import { isTwoDName, type TwoDName } from '../../data/two-d';
import type { ActivationName } from '../../engine';

/**
 * The twin run's configuration: everything that decides what the two networks are and how they
 * train. One plain object (no classes), so it travels through postMessage, the URL and the CLI's
 * flags unchanged. `validateTwinConfig` turns anything (a URL, a JSON file, CLI flags) into a
 * valid config plus human-readable notes saying what it had to change.
 */

/** Where the examples come from: a 2-D toy set, the MNIST subset, or a CSV file the caller parsed. */
export type TwinData = TwoDName | 'mnist' | 'csv';

/** The optimisers offered: Adam (lr ≈ 1e-3 works almost anywhere) or SGD with momentum. */
export type TwinOptimizer = 'adam' | 'sgd';

/** The named presets (see TWIN_PRESETS). */
export type TwinPresetName = 'overfit' | 'digits' | 'plenty' | 'paper';

/** A complete, valid twin-run configuration. */
export interface TwinConfig {
  /** The preset this configuration started from (URLs store only the differences from it). */
  preset: TwinPresetName;
  /** Data set: a 2-D shape name, 'mnist', or 'csv' (a Split the caller provides). */
  data: TwinData;
  /** Number of training examples (2-D and MNIST; a CSV keeps all its rows). */
  trainSize: number;
  /** Number of validation examples (2-D and MNIST). */
  valSize: number;
  /** 2-D only: std of the gaussian noise added to each coordinate. */
  noise: number;
  /** 2-D only: fraction of TRAINING labels flipped (validation labels stay true). */
  labelNoise: number;
  /** Units in each hidden layer. */
  width: number;
  /** Number of hidden layers. */
  depth: number;
  /** Non-linearity after each hidden layer. */
  activation: ActivationName;
  /** Dropout probability on the inputs, for the dropout twin (the plain twin always uses 0). */
  pInput: number;
  /** Dropout probability after each hidden layer (length = depth), for the dropout twin. */
  pHidden: number[];
  /** Optimiser, the same for both twins. */
  optimizer: TwinOptimizer;
  /** Learning rate. */
  lr: number;
  /** SGD momentum (ignored by Adam). */
  momentum: number;
  /** Examples per optimiser step. */
  batchSize: number;
  /** Epoch cap: both twins stop here. */
  epochs: number;
  /** The one seed behind data, initial weights, example order and masks. */
  seed: number;
}

/** Allowed range of every numeric field: [min, max], and whether it must be a whole number. */
export const TWIN_LIMITS = {
  trainSize: { min: 10, max: 8000, integer: true },
  valSize: { min: 10, max: 5000, integer: true },
  noise: { min: 0, max: 0.5, integer: false },
  labelNoise: { min: 0, max: 0.45, integer: false },
  width: { min: 1, max: 1024, integer: true },
  depth: { min: 1, max: 4, integer: true },
  pInput: { min: 0, max: 0.9, integer: false },
  pHidden: { min: 0, max: 0.9, integer: false },
  lr: { min: 1e-5, max: 10, integer: false },
  momentum: { min: 0, max: 0.99, integer: false },
  batchSize: { min: 1, max: 1024, integer: true },
  epochs: { min: 1, max: 2000, integer: true },
  seed: { min: 0, max: 2 ** 31 - 1, integer: true }
} as const;

/** The numeric fields (those with limits). */
export type TwinNumberField = Exclude<keyof typeof TWIN_LIMITS, 'pHidden'>;

/**
 * MNIST holds 10,000 digits (863–1,135 of each); train + val may use them all. Beyond about 8,600
 * the rarest digits give every image they have and the split is only nearly balanced (mnistSplit).
 */
export const MNIST_MAX_TOTAL = 10000;
/** A 2-D set is generated with makeTwoD, whose hold-out fraction must lie in [0.05, 0.9]. */
export const TWO_D_MAX_TOTAL = 10000;

/**
 * The presets, tuned with real runs of this engine (see tests/lab/twin/presets.test.ts and the
 * report in the lab's index.ts):
 * - overfit: few noisy moons, a wide net, many epochs: the plain twin memorises the flipped labels
 *   and its validation loss climbs; the dropout twin's stays low.
 * - digits: the real MNIST subset, the paper's recipe (0.2 on the inputs, 0.5 on hidden layers).
 * - plenty: the same kind of net with 25× more data: both generalise, dropout's edge shrinks.
 * - paper: the network of Srivastava et al. (2014) on MNIST, 784-1024-1024-10 ReLU with dropout 0.2
 *   on the inputs and 0.5 on the hidden layers, trained with SGD and momentum (the paper's optimiser;
 *   no max-norm here), on all 10,000 digits: 8,000 to train, 2,000 to validate. Batches of 100 as
 *   in the paper; 10 epochs, which the engine trains for both twins in about half a minute.
 */
export const TWIN_PRESETS: Record<TwinPresetName, TwinConfig> = {
  overfit: {
    preset: 'overfit',
    data: 'moons',
    trainSize: 40,
    valSize: 360,
    noise: 0.15,
    labelNoise: 0.1,
    width: 64,
    depth: 2,
    activation: 'relu',
    pInput: 0,
    pHidden: [0.5, 0.5],
    optimizer: 'adam',
    lr: 0.01,
    momentum: 0.9,
    batchSize: 40,
    epochs: 300,
    seed: 12
  },
  digits: {
    preset: 'digits',
    data: 'mnist',
    trainSize: 1000,
    valSize: 2000,
    noise: 0,
    labelNoise: 0,
    width: 256,
    depth: 2,
    activation: 'relu',
    pInput: 0.2,
    pHidden: [0.5, 0.5],
    optimizer: 'adam',
    lr: 1e-3,
    momentum: 0.9,
    batchSize: 64,
    epochs: 30,
    seed: 1
  },
  plenty: {
    preset: 'plenty',
    data: 'moons',
    trainSize: 1000,
    valSize: 1000,
    noise: 0.15,
    labelNoise: 0.1,
    width: 64,
    depth: 2,
    activation: 'relu',
    pInput: 0,
    pHidden: [0.5, 0.5],
    optimizer: 'adam',
    lr: 0.01,
    momentum: 0.9,
    batchSize: 50,
    epochs: 100,
    seed: 7
  },
  paper: {
    preset: 'paper',
    data: 'mnist',
    trainSize: 8000,
    valSize: 2000,
    noise: 0,
    labelNoise: 0,
    width: 1024,
    depth: 2,
    activation: 'relu',
    pInput: 0.2,
    pHidden: [0.5, 0.5],
    optimizer: 'sgd',
    lr: 0.01,
    momentum: 0.95,
    batchSize: 100,
    epochs: 10,
    seed: 1
  }
};

/** Menu labels of the presets, in menu order. */
export const TWIN_PRESET_LABELS: readonly { name: TwinPresetName; label: string }[] = [
  { name: 'overfit', label: 'Overfit on purpose' },
  { name: 'digits', label: 'Real digits' },
  { name: 'plenty', label: 'Plenty of data' },
  { name: 'paper', label: "The paper's network" }
];

/** The default configuration: "Overfit on purpose". */
export const TWIN_DEFAULTS: TwinConfig = TWIN_PRESETS.overfit;

/** A deep copy of a preset, so callers can edit it freely. */
export function presetConfig(name: TwinPresetName): TwinConfig {
  const p = TWIN_PRESETS[name];
  return { ...p, pHidden: [...p.pHidden] };
}

/** True when `name` is one of the preset names. */
export function isPresetName(name: unknown): name is TwinPresetName {
  return name === 'overfit' || name === 'digits' || name === 'plenty' || name === 'paper';
}

/** True when `name` names a data source of the twin run. */
export function isTwinData(name: unknown): name is TwinData {
  return typeof name === 'string' && (name === 'mnist' || name === 'csv' || isTwoDName(name));
}

/** A configuration that passed validation, and what validation had to change, in words. */
export interface Validated {
  /** Always a complete, valid configuration. */
  config: TwinConfig;
  /** One sentence per value that was clamped, rounded, replaced or ignored (empty when all was fine). */
  notes: string[];
}

/** C0/C1 control characters and the Unicode line separators: never printed in a note. */
function isControl(code: number): boolean {
  return code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0x2028 || code === 0x2029;
}

/** Cuts an untrusted value down to a short printable snippet for a note. */
export function snippet(value: unknown): string {
  let s: string;
  try {
    s = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  } catch {
    s = Object.prototype.toString.call(value);
  }
  // Control characters are dropped and long values cut, so a note is always one short line.
  s = Array.from(s)
    .filter((ch) => !isControl(ch.codePointAt(0) ?? 0))
    .slice(0, 24)
    .join('');
  return s.length < String(value).length ? `"${s}…"` : `"${s}"`;
}

/**
 * Reads one numeric field: numbers and numeric strings are accepted, then rounded (whole-number
 * fields) and clamped into range; anything else falls back to `fallback`. Each change adds a note.
 */
export function readNumber(
  field: TwinNumberField | 'pHidden',
  raw: unknown,
  fallback: number,
  notes: string[],
  name: string = field
): number {
  const { min, max, integer } = TWIN_LIMITS[field];
  const n = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : NaN;
  // NaN carries no intent; ±Infinity ("1e999", a 3,000-digit number) clearly means "as much as allowed".
  if (Number.isNaN(n)) {
    notes.push(`Ignored ${name} = ${snippet(raw)} (not a number); kept ${fallback}.`);
    return fallback;
  }
  let v = integer ? Math.round(n) : n;
  if (v < min || v > max) {
    v = Math.min(max, Math.max(min, v));
    notes.push(`${name} = ${snippet(raw)} is outside ${min}–${max}; used ${v}.`);
  } else if (v !== n) {
    notes.push(`${name} must be a whole number; rounded ${snippet(raw)} to ${v}.`);
  }
  return v;
}

/**
 * Turns anything into a valid TwinConfig. Fields missing from `input` come from its preset (or
 * the default preset); bad values are clamped, rounded or ignored, each with a note. Never throws.
 * `name` says what a note calls a field: the field itself by default, a link's key when the values
 * came from a link (lab/twin/url.ts), so the note names what the reader can see in the address.
 */
export function validateTwinConfig(
  input: unknown,
  name: (field: TwinNumberField | 'pHidden') => string = (field) => field
): Validated {
  const notes: string[] = [];
  const src: Record<string, unknown> =
    input !== null && typeof input === 'object' ? (input as Record<string, unknown>) : {};
  if (input !== undefined && (input === null || typeof input !== 'object'))
    notes.push(`Ignored a configuration that is not an object.`);
  let presetName: TwinPresetName = 'overfit';
  if (src.preset !== undefined) {
    if (isPresetName(src.preset)) presetName = src.preset;
    else notes.push(`Unknown preset ${snippet(src.preset)}; used "overfit".`);
  }
  const base = presetConfig(presetName);
  const has = (k: string) => Object.prototype.hasOwnProperty.call(src, k) && src[k] !== undefined;
  const num = (k: TwinNumberField) => (has(k) ? readNumber(k, src[k], base[k], notes, name(k)) : base[k]);
  const config: TwinConfig = { ...base };

  if (has('data')) {
    if (isTwinData(src.data)) config.data = src.data;
    else notes.push(`Unknown data set ${snippet(src.data)}; kept "${base.data}".`);
  }
  if (has('activation')) {
    const a = src.activation;
    if (a === 'relu' || a === 'tanh' || a === 'sigmoid') config.activation = a;
    else notes.push(`Unknown activation ${snippet(a)}; kept "${base.activation}".`);
  }
  if (has('optimizer')) {
    if (src.optimizer === 'adam' || src.optimizer === 'sgd') config.optimizer = src.optimizer;
    else notes.push(`Unknown optimiser ${snippet(src.optimizer)}; kept "${base.optimizer}".`);
  }
  for (const k of [
    'trainSize',
    'valSize',
    'noise',
    'labelNoise',
    'width',
    'depth',
    'pInput',
    'lr',
    'momentum',
    'batchSize',
    'epochs',
    'seed'
  ] as const) {
    config[k] = num(k);
  }

  // One drop probability per hidden layer: a list (or comma-separated text), padded or cut to depth.
  let ps: number[] = base.pHidden;
  if (has('pHidden')) {
    const raw = src.pHidden;
    const list: unknown[] = Array.isArray(raw)
      ? raw.slice(0, 16)
      : typeof raw === 'string'
        ? raw.split(',', 16)
        : [raw];
    ps = list.map((v, i) =>
      readNumber('pHidden', v, base.pHidden[Math.min(i, base.pHidden.length - 1)] ?? 0.5, notes, name('pHidden'))
    );
    if (ps.length === 0) ps = base.pHidden;
  }
  const last = ps[ps.length - 1];
  config.pHidden = Array.from({ length: config.depth }, (_, i) => ps[i] ?? last);

  fitSizes(config, notes);
  return { config, notes };
}

/** Keeps train + validation within what the data source can supply. */
function fitSizes(config: TwinConfig, notes: string[]): void {
  if (config.data === 'mnist' && config.trainSize + config.valSize > MNIST_MAX_TOTAL) {
    const val = Math.max(TWIN_LIMITS.valSize.min, MNIST_MAX_TOTAL - config.trainSize);
    notes.push(`MNIST has room for ${MNIST_MAX_TOTAL} digits in all; used ${val} for validation.`);
    config.valSize = val;
  }
  // makeTwoD holds out between 5% and 90% of the points; keep the sizes inside that.
  if (config.data !== 'mnist' && config.data !== 'csv') {
    const maxVal = 9 * config.trainSize;
    const minVal = Math.ceil(config.trainSize / 19);
    if (config.valSize > maxVal) {
      notes.push(`A 2-D set can hold out at most 9 points per training point; used ${maxVal} for validation.`);
      config.valSize = maxVal;
    } else if (config.valSize < minVal) {
      notes.push(`A 2-D set holds out at least 1 point in 20; used ${minVal} for validation.`);
      config.valSize = minVal;
    }
  }
}
