// Measures how tall each embed page (/embed/<name>) is as it first appears, at a phone's frame and at a wide
// one, on the built site, and writes the table the Embed button's snippet sizes its <iframe> from
// (src/lib/ui/embed/embed-heights.json; lab/embed/snippet.ts frameHeightCss). Run with `npm run
// measure:heights`; tests/browser/embed-fit.test.ts fails while the table is too short for the pages.
//
// A page is loaded at the frame's width as the viewport (what a frame of that width holds), left until its
// first result is shown and its main thread rests, and read a few times (the walkthrough moves on); the
// tallest reading, plus a margin for another machine's fonts, is kept.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { NARROW_FRAME, WIDE_FRAME, type FrameHeights } from '../src/lib/lab/embed/snippet';
import { EMBED_NAMES, EMBEDS } from '../src/lib/ui/embed/registry';
import { launchBrowser, mainThreadIdle, startSite } from '../tests/browser/harness';

const OUT = fileURLToPath(new URL('../src/lib/ui/embed/embed-heights.json', import.meta.url));
/** Readings per page and width, with the page left to idle between them. */
const READINGS = 3;
/** Kept on top of the tallest reading: another machine's fonts may wrap a line or two more. */
const MARGIN = 0.04;

async function main(): Promise<void> {
  const site = await startSite();
  const browser = await launchBrowser();
  const heights: Record<string, FrameHeights> = {};
  try {
    for (const name of EMBED_NAMES) {
      const measured = { narrow: 0, wide: 0 };
      for (const [key, width] of [
        ['narrow', NARROW_FRAME],
        ['wide', WIDE_FRAME]
      ] as const) {
        const context = await browser.newContext({ viewport: { width, height: 800 } });
        const page = await context.newPage();
        await page.goto(`${site.url}/embed/${name}`, { waitUntil: 'load' });
        await page.waitForSelector(EMBEDS[name].ready, { timeout: 120_000 });
        for (let r = 0; r < READINGS; r++) {
          await mainThreadIdle(page, 5000);
          const h = await page.evaluate(() => document.documentElement.scrollHeight);
          measured[key] = Math.max(measured[key], h);
        }
        await context.close();
      }
      const up = (h: number) => Math.ceil((h * (1 + MARGIN)) / 10) * 10;
      heights[name] = { narrow: up(measured.narrow), wide: up(measured.wide) };
      console.log(`${name}: ${measured.narrow} px at ${NARROW_FRAME}, ${measured.wide} px at ${WIDE_FRAME}`);
    }
    const table = {
      frames: { narrow: NARROW_FRAME, wide: WIDE_FRAME },
      browser: `Chromium ${browser.version()}`,
      heights
    };
    const options = { ...(await resolveConfig(OUT)), filepath: OUT };
    writeFileSync(OUT, await format(JSON.stringify(table), options));
    console.log(`wrote ${OUT}`);
  } finally {
    await browser.close();
    await site.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
