// The learner's data across reloads, in Chromium on the built site with the real IndexedDB: a reload keeps
// it (and selects it again, the address bar naming "your data"); "Forget my data" removes it from the
// device; a link naming "your data" opened without any opens the preset with a note, and "Copy a link"
// says a link cannot carry the file; storage that throws, is full or holds something else is survived.
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { browser, openPage, showExample, site, useSiteAndBrowser, type Page } from './harness';
import { ensembleCurveSays } from './your-data-helpers';

useSiteAndBrowser();

const FIXTURE = fileURLToPath(new URL('../fixtures/blobs-4d.csv', import.meta.url));
const twin = (page: Page) => page.getByRole('region', { name: 'Live example: the twin run', exact: true });
const status = (page: Page) => page.locator('[data-testid="twin-status"]');
const summary = (page: Page) => page.locator('[data-testid="user-data-summary"]');
const dataMenu = (page: Page) => twin(page).getByRole('combobox', { name: /^Data\b/ });
const storeNote = (page: Page) => page.locator('[data-testid="user-data-store"]');

async function openTwin(page: Page, query = '?epochs=8'): Promise<void> {
  await page.goto(`${site.url}/${query}`);
  await showExample(page, 'Live example: the twin run', { timeout: 90_000 });
  await expect
    .poll(() => status(page).innerText(), { timeout: 60_000 })
    .toMatch(/Without dropout: epoch 0[\s\S]*With dropout: epoch 0/);
}

async function uploadFixture(page: Page): Promise<void> {
  await dataMenu(page).selectOption('csv');
  await page.locator('[data-testid="user-data-file"]').setInputFiles(FIXTURE);
  await expect.poll(() => summary(page).innerText(), { timeout: 30_000 }).toMatch(/“blobs-4d\.csv”: 300 rows/);
}

/** What the page's database holds under our key (undefined when nothing). */
const storedText = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<string | null>((resolve) => {
        const req = indexedDB.open('dropout-lab', 1);
        req.onupgradeneeded = () => req.result.createObjectStore('user-data');
        req.onsuccess = () => {
          const get = req.result.transaction('user-data').objectStore('user-data').get('csv');
          get.onsuccess = () => {
            resolve(get.result === undefined ? null : JSON.stringify(get.result).slice(0, 80));
            req.result.close();
          };
        };
      })
  );

