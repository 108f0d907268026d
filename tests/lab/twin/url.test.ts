// The twin run's URL: any query string at all becomes a valid configuration (never a throw), with
// notes saying what was ignored; a valid configuration survives the round trip exactly.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  MAX_NOTES,
  TWIN_LIMITS,
  TWIN_PRESETS,
  TWIN_URL_KEYS,
  isPresetName,
  isTwinData,
  parseTwinQuery,
  toTwinQuery,
  validateTwinConfig,
  type TwinConfig
} from '../../../src/lib/lab/twin';

/** Every invariant a configuration must satisfy before it reaches the trainer; returns the broken ones. */
function problems(c: TwinConfig): string[] {
  const out: string[] = [];
  if (!isPresetName(c.preset)) out.push(`preset ${c.preset}`);
  if (!isTwinData(c.data)) out.push(`data ${c.data}`);
  if (!['relu', 'tanh', 'sigmoid'].includes(c.activation)) out.push(`activation ${c.activation}`);
  if (!['adam', 'sgd'].includes(c.optimizer)) out.push(`optimizer ${c.optimizer}`);
  for (const [field, { min, max, integer }] of Object.entries(TWIN_LIMITS)) {
    const values = field === 'pHidden' ? c.pHidden : [c[field as keyof TwinConfig] as number];
    for (const v of values) {
      const ok =
        typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max && (!integer || Number.isInteger(v));
      if (!ok) out.push(`${field} = ${String(v)}`);
    }
  }
  if (c.pHidden.length !== c.depth) out.push(`pHidden has ${c.pHidden.length} entries for depth ${c.depth}`);
  if (c.data !== 'mnist' && c.data !== 'csv') {
    const f = c.valSize / (c.trainSize + c.valSize);
    if (!(f >= 0.05 - 1e-9 && f <= 0.9 + 1e-9)) out.push(`hold-out fraction ${f}`);
  }
  return out;
}

/** Asserts a configuration is valid (one expect, so 10,000 runs stay fast). */
function expectValid(c: TwinConfig): void {
  expect(problems(c)).toEqual([]);
}

