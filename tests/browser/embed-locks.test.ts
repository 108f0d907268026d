// What an exercise link promises on an embed page, in Chromium against the built site:
// - lock=data fixes drawn points as well as the menu: the pad shows them and cannot change them, and the
//   file, paste and "Forget my data" controls are gone (the explorer, the ensemble, the twin run);
// - every note on the address (flags and the example's own settings) is in one box at the top, named by the
//   link's keys: lock=code says the code panel can only be hidden, p= with too many values says so;
// - numbers in a link match by value ("0.30" is 0.3) and p= starts the spatial mask viewer too;
// - the range sliders are named by their labels.
import { describe, expect, it } from 'vitest';
import { drawnQuery, type DrawnPoint } from '../../src/lib/lab/user-data/drawn';
import { EMBEDS } from '../../src/lib/ui/embed/registry';
import { browser, openPage, site, useSiteAndBrowser, type Page } from './harness';

useSiteAndBrowser();

const POINTS: DrawnPoint[] = [
  ...[-1, -0.5, 0, 0.5].map((x) => ({ x, y: 0.8, c: 0 })),
  ...[-1, 0, 1].map((x) => ({ x, y: -0.8, c: 1 }))
];
const PTS = drawnQuery(POINTS);

/** What the drawing pad offers: whether it takes input, its tool buttons, and its point count. */
async function pad(page: Page) {
  const box = page.getByTestId('draw-pad');
  await box.waitFor({ timeout: 120_000 });
  return {
    editable: await box.getByRole('application').count(),
    picture: await box.getByRole('img').count(),
    tools: await box.getByRole('button').count(),
    count: await box.getByTestId('draw-count').innerText()
  };
}

describe('lock=data fixes the drawn points too', () => {
  it('the explorer shows the linked points and offers nothing that changes them', async () => {
    const { page, log, close } = await openPage(browser, site);
    try {
      // Unlocked, the same link gives the pad to draw on: the locked case below differs by the flag alone.
      await page.goto(`${site.url}/embed/explorer?data=drawn&${PTS}`);
      await page.waitForSelector(EMBEDS.explorer.ready, { timeout: 120_000 });
      expect(await pad(page)).toMatchObject({ editable: 1, picture: 0 });

      await page.goto(`${site.url}/embed/explorer?data=drawn&${PTS}&lock=data`);
      await page.waitForSelector(EMBEDS.explorer.ready, { timeout: 120_000 });
      const locked = await pad(page);
      expect(locked).toMatchObject({ editable: 0, picture: 1, tools: 0 });
      expect(locked.count).toMatch(/^7 points: 4 of class 0/);
      expect(await page.getByTestId('explorer-data-locked').innerText()).toMatch(/cannot be changed here/);
      expect(await page.getByRole('combobox', { name: /Data set/ }).isDisabled()).toBe(true);
      // A tap on the picture adds nothing.
      await page.getByTestId('draw-pad').getByRole('img').click();
      expect(await page.getByTestId('draw-count').innerText()).toBe(locked.count);
      expect(log.problems()).toEqual([]);
    } finally {
      await close();
    }
  });

  it('the ensemble and the twin run keep the file, paste and forget controls away', async () => {
    const { page, log, close } = await openPage(browser, site);
    try {
      for (const [name, query, ready] of [
        ['ensemble', `data=drawn&${PTS}`, '[data-testid="census"]'],
        ['twin', `data=csv&${PTS}`, EMBEDS.twin.ready]
      ] as const) {
        await page.goto(`${site.url}/embed/${name}?${query}`);
        await page.waitForSelector(ready, { timeout: 120_000 });
        const panel = page.getByTestId('user-data');
        await expect.poll(() => panel.getByTestId('user-data-file').count(), { message: name }).toBe(1);
        expect(await panel.getByTestId('user-data-forget').count(), name).toBe(1);

        await page.goto(`${site.url}/embed/${name}?${query}&lock=data`);
        await page.waitForSelector(ready, { timeout: 120_000 });
        await panel.getByTestId('user-data-locked').waitFor();
        expect(await pad(page), name).toMatchObject({ editable: 0, picture: 1, tools: 0 });
        expect(await panel.getByTestId('user-data-file').count(), name).toBe(0);
        expect(await panel.getByRole('button', { name: 'Read the pasted text' }).count(), name).toBe(0);
        expect(await panel.getByTestId('user-data-forget').count(), name).toBe(0);
        expect(await panel.getByTestId('user-data-drawn').innerText(), name).toMatch(/^Training on 7 drawn points/);
      }
      expect(log.problems()).toEqual([]);
    } finally {
      await close();
    }
  });
});