describe('your data across reloads', () => {
  it('a reload keeps your data and trains on it; "Forget my data" removes it from the device', async () => {
    const { page, log, close } = await openPage(browser, site);
    await openTwin(page);
    await uploadFixture(page);
    await expect.poll(() => storeNote(page).innerText()).toMatch(/Kept in this browser on this device only/);
    expect(await storedText(page)).toMatch(/blobs-4d\.csv/);
    await expect.poll(() => page.url()).toMatch(/data=csv/);
    await page.reload();
    await showExample(page, 'Live example: the twin run', { timeout: 90_000 });
    await expect.poll(() => summary(page).innerText(), { timeout: 30_000 }).toMatch(/“blobs-4d\.csv”: 300 rows/);
    expect(await dataMenu(page).inputValue()).toBe('csv');
    await expect
      .poll(() => status(page).innerText(), { timeout: 30_000 })
      .toMatch(/Without dropout: epoch 0 of 8[\s\S]*With dropout: epoch 0 of 8/);
    // The link note of a link without data went away once the data came back.
    await expect.poll(() => page.locator('[data-testid="twin-notes"]').count()).toBe(0);
    await twin(page).getByRole('button', { name: 'Step one epoch' }).click();
    await expect.poll(() => status(page).innerText()).toMatch(/Without dropout: epoch 1 of 8/);

    await page.getByTestId('user-data-forget').click();
    await expect
      .poll(() => page.getByTestId('user-data-status').innerText())
      .toMatch(/gone from this page and from this device/);
    expect(await summary(page).count()).toBe(0);
    expect(await storedText(page)).toBeNull();
    await expect.poll(() => page.url()).not.toMatch(/data=csv/);
    await page.reload();
    await openTwin(page, page.url().slice(site.url.length + 1));
    await dataMenu(page).selectOption('csv');
    await page.getByTestId('user-data').waitFor();
    expect(await summary(page).count()).toBe(0);
    expect(log.problems()).toEqual([]);
    await close();
  }, 240_000);

  it('a link naming "your data" opens the preset with a note; "Copy a link" says a link cannot carry a file', async () => {
    const { page, log, close } = await openPage(browser, site, { permissions: ['clipboard-read', 'clipboard-write'] });
    await openTwin(page, '?data=csv&epochs=8');
    const notes = page.locator('[data-testid="twin-notes"]');
    await expect.poll(() => notes.innerText()).toMatch(/names "your data", which a link cannot carry/);
    expect(await dataMenu(page).inputValue()).toBe('moons');
    await uploadFixture(page);
    await twin(page)
      .getByRole('button', { name: /Copy a link/ })
      .click();
    await expect.poll(() => twin(page).locator('.link-status').innerText()).toMatch(/not your file/);
    expect(await page.evaluate(() => navigator.clipboard.readText())).toMatch(/data=csv/);
    expect(log.problems()).toEqual([]);
    await close();
  }, 180_000);

  it("the ensemble's error-vs-k runs on the file kept from the twin run", async () => {
    const { page, log, close } = await openPage(browser, site);
    await openTwin(page);
    await uploadFixture(page);
    await expect.poll(() => storeNote(page).innerText()).toMatch(/Kept in this browser/);
    const ensemble = await showExample(page, 'Live example: inside the exponential ensemble', { timeout: 120_000 });
    const menu = ensemble.getByRole('combobox', { name: /^Data\b/ });
    await menu.focus();
    await expect.poll(() => menu.locator('option', { hasText: 'blobs-4d.csv' }).count()).toBe(1);
    await menu.selectOption({ label: 'Your data (“blobs-4d.csv”)' });
    await ensembleCurveSays(ensemble, /blobs-4d\.csv/);
    expect(await ensemble.getByTestId('ensemble-no-plane').innerText()).toMatch(/no map to draw/);
    expect(await ensemble.innerText()).not.toMatch(/NaN|undefined/);
    expect(log.problems()).toEqual([]);
    await close();
  }, 300_000);

  const broken: [string, string][] = [
    [
      'indexedDB throws on access',
      `Object.defineProperty(window, 'indexedDB', { get() { throw new DOMException('blocked', 'SecurityError'); } });`
    ],
    [
      'storage is full',
      `IDBObjectStore.prototype.put = function () { throw new DOMException('full', 'QuotaExceededError'); };`
    ],
    ['open() fails', `IDBFactory.prototype.open = function () { throw new DOMException('no', 'InvalidStateError'); };`]
  ];
  for (const [what, script] of broken) {
    it(`${what}: the data still trains, the page says it is not kept, no console error`, async () => {
      const { page, context, log, close } = await openPage(browser, site);
      await context.addInitScript(script);
      await openTwin(page);
      await uploadFixture(page);
      await expect.poll(() => storeNote(page).innerText()).toMatch(/could not keep your data/);
      await twin(page).getByRole('button', { name: 'Step one epoch' }).click();
      await expect
        .poll(() => status(page).innerText())
        .toMatch(/Without dropout: epoch 1 of 8[\s\S]*With dropout: epoch 1/);
      await page.getByTestId('user-data-forget').click();
      // (A full store may still delete: then it says "gone from this device" too; either way nothing is kept.)
      await expect.poll(() => page.getByTestId('user-data-status').innerText()).toMatch(/^Your data was forgotten/);
      expect(await page.getByTestId('user-data-summary').count()).toBe(0);
      await page.reload();
      await openTwin(page, page.url().slice(site.url.length + 1));
      expect(await dataMenu(page).inputValue()).toBe('moons');
      expect(log.problems()).toEqual([]);
      await close();
    }, 180_000);
  }

  it('storage throws: the ensemble\'s own "Your data" reads a file and trains on it from memory', async () => {
    const { page, context, log, close } = await openPage(browser, site);
    await context.addInitScript(broken[0][1]);
    await page.goto(`${site.url}/`);
    const ensemble = await showExample(page, 'Live example: inside the exponential ensemble', { timeout: 120_000 });
    await ensemble
      .getByRole('combobox', { name: /^Data\b/ })
      .selectOption({ label: 'Your data: a file or drawn points…' });
    await ensemble.locator('[data-testid="user-data-file"]').setInputFiles(FIXTURE);
    await expect
      .poll(() => ensemble.getByTestId('user-data-summary').innerText(), { timeout: 30_000 })
      .toMatch(/“blobs-4d\.csv”: 300 rows/);
    await expect.poll(() => ensemble.getByTestId('user-data-store').innerText()).toMatch(/could not keep your data/);
    await ensembleCurveSays(ensemble, /blobs-4d\.csv/);
    expect(await ensemble.getByRole('combobox', { name: /^Data\b/ }).inputValue()).toBe('file');
    expect(await ensemble.innerText()).not.toMatch(/NaN|undefined/);
    expect(log.problems()).toEqual([]);
    await close();
  }, 300_000);

  it('a stored value that is not ours is ignored and removed', async () => {
    const { page, log, close } = await openPage(browser, site);
    await page.goto(`${site.url}/`);
    await page.evaluate(
      () =>
        new Promise<void>((resolve) => {
          const req = indexedDB.open('dropout-lab', 1);
          req.onupgradeneeded = () => req.result.createObjectStore('user-data');
          req.onsuccess = () => {
            const tx = req.result.transaction('user-data', 'readwrite');
            tx.objectStore('user-data').put({ version: 1, name: 5, text: ['not', 'text'] }, 'csv');
            tx.oncomplete = () => (req.result.close(), resolve());
          };
        })
    );
    await openTwin(page, '?data=csv&epochs=8');
    await expect.poll(() => page.locator('[data-testid="twin-notes"]').innerText()).toMatch(/a link cannot carry/);
    await expect.poll(() => storedText(page)).toBeNull();
    expect(await dataMenu(page).inputValue()).toBe('moons');
    expect(log.problems()).toEqual([]);
    await close();
  }, 180_000);
});
