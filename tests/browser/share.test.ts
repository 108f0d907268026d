// "Copy a link" on the built lesson page, for every example with settings other than the twin run (whose link
// layout.test.ts checks): set the example away from its defaults, copy its link, open the link in a fresh page at
// 360 and at 1280 px; the example mounts with those settings and its controls come into view within 5 s, and the
// example that shares a setting name with it keeps its defaults. A blocked clipboard shows the link to copy by
// hand, and a hostile value gives a note in words. Everything waits on states, never a fixed time.
import { fileURLToPath } from 'node:url';
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
import { ensembleCurveSays, tapPad } from './your-data-helpers';

/** A small file of the learner's own (300 rows, 4 features). */
const FIXTURE = fileURLToPath(new URL('../fixtures/blobs-4d.csv', import.meta.url));

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

const REFRESHER: Case = {
  label: 'Live example: flip the mask coin',
  anchor: 'flip-the-coin',
  name: 'refresher',
  keys: ['refresher.h', 'refresher.p'],
  control: '#flip-the-coin input',
  change: async (r) => {
    await r.getByLabel(/Activation/).fill('3');
    await r.getByLabel(/Drop probability/).fill('0.2');
  },
  read: async (r) => ({
    h: await r.getByLabel(/Activation/).inputValue(),
    p: await r.getByLabel(/Drop probability/).inputValue()
  }),
  changed: { h: '3', p: '0.2' },
  defaults: { h: '2', p: '0.5' }
};