const keys = Object.values(TWIN_URL_KEYS);
/** Values an attacker or a typo might put in a link. */
const nasty = fc.oneof(
  fc.constantFrom(
    'NaN',
    'Infinity',
    '-Infinity',
    '1e309',
    '-1e309',
    '1e-400',
    '0x10',
    '',
    ' ',
    '-0',
    '1,2,3',
    '0.5,NaN',
    '<script>alert(1)</script>',
    '%',
    '%E0%A4%A',
    '__proto__',
    'constructor',
    '\u0000',
    '🙂',
    'ﾟ',
    'null',
    'true',
    '[1]',
    '{"a":1}'
  ),
  fc.double().map(String),
  fc.integer().map(String),
  fc.bigInt().map(String),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.array(fc.double({ min: -2, max: 2 }).map(String), { maxLength: 8 }).map((a) => a.join(','))
);
const pair = fc.tuple(
  fc.oneof(
    fc.constantFrom(...keys, 'preset', 'x', '__proto__', 'constructor', 'p[]', ''),
    fc.string({ maxLength: 12 })
  ),
  nasty
);
/** A query string: key=value pairs, sometimes percent-encoded, sometimes raw, with duplicates. */
const query = fc.oneof(
  fc
    .array(pair, { maxLength: 20 })
    .map((ps) => ps.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&')),
  fc.array(pair, { maxLength: 20 }).map((ps) => '?' + ps.map(([k, v]) => `${k}=${v}`).join('&')),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.constantFrom('?', '&&&', '?=', '?lr', '?lr=', '=1&=2')
);

describe('parseTwinQuery', () => {
  it('never throws and always gives a valid config over 10,000 random and adversarial query strings', () => {
    fc.assert(
      fc.property(query, (q) => {
        const { config, notes } = parseTwinQuery(q);
        expectValid(config);
        expect(notes.length).toBeLessThanOrEqual(MAX_NOTES);
        // Each note is one short line, whatever the input.
        expect(notes.filter((n) => typeof n !== 'string' || n.length >= 300 || /[\n\r]/.test(n))).toEqual([]);
      }),
      { numRuns: 10_000 }
    );
  });

  it('reads 100 kB values and huge links without trouble, and says it cut them', () => {
    const huge = '9'.repeat(100_000);
    const r = parseTwinQuery(`lr=${huge}`);
    expectValid(r.config);
    expect(r.notes.join(' ')).toMatch(/only the first 4096/);
    const r2 = parseTwinQuery(`width=${huge.slice(0, 3000)}`);
    expect(r2.config.width).toBe(TWIN_LIMITS.width.max);
    expect(r2.notes.join(' ')).toMatch(/width/);
  });

  it('reports what it ignored or changed', () => {
    const r = parseTwinQuery('?lr=NaN&width=-5&depth=2.6&p=0.3,abc&bogus=1&seed=1&seed=2');
    expect(r.config.lr).toBe(TWIN_PRESETS.overfit.lr);
    expect(r.config.width).toBe(1);
    expect(r.config.depth).toBe(3);
    expect(r.config.pHidden).toEqual([0.3, 0.5, 0.5]);
    expect(r.config.seed).toBe(2);
    const text = r.notes.join('\n');
    expect(text).toMatch(/lr/);
    expect(text).toMatch(/width/);
    expect(text).toMatch(/bogus/);
    expect(text).toMatch(/more than once/);
    expect(parseTwinQuery('data=<script>alert(1)</script>').config.data).toBe('moons');
  });

  it("names the link's own keys in its notes, not the configuration's fields", () => {
    const r = parseTwinQuery('n=1e9&flip=-1&pin=2&p=NaN');
    const text = r.notes.join('\n');
    for (const key of ['n = "1e9"', 'flip = "-1"', 'pin = "2"', 'Ignored p = "NaN"']) expect(text).toContain(key);
    for (const field of ['trainSize', 'labelNoise', 'pInput', 'pHidden']) expect(text).not.toContain(field);
  });

  it('says when p gives more values than hidden layers, or fewer (but more than one)', () => {
    const more = parseTwinQuery('p=0.5,0.3,0.2,0.9,0.1');
    expect(more.config.pHidden).toEqual([0.5, 0.3]);
    expect(more.notes).toEqual(['p gave 5 values for 2 hidden layers; used the first 2 (0.5, 0.3).']);
    const fewer = parseTwinQuery('depth=3&p=0.5,0.3');
    expect(fewer.config.pHidden).toEqual([0.5, 0.3, 0.3]);
    expect(fewer.notes).toEqual(['p gave 2 values for 3 hidden layers; the last (0.3) is used for the rest.']);
    expect(parseTwinQuery('depth=1&p=0.2,0.4').notes).toEqual([
      'p gave 2 values for 1 hidden layer; used the first (0.2).'
    ]);
    // One value for every layer, or one per layer, is what the README describes: no note.
    expect(parseTwinQuery('depth=3&p=0.2').notes).toEqual([]);
    expect(parseTwinQuery('depth=3&p=0.2,0.3,0.4').notes).toEqual([]);
  });

  it('lists an unknown key once, however often it appears', () => {
    expect(parseTwinQuery('?&&=&==').notes).toEqual(['Ignored unknown setting "".']);
  });

  it('an empty query is the default preset with no notes', () => {
    expect(parseTwinQuery('')).toEqual({ config: TWIN_PRESETS.overfit, notes: [] });
  });

  it('a preset name selects that preset', () => {
    expect(parseTwinQuery('preset=digits').config).toEqual(TWIN_PRESETS.digits);
    expect(parseTwinQuery('preset=plenty').config).toEqual(TWIN_PRESETS.plenty);
    expect(parseTwinQuery('preset=paper').config).toEqual(TWIN_PRESETS.paper);
  });
});

/** Any valid configuration: random values pushed through validation. */
const config = fc
  .record({
    preset: fc.constantFrom('overfit', 'digits', 'plenty', 'paper'),
    data: fc.constantFrom('moons', 'spiral', 'circle', 'xor', 'gauss', 'mnist'),
    trainSize: fc.integer({ min: 10, max: 5000 }),
    valSize: fc.integer({ min: 10, max: 5000 }),
    noise: fc.double({ min: 0, max: 0.5, noNaN: true }),
    labelNoise: fc.double({ min: 0, max: 0.45, noNaN: true }),
    width: fc.integer({ min: 1, max: 512 }),
    depth: fc.integer({ min: 1, max: 4 }),
    activation: fc.constantFrom('relu', 'tanh', 'sigmoid'),
    pInput: fc.double({ min: 0, max: 0.9, noNaN: true }),
    pHidden: fc.array(fc.double({ min: 0, max: 0.9, noNaN: true }), { minLength: 1, maxLength: 4 }),
    optimizer: fc.constantFrom('adam', 'sgd'),
    lr: fc.double({ min: 1e-5, max: 10, noNaN: true }),
    momentum: fc.double({ min: 0, max: 0.99, noNaN: true }),
    batchSize: fc.integer({ min: 1, max: 1024 }),
    epochs: fc.integer({ min: 1, max: 2000 }),
    seed: fc.integer({ min: 0, max: 2 ** 31 - 1 })
  })
  .map((raw) => validateTwinConfig(raw).config);

describe('toTwinQuery', () => {
  it('round-trips every valid configuration exactly, with no notes', () => {
    fc.assert(
      fc.property(config, (c) => {
        const back = parseTwinQuery(toTwinQuery(c));
        expect(back.notes).toEqual([]);
        expect(back.config).toEqual(c);
      }),
      { numRuns: 2000 }
    );
  });

  it('writes only the differences from the preset', () => {
    expect(toTwinQuery(TWIN_PRESETS.overfit)).toBe('preset=overfit');
    expect(toTwinQuery({ ...TWIN_PRESETS.digits, lr: 0.002 })).toBe('preset=digits&lr=0.002');
  });
});
