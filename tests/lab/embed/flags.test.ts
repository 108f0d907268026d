// The embed URL flags: hide/lock lists and per-example settings read from a query string, whatever it holds.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MAX_FLAG_NAMES,
  MAX_FLAG_NOTES,
  MAX_FLAG_QUERY_CHARS,
  embedQuery,
  parseEmbedFlags,
  type EmbedSpec
} from '../../../src/lib/lab/embed/flags';
import { embedSnippet, escapeAttribute } from '../../../src/lib/lab/embed/snippet';

const SPEC: EmbedSpec = {
  controls: ['data', 'width', 'resample'],
  settings: {
    data: { kind: 'choice', values: ['moons', 'circle', 'mnist'] },
    width: { kind: 'choice', values: [4, 8, 16] },
    h: { kind: 'number', min: -10, max: 10 }
  }
};

describe('parseEmbedFlags', () => {
  it('reads hide, lock and settings', () => {
    const f = parseEmbedFlags('?hide=data,resample&lock=width&data=circle&width=8&h=-2.5', SPEC);
    expect([...f.hidden]).toEqual(['data', 'resample']);
    expect([...f.locked]).toEqual(['width']);
    expect(f.settings).toEqual({ data: 'circle', width: 8, h: -2.5 });
    expect(f.notes).toEqual([]);
  });

  it('merges repeated lists, ignores case and blanks, and says nothing about trackers', () => {
    const f = parseEmbedFlags('hide=DATA,,%20width&hide=resample&utm_source=x&theme=dark', SPEC);
    expect([...f.hidden].sort()).toEqual(['data', 'resample', 'width']);
    expect(f.notes).toEqual([]);
  });

  it('names unknown controls and settings, and bad values, in notes', () => {
    const f = parseEmbedFlags('hide=seed,<script>&lock=width&bogus=1&width=7&data=moons&data=nope&h=1e400', SPEC);
    expect([...f.hidden]).toEqual([]);
    expect([...f.locked]).toEqual(['width']);
    // A bad repeated value drops the earlier good one: the last one wins, as the note says.
    expect(f.settings).toEqual({});
    const text = f.notes.join('\n');
    expect(text).toContain('Ignored unknown controls "seed", "<script>"');
    expect(text).toContain("This example's controls: data, width, resample.");
    expect(text).toContain('Ignored unknown setting "bogus"');
    expect(text).toContain('width = "7" is not allowed (one of 4, 8, 16)');
    expect(text).toContain('"data" appeared more than once');
    expect(text).toContain('h = "1e400" is not allowed (a number from -10 to 10)');
  });

  it('leaves the settings alone for an example that reads its own query', () => {
    const f = parseEmbedFlags('lr=0.003&bogus=1&hide=data', { controls: ['data'], ownsQuery: true });
    expect([...f.hidden]).toEqual(['data']);
    expect(f.settings).toEqual({});
    expect(f.notes).toEqual([]);
  });

  it('reads only the first part of a huge query and at most MAX_FLAG_NAMES names', () => {
    const huge = 'hide=' + Array.from({ length: 5000 }, (_, i) => `c${i}`).join(',');
    const f = parseEmbedFlags(huge, SPEC);
    expect(f.notes[0]).toMatch(new RegExp(`only the first ${MAX_FLAG_QUERY_CHARS} were read`));
    expect(f.notes.join(' ')).toContain(`more than ${MAX_FLAG_NAMES} controls`);
    const many = parseEmbedFlags(
      'hide=' +
        Array(MAX_FLAG_NAMES + 5)
          .fill('width')
          .join(',') +
        ',data',
      SPEC
    );
    expect([...many.hidden]).toEqual(['width']);
  });

  it('never throws, keeps notes few and short, and only ever hides known controls', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 300 }),
          fc
            .array(
              fc.tuple(
                fc.constantFrom('hide', 'lock', 'data', 'width', 'h', 'x', '__proto__', 'constructor'),
                fc.string({ maxLength: 40 })
              ),
              { maxLength: 20 }
            )
            .map((pairs) => pairs.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&'))
        ),
        (query) => {
          const f = parseEmbedFlags(query, SPEC);
          expect(f.notes.length).toBeLessThanOrEqual(MAX_FLAG_NOTES);
          for (const n of f.notes) expect(n.length).toBeLessThan(400);
          for (const c of [...f.hidden, ...f.locked]) expect(SPEC.controls).toContain(c);
          for (const [k, v] of Object.entries(f.settings)) {
            const s = SPEC.settings![k];
            if (s.kind === 'choice') expect(s.values).toContain(v);
            else expect(v).toBeGreaterThanOrEqual(s.min);
          }
          expect(Object.getPrototypeOf(f.settings)).toBe(Object.prototype);
        }
      )
    );
  });
});

describe('embedQuery and the snippet', () => {
  it('writes settings then flags in control order, and reads back to the same flags', () => {
    const flags = parseEmbedFlags('lock=width,data&hide=resample', SPEC);
    const q = embedQuery('data=circle&width=8', flags, SPEC);
    expect(q).toBe('data=circle&width=8&hide=resample&lock=data,width');
    const back = parseEmbedFlags(q, SPEC);
    expect([...back.hidden]).toEqual(['resample']);
    expect([...back.locked].sort()).toEqual(['data', 'width']);
    expect(back.settings).toEqual({ data: 'circle', width: 8 });
  });

  it('escapes attribute values so nothing leaves its attribute', () => {
    expect(escapeAttribute('a"b<c>&')).toBe('a&quot;b&lt;c&gt;&amp;');
    const s = embedSnippet({ src: 'https://x.test/embed/twin?a="><script>', title: 'T "q"', height: 1234.4 });
    expect(s).toBe(
      '<iframe src="https://x.test/embed/twin?a=&quot;&gt;&lt;script&gt;" title="T &quot;q&quot;" width="100%" height="1234" loading="lazy" style="border: 0"></iframe>'
    );
    expect(embedSnippet({ src: 'x', title: 't', height: NaN })).toContain('height="800"');
  });
});
