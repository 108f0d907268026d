// The neuron explorer in the built lesson, real engine and real worker in Chromium: toggling a
// neuron changes the decision maps' pixels and aria-pressed, greys its links and fades its map on the
// network drawing (one canvas per network: links + hidden maps), restoring it restores all the pixels
// exactly, sampled masks change the dropped set, the drawing follows a theme change, the dropout twin's
// robustness curve stays above the plain twin's, and the example is accessible (axe) and fits a 360 px
// phone, in light and dark.
import { describe, expect, it } from 'vitest';
import {
  browser,
  checkA11y,
  formatViolations,
  openPage,
  showExample,
  site,
  useSiteAndBrowser,
  type Page
} from './harness';

useSiteAndBrowser();

const REGION = /Live example: drop neurons by hand/;

/** Scrolls to the explorer (which mounts it) and waits until both twins are trained and drawn. */
async function openExplorer(page: Page): Promise<void> {
  await page.goto(site.url + '/');
  await showExample(page, REGION, { ready: '[data-testid="output-plain"]', timeout: 90_000 });
}

/** The RGBA bytes of a canvas, as a plain array. */
async function pixels(page: Page, testId: string): Promise<number[]> {
  return page.locator(`[data-testid="${testId}"]`).evaluate((c: HTMLCanvasElement) => {
    const ctx = c.getContext('2d')!;
    return Array.from(ctx.getImageData(0, 0, c.width, c.height).data);
  });
}

/** What a network drawing says it drew: links in all, links greyed, and the colour of greyed links. */
async function drawing(
  page: Page,
  twin: 'plain' | 'dropout'
): Promise<{ links: number; off: number; offColor: string; width: number; cssWidth: number }> {
  return page.locator(`[data-testid="network-${twin}"]`).evaluate((c: HTMLCanvasElement) => ({
    links: Number(c.dataset.links),
    off: Number(c.dataset.linksOff),
    offColor: c.dataset.offColor ?? '',
    width: c.width,
    cssWidth: c.getBoundingClientRect().width
  }));
}

/** Alpha (0…255) of the network drawing at the centre of a neuron's button: 255 = its map is drawn opaque. */
async function mapAlpha(page: Page, twin: 'plain' | 'dropout', layer: number, unit: number): Promise<number> {
  return page.locator(`[data-testid="network-${twin}"]`).evaluate(
    (c: HTMLCanvasElement, [l, u]) => {
      const button = c.parentElement!.querySelector(`button[data-layer="${l}"][data-unit="${u}"]`)!;
      const b = button.getBoundingClientRect();
      const r = c.getBoundingClientRect();
      const k = c.width / r.width;
      const x = Math.round((b.left + b.width / 2 - r.left) * k);
      const y = Math.round((b.top + b.height / 2 - r.top) * k);
      return c.getContext('2d')!.getImageData(x, y, 1, 1).data[3];
    },
    [layer - 1, unit - 1]
  );
}

const neuron = (page: Page, layer: number, unit: number, twin: 'plain network' | 'dropout-trained network') =>
  page.getByRole('button', { name: `Hidden layer ${layer}, neuron ${unit} (${twin})`, exact: true });

