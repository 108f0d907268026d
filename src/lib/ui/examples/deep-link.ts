/**
 * Which live example a link is about, so the page can open at it. A link names an example directly by its
 * anchor (`#twin-run`: what "Copy a link" writes), or carries an example's settings in its query. Older
 * copies carry the settings with whatever section hash the reader was at (`/?lr=0.003#why`): the settings say
 * more than the hash, so when the hash is empty or names the section the example sits in, the example wins;
 * a hash naming anything else (another section, the quiz) is left to the browser.
 */

import { isNamespacedKey } from '../../lab/embed/lesson-query';

/** What a live example says about itself. */
export interface LinkableExample {
  /** The example region's id (its anchor). */
  id: string;
  /** Query keys of its shareable settings (empty when it has none). */
  stateKeys: readonly string[];
  /** The id of the lesson section it sits in, or null. */
  section: string | null;
}

/** Whether `url` is a link to `example`: its own anchor, or its settings with no hash or its section's. */
export function linksTo(url: URL, example: LinkableExample): boolean {
  const hash = decodeURIComponent(url.hash.slice(1));
  if (hash === example.id) return true;
  if (hash !== '' && hash !== example.section) return false;
  return example.stateKeys.some((key) => url.searchParams.has(key));
}

/**
 * The address to share for an example that keeps its settings in the address bar (the twin run): the page as it
 * is now at the example's anchor, without the other examples' namespaced settings (`ensemble.width`:
 * lab/embed/lesson-query.ts), so the link changes nothing but this example.
 */
export function linkToExample(href: string, id: string): string {
  const url = new URL(href);
  // Only when there are some: rewriting the query would spell the twin's "0.5,0.3" as "0.5%2C0.3".
  for (const key of [...url.searchParams.keys()].filter(isNamespacedKey)) url.searchParams.delete(key);
  url.hash = id;
  return url.href;
}

/** An anchor made from an example's accessible name: "Live example: the twin run" → "the-twin-run". */
export function anchorOf(label: string): string {
  return (
    label
      .replace(/^live example:\s*/i, '')
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'example'
  );
}
