import { lessonKey } from './lesson-query';

/**
 * Links that "Copy a link" and "Embed" write: an example's settings on the lesson page (namespaced:
 * ./lesson-query.ts) or on its embed page, with the settings the examples share. Apart from lesson-query.ts,
 * which the lesson's first load reads, so this code loads with the share buttons only.
 */

/**
 * Settings every example reads from the same un-namespaced key, because they belong to the learner, not to
 * one example: the drawn points (`pts=`, lab/user-data/drawn.ts), drawn in any example and trained on by
 * all. A link or an embed carries them as they are, next to the example's own settings.
 */
export const SHARED_KEYS = ['pts'] as const;

/**
 * Longest value of a shared key a link carries: the most points a pad holds (300, 3 characters each, plus
 * the version letter) fit with room to spare; anything longer is not a set of drawn points and is left out.
 */
export const MAX_SHARED_CHARS = 1024;

/** Whether a query key is one of the shared settings ("pts"). */
export function isSharedKey(key: string): boolean {
  return (SHARED_KEYS as readonly string[]).includes(key);
}

/** The shared settings of a query string (with or without "?"): only SHARED_KEYS, each at most MAX_SHARED_CHARS. */
function sharedParams(shared: string): [string, string][] {
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(shared.startsWith('?') ? shared.slice(1) : shared);
  } catch {
    return [];
  }
  const kept = new Map<string, string>();
  for (const [key, value] of params) if (isSharedKey(key) && value.length <= MAX_SHARED_CHARS) kept.set(key, value);
  return [...kept];
}

/**
 * An example's own settings (its embed query) with the shared ones added, un-namespaced: what its embed page
 * reads (`data=drawn&pts=b…`). A shared key in `settings` itself is left as it is.
 */
export function withShared(settings: string, shared = ''): string {
  const params = new URLSearchParams(settings);
  for (const [key, value] of sharedParams(shared)) if (!params.has(key)) params.set(key, value);
  return params.toString();
}

/**
 * The link to one example on the lesson page: the page at `href` (its origin and path), with only this
 * example's `settings` (its embed query, e.g. "data=circle&width=8") under its namespace, at its `anchor`.
 * `shared` adds the settings that belong to no one example (the drawn points: SHARED_KEYS), un-namespaced,
 * when the example uses them. Nothing else of the current address comes along, so the link leaves every
 * other example at its defaults.
 */
export function lessonLink(href: string, example: string, settings: string, anchor: string, shared = ''): string {
  const url = new URL(href);
  const params = new URLSearchParams();
  for (const [key, value] of new URLSearchParams(settings)) params.set(lessonKey(example, key), value);
  for (const [key, value] of sharedParams(shared)) params.set(key, value);
  url.search = params.toString();
  url.hash = anchor;
  return url.href;
}
