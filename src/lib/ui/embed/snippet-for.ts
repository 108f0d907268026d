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
  return embedSnippet({
    src: embedHrefFor(name, settings, embed, href),
    title: `Dropout Lab: ${entry.title}`,
    height: entry.height
  });
}

/** The address of the example's embed page for these settings and flags (what the snippet frames). */
export function embedHrefFor(name: EmbedName, settings: string, embed: EmbedControls, href: string): string {
  const query = embedQuery(settings, embed.flags, EMBEDS[name].flags);
  return new URL(resolve('/embed/[example]', { example: name }) + (query ? `?${query}` : ''), href).href;
}