/** Each example, with the one whose settings its link must leave alone (a shared setting name, or a neighbour). */
const CASES: [Case, Case][] = [
  [REFRESHER, SPATIAL],
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

  it('the coin flipper: a value out of range or not a number gives a note and the default, and Embed copies its settings', async () => {
    const { page, context, log, close } = await openPage(browser, site, { viewport: { width: 360, height: 800 } });
    try {
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: site.url });
      await page.goto(`${site.url}/?refresher.p=2&refresher.h=${encodeURIComponent('1e9')}#flip-the-coin`, {
        waitUntil: 'load'
      });
      const at = await whenInViewport(page, REFRESHER.control, 30_000);
      expect(at).toBeLessThanOrEqual(IN_VIEW_MS);
      const region = page.getByRole('region', { name: REFRESHER.label, exact: true });
      expect(await REFRESHER.read(region)).toEqual(REFRESHER.defaults);
      const notes = await region.getByTestId('refresher-notes').innerText();
      expect(notes).toMatch(/refresher\.p = "2"/);
      expect(notes).toMatch(/refresher\.h = "1e9"/);
      expect(await region.innerText()).not.toMatch(/NaN/);
      await REFRESHER.change(region);
      await region.getByTestId('embed-button').click();
      await expect.poll(() => region.getByTestId('share-status').innerText()).toMatch(/Embed code copied/);
      const snippet = await page.evaluate(() => navigator.clipboard.readText());
      expect(snippet).toMatch(/^<iframe src="[^"]+\/embed\/refresher\?h=3&(amp;)?p=0\.2"/);
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

describe('links that name the learner’s data', () => {
  it('the explorer’s link carries the points drawn in it: opened fresh, it trains on them', async () => {
    const touch = { viewport: { width: 360, height: 800 }, hasTouch: true, isMobile: true };
    const first = await openPage(browser, site, touch);
    let link: URL;
    let embedSrc: URL;
    try {
      const { page, context, log } = first;
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: site.url });
      await page.goto(site.url + '/', { waitUntil: 'load' });
      const region = await showExample(page, EXPLORER.label, {
        ready: '[data-testid="output-plain"]',
        timeout: 120_000
      });
      await region.getByLabel('Data set').selectOption({ label: 'Your data: draw points…' });
      const yours = region.getByTestId('explorer-your-data');
      await expect.poll(() => yours.count()).toBe(1);
      for (const x of [-1, -0.5, 0, 0.5]) await tapPad(page, x, 0.8, yours);
      await yours.getByRole('button', { name: 'Class 1' }).tap();
      for (const x of [-1, -0.5, 0, 0.5, 1]) await tapPad(page, x, -0.8, yours);
      await yours.getByRole('button', { name: 'Train both networks on these points' }).tap();
      await expect.poll(() => page.url()).toMatch(/pts=b[\w-]{27}(&|$)/);
      await region.getByTestId('copy-link').tap();
      await expect
        .poll(() => region.getByTestId('share-status').innerText())
        .toBe('Link copied, with your drawn points in it.');
      link = new URL(await page.evaluate(() => navigator.clipboard.readText()));
      await region.getByTestId('embed-button').tap();
      await expect.poll(() => region.getByTestId('share-status').innerText()).toMatch(/Embed code copied/);
      const snippet = await page.evaluate(() => navigator.clipboard.readText());
      embedSrc = new URL(/src="([^"]+)"/.exec(snippet)![1].replace(/&amp;/g, '&'));
      expect(log.problems()).toEqual([]);
    } finally {
      await first.close();
    }
    expect([...link.searchParams.keys()]).toEqual(['explorer.data', 'pts']);
    expect(link.searchParams.get('explorer.data')).toBe('drawn');
    expect(link.hash).toBe('#explorer');
    expect(embedSrc.pathname).toMatch(/\/embed\/explorer$/);
    expect(embedSrc.searchParams.get('data')).toBe('drawn');
    expect(embedSrc.searchParams.get('pts')).toBe(link.searchParams.get('pts'));

    // A fresh page (nothing kept in its storage) trains on the nine points the link carries, without a note.
    for (const path of [link.pathname + link.search + link.hash, embedSrc.pathname + embedSrc.search]) {
      const { page, log, close } = await openPage(browser, site, { viewport: { width: 1280, height: 800 } });
      try {
        await page.goto(site.url + path, { waitUntil: 'load' });
        const explorer = path.includes('/embed/')
          ? page.locator('main')
          : page.getByRole('region', { name: EXPLORER.label, exact: true });
        const menu = explorer.getByLabel('Data set');
        await expect.poll(() => menu.inputValue(), { timeout: 60_000 }).toBe('drawn');
        expect(await menu.locator('option:checked').innerText()).toBe('Your drawn points (9)');
        await expect.poll(() => explorer.getByTestId('summary').count(), { timeout: 120_000 }).toBe(1);
        expect(await explorer.getByTestId('summary').innerText()).toMatch(/Validation accuracy: with dropout \d/);
        expect(await explorer.getByTestId('explorer-notes').count()).toBe(0);
        expect(log.problems()).toEqual([]);
      } finally {
        await close();
      }
    }
  }, 360_000);

  it('with "Your data…" open and nothing chosen yet, the ensemble’s link carries the data of the pictures shown', async () => {
    const { page, context, log, close } = await openPage(browser, site, { viewport: { width: 1280, height: 800 } });
    try {
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: site.url });
      await page.goto(site.url + '/', { waitUntil: 'load' });
      const ensemble = await showExample(page, ENSEMBLE.label, { timeout: 120_000 });
      await ensembleData(ensemble).selectOption('circle');
      await ensembleCurveSays(ensemble, /circle/);
      await ensembleData(ensemble).selectOption({ label: 'Your data: a file or drawn points…' });
      await expect.poll(() => ensemble.locator('[data-testid="user-data-file"]').count()).toBe(1);
      await ensemble.getByTestId('copy-link').click();
      await expect.poll(() => ensemble.getByTestId('share-status').innerText()).toBe('Link copied.');
      const link = new URL(await page.evaluate(() => navigator.clipboard.readText()));
      expect(link.searchParams.get('ensemble.data')).toBe('circle');
      expect(log.problems()).toEqual([]);
    } finally {
      await close();
    }
  }, 240_000);

  it('a file cannot travel: the copied link says so; it, and one naming drawn points without any, open with the preset and a note in plain words', async () => {
    const first = await openPage(browser, site, { viewport: { width: 1280, height: 800 } });
    let link: URL;
    try {
      const { page, context, log } = first;
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: site.url });
      await page.goto(site.url + '/', { waitUntil: 'load' });
      const ensemble = await showExample(page, ENSEMBLE.label, { timeout: 120_000 });
      await ensembleData(ensemble).selectOption({ label: 'Your data: a file or drawn points…' });
      await ensemble.locator('[data-testid="user-data-file"]').setInputFiles(FIXTURE);
      await ensembleCurveSays(ensemble, /blobs-4d\.csv/);
      await ensemble.getByTestId('copy-link').click();
      await expect.poll(() => ensemble.getByTestId('share-status').innerText()).toMatch(/a link cannot carry a file/);
      link = new URL(await page.evaluate(() => navigator.clipboard.readText()));
      expect(log.problems()).toEqual([]);
    } finally {
      await first.close();
    }
    expect(link.searchParams.get('ensemble.data')).toBe('file');
    link.searchParams.set('explorer.data', 'drawn');

    const { page, log, close } = await openPage(browser, site, { viewport: { width: 1280, height: 800 } });
    try {
      await page.goto(site.url + link.pathname + link.search + '#explorer', { waitUntil: 'load' });
      await whenInViewport(page, EXPLORER.control, 30_000);
      const explorer = page.getByRole('region', { name: EXPLORER.label, exact: true });
      await expect.poll(() => explorer.getByTestId('explorer-notes').count()).toBe(1);
      expect(await explorer.getByTestId('explorer-notes').innerText()).toMatch(
        'The link names drawn points but carries none, so the example starts from two moons.'
      );
      expect(await EXPLORER.read(explorer)).toEqual({ data: 'moons' });
      await expect.poll(() => explorer.getByTestId('summary').count(), { timeout: 120_000 }).toBe(1);

      const ensemble = await showExample(page, ENSEMBLE.label);
      const notes = ensemble.getByTestId('ensemble-notes');
      await expect.poll(() => notes.count()).toBe(1);
      expect(await notes.innerText()).toMatch(/This link names "your data", which a link cannot carry/);
      expect(await notes.innerText()).not.toMatch(/not allowed/);
      expect(await ENSEMBLE.read(ensemble)).toEqual(ENSEMBLE.defaults);
      await ensembleCurveSays(ensemble, /moons/);
      const violations = await checkA11y(page);
      expect(violations, formatViolations(violations)).toEqual([]);
      expect(log.problems()).toEqual([]);
    } finally {
      await close();
    }
  }, 360_000);
});
