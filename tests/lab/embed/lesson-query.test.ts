// The lesson page's address: each example's settings under its own namespace, read by its embed page's
// parser, written by lessonLink, and never read by another example (the twin run included).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseEmbedFlags, MAX_FLAG_NOTES } from '../../../src/lib/lab/embed/flags';
import {
  LESSON_SETTINGS,
  isNamespacedKey,
  lessonKey,
  lessonStateKeys,
  type LessonExample
} from '../../../src/lib/lab/embed/lesson-query';
import { MAX_SHARED_CHARS, lessonLink, withShared } from '../../../src/lib/lab/embed/share-link';
import { MAX_DRAWN, drawnQuery, encodeDrawn, linkedDrawn, snap } from '../../../src/lib/lab/user-data/drawn';
import { parseTwinQuery } from '../../../src/lib/lab/twin/url';
import { presetConfig } from '../../../src/lib/lab/twin/config';
import { EMBEDS } from '../../../src/lib/ui/embed/registry';

const NAMES = Object.keys(LESSON_SETTINGS) as LessonExample[];
const spec = (name: LessonExample) => EMBEDS[name].flags;
const lesson = (query: string, name: LessonExample) => parseEmbedFlags(query, spec(name), name);

describe('the lesson page’s keys', () => {
  it('are the embed settings of every example that has some (the twin run owns its query and is not among them)', () => {
    const withSettings = Object.entries(EMBEDS).filter(([, e]) => Object.keys(e.flags.settings ?? {}).length > 0);
    const expected = Object.fromEntries(withSettings.map(([n, e]) => [n, Object.keys(e.flags.settings ?? {})]));
    expect(LESSON_SETTINGS).toEqual(expected);
    // Each one can hide or lock its link buttons on its embed page.
    for (const name of NAMES) expect(spec(name).controls).toContain('link');
  });

  it('are namespaced and never collide', () => {
    expect(lessonStateKeys('ensemble')).toEqual(['ensemble.data', 'ensemble.width']);
    const all = NAMES.flatMap(lessonStateKeys);
    expect(new Set(all).size).toBe(all.length);
    for (const key of all) expect(isNamespacedKey(key)).toBe(true);
    expect(isNamespacedKey('lr')).toBe(false);
    expect(isNamespacedKey('utm_source')).toBe(false);
    expect(isNamespacedKey('.data')).toBe(false);
  });
});

describe('reading an example’s settings on the lesson page', () => {
  it('takes only its own namespace', () => {
    const q = '?explorer.data=circle&ensemble.data=xor&ensemble.width=8&lr=0.003&data=moons';
    expect(lesson(q, 'explorer').settings).toEqual({ data: 'circle' });
    expect(lesson(q, 'ensemble').settings).toEqual({ data: 'xor', width: 8 });
    expect(lesson(q, 'rates').settings).toEqual({});
    for (const name of NAMES) expect(lesson(q, name).notes).toEqual([]);
  });

  it('uses the embed page’s lists and messages, naming the key in full', () => {
    const f = lesson('?ensemble.width=999&ensemble.data=%3Cscript%3E&ensemble.colour=red', 'ensemble');
    expect(f.settings).toEqual({});
    expect(f.notes).toEqual([
      'ensemble.width = "999" is not allowed (one of 4, 8, 16, 32, 64); used the default.',
      'ensemble.data = "<script>" is not allowed (one of gauss, circle, xor, moons, spiral, mnist, drawn, file); used the default.',
      'Ignored unknown setting "ensemble.colour".'
    ]);
    expect(lesson('?rates.extra=1&rates.size=300', 'rates').settings).toEqual({ extra: 1, size: 300 });
    expect(lesson('?rates.extra=yes', 'rates').notes[0]).toMatch(/rates\.extra = "yes" is not allowed/);
  });

  it('does not hide or lock anything on the lesson page', () => {
    const f = lesson('?explorer.hide=data&explorer.lock=rescale&hide=data', 'explorer');
    expect([...f.hidden, ...f.locked]).toEqual([]);
    expect(f.notes).toEqual(['Ignored unknown settings "explorer.hide", "explorer.lock".']);
  });

  it('never throws and keeps its notes short, whatever the address holds', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.constantFrom(...NAMES), (text, name) => {
        const f = lesson(text, name);
        expect(f.notes.length).toBeLessThanOrEqual(MAX_FLAG_NOTES);
        for (const key of Object.keys(f.settings)) expect(LESSON_SETTINGS[name]).toContain(key);
      })
    );
    expect(lesson(`?spatial.p=${'9'.repeat(10_000)}`, 'spatial').notes[0]).toMatch(/only the first 4096/);
  });
});

describe('the twin run on the lesson page', () => {
  it('leaves the other examples’ keys alone, without a note', () => {
    const v = parseTwinQuery('?lr=0.003&ensemble.width=8&explorer.data=circle');
    expect(v.config.lr).toBe(0.003);
    expect(v.notes).toEqual([]);
    expect(parseTwinQuery('?colour=red').notes).toEqual(['Ignored unknown setting "colour".']);
    expect(parseTwinQuery('?ensemble.width=8').config).toEqual(presetConfig('overfit'));
  });
});

