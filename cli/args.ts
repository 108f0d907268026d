/**
 * A small, strict command-line option parser. Every command declares its options once (name, kind,
 * allowed range, default, help line); this file turns `process.argv` into typed values or a
 * UsageError whose one-line message says what was wrong AND what is allowed. The same declarations
 * print `--help`, so the help can never drift from what is accepted.
 */

/** A problem with what the user typed: printed as one line on stderr, exit status 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** The kinds of value an option can take. */
export type OptionKind = 'flag' | 'int' | 'number' | 'string' | 'choice' | 'int-list' | 'number-list';

/** Declares one option, e.g. `{ name: 'epochs', kind: 'int', min: 1, max: 10000, default: 30 }`. */
export interface OptionSpec {
  /** Long name without dashes: `epochs` is typed `--epochs 30` or `--epochs=30`. */
  name: string;
  /** What kind of value follows it (a flag takes none). */
  kind: OptionKind;
  /** One help line. */
  help: string;
  /** Placeholder shown in help, e.g. `N` or `FILE`. */
  value?: string;
  /** Smallest allowed number (each element, for lists). */
  min?: number;
  /** Largest allowed number (each element, for lists). */
  max?: number;
  /** Allowed words, for `choice`. */
  choices?: readonly string[];
  /** Most elements a list may have. */
  maxItems?: number;
  /** Value when the option is not given (omit: undefined). */
  default?: OptionValue;
}

/** A parsed value. */
export type OptionValue = boolean | number | string | number[];

/** Result of parsing: values by option name, and which options the user actually typed. */
export interface ParsedArgs {
  /** Every declared option's value (the default when not given; flags default to false). */
  values: Record<string, OptionValue | undefined>;
  /** Names of the options the user typed (to reject options that make no sense together). */
  given: Set<string>;
  /** True when `--help` or `-h` was given: print help and stop, whatever else was typed. */
  help: boolean;
}

/** "a whole number from 1 to 100", "a number from 0 to 0.95": the allowed range, in words. */
export function describeRange(spec: OptionSpec): string {
  const what = spec.kind === 'int' || spec.kind === 'int-list' ? 'a whole number' : 'a number';
  if (spec.min !== undefined && spec.max !== undefined) return `${what} from ${spec.min} to ${spec.max}`;
  if (spec.min !== undefined) return `${what} ≥ ${spec.min}`;
  if (spec.max !== undefined) return `${what} ≤ ${spec.max}`;
  return what;
}

/** A plain decimal number, as users type them: "3", "-0.5", ".5", "1e-3" (not "", "0x1F", "Infinity"). */
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** Parses one number and checks its range; `label` names it in the error ("--epochs"). */
function parseNumber(text: string, spec: OptionSpec, label: string): number {
  const v = NUMBER.test(text.trim()) ? Number(text) : NaN;
  const integer = spec.kind === 'int' || spec.kind === 'int-list';
  const ok =
    Number.isFinite(v) &&
    (!integer || Number.isInteger(v)) &&
    (spec.min === undefined || v >= spec.min) &&
    (spec.max === undefined || v <= spec.max);
  if (!ok) throw new UsageError(`${label} must be ${describeRange(spec)}, got "${text}"`);
  return v;
}

/** Converts the text after an option into its value, or throws a UsageError saying what is allowed. */
function convert(spec: OptionSpec, text: string): OptionValue {
  const label = `--${spec.name}`;
  switch (spec.kind) {
    case 'int':
    case 'number':
      return parseNumber(text, spec, label);
    case 'choice':
      if (!spec.choices!.includes(text))
        throw new UsageError(`${label} must be one of ${spec.choices!.join(', ')}, got "${text}"`);
      return text;
    case 'int-list':
    case 'number-list': {
      const parts = text.split(',');
      if (text.trim() === '' || parts.some((p) => p.trim() === '')) {
        throw new UsageError(
          `${label} must be a comma-separated list of ${describeRange(spec).replace(/^an? /, '')}s, e.g. ${example(spec)}; got "${text}"`
        );
      }
      if (spec.maxItems !== undefined && parts.length > spec.maxItems) {
        throw new UsageError(`${label} takes at most ${spec.maxItems} values, got ${parts.length}`);
      }
      return parts.map((p) => parseNumber(p.trim(), spec, `each value of ${label}`));
    }
    case 'string':
      if (text === '') throw new UsageError(`${label} needs a non-empty value`);
      return text;
    default:
      return true;
  }
}

