// "Copy a link" on the built lesson page, for every example with settings other than the twin run (whose link
// layout.test.ts checks): set the example away from its defaults, copy its link, open the link in a fresh page at
// 360 and at 1280 px; the example mounts with those settings and its controls come into view within 5 s, and the
// example that shares a setting name with it keeps its defaults. A blocked clipboard shows the link to copy by
// hand, and a hostile value gives a note in words. Everything waits on states, never a fixed time.
import { describe, expect, it } from 'vitest';
import {
  checkA11y,
  formatViolations,
  inViewport,
  openPage,
  showExample,
  useSiteAndBrowser,
  whenInViewport,
  type Browser,
  type Locator,
  type OpenedPage,
  type Site
} from './harness';

/** Controls must be in view this soon after navigation starts. */
const IN_VIEW_MS = 5000;
const SIZES = [
  { width: 360, height: 800 },
  { width: 1280, height: 800 }
];

/** One example's case: how to change its settings, and what they read as. */
interface Case {
  /** Its region's accessible name. */
  label: string;
  /** Its anchor, which the link must end in. */
  anchor: string;
  /** Its lesson-page query keys, and only those, in the copied link. */
  keys: string[];
  /** Its embed name (its notes are `<name>-notes`). */
  name: string;
  /** Selector of its first control: what must come into view. */
  control: string;
  /** Moves it away from its defaults. */
  change(region: Locator): Promise<void>;
  /** What it shows now, to compare. */
  read(region: Locator): Promise<Record<string, string | boolean>>;
  /** The values after `change`. */
  changed: Record<string, string | boolean>;
  /** The defaults. */
  defaults: Record<string, string | boolean>;
}

const EXPLORER: Case = {
  label: 'Live example: drop neurons by hand',
  anchor: 'explorer',
  name: 'explorer',
  keys: ['explorer.data'],
  control: '#explorer select',
  change: (r) =>
    r
      .getByLabel('Data set')
      .selectOption('circle')
      .then(() => undefined),
  read: async (r) => ({ data: await r.getByLabel('Data set').inputValue() }),
  changed: { data: 'circle' },
  defaults: { data: 'moons' }
};
// The ensemble's labels wrap their menus, so their names include the options: its two menus by place.
const ensembleData = (r: Locator) => r.locator('select').nth(0);
const ensembleWidth = (r: Locator) => r.locator('select').nth(1);
const ENSEMBLE: Case = {
  label: 'Live example: inside the exponential ensemble',
  anchor: 'ensemble-lab',
  name: 'ensemble',
  keys: ['ensemble.data', 'ensemble.width'],
  control: '#ensemble-lab select',
  change: async (r) => {
    await ensembleData(r).selectOption('circle');
    await ensembleWidth(r).selectOption('8');
  },
  read: async (r) => ({
    data: await ensembleData(r).inputValue(),
    width: await ensembleWidth(r).inputValue()
  }),
  changed: { data: 'circle', width: '8' },
  defaults: { data: 'moons', width: '16' }
};
const RATES: Case = {
  label: 'Live example: a sweep of drop probabilities over layer widths',
  anchor: 'rate-sweep',
  name: 'rates',
  keys: ['rates.size', 'rates.extra'],
  control: '#rate-sweep [data-testid="rates-train-size"]',
  change: async (r) => {
    await r.getByTestId('rates-train-size').selectOption('300');
    await r.getByLabel(/Add 1,024 units/).check();
  },
  read: async (r) => ({
    size: await r.getByTestId('rates-train-size').inputValue(),
    extra: await r.getByLabel(/Add 1,024 units/).isChecked()
  }),
  changed: { size: '300', extra: true },
  defaults: { size: '1000', extra: false }
};
const SPATIAL: Case = {
  label: 'Live example: element-wise vs spatial dropout on a convolutional network',
  anchor: 'spatial',
  name: 'spatial',
  keys: ['spatial.p'],
  control: '#spatial select',
  change: (r) =>
    r
      .getByLabel('p for both kinds')
      .selectOption('0.3')
      .then(() => undefined),
  read: async (r) => ({ p: await r.getByLabel('p for both kinds').inputValue() }),
  changed: { p: '0.3' },
  defaults: { p: '0.2' }
};

/** Each example, with the one whose settings its link must leave alone (a shared setting name, or a neighbour). */
const CASES: [Case, Case][] = [
  [EXPLORER, ENSEMBLE],
  [ENSEMBLE, EXPLORER],
  [RATES, SPATIAL],
  [SPATIAL, RATES]
];

let site: Site;
let browser: Browser;
useSiteAndBrowser((s, b) => ((site = s), (browser = b)));

/** Opens the lesson, changes the example's settings, presses its "Copy a link" and returns what was copied. */
async function copyLink(c: Case): Promise<string> {
  const { page, context, log, close } = await openPage(browser, site, { viewport: { width: 1280, height: 800 } });
  try {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: site.url });
    await page.goto(site.url + '/', { waitUntil: 'load' });
    const region = await showExample(page, c.label);
    await c.change(region);
    expect(await c.read(region)).toEqual(c.changed);
    await region.getByTestId('copy-link').click();
    await expect.poll(() => region.getByTestId('share-status').innerText()).toBe('Link copied.');
    const link = await page.evaluate(() => navigator.clipboard.readText());
    expect(log.problems()).toEqual([]);
    return link;
  } finally {
    await close();
  }
}

