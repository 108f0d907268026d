import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  WORDS_PER_MINUTE,
  countLiveExamples,
  countWords,
  lessonImports,
  proseOf,
  readingMinutes,
  summarise
} from '../../src/lib/ui/layout/reading-time';

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');

describe('proseOf', () => {
  it('keeps the text a reader sees and drops script, style, comments, tags and expressions', () => {
    const source = `<!-- a note --><script lang="ts">const hidden = 'never counted';</script>
<Section id="why"><p>One <strong>two</strong> {value} three <Term term="x">four</Term></p>
<LazyExample load={() => import('./X.svelte')} label="Live example: x" /></Section>
<style>.p { color: red; }</style>`;
    expect(countWords(proseOf(source))).toBe(4);
    expect(proseOf(source)).not.toMatch(/hidden|import|color|Live example|note/);
  });
});

describe('countWords and readingMinutes', () => {
  it('counts runs holding a letter or digit, not punctuation alone', () => {
    expect(countWords('Dropout — 0.5 is “common”, isn’t it?  …')).toBe(6);
    expect(countWords('')).toBe(0);
  });

  it('rounds words / 230 to whole minutes, never below 1, and grows with the text', () => {
    expect(readingMinutes(WORDS_PER_MINUTE * 12)).toBe(12);
    expect(readingMinutes(0)).toBe(1);
    fc.assert(fc.property(fc.nat(100_000), fc.nat(5000), (a, b) => readingMinutes(a + b) >= readingMinutes(a)));
  });
});

describe('the lesson page', () => {
  const page = read('src/routes/+page.svelte');
  const files = lessonImports(page);
  const sources = files.map((f) => read(`src/lib/ui/lesson/${f}`));

  it('finds the lesson sections the page imports', () => {
    expect(files).toContain('Refresher.svelte');
    expect(files).toContain('QuizSection.svelte');
    expect(files.length).toBeGreaterThanOrEqual(9);
  });

  it('counts one experiment per LazyExample tag, and the words of every section', () => {
    const summary = summarise(sources);
    expect(summary.experiments).toBe(sources.reduce((n, s) => n + (s.split('<LazyExample').length - 1), 0));
    expect(summary.experiments).toBe(sources.reduce((n, s) => n + countLiveExamples(s), 0));
    expect(summary.words).toBe(sources.reduce((n, s) => n + countWords(proseOf(s)), 0));
    expect(summary.minutes).toBe(readingMinutes(summary.words));
    // Adding a paragraph adds its words.
    const longer = summarise([...sources, '<p>' + 'word '.repeat(460) + '</p>']);
    expect(longer.words).toBe(summary.words + 460);
    expect(longer.minutes).toBe(readingMinutes(summary.words + 460));
  });
});
