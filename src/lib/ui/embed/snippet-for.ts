import { resolve } from '$app/paths';
import { embedQuery } from '../../lab/embed/flags';
import { withShared } from '../../lab/embed/share-link';
import { embedSnippet } from '../../lab/embed/snippet';
import type { EmbedControls } from './context';
import HEIGHTS from './embed-heights.json';
import { EMBEDS, type EmbedName } from './registry';

/**
 * The `<iframe>` snippet of an example's embed page for its current settings (the arguments of
 * `embedHrefFor`, the address it frames): `settings` is the
 * example's own query (e.g. the twin's `toTwinQuery(config)`), and the hide/lock flags of the page the
 * button sits on come along, so a copied embed of an embed reproduces it. `href` is the current address,
 * which gives the origin (and the site's base path comes from SvelteKit). `shared` holds the settings that
 * belong to no one example (the drawn points, `pts=`: lab/embed/share-link.ts SHARED_KEYS), carried as
 * they are when the example uses them.
 */
export function embedSnippetFor(...target: Parameters<typeof embedHrefFor>): string {
  const entry = EMBEDS[target[0]];
  return embedSnippet({
    src: embedHrefFor(...target),
    title: `Dropout Lab: ${entry.title}`,
    // Measured by `npm run measure:heights` (scripts/measure-embed-heights.ts).
    height: HEIGHTS.heights[target[0]]
  });
}

/** The address of the example's embed page for these settings and flags (what the snippet frames). */
export function embedHrefFor(
  name: EmbedName,
  settings: string,
  embed: EmbedControls,
  href: string,
  shared = ''
): string {
  const query = embedQuery(withShared(settings, shared), embed.flags, EMBEDS[name].flags);
  return new URL(resolve('/embed/[example]', { example: name }) + (query ? `?${query}` : ''), href).href;
}
