// The ensemble lab in the real built site, real engine, real worker: the strip changes when
// resampled, the error-vs-k chart has 100 points and its data table matches, the text never shows NaN,
// the lab fits a 360 px screen, works in dark mode, and axe finds nothing wrong with it.
// Run: DL_BUILD_DIR=build-<you> npx vitest run --config vitest.browser.config.ts tests/browser/ensemble.test.ts
import { describe, expect, it } from 'vitest';
import { AxeBuilder } from '@axe-core/playwright';
import { browser, formatViolations, openPage, showExample, site, useSiteAndBrowser, type Page } from './harness';

const LAB = 'section[aria-label="Live example: inside the exponential ensemble"]';

useSiteAndBrowser();

/** Opens the lesson, scrolls the lab into view and waits until the worker has sent the error curve. */
async function openLab(page: Page): Promise<void> {
  await page.goto(site.url + '/');
  await showExample(page, 'Live example: inside the exponential ensemble', {
    ready: '[data-testid="curve-text"]',
    timeout: 110_000
  });
}

/** The masks of the strip, as their accessible descriptions. */
async function stripMasks(page: Page): Promise<string[]> {
  return page
    .locator(`${LAB} [data-testid="strip"] svg[role="img"]`)
    .evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
}

describe('ensemble lab', () => {
  it('trains, shows the strip, the census, the uncertainty map and the curve; resampling changes the strip', async () => {
    const { page, log, close } = await openPage(browser, site);
    await openLab(page);
    const lab = page.locator(LAB);
    await expect.poll(() => lab.locator('[data-testid="strip"] li').count()).toBe(6);
    const census = await lab.locator('[data-testid="census"]').innerText();
    expect(census).toMatch(/n = 32/);
    expect(census).toMatch(/4,294,967,296/);
    expect(census).toMatch(/Training drew [\d,]+ masks/);
    await expect.poll(() => lab.locator('[data-testid="uncertainty-text"]').innerText()).toMatch(/calibrated/);

    const seed = await lab.locator('[data-testid="strip"]').getAttribute('data-seed');
    const before = await stripMasks(page);
    expect(before).toHaveLength(6);
    await lab.locator('[data-testid="resample"]').click();
    await expect.poll(() => lab.locator('[data-testid="strip"]').getAttribute('data-seed')).not.toBe(seed);
    const after = await stripMasks(page);
    expect(after).toHaveLength(6);
    expect(after).not.toEqual(before);
    // The maps are painted (a canvas that is not blank).
    const painted = await lab
      .locator('[data-testid="strip"] canvas')
      .first()
      .evaluate((c: HTMLCanvasElement) => {
        const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
        let opaque = 0;
        for (let i = 3; i < d.length; i += 4) if (d[i] === 255) opaque++;
        return opaque / (d.length / 4);
      });
    expect(painted).toBe(1);

    const text = await lab.innerText();
    expect(text).not.toMatch(/NaN|undefined|Infinity/);
    expect(log.problems()).toEqual([]);
    await close();
  });

  it('the error-vs-k chart has 100 points per line, and its data table holds the same numbers', async () => {
    const { page, close } = await openPage(browser, site);
    await openLab(page);
    const lab = page.locator(LAB);
    const chart = lab.locator('svg[role="img"][aria-label^="Validation error of the Monte Carlo average"]');
    const paths = await chart
      .locator('path.line')
      .evaluateAll((els) => els.map((e) => (e.getAttribute('d') ?? '').match(/[ML]/g)?.length ?? 0));
    expect(paths).toEqual([100, 100, 100]);

    await lab.locator('details.data-table summary').click();
    const rows = await lab
      .locator('details.data-table tbody tr')
      .evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td'), (td) => td.textContent ?? '')));
    expect(rows).toHaveLength(100);
    expect(rows.map((r) => Number(r[0]))).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    for (const r of rows) {
      const [mean, lo, hi] = r.slice(1).map(Number);
      expect(lo).toBeLessThanOrEqual(mean + 1e-9);
      expect(mean).toBeLessThanOrEqual(hi + 1e-9);
    }
    // The chart's keyboard readout at k = 1 and k = 100 shows the table's numbers.
    await chart.focus();
    for (const [key, row] of [
      ['Home', rows[0]],
      ['End', rows[99]]
    ] as const) {
      await page.keyboard.press(key);
      const readout = await lab.locator('.readout').innerText();
      expect(readout).toMatch(new RegExp(`^k = ${row[0]}:`));
      const shown = Number(readout.match(/draws\) ([\d.]+)/)![1]);
      expect(Math.abs(shown - Number(row[1]))).toBeLessThan(0.01 + 1e-3 * Number(row[1]));
    }
    // The sentence under the chart quotes the weight-scaled error the table's caption gives.
    const caption = await lab.locator('details.data-table caption').innerText();
    const ws = caption.match(/weight-scaled network: ([\d.]+)%/)![1];
    expect(await lab.locator('[data-testid="curve-text"]').innerText()).toContain(`${ws}%`);
    await close();
  });

  it('fits a 360 px screen in dark mode and has no axe violations', async () => {
    const { page, log, close } = await openPage(browser, site, {
      viewport: { width: 360, height: 800 },
      colorScheme: 'dark'
    });
    await openLab(page);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth
    );
    expect(overflow).toBeLessThanOrEqual(0);
    const results = await new AxeBuilder({ page })
      .include(LAB)
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
      .analyze();
    expect(results.violations, formatViolations(results.violations)).toEqual([]);
    expect(log.problems()).toEqual([]);
    await close();
  });
});
