// Measures how tall each live example is once mounted, at each screen width, on the built site, and writes the
// table LazyExample reserves those heights from (src/lib/ui/examples/reserved-heights.json). Run after changing
// an example's layout or adding one: `npm run measure:heights` (builds first), then rebuild and commit the
// table; tests/browser/layout.test.ts fails while the table and the page disagree.
//
// One page: every example is mounted and shown (harness scrollThrough) with the reserve switched off, then the
// viewport steps through the widths. For each breakpoint the tallest of its two ends (the breakpoint itself and
// one pixel below the next; the narrow end is usually the tallest) is kept, plus the tallest seen at that width
// over a few readings (examples that change as they run, such as the walkthrough's chapters, get their largest).
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { BREAKPOINTS, type HeightTable } from '../src/lib/ui/examples/reserved-heights';
import {
  LIVE_EXAMPLES,
  launchBrowser,
  mainThreadIdle,
  scrollThrough,
  startSite,
  type LiveExample,
  type Page
} from '../tests/browser/harness';

const OUT = fileURLToPath(new URL('../src/lib/ui/examples/reserved-heights.json', import.meta.url));

/** Narrowest and widest screens measured (the first breakpoint is 0; the last holds up to any width). */
const NARROWEST = 320;
const WIDEST = 1600;
/** Readings per width: the page is left to idle between them, so examples that move on are seen in more states. */
const READINGS = 3;

/** The widths measured for breakpoint `i`: its start and the pixel before the next one. */
export function widthsOf(i: number): [number, number] {
  const start = Math.max(NARROWEST, BREAKPOINTS[i]);
  const end = i + 1 < BREAKPOINTS.length ? BREAKPOINTS[i + 1] - 1 : WIDEST;
  return [start, end];
}

/**
 * The height of every box that reserves one (each live example's region, each Reserve inside one) at the current
 * viewport, by its key; with the reserve off (withoutReserve) this is its content's own height.
 */
export function reservedHeights(page: Page): Promise<Record<string, number>> {
  return page.evaluate(() =>
    Object.fromEntries(
      Array.from(document.querySelectorAll<HTMLElement>('[data-reserve]'), (s) => [
        s.dataset.reserve ?? '',
        s.getBoundingClientRect().height
      ])
    )
  );
}

/** Turns every reserved height off, so the boxes are as tall as their content. */
export async function withoutReserve(page: Page): Promise<void> {
  await page.addStyleTag({ content: '.reserved[data-reserve] { min-height: 0 !important; }' });
}

/** Sets the viewport width and waits until the page has laid out again and its main thread rested. */
export async function resize(page: Page, width: number, height = 800): Promise<void> {
  await page.setViewportSize({ width, height });
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await mainThreadIdle(page, 5000);
}

async function main(): Promise<void> {
  const site = await startSite();
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(site.url + '/', { waitUntil: 'load' });
    await withoutReserve(page);
    const count = await scrollThrough(page);
    // Examples that keep adding to the page after their first result (a verdict after a whole run) are measured
    // once they have finished it.
    for (const example of LIVE_EXAMPLES as readonly LiveExample[])
      if (example.finished)
        await page.waitForSelector(`section[aria-label="${example.label}"] ${example.finished}`, { timeout: 600_000 });
    const heights: Record<string, number[]> = {};
    for (const [i, b] of BREAKPOINTS.entries()) {
      for (const width of widthsOf(i)) {
        await resize(page, width);
        for (let r = 0; r < READINGS; r++) {
          if (r) await mainThreadIdle(page, 5000);
          for (const [label, h] of Object.entries(await reservedHeights(page))) {
            heights[label] ??= BREAKPOINTS.map(() => 0);
            heights[label][i] = Math.max(heights[label][i], Math.ceil(h));
          }
        }
      }
      console.log(
        `from ${b} px: ${Object.values(heights)
          .map((h) => h[i])
          .join(', ')}`
      );
    }
    const table: HeightTable = { breakpoints: [...BREAKPOINTS], browser: `Chromium ${browser.version()}`, heights };
    // Written as Prettier would, so `npm run lint` accepts the file as it comes.
    const options = { ...(await resolveConfig(OUT)), filepath: OUT };
    writeFileSync(OUT, await format(JSON.stringify(table), options));
    console.log(`${count} examples measured; wrote ${OUT}`);
    await context.close();
  } finally {
    await browser.close();
    await site.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
