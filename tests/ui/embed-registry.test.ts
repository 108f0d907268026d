// The embed registry: what each entry promises the embed page, the flags and the README.
import { describe, expect, it } from 'vitest';
import { FLAG_KEYS, parseEmbedFlags } from '../../src/lib/lab/embed/flags';
import { parseTwinQuery } from '../../src/lib/lab/twin/url';
import { EMBEDS, EMBED_NAMES, isEmbedName } from '../../src/lib/ui/embed/registry';
import HEIGHTS from '../../src/lib/ui/embed/embed-heights.json';
import { SECTIONS } from '../../src/lib/ui/lesson/sections';

describe('embed registry', () => {
  it('names pages with path-safe names and links each to a real section', () => {
    expect(EMBED_NAMES).toEqual([
      'twin',
      'explorer',
      'ensemble',
      'walkthrough',
      'rates',
      'spatial',
      'augmentation',
      'refresher'
    ]);
    const sections = SECTIONS.map((s) => s.id as string);
    for (const name of EMBED_NAMES) {
      expect(name).toMatch(/^[a-z][a-z0-9-]*$/);
      const e = EMBEDS[name];
      expect(sections).toContain(e.section);
      expect(e.title.length).toBeGreaterThan(10);
      // The snippet's heights were measured for every page (npm run measure:heights); a phone's frame is taller.
      const h = (HEIGHTS.heights as Record<string, { narrow: number; wide: number }>)[name];
      expect(h.wide, name).toBeGreaterThan(300);
      expect(h.narrow, name).toBeGreaterThanOrEqual(h.wide);
    }
    expect(Object.keys(HEIGHTS.heights).sort()).toEqual([...EMBED_NAMES].sort());
    expect(isEmbedName('twin')).toBe(true);
    expect(isEmbedName('__proto__')).toBe(false);
    expect(isEmbedName('toString')).toBe(false);
  });

  it('gives every example distinct control names the flags can write, and settings that are not flags', () => {
    for (const name of EMBED_NAMES) {
      const { controls, settings = {} } = EMBEDS[name].flags;
      expect(controls.length, name).toBeGreaterThan(0);
      expect(new Set(controls).size, name).toBe(controls.length);
      for (const c of controls) expect(c, name).toMatch(/^[a-z][a-z0-9-]{0,23}$/);
      for (const key of Object.keys(settings)) expect(FLAG_KEYS as readonly string[]).not.toContain(key);
      // Naming every control hides every control, with nothing to remark.
      const all = parseEmbedFlags(`hide=${controls.join(',')}`, EMBEDS[name].flags);
      expect([...all.hidden].sort(), name).toEqual([...controls].sort());
      expect(all.notes, name).toEqual([]);
    }
  });

  it("names the twin run's controls by their URL keys, and the twin reads its settings with the flags in place", () => {
    expect(EMBEDS.twin.flags.controls).toEqual(
      expect.arrayContaining(['preset', 'data', 'seed', 'p', 'pin', 'lr', 'link', 'code'])
    );
    const v = parseTwinQuery('?preset=overfit&lr=0.003&hide=preset,data,seed&lock=p');
    expect(v.config.lr).toBe(0.003);
    expect(v.notes).toEqual([]);
  });
});