/** An example list for error messages, from the option's default. */
function example(spec: OptionSpec): string {
  return Array.isArray(spec.default) ? spec.default.join(',') : spec.kind === 'int-list' ? '256,256' : '0.2,0.5';
}

/** Edit distance, to suggest `--epochs` when someone types `--epoch`. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length];
}

/** The closing part of an unknown-option error: a likely meant option, else the full list. */
function suggestion(name: string, specs: readonly OptionSpec[]): string {
  const close = specs.filter((s) => distance(name, s.name) <= 2 || s.name.startsWith(name));
  if (close.length === 1) return `did you mean --${close[0].name}?`;
  return `options are: ${specs.map((s) => `--${s.name}`).join(', ')}, --help`;
}

/**
 * Parses `argv` (the words after the command name) against `specs`. Accepts `--name value`,
 * `--name=value` and, for flags, `--name`. No positional arguments. Throws a UsageError for an
 * unknown option, a missing or malformed value, a number out of range, or an option given twice.
 */
export function parseArgs(argv: readonly string[], specs: readonly OptionSpec[], command: string): ParsedArgs {
  const byName = new Map(specs.map((s) => [s.name, s]));
  const values: Record<string, OptionValue | undefined> = {};
  for (const s of specs) values[s.name] = s.default ?? (s.kind === 'flag' ? false : undefined);
  const given = new Set<string>();
  // --help wins over everything else, even over mistakes elsewhere on the line.
  if (argv.some((a) => a === '--help' || a === '-h')) return { values, given, help: true };
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i];
    if (!word.startsWith('--') || word === '--') {
      throw new UsageError(`unexpected argument "${word}"; ${command} takes only --options (see ${command} --help)`);
    }
    const eq = word.indexOf('=');
    const name = word.slice(2, eq < 0 ? undefined : eq);
    const spec = byName.get(name);
    if (!spec) throw new UsageError(`unknown option --${name} for ${command}; ${suggestion(name, specs)}`);
    if (given.has(name)) throw new UsageError(`--${name} is given twice; give it once`);
    given.add(name);
    if (spec.kind === 'flag') {
      if (eq >= 0) throw new UsageError(`--${name} is a switch and takes no value (write just --${name})`);
      values[name] = true;
      continue;
    }
    let text: string;
    if (eq >= 0) text = word.slice(eq + 1);
    else {
      const next = argv[i + 1];
      // "--lr -0.1" is a value, "--lr --epochs" is a forgotten value.
      if (next === undefined || (next.startsWith('--') && !NUMBER.test(next))) {
        throw new UsageError(
          `--${name} needs a value: ${spec.kind === 'choice' ? `one of ${spec.choices!.join(', ')}` : describeValue(spec)}`
        );
      }
      text = next;
      i++;
    }
    values[name] = convert(spec, text);
  }
  return { values, given, help: false };
}

/** What a value looks like, in words, for "needs a value" errors and help. */
function describeValue(spec: OptionSpec): string {
  if (spec.kind === 'string') return spec.value === 'FILE' ? 'a file path' : 'a text value';
  if (spec.kind === 'int-list' || spec.kind === 'number-list') return `a comma-separated list, e.g. ${example(spec)}`;
  return describeRange(spec);
}

/** Formats the options block of `--help`: one aligned line per option, with its default. */
export function formatOptions(specs: readonly OptionSpec[]): string {
  const heads = specs.map(
    (s) =>
      `  --${s.name}${s.kind === 'flag' ? '' : ` ${s.value ?? (s.kind === 'choice' ? s.choices!.join('|') : 'N')}`}`
  );
  const width = Math.max(...heads.map((h) => h.length), 16) + 2;
  const lines = specs.map((s, i) => {
    const shown =
      s.default === undefined || s.kind === 'flag'
        ? ''
        : ` (default ${Array.isArray(s.default) ? s.default.join(',') : String(s.default)})`;
    return heads[i].padEnd(width) + s.help + shown;
  });
  lines.push('  --help'.padEnd(width) + 'Show this help and exit.');
  return lines.join('\n');
}
