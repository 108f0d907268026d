// "Your data" in the twin run, in Chromium on the built site: the fixture (tests/fixtures/blobs-4d.csv,
// written by tests/fixtures/make-blobs.mjs) is read by the file input and by a drop, the summary shows its
// rows, classes and split, both twins train on it; every hostile file gives a message naming the problem,
// with no console error, and the previous data set stays selected with its trained results.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { HOSTILE_CSVS } from '../fixtures/hostile-csv';
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

const FIXTURE = fileURLToPath(new URL('../fixtures/blobs-4d.csv', import.meta.url));
const twin = (page: Page) => page.getByRole('region', { name: 'Live example: the twin run', exact: true });
const status = (page: Page) => page.locator('[data-testid="twin-status"]');
const summary = (page: Page) => page.locator('[data-testid="user-data-summary"]');

/** Opens the lesson at the twin run, both twins ready, and chooses "Your data…". */
async function openYourData(page: Page, query = '?epochs=8'): Promise<void> {
  await page.goto(`${site.url}/${query}`);
  await showExample(page, 'Live example: the twin run', { timeout: 90_000 });
  await expect
    .poll(() => status(page).innerText(), { timeout: 60_000 })
    .toMatch(/Without dropout: epoch 0[\s\S]*With dropout: epoch 0/);
  await twin(page)
    .getByRole('combobox', { name: /^Data\b/ })
    .selectOption('csv');
  await page.locator('[data-testid="user-data"]').waitFor();
}

/** Waits until the fixture is the data set in use and both twins are rebuilt on it. */
async function fixtureInUse(page: Page): Promise<void> {
  await expect
    .poll(() => summary(page).innerText(), { timeout: 30_000 })
    .toMatch(/“blobs-4d\.csv”: 300 rows, 4 features, 3 classes \(label column “kind”\)/);
  await expect.poll(() => page.url()).toMatch(/data=csv/);
  await expect
    .poll(() => status(page).innerText(), { timeout: 30_000 })
    .toMatch(/Without dropout: epoch 0 of 8[\s\S]*With dropout: epoch 0 of 8/);
}

async function playToEnd(page: Page): Promise<void> {
  await twin(page).getByRole('button', { name: 'Play' }).click();
  await expect
    .poll(() => status(page).innerText(), { timeout: 90_000, interval: 300 })
    .toMatch(/Without dropout: epoch 8 of 8 \(done\)[\s\S]*With dropout: epoch 8 of 8 \(done\)/);
}

describe('your data in the twin run', () => {
  it('a CSV chosen with the file input: summary, split, both twins train, no map but a sentence, axe clean', async () => {
    const { page, log, close } = await openPage(browser, site);
    await openYourData(page);
    await page.locator('[data-testid="user-data-file"]').setInputFiles(FIXTURE);
    await fixtureInUse(page);
    const text = await summary(page).innerText();
    // 100 rows per class, a quarter of each held out: 25 validation and 75 training rows per class.
    expect(text).toMatch(/alpha\s+100\s+75\s+25/);
    expect(text).toMatch(/gamma\s+100\s+75\s+25/);
    expect(text).toMatch(
      /25% of each class held out \(stratified; seed 12 chooses which rows\), 225 training and 75 validation rows/
    );
    expect(text).toMatch(/standardised with the training rows' mean and standard deviation only/);
    await expect.poll(() => page.locator('[data-testid="twin-no-map"]').innerText()).toMatch(/4 features/);
    expect(await twin(page).locator('canvas').count()).toBe(0);
    await playToEnd(page);
    expect(await twin(page).innerText()).not.toMatch(/NaN|Infinity|undefined/);
    const violations = await checkA11y(page);
    expect(violations, formatViolations(violations)).toEqual([]);
    expect(log.problems()).toEqual([]);
    await close();
  }, 240_000);

  it('a CSV dropped on the box is read the same way', async () => {
    const { page, log, close } = await openPage(browser, site);
    await openYourData(page);
    const csv = readFileSync(FIXTURE, 'utf8');
    await page.locator('[data-testid="user-data"]').evaluate((box, csv) => {
      const dt = new DataTransfer();
      dt.items.add(new File([csv], 'blobs-4d.csv', { type: 'text/csv' }));
      box.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
      box.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    }, csv);
    await fixtureInUse(page);
    await playToEnd(page);
    expect(log.problems()).toEqual([]);
    await close();
  }, 240_000);

  it(`${HOSTILE_CSVS.length} hostile files: each named in words, the fixture stays selected with its results`, async () => {
    const { page, log, close } = await openPage(browser, site);
    await openYourData(page);
    const input = page.locator('[data-testid="user-data-file"]');
    await input.setInputFiles(FIXTURE);
    await fixtureInUse(page);
    await twin(page).getByRole('button', { name: 'Step one epoch' }).click();
    await expect
      .poll(() => status(page).innerText())
      .toMatch(/Without dropout: epoch 1 of 8[\s\S]*With dropout: epoch 1 of 8/);
    const errors = page.locator('[data-testid="user-data-errors"]');
    for (const [i, h] of HOSTILE_CSVS.entries()) {
      const name = `hostile-${i}.csv`;
      await input.setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(h.bytes()) });
      await expect
        .poll(() => errors.innerText().catch(() => ''), { timeout: 30_000 })
        .toContain(`“${name}” could not be used`);
      const said = await errors.innerText();
      expect(said, h.name).toMatch(h.expect);
      expect(said).toContain('the twins still train on “blobs-4d.csv”');
      // The message may quote a cell that says "NaN"; it never makes one up.
      if (!h.name.includes('NaN')) expect(said).not.toMatch(/NaN/);
      expect(said).not.toMatch(/undefined|\[object/);
      expect(await summary(page).innerText()).toMatch(/“blobs-4d\.csv”: 300 rows/);
    }
    expect(
      await twin(page)
        .getByRole('combobox', { name: /^Data\b/ })
        .inputValue()
    ).toBe('csv');
    expect(await status(page).innerText()).toMatch(/Without dropout: epoch 1 of 8[\s\S]*With dropout: epoch 1 of 8/);
    expect(log.problems()).toEqual([]);
    await close();
  }, 300_000);
});
