import type { Module } from './module';

/** Identifies our weight files, so a random JSON file is not mistaken for one. */
export const WEIGHTS_FORMAT = 'dropout-lab/weights';
/** Version of the layout below; bump it when the layout changes. */
export const WEIGHTS_VERSION = 1;

/** One parameter as saved: its name, its shape and its values, row-major. */
export interface SavedParameter {
  /** The parameter's name, e.g. "0.weight". */
  name: string;
  /** Its shape, e.g. [8, 2]. */
  shape: number[];
  /** Its values as plain numbers; each is a float32 value, written exactly. */
  values: number[];
}

/** The saved weights of a model: plain JSON, safe to `JSON.stringify`. */
export interface WeightsJSON {
  /** Always `WEIGHTS_FORMAT`. */
  format: typeof WEIGHTS_FORMAT;
  /** Always `WEIGHTS_VERSION` for files written by this code. */
  version: typeof WEIGHTS_VERSION;
  /** The model's `toString()`, for humans (loading does not compare it). */
  architecture: string;
  /** Every parameter, in `model.parameters()` order. */
  parameters: SavedParameter[];
}

/** Thrown when saved weights are malformed or do not fit the model. The model is left unchanged. */
export class WeightsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WeightsError';
  }
}

/**
 * Snapshot of a model's parameters. Values are copied, so later training does not change it.
 *
 * Why round-trips are exact: a float32 widened to a JS number is exact, `JSON.stringify` writes the
 * shortest decimal that reads back as that same number, and storing it into a Float32Array gives
 * the original bits back. (One caveat of JSON itself: it has no −0, so −0 comes back as +0, which
 * computes identically.) Throws if a value is NaN or ±Infinity: such a file could not be loaded.
 */
export function toJSON(model: Module): WeightsJSON {
  return {
    format: WEIGHTS_FORMAT,
    version: WEIGHTS_VERSION,
    architecture: model.toString(),
    parameters: model.parameters().map((p) => {
      const values = Array.from(p.data);
      const bad = values.findIndex((v) => !Number.isFinite(v));
      if (bad >= 0) throw new WeightsError(`cannot save parameter "${p.name}": value ${bad} is ${values[bad]}`);
      return { name: p.name, shape: [...p.shape], values };
    })
  };
}

/**
 * Loads weights saved by `toJSON` (the object, or its JSON text) into `model`.
 *
 * Everything is checked BEFORE anything is written (format, version, parameter count, each name,
 * shape and value count, every value a finite float32), so a bad file throws a `WeightsError`
 * saying what is wrong and leaves the model exactly as it was: no half-loaded networks.
 */
export function loadJSON(model: Module, json: unknown): void {
  let input = json;
  if (typeof input === 'string') {
    try {
      input = JSON.parse(input);
    } catch (e) {
      throw new WeightsError(`weights are not valid JSON: ${(e as Error).message}`);
    }
  }
  const saved = validate(model, input);
  // Only now, with everything known to fit, overwrite the model's parameters.
  model.parameters().forEach((p, i) => p.data.set(saved[i].values));
}

/** Checks `input` against the model; returns its parameters or throws a WeightsError. */
function validate(model: Module, input: unknown): SavedParameter[] {
  if (!isRecord(input)) throw new WeightsError(`weights must be an object, got ${describe(input)}`);
  if (input.format !== WEIGHTS_FORMAT) {
    throw new WeightsError(
      `not a Dropout Lab weights file: format is ${describe(input.format)}, expected "${WEIGHTS_FORMAT}"`
    );
  }
  if (input.version !== WEIGHTS_VERSION) {
    throw new WeightsError(
      `unsupported weights version ${describe(input.version)}; this code reads version ${WEIGHTS_VERSION}`
    );
  }
  if (typeof input.architecture !== 'string') {
    throw new WeightsError(`"architecture" must be a string, got ${describe(input.architecture)}`);
  }
  const saved = input.parameters;
  if (!Array.isArray(saved)) throw new WeightsError(`"parameters" must be an array, got ${describe(saved)}`);
  const params = model.parameters();
  if (saved.length !== params.length) {
    throw new WeightsError(
      `the file has ${saved.length} parameters but the model ${model.toString()} has ${params.length} ` +
        `(file architecture: ${input.architecture})`
    );
  }
  params.forEach((p, i) => {
    const s: unknown = saved[i];
    const where = `parameter ${i} ("${p.name}")`;
    if (!isRecord(s)) throw new WeightsError(`${where} must be an object, got ${describe(s)}`);
    if (s.name !== p.name) throw new WeightsError(`${where}: the file names it ${describe(s.name)}`);
    const shape = s.shape;
    if (!Array.isArray(shape) || shape.length !== p.shape.length || shape.some((d, k) => d !== p.shape[k])) {
      throw new WeightsError(`${where}: expected shape [${p.shape.join(', ')}], the file has ${describe(shape)}`);
    }
    const values = s.values;
    if (!Array.isArray(values)) throw new WeightsError(`${where}: "values" must be an array, got ${describe(values)}`);
    if (values.length !== p.data.length) {
      throw new WeightsError(`${where}: expected ${p.data.length} values, the file has ${values.length}`);
    }
    for (let k = 0; k < values.length; k++) {
      const v: unknown = values[k];
      // Math.fround: a finite double such as 1e300 still overflows to Infinity as a float32.
      if (typeof v !== 'number' || !Number.isFinite(Math.fround(v))) {
        throw new WeightsError(`${where}: value ${k} is ${describe(v)}, not a finite float32 number`);
      }
    }
  });
  return saved as SavedParameter[];
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** A short, readable rendering of any value for an error message. */
function describe(x: unknown): string {
  if (x === undefined) return 'missing';
  if (typeof x === 'number') return String(x);
  if (typeof x === 'string') return JSON.stringify(x.length > 40 ? x.slice(0, 40) + '…' : x);
  if (Array.isArray(x)) return x.length <= 6 ? `[${x.map(describe).join(', ')}]` : `an array of ${x.length}`;
  if (x === null) return 'null';
  return typeof x;
}