/** Opens `path` in a fresh page at `viewport` and checks the example's controls are in view in time, with `c.changed`. */
async function open(path: string, c: Case, viewport: { width: number; height: number }): Promise<OpenedPage> {
  const opened = await openPage(browser, site, { viewport });
  const { page } = opened;
  try {
    await page.goto(site.url + path, { waitUntil: 'load' });
    const at = await whenInViewport(page, c.control, 30_000);
    expect(at, `${path} at ${viewport.width} px: controls in view after ${Math.round(at)} ms`).toBeLessThanOrEqual(
      IN_VIEW_MS
    );
    const region = page.getByRole('region', { name: c.label, exact: true });
    expect(await c.read(region)).toEqual(c.changed);
    expect(await region.getByTestId(`${c.name}-notes`).count()).toBe(0);
    expect(await inViewport(page, c.control), 'still in view').toBe(true);
    return opened;
  } catch (e) {
    await opened.close();
    throw e;
  }
}

describe('"Copy a link" opens the lesson at that example, with its settings', () => {
  for (const [c, other] of CASES) {
    it(`${c.anchor}: the copied link opens there at 360 and 1280 px; ${other.anchor} keeps its defaults`, async () => {
      const link = new URL(await copyLink(c));
      expect(link.hash).toBe(`#${c.anchor}`);
      expect([...link.searchParams.keys()].sort()).toEqual([...c.keys].sort());
      const path = link.pathname + link.search + link.hash;
      for (const viewport of SIZES) {
        const { page, log, close } = await open(path, c, viewport);
        try {
          if (viewport.width === 1280) {
            // The other example reads nothing from this link.
            const region = await showExample(page, other.label);
            expect(await other.read(region)).toEqual(other.defaults);
            expect(await region.getByTestId(`${c.name}-notes`).count()).toBe(0);
          }
          expect(log.problems()).toEqual([]);
        } finally {
          await close();
        }
      }
    });
  }
});

describe('when the link cannot be used as it is', () => {
  it('a blocked clipboard says so and shows the link, selectable', async () => {
    const { page, log, close } = await openPage(browser, site, { viewport: { width: 360, height: 800 } });
    try {
      await page.addInitScript(() => {
        Object.defineProperty(navigator, 'clipboard', {
          value: { writeText: () => Promise.reject(new DOMException('denied', 'NotAllowedError')) },
          configurable: true
        });
      });
      await page.goto(site.url + '/', { waitUntil: 'load' });
      const region = await showExample(page, SPATIAL.label);
      await SPATIAL.change(region);
      await region.getByTestId('copy-link').click();
      await expect.poll(() => region.getByTestId('share-status').innerText()).toMatch(/Copying is blocked here/);
      const field = region.getByLabel('Link to this example');
      const url = new URL(await field.inputValue());
      expect(url.searchParams.get('spatial.p')).toBe('0.3');
      expect(url.hash).toBe('#spatial');
      await field.focus();
      await expect
        .poll(() => field.evaluate((el: HTMLInputElement) => el.selectionEnd! - el.selectionStart!))
        .toBe(url.href.length);
      await region.getByTestId('embed-button').click();
      await expect
        .poll(() => region.getByLabel('Embed code').inputValue())
        .toMatch(/^<iframe src="[^"]+\/embed\/spatial\?p=0\.3"/);
      const violations = await checkA11y(page);
      expect(violations, formatViolations(violations)).toEqual([]);
      expect(log.problems()).toEqual([]);
    } finally {
      await close();
    }
  });

  it('a hostile value gives a note in words and the default, at the example', async () => {
    const { page, log, close } = await openPage(browser, site, { viewport: { width: 360, height: 800 } });
    try {
      const hostile = encodeURIComponent('<img src=x onerror=alert(1)>');
      await page.goto(`${site.url}/?ensemble.width=999&ensemble.data=${hostile}&ensemble.x=1`, { waitUntil: 'load' });
      const at = await whenInViewport(page, ENSEMBLE.control, 30_000);
      expect(at).toBeLessThanOrEqual(IN_VIEW_MS);
      const region = page.getByRole('region', { name: ENSEMBLE.label, exact: true });
      expect(await ENSEMBLE.read(region)).toEqual(ENSEMBLE.defaults);
      const notes = await region.getByTestId('ensemble-notes').innerText();
      expect(notes).toMatch(/ensemble\.width = "999" is not allowed \(one of 4, 8, 16, 32, 64\); used the default/);
      expect(notes).toMatch(/ensemble\.data = "<img src=x onerror=[^"]*" is not allowed/);
      expect(notes).toMatch(/Ignored unknown setting "ensemble\.x"/);
      expect(await page.locator('img[src="x"]').count()).toBe(0);
      const violations = await checkA11y(page);
      expect(violations, formatViolations(violations)).toEqual([]);
      expect(log.problems()).toEqual([]);
    } finally {
      await close();
    }
  });
});