describe('lessonLink', () => {
  it('writes only this example’s settings, namespaced, at its anchor', () => {
    expect(lessonLink('http://h/base/?lr=0.003&ensemble.width=8#why', 'explorer', 'data=circle', 'explorer')).toBe(
      'http://h/base/?explorer.data=circle#explorer'
    );
    expect(lessonLink('http://h/', 'rates', 'size=300&extra=1', 'rate-sweep')).toBe(
      'http://h/?rates.size=300&rates.extra=1#rate-sweep'
    );
  });

  it('reads back to the same settings, with no note, and to nothing for the others', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('gauss', 'circle', 'xor', 'moons', 'spiral', 'mnist'),
        fc.constantFrom(4, 8, 16, 32, 64),
        (data, width) => {
          const url = new URL(lessonLink('http://h/?lr=0.01', 'ensemble', `data=${data}&width=${width}`, 'x'));
          expect(lesson(url.search, 'ensemble')).toMatchObject({ settings: { data, width }, notes: [] });
          expect(lesson(url.search, 'explorer').settings).toEqual({});
          expect(parseTwinQuery(url.search)).toEqual({ config: presetConfig('overfit'), notes: [] });
          expect(url.searchParams.has(lessonKey('ensemble', 'data'))).toBe(true);
        }
      )
    );
  });
});

describe('the shared settings (drawn points)', () => {
  const pts = encodeDrawn(
    Array.from({ length: 12 }, (_, i) => ({ x: (i % 4) - 1.5, y: Math.floor(i / 4) - 1, c: i % 3 }))
  );

  it('travel un-namespaced with the example’s own settings, and only they', () => {
    const link = lessonLink(
      'http://h/?ensemble.width=8&lr=0.01&pts=bAAA#why',
      'explorer',
      'data=drawn',
      'explorer',
      `pts=${pts}&ensemble.data=circle&lr=0.003&hide=data`
    );
    const url = new URL(link);
    expect([...url.searchParams.keys()]).toEqual(['explorer.data', 'pts']);
    expect(url.searchParams.get('pts')).toBe(pts);
    expect(url.hash).toBe('#explorer');
    // Without shared settings nothing of the current address's points comes along.
    expect(new URL(lessonLink('http://h/?pts=bAAA', 'explorer', 'data=circle', 'x')).searchParams.has('pts')).toBe(
      false
    );
  });

  it('read back to the same points and settings, with no note from any example', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            x: fc.double({ min: -3, max: 3, noNaN: true }),
            y: fc.double({ min: -3, max: 3, noNaN: true }),
            c: fc.integer({ min: 0, max: 1 })
          }),
          { minLength: 0, maxLength: MAX_DRAWN }
        ),
        fc.constantFrom<LessonExample>('explorer', 'ensemble'),
        (points, name) => {
          const drawn = [...points, ...[0, 0, 1, 1].map((c) => ({ x: 0, y: 0, c }))].slice(-MAX_DRAWN);
          const url = new URL(lessonLink('http://h/', name, 'data=drawn', 'x', drawnQuery(drawn)));
          expect(lesson(url.search, name)).toMatchObject({ settings: { data: 'drawn' }, notes: [] });
          expect(linkedDrawn(url.search, 'two moons')).toEqual({ points: drawn.map(snap) });
          expect(parseTwinQuery(url.search).notes).toEqual([]);
          const embed = new URLSearchParams(withShared('data=drawn', drawnQuery(drawn)));
          expect(parseEmbedFlags(embed.toString(), spec(name))).toMatchObject({
            settings: { data: 'drawn' },
            notes: []
          });
          expect(linkedDrawn(`?${embed}`, 'two moons')).toEqual({ points: drawn.map(snap) });
        }
      ),
      { numRuns: 60 }
    );
  });

  it('are bounded: a value longer than a full pad is left out, and unknown keys never come along', () => {
    const long = `pts=b${'A'.repeat(MAX_SHARED_CHARS)}`;
    expect(new URL(lessonLink('http://h/', 'explorer', 'data=drawn', 'x', long)).searchParams.has('pts')).toBe(false);
    expect(withShared('data=drawn', long)).toBe('data=drawn');
    expect(withShared('data=drawn', 'theme=dark&x=1&explorer.data=xor')).toBe('data=drawn');
    // The longest set a pad can hold fits.
    const full = drawnQuery(Array.from({ length: MAX_DRAWN }, (_, i) => ({ x: 0, y: 0, c: i % 2 })));
    expect(withShared('data=drawn', full)).toBe(`data=drawn&${full}`);
  });

  it('name drawn points the link does not carry: a plain note, and the preset', () => {
    expect(linkedDrawn('?explorer.data=drawn', 'two moons')).toEqual({
      note: 'The link names drawn points but carries none, so the example starts from two moons.'
    });
    expect(linkedDrawn('?pts=zz', 'circle')).toEqual({
      note: 'The drawn points in the link could not be read, so the example starts from circle.'
    });
    expect(
      linkedDrawn(
        `?${drawnQuery([
          { x: 0, y: 0, c: 0 },
          { x: 1, y: 1, c: 1 }
        ])}`,
        'circle'
      )
    ).toEqual({
      note: 'The drawn points in the link cannot be trained on (draw at least 2 points of each class: class 0 has 1), so the example starts from circle.'
    });
  });
});

describe('the registry accepts the learner’s data', () => {
  it('data=drawn in the explorer and the ensemble, data=file in the ensemble, on both pages', () => {
    expect(parseEmbedFlags('data=drawn&pts=bAAA', spec('explorer'))).toMatchObject({
      settings: { data: 'drawn' },
      notes: []
    });
    expect(lesson('explorer.data=drawn', 'explorer')).toMatchObject({ settings: { data: 'drawn' }, notes: [] });
    expect(lesson('ensemble.data=drawn&pts=bAAA', 'ensemble')).toMatchObject({
      settings: { data: 'drawn' },
      notes: []
    });
    expect(lesson('ensemble.data=file', 'ensemble')).toMatchObject({ settings: { data: 'file' }, notes: [] });
    // The explorer takes no file (its maps are drawn over the plane).
    expect(lesson('explorer.data=file', 'explorer').notes).toHaveLength(1);
  });
});
