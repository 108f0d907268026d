import { NO_FLAGS, parseEmbedFlags, type EmbedFlags } from '../../lab/embed/flags';
import type { LessonExample } from '../../lab/embed/lesson-query';
import { embedControls, embedControlsOf, type EmbedControls } from './context';
import { EMBEDS } from './registry';

/**
 * The flags an example with shareable settings starts from. On its embed page: the page's (bare keys,
 * hide and lock). On the lesson page: its own settings from the address, under its namespace
 * (`ensemble.width=8`: lab/embed/lesson-query.ts), read by the same parser and spec as its embed page, with
 * nothing hidden or locked. Call during component initialisation (it reads the Svelte context). Lives
 * apart from context.ts because it carries the parser and the registry, which the lesson's first load
 * (it reads context.ts) must not.
 */
export function exampleControls(name: LessonExample): EmbedControls {
  const embed = embedControls();
  return embed.embedded ? embed : embedControlsOf(null, lessonFlags(name));
}

/** The example's settings on the lesson page, with notes in words on what could not be used. */
export function lessonFlags(name: LessonExample): EmbedFlags {
  // The examples mount in the browser only; anywhere else there is no address to read.
  if (typeof location === 'undefined') return NO_FLAGS;
  return parseEmbedFlags(location.search, EMBEDS[name].flags, name);
}
