import { snippet } from '../twin/config';
import { isSharedKey } from './share-link';

/**
 * URL flags of an embedded example, in the style of TF Playground: `hide=preset,data,seed` removes those
 * controls, `lock=p` shows them disabled, and an example's own settings (`data=moons`, `width=16`) set
 * where it starts, so an exercise handed out as a link reproduces exactly. Framework-free: the embed
 * page parses once, on load, and hands the result to the example through a Svelte context.
 *
 * Reading never throws. Whatever the address holds (unknown names, repeated keys, huge or script-like
 * values) becomes valid flags plus short notes in words, and the notes are capped so a hostile link
 * cannot flood the page.
 */

/** One setting an example reads from the query: a value out of a list, or a number in a range. */
export type EmbedSetting =
  | {
      kind: 'choice';
      /** The allowed values: a word matches by its text, a number by its value ("16.0" matches 16). */
      values: readonly (string | number)[];
    }
  | {
      kind: 'number';
      /** Smallest allowed value. */
      min: number;
      /** Largest allowed value. */
      max: number;
    };

/** What an example accepts in its embed URL. */
export interface EmbedSpec {
  /** Names of the controls `hide` and `lock` may name, e.g. ['preset', 'data', 'seed']. */
  controls: readonly string[];
  /**
   * Controls `hide` may name but `lock` may not, each with the reason in words: they only show something
   * (the twin's code panel), so disabling them would fix nothing an exercise depends on. `lock` naming one
   * gives a note.
   */
  hideOnly?: Readonly<Record<string, string>>;
  /** Settings by query key, read by the example at start (never for an example that owns its query). */
  settings?: Readonly<Record<string, EmbedSetting>>;
  /**
   * True when the example reads its settings from the query itself (the twin run: lab/twin/url.ts), and
   * reports unknown keys in its own notes: the flags then look at `hide` and `lock` only.
   */
  ownsQuery?: boolean;
}

/** Parsed flags. */
export interface EmbedFlags {
  /** Controls to leave out. */
  hidden: ReadonlySet<string>;
  /** Controls to show disabled (a hidden control is simply hidden). */
  locked: ReadonlySet<string>;
  /** Valid settings by query key: the matching allowed value (choice) or the number. */
  settings: Readonly<Record<string, string | number>>;
  /** What could not be used, in words; empty when everything was read. */
  notes: string[];
}

/** Longest query string read; the rest is ignored. */
export const MAX_FLAG_QUERY_CHARS = 4096;
/** Most names read from all `hide` (or all `lock`) values together; examples have far fewer controls. */
export const MAX_FLAG_NAMES = 40;
/** At most this many notes; the last says how many more there were. */
export const MAX_FLAG_NOTES = 6;
/** The keys of the flags themselves. */
export const FLAG_KEYS = ['hide', 'lock'] as const;

/** Keys that belong to other parts of the page (or to trackers) and are left alone without a note. */
const FOREIGN_KEYS = /^(utm_|ref$|theme$|section$)/;

/** No flags at all: what the lesson page's examples see. */
export const NO_FLAGS: EmbedFlags = Object.freeze({
  hidden: new Set<string>(),
  locked: new Set<string>(),
  settings: Object.freeze({}),
  notes: []
});

/**
 * Reads the flags of `spec` from a query string (with or without "?").
 *
 * With `namespace` (the lesson page, where several examples share one address) only the keys written
 * `<namespace>.<key>` are read, as the settings `<key>` (notes name them in full); every other key belongs to
 * another example and is left alone, and `hide`/`lock` do not apply (nothing is hidden on the lesson page).
 */
