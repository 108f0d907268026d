// The spatial-dropout example in the built lesson, real engine and real worker in Chromium:
// switching the mask kind changes the drawn mask from scattered pixels to whole maps (read from the
// mask data the component exposes), the experiment's three validation curves appear and the data table
// matches the chart, the verdict shows, and the example is accessible (axe) and fits a 360 px phone.
import { describe, expect, it } from 'vitest';
import {
  checkA11y,
  formatViolations,
  openPage,
  showExample,
  useSiteAndBrowser,
  type Browser,
  type Page,
  type Site
} from './harness';

let site: Site;
let browser: Browser;
useSiteAndBrowser((s, b) => ((site = s), (browser = b)));

const REGION = /Live example: element-wise vs spatial dropout/;
const SIDE = 28 * 28;

/** Scrolls to the example (which mounts it) and waits for the first-layer maps. */
async function openExample(page: Page): Promise<void> {
  await page.goto(site.url + '/');
  await showExample(page, REGION, { ready: '[data-testid="masked-maps"]', timeout: 120_000 });
}

/** What the mask grid says about the mask it draws. */
async function maskState(page: Page) {
  const grid = page.getByTestId('masked-maps');
  const fractions = await grid
    .locator('[data-dropped-fraction]')
    .evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-dropped-fraction'))));
  return {
    kind: await grid.getAttribute('data-mask-kind'),
    fractions,
    whole: Number(await grid.getAttribute('data-whole-maps-dropped')),
    partial: Number(await grid.getAttribute('data-partial-maps')),
    pixels: Number(await grid.getAttribute('data-dropped-pixels'))
  };
}

/** The numbers of a chart readout such as "Epoch 3: No dropout 0.52, Element-wise dropout (p = 0.2) 0.49, …". */
function readoutValues(text: string): number[] {
  return text
    .split(': ')
    .slice(1)
    .join(': ')
    .split(/,\s*/)
    .map((part) => Number(part.trim().split(' ').at(-1)));
}

