import TABLE from './reserved-heights.json';

/**
 * The height each live example takes once mounted, per screen width, so its box can reserve that space before
 * its code arrives and the page does not jump when it mounts. Measured on the built site, never guessed:
 * `npm run measure:heights` (scripts/measure-heights.ts) mounts every example at each width of `BREAKPOINTS`
 * (and just below the next one) and writes the tallest into reserved-heights.json; tests/browser/layout.test.ts
 * fails when the table no longer matches the page. An example missing from the table (a new one) keeps the
 * height its LazyExample was given until the script is run again.
 */

/**
 * Viewport widths (CSS px) where a reserved height starts to apply; it holds up to the next one. LazyExample's
 * stylesheet has one media query per entry (a unit test checks they agree).
 */
export const BREAKPOINTS = [0, 360, 400, 480, 560, 640, 768, 1100] as const;

/** The table's form: for each example's accessible name, one height in CSS px per breakpoint. */
export interface HeightTable {
  /** The breakpoints the heights were measured for (must equal BREAKPOINTS). */
  breakpoints: number[];
  /** The browser that measured them. */
  browser: string;
  /** Example label → heights, one per breakpoint. */
  heights: Record<string, number[]>;
}

/** The committed table. */
export const HEIGHTS: HeightTable = TABLE;

/**
 * The custom properties LazyExample's media queries read: `--reserve` (the fallback, e.g. "24rem") and, when
 * the table knows the example, `--reserve-<breakpoint>` for each breakpoint.
 */
export function reserveStyle(label: string, fallback: string, table: HeightTable = HEIGHTS): string {
  const heights = table.breakpoints.join() === BREAKPOINTS.join() ? table.heights[label] : undefined;
  const parts = [`--reserve: ${fallback}`];
  if (heights?.length === BREAKPOINTS.length)
    for (const [i, b] of BREAKPOINTS.entries()) parts.push(`--reserve-${b}: ${Math.ceil(heights[i])}px`);
  return parts.join('; ');
}