export function parseEmbedFlags(query: string, spec: EmbedSpec, namespace?: string): EmbedFlags {
  const notes: string[] = [];
  let text = typeof query === 'string' ? query : '';
  if (text.length > MAX_FLAG_QUERY_CHARS) {
    notes.push(
      `The address was ${text.length.toLocaleString('en-US')} characters long; only the first ${MAX_FLAG_QUERY_CHARS} were read.`
    );
    text = text.slice(0, MAX_FLAG_QUERY_CHARS);
  }
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(text.startsWith('?') ? text.slice(1) : text);
  } catch {
    params = new URLSearchParams();
    notes.push('The address could not be read; the example starts with its default settings.');
  }
  const controls = new Set(spec.controls);
  const settingsSpec = spec.settings ?? {};
  const lists: Record<(typeof FLAG_KEYS)[number], Set<string>> = { hide: new Set(), lock: new Set() };
  const settings: Record<string, string | number> = {};
  const unknownControls = new Set<string>();
  const unlockable = new Set<string>();
  const unknownKeys = new Set<string>();
  const seen = new Set<string>();
  const counts: Record<(typeof FLAG_KEYS)[number], number> = { hide: 0, lock: 0 };

  const prefix = namespace === undefined ? '' : `${namespace}.`;
  for (const [fullKey, value] of params) {
    if (!fullKey.startsWith(prefix)) continue;
    const key = fullKey.slice(prefix.length);
    if (!prefix && (key === 'hide' || key === 'lock')) {
      for (const raw of value.split(',')) {
        const name = raw.trim().toLowerCase();
        if (name === '') continue;
        if (++counts[key] > MAX_FLAG_NAMES) continue;
        if (key === 'lock' && spec.hideOnly && Object.hasOwn(spec.hideOnly, name)) unlockable.add(name);
        else if (controls.has(name)) lists[key].add(name);
        else unknownControls.add(snippet(raw.trim()));
      }
      continue;
    }
    // The drawn points (`pts`) belong to the learner, not to one example: every example reads them itself.
    if (spec.ownsQuery || (!prefix && (FOREIGN_KEYS.test(key) || isSharedKey(key)))) continue;
    const setting = Object.hasOwn(settingsSpec, key) ? settingsSpec[key] : undefined;
    if (!setting) {
      unknownKeys.add(snippet(fullKey));
      continue;
    }
    if (seen.has(key)) notes.push(`"${fullKey}" appeared more than once; used the last value.`);
    seen.add(key);
    const read = readSetting(value, setting);
    if (read === null) {
      delete settings[key];
      notes.push(`${fullKey} = ${snippet(value)} is not allowed (${allowed(setting)}); used the default.`);
    } else settings[key] = read;
  }

  for (const key of FLAG_KEYS) {
    if (counts[key] > MAX_FLAG_NAMES)
      notes.push(`"${key}" named more than ${MAX_FLAG_NAMES} controls; read the first ${MAX_FLAG_NAMES}.`);
  }
  if (unknownControls.size > 0) {
    notes.push(
      `${listOf('Ignored unknown control', [...unknownControls])}. This example's controls: ${spec.controls.join(', ') || 'none'}.`
    );
  }
  for (const name of unlockable)
    notes.push(`lock=${name} is not used: ${spec.hideOnly?.[name] ?? ''}; hide=${name} leaves it out.`);
  if (unknownKeys.size > 0) notes.push(`${listOf('Ignored unknown setting', [...unknownKeys])}.`);
  return { hidden: lists.hide, locked: lists.lock, settings, notes: capNotes(notes) };
}

/**
 * A number as a person writes it into a link: plain decimals, with or without a sign, leading zero or
 * trailing zeros ("0.30", ".5", "8.0"). "0x10", "1e400", "Infinity" and "" are not, and give a note.
 */
const DECIMAL = /^[-+]?(\d{1,6}(\.\d{0,8})?|\.\d{1,8})$/;

/** A setting's value, or null when it is not allowed. */
function readSetting(value: string, setting: EmbedSetting): string | number | null {
  const text = value.trim();
  const n = DECIMAL.test(text) ? Number(text) : NaN;
  // A numeric choice matches by value ("0.30" is 0.3, "8.0" is 8), a word by its text.
  if (setting.kind === 'choice')
    return setting.values.find((v) => (typeof v === 'number' ? v === n : v === text)) ?? null;
  // -0 is 0: a value an address gives is shown as typed numbers are ("-0" would print as 0 anyway).
  return n >= setting.min && n <= setting.max ? n + 0 : null;
}

/** What a setting allows, in words. */
function allowed(setting: EmbedSetting): string {
  return setting.kind === 'choice'
    ? `one of ${setting.values.join(', ')}`
    : `a number from ${setting.min} to ${setting.max}`;
}

/** "Ignored unknown control "a", "b" and 3 more". */
function listOf(what: string, names: string[]): string {
  const shown = names.slice(0, 3).join(', ');
  const more = names.length > 3 ? ` and ${names.length - 3} more` : '';
  return `${what}${names.length > 1 ? 's' : ''} ${shown}${more}`;
}

/** Keeps the first notes and replaces the rest by a count. */
function capNotes(notes: string[]): string[] {
  const unique = [...new Set(notes)];
  if (unique.length <= MAX_FLAG_NOTES) return unique;
  return [...unique.slice(0, MAX_FLAG_NOTES - 1), `…and ${unique.length - (MAX_FLAG_NOTES - 1)} more.`];
}

/**
 * The query of an embed URL: the example's own settings (already a query string, e.g. the twin's
 * `toTwinQuery`), then `hide` and `lock` as given. Names are written in the order of `spec.controls`, so
 * the same flags always give the same address.
 */
export function embedQuery(settings: string, flags: Pick<EmbedFlags, 'hidden' | 'locked'>, spec: EmbedSpec): string {
  const params = new URLSearchParams(settings);
  for (const key of FLAG_KEYS) params.delete(key);
  const hide = spec.controls.filter((c) => flags.hidden.has(c));
  const lock = spec.controls.filter((c) => flags.locked.has(c) && !flags.hidden.has(c));
  if (hide.length) params.set('hide', hide.join(','));
  if (lock.length) params.set('lock', lock.join(','));
  // Commas are safe in a query and much easier to read in a link than %2C.
  return params.toString().replace(/%2C/g, ',');
}