describe('spatial dropout example', () => {
  it('element-wise masks scatter pixels over every map; spatial masks drop whole maps only', async () => {
    const { page, log, close } = await openPage(browser, site, { viewport: { width: 1100, height: 900 } });
    try {
      await openExample(page);
      const example = page.getByTestId('spatial-example');

      const element = await maskState(page);
      expect(element.kind).toBe('element');
      expect(element.fractions).toHaveLength(8);
      // p = 0.3 over 784 pixels per map: every map loses some pixels, none loses all of them.
      expect(element.partial).toBe(8);
      expect(element.whole).toBe(0);
      for (const f of element.fractions) expect(f > 0.15 && f < 0.45, `dropped fraction ${f}`).toBe(true);
      expect(element.pixels).toBe(Math.round(element.fractions.reduce((a, b) => a + b, 0) * SIDE));

      await example.getByRole('radio', { name: /Spatial/ }).check();
      // Draw until the mask drops at least one map (P(no map dropped) = 0.7⁸ ≈ 6% per draw).
      let spatial = await maskState(page);
      for (let i = 0; i < 6 && spatial.whole === 0; i++) {
        await example.getByRole('button', { name: 'Draw a new mask' }).click();
        spatial = await maskState(page);
      }
      expect(spatial.kind).toBe('spatial');
      expect(spatial.partial).toBe(0);
      expect(spatial.whole).toBeGreaterThan(0);
      for (const f of spatial.fractions) expect([0, 1]).toContain(f);
      expect(spatial.pixels).toBe(spatial.whole * SIDE);
      // The recovery numbers name both kinds, and a dropped map leaves nothing to recover from
      // (unless every dropped map was empty, which the text then says instead of a number).
      await expect
        .poll(() => example.locator('.facts').textContent())
        .toMatch(
          /recover\s+\d+%\s+under the element-wise mask and\s+(0%\s+under the spatial mask|nothing under the spatial mask)/
        );

      // Back to element-wise: scattered again.
      await example.getByRole('radio', { name: /Element-wise/ }).check();
      const again = await maskState(page);
      expect(again.kind).toBe('element');
      expect(again.whole).toBe(0);
      expect(again.partial).toBe(8);

      // Picking another digit redraws its maps (the accessible names carry the digit).
      await example.getByRole('radio', { name: 'Handwritten 7' }).check();
      await expect.poll(() => example.getByText(/feature maps of the first convolution for this 7/).count()).toBe(1);
      expect(log.problems()).toEqual([]);
    } finally {
      await close();
    }
  }, 240_000);

  it('trains the three networks: three curves, a table that matches the chart, a verdict, no NaN, axe clean', async () => {
    const { page, log, close } = await openPage(browser, site, { viewport: { width: 1100, height: 900 } });
    try {
      await openExample(page);
      const example = page.getByTestId('spatial-example');
      const t0 = Date.now();
      await expect.poll(() => example.getAttribute('data-state'), { timeout: 300_000, interval: 1000 }).toBe('done');
      console.log(
        `spatial experiment: done ${((Date.now() - t0) / 1000).toFixed(0)} s after the maps appeared; ${await example.locator('.status').textContent()}`
      );

      // Three series, each a drawn path through 12 epochs.
      const chart = example.getByRole('img', { name: /Validation loss per epoch/ });
      const paths = await chart.locator('path.line').evaluateAll((els) => els.map((e) => e.getAttribute('d') ?? ''));
      expect(paths).toHaveLength(3);
      for (const d of paths) expect(d.split('L')).toHaveLength(12);

      // The data table: 12 epochs, and the chart's readout for epochs 1 and 12 shows the same losses.
      await example.getByText('Show the numbers as a table').click();
      const rows = await example
        .locator('.data-table tbody tr')
        .evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td'), (td) => td.textContent ?? '')));
      expect(rows).toHaveLength(12);
      for (const [key, row] of [
        ['Home', rows[0]],
        ['End', rows[11]]
      ] as const) {
        await chart.focus();
        await page.keyboard.press(key);
        const readout = (await example.locator('.readout').textContent()) ?? '';
        expect(readout).toMatch(new RegExp(`^Epoch ${row[0]}:`));
        const fromChart = readoutValues(readout);
        const fromTable = row.slice(1, 4).map(Number);
        expect(fromChart).toHaveLength(3);
        for (let i = 0; i < 3; i++)
          expect(Math.abs(fromChart[i] - fromTable[i])).toBeLessThanOrEqual(0.0051 * Math.max(1, fromTable[i]));
      }

      // Best accuracies (one row per variant) and a verdict in words.
      const best = await example.getByTestId('best-accuracy').locator('tbody tr').allTextContents();
      expect(best).toHaveLength(3);
      for (const r of best) expect(r).toMatch(/\d+\.\d%/);
      const verdict = (await example.getByTestId('verdict').textContent()) ?? '';
      expect(verdict).toMatch(/Best validation loss: .* Best validation accuracy: /);

      const text = (await example.textContent()) ?? '';
      expect(text).not.toMatch(/NaN|undefined|Infinity/);
      const violations = await checkA11y(page);
      expect(violations, formatViolations(violations)).toEqual([]);
      expect(log.problems()).toEqual([]);
    } finally {
      await close();
    }
  }, 480_000);

  it('fits a 360 px phone in dark mode with reduced motion, and stays accessible', async () => {
    const { page, log, close } = await openPage(browser, site, {
      viewport: { width: 360, height: 780 },
      colorScheme: 'dark',
      reducedMotion: 'reduce'
    });
    try {
      await openExample(page);
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth
      );
      expect(overflow).toBe(0);
      const example = page.getByTestId('spatial-example');
      // Stop the training: this test is about layout, not results.
      await example.getByRole('button', { name: 'Stop' }).click();
      await expect.poll(() => example.getAttribute('data-state')).toBe('idle');
      const violations = await checkA11y(page);
      expect(violations, formatViolations(violations)).toEqual([]);
      expect(log.problems()).toEqual([]);
    } finally {
      await close();
    }
  }, 240_000);
});
