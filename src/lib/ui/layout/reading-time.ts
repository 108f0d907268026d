/**
 * The header's honest summary of the lesson, computed at build time from its source (layout/vite-plugin.ts):
 * how many words of prose it has, how long they take to read, and how many live experiments it holds.
 * Pure functions of source text, so Node tests check them on the real files.
 */

/** Silent reading speed of adults for non-fiction (Brysbaert, 2019: about 238 words a minute). */
export const WORDS_PER_MINUTE = 230;

/** The prose of a Svelte component: its markup without script, style, comments, tags and {expressions}. */
export function proseOf(source: string): string {
  return (
    source
      .replace(/<script[\s\S]*?<\/script>/g, ' ')
      .replace(/<style[\s\S]*?<\/style>/g, ' ')
      .replace(/<!--[\s\S]*?-->/g, ' ')
      // Tags go before {expressions}: attribute values may hold braces (`load={() => import('…')}`).
      .replace(/<(?:[^<>{}]|\{[^{}]*\})*>/g, ' ')
      .replace(/\{[^{}]*\}/g, ' ')
      .replace(/&[a-z]+;|&#\d+;/g, ' ')
  );
}

/** Words in `text`: runs of non-space characters that hold a letter or a digit. */
export function countWords(text: string): number {
  return text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

/** Minutes to read `words` words, rounded, at least 1. */
export function readingMinutes(words: number, wpm = WORDS_PER_MINUTE): number {
  return Math.max(1, Math.round(words / wpm));
}

/** How many live examples a component's source mounts (`<LazyExample` tags). */
export function countLiveExamples(source: string): number {
  return source.match(/<LazyExample\b/g)?.length ?? 0;
}

/** The lesson components a page source imports from `$lib/ui/lesson/` (file names, e.g. "Refresher.svelte"). */
export function lessonImports(pageSource: string): string[] {
  return [...pageSource.matchAll(/from\s+'\$lib\/ui\/lesson\/([\w-]+\.svelte)'/g)].map((m) => m[1]);
}

/** What the header shows. */
export interface ReadingSummary {
  /** Words of prose, lesson sections and quiz. */
  words: number;
  /** Reading time in minutes. */
  minutes: number;
  /** Live experiments on the page. */
  experiments: number;
}

/** The summary of a lesson given its section sources and any further text (the quiz questions). */
export function summarise(sections: readonly string[], extra: readonly string[] = []): ReadingSummary {
  const words = sections.reduce((n, s) => n + countWords(proseOf(s)), 0) + extra.reduce((n, t) => n + countWords(t), 0);
  return {
    words,
    minutes: readingMinutes(words),
    experiments: sections.reduce((n, s) => n + countLiveExamples(s), 0)
  };
}
