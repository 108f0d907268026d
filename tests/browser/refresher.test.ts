// The expected-value refresher in the built page (its coin flipper mounts like any live example): flipping 1000 coins brings the running means close to
// their expected values, inputs out of range are clamped with a note, and NaN never appears. Also checks
// that every KaTeX font the typeset formulas ask for is declared (our trimmed stylesheet ships only some).
import { describe, expect, it } from 'vitest';
import { browser, openPage, showExample, site, useSiteAndBrowser, type Page } from './harness';

/** The flipper's region: it mounts when the reader comes near it, like every live example. */
const LABEL = 'Live example: flip the mask coin';

useSiteAndBrowser();

const num = async (page: Page, id: string) =>
  Number(await page.locator(`#refresher [data-testid="${id}"]`).textContent());

/** Waits until the widget is hydrated: a click changes the flip count. */
async function flip(page: Page, label: RegExp, times = 1): Promise<void> {
  for (let i = 0; i < times; i++) await page.locator('#refresher').getByRole('button', { name: label }).click();
}

describe('expected-value refresher', () => {
  it('1000 flips bring the running means close to (1 − p)·h and h, with no NaN', async () => {
    const { page, log, close } = await openPage(browser, site, { viewport: { width: 360, height: 800 } });
    await page.goto(site.url + '/');
    await showExample(page, LABEL);
    const before = await page.locator('#refresher [data-testid="flip-count"]').textContent();
    expect(before?.trim()).toBe('0');
    await expect
      .poll(async () => {
        await flip(page, /^Flip once$/);
        return Number((await page.locator('#refresher [data-testid="flip-count"]').textContent())?.replace(/,/g, ''));
      })
      .toBeGreaterThan(0);
    await flip(page, /1,000/);
    const n = Number((await page.locator('#refresher [data-testid="flip-count"]').textContent())?.replace(/,/g, ''));
    expect(n).toBeGreaterThanOrEqual(1001);

    const expectedPlain = await num(page, 'expected-plain');
    const expectedInv = await num(page, 'expected-inverted');
    expect(expectedPlain).toBeCloseTo(1.0, 3); // (1 − 0.5)·2
    expect(expectedInv).toBeCloseTo(2.0, 3);
    // Standard error of the kept fraction after n ≥ 1001 flips at p = 0.5 is ≤ 0.016; allow 5 of them.
    expect(Math.abs((await num(page, 'mean-plain')) - expectedPlain)).toBeLessThan(5 * 0.016 * 2);
    expect(Math.abs((await num(page, 'mean-inverted')) - expectedInv)).toBeLessThan(5 * 0.016 * 4);

    const text = await page.locator('#refresher').innerText();
    expect(text).not.toMatch(/NaN|Infinity/);
    expect(await page.locator('#refresher svg[role="img"] desc').textContent()).toMatch(/After 1,?00\d flips/);
    expect(log.problems()).toEqual([]);
    await close();
  });

  it('clamps out-of-range inputs with a visible note and never shows NaN', async () => {
    const { page, log, close } = await openPage(browser, site);
    await page.goto(site.url + '/');
    const refresher = page.locator('#refresher');
    await showExample(page, LABEL);
    const p = refresher.getByLabel('Drop probability');
    await expect
      .poll(async () => {
        await p.fill('1.5');
        return refresher.getByTestId('input-notes').count();
      })
      .toBeGreaterThan(0);
    expect(await refresher.getByTestId('input-notes').textContent()).toMatch(/p = 1\.5 is above/);
    await flip(page, /1,000/);
    expect(await refresher.innerText()).not.toMatch(/NaN|Infinity/);
    // An empty box is treated as "not a number" and replaced by the default.
    await p.fill('');
    await refresher.getByLabel('Activation').fill('');
    await flip(page, /Flip 10×/);
    expect(await refresher.innerText()).not.toMatch(/NaN|Infinity/);
    expect(await num(page, 'expected-inverted')).toBeCloseTo(2, 3);
    expect(log.problems()).toEqual([]);
    await close();
  });

  it('every font the typeset formulas use is declared in the trimmed KaTeX stylesheet', async () => {
    const { page, close } = await openPage(browser, site);
    await page.goto(site.url + '/');
    const { declared, used } = await page.evaluate(() => {
      const declared = new Set<string>();
      document.fonts.forEach((f) => declared.add(`${f.family.replace(/"/g, '')}/${f.style}`));
      const used = new Set<string>();
      for (const el of document.querySelectorAll('.katex-html *')) {
        const hasText = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent?.trim());
        if (!hasText) continue;
        const cs = getComputedStyle(el);
        used.add(`${cs.fontFamily.split(',')[0].replace(/"/g, '').trim()}/${cs.fontStyle}`);
      }
      return { declared: [...declared], used: [...used] };
    });
    expect(used.length).toBeGreaterThan(0);
    for (const face of used) expect(declared, `font face ${face}`).toContain(face);
    await close();
  });
});