/** Labels of the neurons currently pressed (dropped) in the plain twin's drawing. */
async function droppedSet(page: Page): Promise<string[]> {
  return page
    .locator('button[aria-pressed="true"][aria-label$="(plain network)"]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
}

describe('neuron explorer', () => {
  it('dropping a neuron changes both decision maps and restoring it gives back the exact pixels', async () => {
    const { page, log, close } = await openPage(browser, site, { viewport: { width: 1100, height: 900 } });
    await openExplorer(page);
    const before = { dropout: await pixels(page, 'output-dropout'), plain: await pixels(page, 'output-plain') };
    // A painted map, not a blank canvas: more than one colour.
    expect(new Set(before.plain).size).toBeGreaterThan(4);
    // The network drawings: 2·8 + 8·8 + 8·1 links each, none greyed, every hidden map drawn opaque.
    await expect.poll(() => drawing(page, 'plain')).toMatchObject({ links: 88, off: 0 });
    expect(await drawing(page, 'dropout')).toMatchObject({ links: 88, off: 0 });
    const net = { dropout: await pixels(page, 'network-dropout'), plain: await pixels(page, 'network-plain') };
    expect(new Set(net.plain).size).toBeGreaterThan(16);
    expect(await mapAlpha(page, 'plain', 2, 3)).toBe(255);

    await neuron(page, 2, 3, 'plain network').click();
    await expect.poll(() => neuron(page, 2, 3, 'plain network').getAttribute('aria-pressed')).toBe('true');
    // The same neuron is dropped in both twins.
    expect(await neuron(page, 2, 3, 'dropout-trained network').getAttribute('aria-pressed')).toBe('true');
    expect(await pixels(page, 'output-plain')).not.toEqual(before.plain);
    expect(await pixels(page, 'output-dropout')).not.toEqual(before.dropout);
    await expect.poll(() => page.getByTestId('summary').textContent()).toMatch(/^\s*1 of 16 hidden neurons dropped/);
    // Its 8 incoming links and its 1 outgoing link are greyed in both drawings, and its map is faded.
    await expect.poll(() => drawing(page, 'plain')).toMatchObject({ links: 88, off: 9 });
    expect(await drawing(page, 'dropout')).toMatchObject({ links: 88, off: 9 });
    expect(await pixels(page, 'network-plain')).not.toEqual(net.plain);
    expect(await pixels(page, 'network-dropout')).not.toEqual(net.dropout);
    expect(await mapAlpha(page, 'plain', 2, 3)).toBeLessThan(255);
    expect(await mapAlpha(page, 'dropout', 2, 3)).toBeLessThan(255);
    expect(await mapAlpha(page, 'plain', 2, 4)).toBe(255);

    await neuron(page, 2, 3, 'dropout-trained network').click();
    await expect.poll(() => neuron(page, 2, 3, 'plain network').getAttribute('aria-pressed')).toBe('false');
    expect(await pixels(page, 'output-plain')).toEqual(before.plain);
    expect(await pixels(page, 'output-dropout')).toEqual(before.dropout);
    await expect.poll(() => drawing(page, 'plain')).toMatchObject({ off: 0 });
    expect(await pixels(page, 'network-plain')).toEqual(net.plain);
    expect(await pixels(page, 'network-dropout')).toEqual(net.dropout);

    // Keyboard: Enter on a focused neuron drops it too.
    await neuron(page, 1, 2, 'plain network').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => neuron(page, 1, 2, 'plain network').getAttribute('aria-pressed')).toBe('true');
    await page.keyboard.press('Space');
    await expect.poll(() => neuron(page, 1, 2, 'plain network').getAttribute('aria-pressed')).toBe('false');

    expect(await page.getByRole('region', { name: REGION }).textContent()).not.toMatch(/NaN|undefined/);
    expect(log.problems()).toEqual([]);
    await close();
  });

  it('sampling masks changes the set of dropped neurons', async () => {
    const { page, log, close } = await openPage(browser, site, { viewport: { width: 1100, height: 900 } });
    await openExplorer(page);
    const sets = new Set<string>();
    for (let i = 0; i < 4; i++) {
      await page.getByRole('button', { name: 'Sample a mask' }).click();
      sets.add((await droppedSet(page)).join('|'));
    }
    // Four draws of 16 fair coins: the chance that they all agree is 2^-48.
    expect(sets.size).toBeGreaterThan(1);
    // "Keep sampling" draws new masks by itself.
    await page.getByRole('button', { name: 'Keep sampling' }).click();
    const first = (await droppedSet(page)).join('|');
    await expect.poll(async () => (await droppedSet(page)).join('|'), { timeout: 5000 }).not.toBe(first);
    await page.getByRole('button', { name: 'Stop sampling' }).click();
    expect(log.problems()).toEqual([]);
    await close();
  });

  it('the network drawing follows a theme change (greyed links take the new --muted colour)', async () => {
    const { page, log, close } = await openPage(browser, site, {
      viewport: { width: 1100, height: 900 },
      colorScheme: 'light'
    });
    await openExplorer(page);
    const muted = () =>
      page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--muted').trim());
    await expect.poll(async () => (await drawing(page, 'plain')).offColor).toBe(await muted());
    await neuron(page, 1, 1, 'plain network').click();
    // A first-layer neuron: 2 links from the inputs, 8 to the next layer.
    await expect.poll(async () => (await drawing(page, 'plain')).off).toBe(2 + 8);
    const light = { pixels: await pixels(page, 'network-plain'), muted: await muted() };
    await page.evaluate(() => document.documentElement.setAttribute('data-theme', 'dark'));
    const dark = await muted();
    expect(dark).not.toBe(light.muted);
    await expect.poll(async () => (await drawing(page, 'plain')).offColor).toBe(dark);
    expect(await pixels(page, 'network-plain')).not.toEqual(light.pixels);
    expect(log.problems()).toEqual([]);
    await close();
  });

  it("the dropout twin's robustness curve stays above the plain twin's from 2 dropped neurons on", async () => {
    const { page, close } = await openPage(browser, site, { viewport: { width: 1100, height: 900 } });
    await openExplorer(page);
    const table = page.locator('details.data-table').filter({ hasText: 'Neurons dropped' });
    await table.locator('summary').click();
    const rows = await table
      .locator('tbody tr')
      .evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td')).map((td) => td.textContent ?? '')));
    expect(rows).toHaveLength(17);
    const pct = (s: string) => Number(s.replace('%', ''));
    for (let k = 2; k <= 8; k++)
      expect(pct(rows[k][1]), `k = ${k}: ${rows[k].join(', ')}`).toBeGreaterThan(pct(rows[k][2]));
    // The caption's sentence is this run's verdict, with the gap the table shows (to its rounding).
    const verdict = await page.getByTestId('robustness-verdict').innerText();
    expect(verdict).toMatch(
      /^Here the dropout-trained network holds up better: .* keeps (\d+\.\d) ± \d+\.\d points more/
    );
    const said = Number(/keeps (\d+\.\d)/.exec(verdict)![1]);
    const inner = rows.slice(1, -1);
    const shown = inner.reduce((a, r) => a + pct(r[1]) - pct(r[2]), 0) / inner.length;
    expect(Math.abs(said - shown)).toBeLessThan(0.15);
    await close();
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`has no axe violations and fits a 360 px phone (${colorScheme})`, async () => {
      const { page, log, close } = await openPage(browser, site, {
        viewport: { width: 360, height: 800 },
        colorScheme
      });
      await openExplorer(page);
      await neuron(page, 1, 1, 'plain network').click();
      const violations = await checkA11y(page, { exclude: [] });
      expect(violations, formatViolations(violations)).toEqual([]);
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth
      );
      expect(overflow).toBeLessThanOrEqual(0);
      // The drawing is sized to its box (sharp, not a stretched bitmap), and its maps are painted.
      const d = await drawing(page, 'plain');
      expect(d.cssWidth).toBeGreaterThanOrEqual(259);
      expect(Math.abs(d.width - d.cssWidth)).toBeLessThanOrEqual(2);
      expect(await mapAlpha(page, 'plain', 2, 1)).toBe(255);
      expect(await mapAlpha(page, 'plain', 1, 1)).toBeLessThan(255);
      expect(log.problems()).toEqual([]);
      await close();
    });
  }
});
