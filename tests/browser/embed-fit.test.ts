// Embed pages fit the frame a course page gives them, in Chromium against the built site:
// - the snippet the Embed button copies, pasted alone (no height listener), shows the example as it first
//   appears without an inner scrollbar on a phone, a tablet and a wide screen;
// - with every "Show the numbers as a table" (and every other fold) open, nothing scrolls sideways at a phone's
//   width or an 800 px frame: wide tables scroll inside their own box.
import { describe, expect, it } from 'vitest';
import { embedSnippet } from '../../src/lib/lab/embed/snippet';
import HEIGHTS from '../../src/lib/ui/embed/embed-heights.json';
import { EMBEDS, EMBED_NAMES } from '../../src/lib/ui/embed/registry';
import { browser, openFoldsAndMeasure, openPage, site, useSiteAndBrowser } from './harness';
import { startHost } from './course-host';

useSiteAndBrowser();

/** A course page with the snippet pasted as it is, in a column with the usual margins, and no script. */
function pastedPage(name: (typeof EMBED_NAMES)[number]): string {
  const snippet = embedSnippet({
    src: `${site.url}/embed/${name}`,
    title: `Dropout Lab: ${EMBEDS[name].title}`,
    height: HEIGHTS.heights[name]
  });
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>A course page</title><style>body { margin: 20px; }</style></head><body><main><h1>Week 4</h1>${snippet}</main></body></html>`;
}

describe('embed pages fit their frame', () => {
  it('the snippet pasted without the height listener leaves no inner scrollbar at 360, 700 and 1280 px', async () => {
    const host = await startHost((q) => pastedPage((q.get('name') ?? 'twin') as (typeof EMBED_NAMES)[number]));
    try {
      for (const width of [360, 700, 1280]) {
        const { page, log, close } = await openPage(browser, site, { viewport: { width, height: 800 } });
        try {
          for (const name of EMBED_NAMES) {
            await page.goto(`${host.url}/?name=${name}`);
            await expect
              .poll(() => page.frames().some((f) => f.url().includes('/embed/')), { timeout: 30_000 })
              .toBe(true);
            const frame = page.frames().find((f) => f.url().includes('/embed/'))!;
            await frame.waitForSelector(EMBEDS[name].ready, { timeout: 120_000 });
            // Settled: the same height on consecutive readings (an example may add its first results after it).
            let last = -1;
            await expect
              .poll(
                async () => {
                  const h = await frame.evaluate(() => document.documentElement.scrollHeight);
                  const same = h === last;
                  last = h;
                  return same && h > 300;
                },
                { timeout: 30_000, interval: 500 }
              )
              .toBe(true);
            const fit = await frame.evaluate(() => ({
              content: document.documentElement.scrollHeight,
              frame: document.documentElement.clientHeight
            }));
            expect(
              fit.content,
              `${name} at ${width} px: ${fit.content} px of content in ${fit.frame} px`
            ).toBeLessThanOrEqual(fit.frame);
          }
          expect(log.consoleErrors).toEqual([]);
        } finally {
          await close();
        }
      }
    } finally {
      await host.close();
    }
  }, 600_000);

  for (const width of [360, 800]) {
    it(`with every table open, nothing scrolls sideways at ${width} px`, async () => {
      const { page, log, close } = await openPage(browser, site, { viewport: { width, height: 800 } });
      try {
        for (const name of EMBED_NAMES) {
          await page.goto(`${site.url}/embed/${name}`);
          await page.waitForSelector(EMBEDS[name].ready, { timeout: 120_000 });
          const { wide } = await openFoldsAndMeasure(page);
          expect(wide, name).toEqual([]);
        }
        expect(log.problems()).toEqual([]);
      } finally {
        await close();
      }
    }, 300_000);
  }
});
