import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BREAKPOINTS, HEIGHTS, reserveStyle } from '../../src/lib/ui/examples/reserved-heights';

const CSS = readFileSync(new URL('../../src/lib/ui/styles/reserved.css', import.meta.url), 'utf8');

describe('reserved heights', () => {
  it('the stylesheet has one media query per breakpoint, each reading its own property', () => {
    const queries = [
      ...CSS.matchAll(/@media \(min-width: (\d+)px\)\s*\{\s*\.reserved\s*\{\s*min-height: var\(--reserve-(\d+),/g)
    ];
    expect(queries.map((m) => Number(m[1]))).toEqual(BREAKPOINTS.slice(1));
    expect(queries.map((m) => Number(m[2]))).toEqual(BREAKPOINTS.slice(1));
    expect(CSS).toMatch(/^\.reserved \{\s*min-height: var\(--reserve-0, var\(--reserve\)\);/m);
  });

  it('the committed table was measured for these breakpoints and holds one height per breakpoint', () => {
    expect(HEIGHTS.breakpoints).toEqual([...BREAKPOINTS]);
    expect(Object.keys(HEIGHTS.heights).length).toBeGreaterThan(0);
    for (const [key, heights] of Object.entries(HEIGHTS.heights)) {
      expect(heights, key).toHaveLength(BREAKPOINTS.length);
      for (const h of heights) expect(Number.isFinite(h) && h >= 0, key).toBe(true);
    }
  });

  it('gives every breakpoint’s property for a known key, only the fallback for an unknown one', () => {
    const table = { breakpoints: [...BREAKPOINTS], browser: '', heights: { a: BREAKPOINTS.map((b) => 1000 - b / 2) } };
    const style = reserveStyle('a', '24rem', table);
    expect(style).toContain('--reserve: 24rem');
    for (const b of BREAKPOINTS) expect(style).toContain(`--reserve-${b}: ${Math.ceil(1000 - b / 2)}px`);
    expect(reserveStyle('b', '24rem', table)).toBe('--reserve: 24rem');
    // A table measured for other breakpoints is not trusted.
    expect(reserveStyle('a', '24rem', { ...table, breakpoints: [0, 500] })).toBe('--reserve: 24rem');
  });
});
