import { isPresetName, presetConfig, snippet, validateTwinConfig, type TwinConfig, type Validated } from './config';
import { isNamespacedKey } from '../embed/lesson-query';
import { TWIN_URL_KEYS } from './url-keys';

/**
 * The twin run's configuration in a URL query string, so a run can be shared and back/forward
 * work. Short keys keep links readable; only values that differ from the preset are written.
 * Reading never throws: whatever a link holds (huge numbers, NaN, unicode, script fragments,
 * duplicated keys, 100 kB values) becomes a valid config plus notes about what was ignored.
 */

/** Query key of each configuration field. */
export { TWIN_URL_KEYS };

const FIELD_OF_KEY = new Map<string, keyof TwinConfig>(
  Object.entries(TWIN_URL_KEYS).map(([field, key]) => [key, field as keyof TwinConfig])
);

/** Longest query string read; the rest is ignored (a link is not a place for megabytes). */
export const MAX_QUERY_CHARS = 4096;
/** At most this many notes are kept; the last one says how many more there were. */
export const MAX_NOTES = 8;

/**
 * Keys that belong to other parts of the page (the embed flags among them, and "pts": drawn points,
 * lab/user-data/drawn.ts) and are left alone without a note; so are the other examples' namespaced keys
 * ("ensemble.width": lab/embed/lesson-query.ts).
 */
const FOREIGN_KEYS = /^(utm_|ref$|theme$|section$|hide$|lock$|pts$)/;

/**
 * Reads a configuration from a query string (with or without the leading "?"). Unknown keys,
 * duplicated keys and bad values are reported in `notes`; the config is always valid.
 */
export function parseTwinQuery(query: string): Validated {
  const notes: string[] = [];
  let text = typeof query === 'string' ? query : '';
  if (text.length > MAX_QUERY_CHARS) {
    notes.push(
      `The address was ${text.length.toLocaleString('en-US')} characters long; only the first ${MAX_QUERY_CHARS} were read.`
    );
    text = text.slice(0, MAX_QUERY_CHARS);
  }
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(text.startsWith('?') ? text.slice(1) : text);
  } catch {
    params = new URLSearchParams();
    notes.push('The link could not be read; used the default settings.');
  }
  const raw: Record<string, unknown> = {};
  const seen = new Set<string>();
  const ignoredKeys = new Set<string>();
  for (const [key, value] of params) {
    const field = FIELD_OF_KEY.get(key);
    if (!field) {
      if (!FOREIGN_KEYS.test(key) && !isNamespacedKey(key)) ignoredKeys.add(snippet(key));
      continue;
    }
    if (seen.has(key)) notes.push(`"${key}" appeared more than once; used the last value.`);
    seen.add(key);
    raw[field] = value;
  }
  if (ignoredKeys.size > 0) {
    const keys = [...ignoredKeys];
    const shown = keys.slice(0, 3).join(', ');
    notes.push(
      `Ignored unknown setting${keys.length > 1 ? 's' : ''} ${shown}${keys.length > 3 ? ` and ${keys.length - 3} more` : ''}.`
    );
  }
  const validated = validateTwinConfig(raw, (field) => TWIN_URL_KEYS[field]);
  const layers = layerCountNote(raw.pHidden, validated.config);
  // Value problems first: they say what the learner's settings became; link-level remarks after.
  return { config: validated.config, notes: capNotes([...validated.notes, ...layers, ...notes]) };
}

/**
 * A note when `p` gives a number of values other than one (every layer) or one per hidden layer: extra
 * values are dropped, and missing ones repeat the last, which a hand-written link may not have meant.
 */
function layerCountNote(raw: unknown, config: TwinConfig): string[] {
  if (typeof raw !== 'string') return [];
  const given = raw.split(',', 17).length;
  const depth = config.depth;
  const key = TWIN_URL_KEYS.pHidden;
  const layers = `${depth} hidden layer${depth === 1 ? '' : 's'}`;
  if (given > depth)
    return [
      `${key} gave ${given > 16 ? 'more than 16' : given} values for ${layers}; used the first ${depth === 1 ? '' : depth + ' '}(${config.pHidden.join(', ')}).`
    ];
  if (given > 1 && given < depth)
    return [`${key} gave ${given} values for ${layers}; the last (${config.pHidden[given - 1]}) is used for the rest.`];
  return [];
}

/** Keeps the first notes and replaces the rest by a count, so a hostile link cannot flood the page. */
function capNotes(notes: string[]): string[] {
  const unique = [...new Set(notes)];
  if (unique.length <= MAX_NOTES) return unique;
  return [...unique.slice(0, MAX_NOTES - 1), `…and ${unique.length - (MAX_NOTES - 1)} more adjustments.`];
}

/** A number as the shortest text that reads back to exactly the same value ("0.001", "1e-5"). */
function numberText(v: number): string {
  return String(v);
}

/**
 * Writes a configuration as a query string without the "?": the preset, then every field that
 * differs from it. `parseTwinQuery(toTwinQuery(c)).config` equals `c` for any valid config.
 */
export function toTwinQuery(config: TwinConfig): string {
  const base = presetConfig(isPresetName(config.preset) ? config.preset : 'overfit');
  const params = new URLSearchParams();
  params.set(TWIN_URL_KEYS.preset, base.preset);
  for (const field of Object.keys(TWIN_URL_KEYS) as (keyof TwinConfig)[]) {
    if (field === 'preset') continue;
    const value = config[field];
    const same = Array.isArray(value) ? value.join(',') === (base[field] as number[]).join(',') : value === base[field];
    if (same) continue;
    params.set(
      TWIN_URL_KEYS[field],
      Array.isArray(value)
        ? value.map(numberText).join(',')
        : typeof value === 'number'
          ? numberText(value)
          : String(value)
    );
  }
  return params.toString();
}
