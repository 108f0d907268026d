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
import { embedSnippet, escapeAttribute, frameHeightCss } from '../../../src/lib/lab/embed/snippet';

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

  it('matches numbers by value, as a person writes them, and still refuses exponents and words', () => {
    const ok = parseEmbedFlags('width=8.0&h=.5', SPEC);
    expect(ok.settings).toEqual({ width: 8, h: 0.5 });
    expect(ok.notes).toEqual([]);
    expect(parseEmbedFlags('width=+16&h=-0', SPEC).settings).toEqual({ width: 16, h: 0 });
    expect(Object.is(parseEmbedFlags('h=-0.000', SPEC).settings.h, 0)).toBe(true);
    for (const bad of ['width=8.5', 'width=0x8', 'width=8e0', 'h=1e1', 'h=Infinity', 'h=', 'h=.', 'h=1.2.3'])
      expect(parseEmbedFlags(bad, SPEC).notes, bad).toHaveLength(1);
    // Words still match by their text.
    expect(parseEmbedFlags('data=circle', SPEC).settings).toEqual({ data: 'circle' });
    expect(parseEmbedFlags('data=Circle', SPEC).notes).toHaveLength(1);
  });

  it('says why a control that can only be hidden is not locked, and still hides it', () => {
    const spec: EmbedSpec = { controls: ['code', 'lr'], hideOnly: { code: 'it only shows the code' } };
    const locked = parseEmbedFlags('lock=code,lr', spec);
    expect([...locked.locked]).toEqual(['lr']);
    expect(locked.notes).toEqual(['lock=code is not used: it only shows the code; hide=code leaves it out.']);
    const hidden = parseEmbedFlags('hide=CODE', spec);
    expect([...hidden.hidden]).toEqual(['code']);
    expect(hidden.notes).toEqual([]);
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
    const s = embedSnippet({
      src: 'https://x.test/embed/twin?a="><script>',
      title: 'T "q"',
      height: { narrow: 1234.4, wide: 1234.4 }
    });
    expect(s).toBe(
      '<iframe src="https://x.test/embed/twin?a=&quot;&gt;&lt;script&gt;" title="T &quot;q&quot;" width="100%" height="1234" loading="lazy" style="border: 0; height: 1234px"></iframe>'
    );
    const bad = embedSnippet({ src: 'x', title: 't', height: { narrow: NaN, wide: NaN } });
    expect(bad).toContain('height="800"');
    expect(bad).toContain('height: 800px"');
  });

  it('sizes the frame by the screen width: the narrow height on a phone, the wide one on a wide screen', () => {
    const css = frameHeightCss({ narrow: 3000, wide: 1200 });
    const m = /^clamp\((\d+)px, calc\((\d+)px - ([\d.]+)vw\), (\d+)px\)$/.exec(css);
    expect(m, css).not.toBeNull();
    const [lo, at0, perVw, hi] = m!.slice(1).map(Number);
    expect([lo, hi]).toEqual([1200, 3000]);
    const at = (screen: number) => Math.min(hi, Math.max(lo, at0 - (perVw * screen) / 100));
    expect(at(360)).toBeGreaterThanOrEqual(3000 - 1);
    expect(at(320)).toBe(3000);
    expect(at(1280)).toBeCloseTo(1200, -1);
    expect(at(1920)).toBe(1200);
    // Between the two: on the straight line, above a 1/width curve through the same ends.
    expect(at(800)).toBeGreaterThan(1200 + (3000 - 1200) * ((1 / 800 - 1 / 1280) / (1 / 360 - 1 / 1280)));
    expect(frameHeightCss({ narrow: 900, wide: 1000 })).toBe('1000px');
  });
});
