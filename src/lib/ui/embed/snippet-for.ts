import { resolve } from '$app/paths';
import { embedQuery } from '../../lab/embed/flags';
import { embedSnippet } from '../../lab/embed/snippet';
import type { EmbedControls } from './context';
import { EMBEDS, type EmbedName } from './registry';

/**
 * The `<iframe>` snippet of an example's embed page for its current settings: `settings` is the
 * example's own query (e.g. the twin's `toTwinQuery(config)`), and the hide/lock flags of the page the
 * button sits on come along, so a copied embed of an embed reproduces it. `href` is the current address,
 * which gives the origin (and the site's base path comes from SvelteKit).
 */
export function embedSnippetFor(name: EmbedName, settings: string, embed: EmbedControls, href: string): string {
  const entry = EMBEDS[name];
  const query = embedQuery(settings, embed.flags, entry.flags);
  const src = new URL(resolve('/embed/[example]', { example: name }) + (query ? `?${query}` : ''), href);
  return embedSnippet({ src: src.href, title: `Dropout Lab: ${entry.title}`, height: entry.height });
}
