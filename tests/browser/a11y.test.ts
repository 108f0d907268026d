// Accessibility of the built lesson page with axe-core (WCAG 2.1 A/AA + best practices): zero violations in
// the light and the dark theme, whether the theme comes from the system (prefers-color-scheme) or from the
// page's own theme toggle, and on a phone-sized screen. Each axe run costs seconds on a busy 2-core machine,
// so the four runs here are chosen to cover each theme source once: system light (at phone width), system
// dark, and the toggle in each direction.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkA11y, formatViolations, launchBrowser, openPage, startSite, type Browser, type Page, type Site } from './harness';

/** The colours that tell the themes apart: page background and text colour, from <html> and <body>. */
function themeColours(page: Page): Promise<string> {
  return page.evaluate(() => {
    const html = getComputedStyle(document.documentElement);
    const body = getComputedStyle(document.body);
    return [html.backgroundColor, body.backgroundColor, body.color].join(' | ');
  });
}

/** Waits until every finite animation and transition (e.g. a theme colour fade) has finished. */
async function settle(page: Page): Promise<void> {
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((a) => Number.isFinite(Number(a.effect?.getComputedTiming().endTime)))
        .map((a) => a.finished.catch(() => undefined))
    )
  );
}

/** Loads the page, waits for the network to settle (lazy parts included) and asserts axe finds nothing. */
async function expectNoViolations(page: Page, label: string): Promise<void> {
  await page.waitForLoadState('networkidle');
  const violations = await checkA11y(page);
  expect(violations, `${label}:\n${formatViolations(violations)}`).toEqual([]);
}

let site: Site;
let browser: Browser;

beforeAll(async () => {
  site = await startSite();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

describe('axe-core', () => {
  it('light (at 360 px) and dark system themes look different and both have 0 violations', async () => {
    const colours: string[] = [];
    const cases = [
      { colorScheme: 'light', viewport: { width: 360, height: 740 } },
      { colorScheme: 'dark', viewport: { width: 1280, height: 800 } }
    ] as const;
    for (const { colorScheme, viewport } of cases) {
      const { page, close } = await openPage(browser, site, { colorScheme, viewport });
      try {
        await page.goto(site.url + '/', { waitUntil: 'load' });
        colours.push(await themeColours(page));
        await expectNoViolations(page, `${colorScheme} (system), ${viewport.width} px`);
      } finally {
        await close();
      }
    }
    // Otherwise the dark run would silently re-check the light theme.
    expect(colours[1]).not.toBe(colours[0]);
  });

  it('the theme toggle switches both ways, is remembered, and each result has 0 violations', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const { page, close } = await openPage(browser, site, { colorScheme });
      try {
        await page.goto(site.url + '/', { waitUntil: 'load' });
        const before = await themeColours(page);
        const toggle = page.getByRole('button', { name: /theme/i });
        expect(await toggle.count(), 'one theme toggle button').toBe(1);
        await toggle.click();
        await expect.poll(() => themeColours(page), { message: `toggle from ${colorScheme}` }).not.toBe(before);
        await settle(page);
        const after = await themeColours(page);
        await expectNoViolations(page, `toggled from system ${colorScheme}`);
        await page.reload({ waitUntil: 'load' });
        await settle(page);
        expect(await themeColours(page), 'the chosen theme survives a reload').toBe(after);
      } finally {
        await close();
      }
    }
  });
});
