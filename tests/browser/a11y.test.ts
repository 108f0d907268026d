// Accessibility of the built lesson page with axe-core (WCAG 2.1 A/AA + best practices): zero violations in
// the light and the dark theme, whether the theme comes from the system (prefers-color-scheme) or from the
// page's own theme toggle, and on a phone-sized screen. Each axe run is its own test with a generous timeout:
// one run takes seconds on an idle machine and minutes on a saturated 2-core one.
import { describe, expect, it } from 'vitest';
import {
  browser,
  checkA11y,
  formatViolations,
  LIVE_EXAMPLES,
  openPage,
  scrollThrough,
  site,
  useSiteAndBrowser,
  type BrowserContextOptions,
  type Page
} from './harness';

/** Per-test time limit for a page load plus one axe run. */
const AXE_TIMEOUT_MS = 300_000;

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

/** Clicks the theme toggle (a button whose accessible name contains "theme") and waits for the new colours. */
async function toggleTheme(page: Page): Promise<void> {
  const before = await themeColours(page);
  const toggle = page.getByRole('button', { name: /theme/i });
  expect(await toggle.count(), 'one theme toggle button').toBe(1);
  await toggle.click();
  await expect.poll(() => themeColours(page), { message: 'the toggle changes the colours' }).not.toBe(before);
  await settle(page);
}

useSiteAndBrowser();

describe('axe-core finds 0 violations', () => {
  /** One case per theme source: system light (at phone width), system dark, and the toggle each way. */
  const cases: { name: string; options: BrowserContextOptions; toggle: boolean; scroll?: boolean }[] = [
    {
      name: 'system light theme at 360 px',
      options: { colorScheme: 'light', viewport: { width: 360, height: 740 } },
      toggle: false
    },
    { name: 'system dark theme', options: { colorScheme: 'dark' }, toggle: false },
    { name: 'dark theme chosen with the toggle', options: { colorScheme: 'light' }, toggle: true },
    { name: 'light theme chosen with the toggle', options: { colorScheme: 'dark' }, toggle: true },
    // The live examples mount lazily when scrolled near: bring each into view so they are checked too.
    { name: 'page with every lazy example mounted', options: { colorScheme: 'light' }, toggle: false, scroll: true }
  ];
  for (const { name, options, toggle, scroll } of cases) {
    it(
      name,
      async () => {
        const { page, close } = await openPage(browser, site, options);
        try {
          await page.goto(site.url + '/', { waitUntil: 'load' });
          if (toggle) await toggleTheme(page);
          if (scroll)
            expect(await scrollThrough(page), 'live examples mounted').toBeGreaterThanOrEqual(LIVE_EXAMPLES.length);
          await page.waitForLoadState('networkidle');
          const violations = await checkA11y(page);
          expect(violations, `${name}:\n${formatViolations(violations)}`).toEqual([]);
        } finally {
          await close();
        }
      },
      AXE_TIMEOUT_MS
    );
  }
});

describe('themes', () => {
  it('system light and dark differ, the toggle gives the same palettes, and the choice survives a reload', async () => {
    const colours: Record<string, string> = {};
    for (const colorScheme of ['light', 'dark'] as const) {
      const { page, close } = await openPage(browser, site, { colorScheme });
      try {
        await page.goto(site.url + '/', { waitUntil: 'load' });
        colours[colorScheme] = await themeColours(page);
        await toggleTheme(page);
        colours[`toggled from ${colorScheme}`] = await themeColours(page);
        await page.reload({ waitUntil: 'load' });
        await settle(page);
        expect(await themeColours(page), 'the chosen theme survives a reload').toBe(
          colours[`toggled from ${colorScheme}`]
        );
      } finally {
        await close();
      }
    }
    // Otherwise the dark axe runs would silently re-check the light theme.
    expect(colours.dark).not.toBe(colours.light);
    expect(colours['toggled from light']).toBe(colours.dark);
    expect(colours['toggled from dark']).toBe(colours.light);
  });
});