describe('notes on the address', () => {
  it("are in one box at the top, in the link's keys, flags and the twin's own settings alike", async () => {
    const { page, log, close } = await openPage(browser, site, { viewport: { width: 360, height: 800 } });
    try {
      await page.goto(`${site.url}/embed/twin?preset=bogus&lock=code&p=0.5,0.3,0.2&pin=2`);
      await page.waitForSelector(EMBEDS.twin.ready, { timeout: 120_000 });
      const notes = page.getByTestId('embed-notes');
      await expect.poll(() => notes.innerText()).toMatch(/Unknown preset/);
      const text = await notes.innerText();
      expect(text).toContain('lock=code is not used');
      expect(text).toContain('hide=code leaves it out');
      expect(text).toContain('p gave 3 values for 2 hidden layers; used the first 2 (0.5, 0.3).');
      expect(text).toContain('pin = "2" is outside');
      expect(text).not.toMatch(/pInput|pHidden/);
      expect(await page.getByTestId('twin-notes').count()).toBe(0);
      // At the top: above the example, in the first screen of a phone.
      const top = await notes.evaluate((n) => n.getBoundingClientRect().top);
      expect(top).toBeLessThan(800);
      expect(
        await notes.evaluate((n) =>
          Boolean(n.compareDocumentPosition(document.querySelector('main')!) & Node.DOCUMENT_POSITION_FOLLOWING)
        )
      ).toBe(true);
      // The code panel stays as it was: nothing in it was locked.
      const code = page.getByText('Show the code (PyTorch or Keras)');
      await code.click();
      expect(await page.getByRole('button', { name: 'Keras' }).isEnabled()).toBe(true);
      expect(log.problems()).toEqual([]);
    } finally {
      await close();
    }
  });
});

describe('settings in a link', () => {
  it('match numbers by value, and p= starts the spatial mask viewer at the same p', async () => {
    const { page, log, close } = await openPage(browser, site);
    try {
      await page.goto(`${site.url}/embed/spatial?p=0.50`);
      await page.waitForSelector(EMBEDS.spatial.ready, { timeout: 120_000 });
      expect(await page.getByLabel('p for both kinds').inputValue()).toBe('0.5');
      expect(await page.getByRole('slider', { name: /^Drop probability p = / }).inputValue()).toBe('0.5');
      expect(await page.getByTestId('embed-notes').count()).toBe(0);

      await page.goto(`${site.url}/embed/refresher?p=.5&h=2.0`);
      await page.waitForSelector(EMBEDS.refresher.ready);
      expect(await page.getByLabel('Drop probability p').inputValue()).toBe('0.5');
      expect(await page.getByLabel('Activation h').inputValue()).toBe('2');
      expect(await page.getByTestId('embed-notes').count()).toBe(0);

      // An exponent is still refused, with a note.
      await page.goto(`${site.url}/embed/refresher?h=1e1`);
      await page.waitForSelector(EMBEDS.refresher.ready);
      expect(await page.getByTestId('embed-notes').innerText()).toMatch(/h = "1e1" is not allowed/);
      expect(log.problems()).toEqual([]);
    } finally {
      await close();
    }
  });
});

describe('range sliders', () => {
  it('are named by their labels in the twin run and in the mask sampler', async () => {
    const { page, log, close } = await openPage(browser, site);
    try {
      await page.goto(`${site.url}/embed/twin`);
      await page.waitForSelector(EMBEDS.twin.ready, { timeout: 120_000 });
      for (const name of ['Input noise', 'Flipped labels', 'Dropout p, inputs', 'Dropout p, hidden layer 1'])
        expect(await page.getByRole('slider', { name, exact: true }).count(), name).toBe(1);
      expect(await page.getByRole('slider', { name: 'Flipped labels' }).getAttribute('aria-valuetext')).toMatch(/%$/);

      await page.goto(`${site.url}/embed/explorer`);
      await page.waitForSelector(EMBEDS.explorer.ready, { timeout: 120_000 });
      const sampler = page.getByRole('slider', { name: 'Drop probability p, hidden layer 1', exact: true });
      await sampler.waitFor({ timeout: 60_000 });
      expect(await sampler.count()).toBe(1);
      expect(log.problems()).toEqual([]);
    } finally {
      await close();
    }
  });
});
