// The twin run in the built lesson, in Chromium with the real engine: the default preset run to its
// cap shows the lesson's claim (plain validation loss climbs far past its minimum, the dropout twin
// ends far lower, best losses about equal); reset reproduces the first epochs exactly; a malformed
// link is survived with a visible note; the CSV download matches the table; axe finds nothing.
import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
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

const twin = (page: Page) =>
  page.locator('[data-testid="twin-charts"]').locator('xpath=ancestor::div[contains(@class,"twin")][1]');

/** Opens the lesson (with `query`), brings the twin run into view and waits until both twins are ready. */
async function openTwin(page: Page, query = ''): Promise<void> {
  await page.goto(`${site.url}/${query}`);
  await showExample(page, 'Live example: the twin run', { timeout: 90_000 });
  await expect
    .poll(() => page.locator('[data-testid="twin-status"]').innerText(), { timeout: 60_000 })
    .toMatch(/Without dropout: epoch 0[\s\S]*With dropout: epoch 0/);
}

/** The data table's rows as numbers (null for "—"). */
async function tableRows(page: Page): Promise<(number | null)[][]> {
  return page
    .locator('[data-testid="twin-charts"] table tbody tr')
    .evaluateAll((trs) =>
      trs.map((tr) =>
        Array.from(tr.querySelectorAll('td'), (td) => (td.textContent === '—' ? null : Number(td.textContent)))
      )
    );
}

describe('twin run', () => {
  it('the default preset run to its cap: plain val loss climbs far past its minimum, dropout ends far lower', async () => {
    const { page, log, close } = await openPage(browser, site);
    await openTwin(page);
    const prediction = page.locator('[data-testid="prediction-twin"]');
    await prediction.getByRole('radio', { name: 'With dropout' }).check();
    await twin(page).getByRole('button', { name: 'Play' }).click();
    // The guess is committed while the run goes.
    await expect.poll(() => prediction.getByRole('radio', { name: 'With dropout' }).isDisabled()).toBe(true);
    await expect
      .poll(() => page.locator('[data-testid="twin-status"]').innerText(), { timeout: 90_000, interval: 500 })
      .toMatch(/Without dropout: epoch 300 of 300 \(done\)[\s\S]*With dropout: epoch 300 of 300 \(done\)/);
    await page.locator('[data-testid="twin-charts"] summary').first().click();
    const rows = await tableRows(page);
    expect(rows).toHaveLength(300);
    const col = (i: number) => rows.map((r) => r[i]!);
    const valPlain = col(2);
    const valDrop = col(4);
    const minPlain = Math.min(...valPlain);
    const minDrop = Math.min(...valDrop);
    expect(valPlain.indexOf(minPlain)).toBeLessThan(150); // the minimum comes early…
    expect(valPlain.at(-1)!).toBeGreaterThan(2.5 * minPlain); // …and validation loss climbs far past it
    expect(col(1).at(-1)!).toBeLessThan(col(1)[0]); // while the training loss kept falling
    expect(valDrop.at(-1)!).toBeLessThan(0.6 * valPlain.at(-1)!); // with dropout it ends far lower
    expect(Math.abs(minDrop - minPlain)).toBeLessThan(0.2 * minPlain); // the best losses are about equal
    // The guess is judged on the final validation losses of the table above.
    await expect.poll(() => prediction.getByTestId('prediction-result').getAttribute('data-outcome')).toBe('held');
    expect(await prediction.getByTestId('prediction-result').innerText()).toMatch(/your prediction held/);
    const verdict = await page.locator('[data-testid="twin-verdict"]').innerText();
    expect(verdict).toMatch(/^Best validation loss: \d\.\d\d with dropout vs \d\.\d\d without \(epoch \d+ vs \d+\)\./);
    const text = await twin(page).innerText();
    expect(text).not.toMatch(/NaN|Infinity|undefined/);
    // Both decision maps were painted (canvas pixels are not all blank).
    const painted = await page.locator('.twin canvas').evaluateAll((cs) =>
      cs.map((c) => {
        const d = (c as HTMLCanvasElement).getContext('2d')!.getImageData(0, 0, 4, 4).data;
        return d.some((v) => v !== 0);
      })
    );
    expect(painted).toEqual([true, true]);
    expect(log.problems()).toEqual([]);
    await close();
  });

  it('a prediction is optional, kept across a reload, and can be cleared', async () => {
    const { page, log, close } = await openPage(browser, site);
    await openTwin(page);
    const prediction = () => page.locator('[data-testid="prediction-twin"]');
    expect(await prediction().getByRole('radio', { checked: true }).count()).toBe(0);
    await prediction().getByRole('radio', { name: 'Without dropout' }).check();
    await page.reload();
    await openTwin(page);
    await expect.poll(() => prediction().getByRole('radio', { name: 'Without dropout' }).isChecked()).toBe(true);
    await prediction().getByRole('button', { name: 'Clear my guess' }).click();
    await page.reload();
    await openTwin(page);
    expect(await prediction().getByRole('radio', { checked: true }).count()).toBe(0);
    expect(log.problems()).toEqual([]);
    await close();
  });

  it('reset restores the same initial weights: the first epochs repeat exactly', async () => {
    const { page, log, close } = await openPage(browser, site);
    await openTwin(page);
    const step = twin(page).getByRole('button', { name: 'Step one epoch' });
    const status = page.locator('[data-testid="twin-status"]');
    for (let e = 1; e <= 3; e++) {
      await step.click();
      await expect
        .poll(() => status.innerText())
        .toMatch(new RegExp(`Without dropout: epoch ${e} [\\s\\S]*With dropout: epoch ${e} `));
    }
    await page.locator('[data-testid="twin-charts"] summary').first().click();
    const first = await tableRows(page);
    expect(first).toHaveLength(3);
    await twin(page).getByRole('button', { name: 'Reset' }).click();
    await expect.poll(() => status.innerText()).toMatch(/Without dropout: epoch 0[\s\S]*With dropout: epoch 0/);
    for (let e = 1; e <= 3; e++) {
      await step.click();
      await expect
        .poll(() => status.innerText())
        .toMatch(new RegExp(`Without dropout: epoch ${e} [\\s\\S]*With dropout: epoch ${e} `));
    }
    expect(await tableRows(page)).toEqual(first);
    expect(log.problems()).toEqual([]);
    await close();
  });

  it('survives a malformed link: visible note, valid settings, no console error, no NaN', async () => {
    const { page, log, close } = await openPage(browser, site, { viewport: { width: 360, height: 800 } });
    const bad =
      '?lr=NaN&width=1e999&depth=-3&p=0.5,<script>alert(1)</script>&batch=%E0%A4%A&seed=1&seed=2&zzz=' +
      'x'.repeat(5000);
    await openTwin(page, bad);
    const notes = page.locator('[data-testid="twin-notes"]');
    await expect.poll(() => notes.innerText()).toMatch(/lr/);
    expect(await notes.innerText()).toMatch(/width/);
    expect(await twin(page).getByLabel('Units per hidden layer').inputValue()).toBe('1024'); // the largest width
    await twin(page).getByRole('button', { name: 'Step one epoch' }).click();
    await expect
      .poll(() => page.locator('[data-testid="twin-status"]').innerText())
      .toMatch(/Without dropout: epoch 1 /);
    // The notes quote the bad input (e.g. "NaN"); everything the page measured is free of it.
    for (const id of ['twin-status', 'twin-charts', 'twin-verdict']) {
      expect(await page.locator(`[data-testid="${id}"]`).innerText()).not.toMatch(/NaN|Infinity/);
    }
    // No horizontal overflow at 360 px.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    expect(log.problems()).toEqual([]);
    await close();
  });

  it('a diverging learning rate stops with a message, never NaN', async () => {
    const { page, log, close } = await openPage(browser, site);
    await openTwin(page, '?opt=sgd&lr=3&mom=0.99&epochs=40');
    await twin(page).getByRole('button', { name: 'Play' }).click();
    await expect
      .poll(() => page.locator('[data-testid="twin-status"]').innerText(), { timeout: 60_000 })
      .toMatch(/diverged at epoch \d+[\s\S]*learning rate/i);
    expect(await twin(page).innerText()).not.toMatch(/NaN|Infinity/);
    expect(log.problems()).toEqual([]);
    await close();
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`the CSV download matches the table; the PNG is a real image; axe finds no violation (${colorScheme})`, async () => {
      const { page, log, close } = await openPage(browser, site, { acceptDownloads: true, colorScheme });
      await openTwin(page, '?epochs=20');
      await twin(page).getByRole('button', { name: 'Play' }).click();
      await expect
        .poll(() => page.locator('[data-testid="twin-status"]').innerText(), { timeout: 60_000 })
        .toMatch(/Without dropout: epoch 20 of 20 \(done\)[\s\S]*With dropout: epoch 20 of 20 \(done\)/);
      await page.locator('[data-testid="twin-charts"] summary').first().click();
      const rows = await tableRows(page);
      const [csvDownload] = await Promise.all([
        page.waitForEvent('download'),
        twin(page)
          .getByRole('button', { name: /curves \(CSV\)/ })
          .click()
      ]);
      const csv = (await readFile((await csvDownload.path())!, 'utf8')).trimEnd().split('\n');
      expect(csv[0]).toMatch(/^epoch,train_loss_plain,val_loss_plain/);
      const parsed = csv.slice(1).map((l) => l.split(',').map((c) => (c === '' ? null : Number(c))));
      expect(parsed).toHaveLength(rows.length);
      // The table shows 4 significant digits of the same numbers the CSV holds to 6.
      parsed.forEach((r, i) =>
        r.forEach((v, j) => {
          const t = rows[i][j];
          if (v === null || t === null) expect(t).toBe(v);
          else expect(Math.abs(v - t)).toBeLessThanOrEqual(Math.abs(v) * 1e-3 + 1e-9);
        })
      );
      const [pngDownload] = await Promise.all([
        page.waitForEvent('download'),
        twin(page)
          .getByRole('button', { name: /chart \(PNG\)/ })
          .click()
      ]);
      const png = await readFile((await pngDownload.path())!);
      expect(png.subarray(1, 4).toString()).toBe('PNG');
      expect(png.length).toBeGreaterThan(5000);
      await twin(page).getByText('Show the code').click();
      expect(await twin(page).locator('pre code').innerText()).toContain('nn.Dropout(0.5 if dropout else 0.0)');
      const violations = await checkA11y(page);
      expect(violations, formatViolations(violations)).toEqual([]);
      expect(log.problems()).toEqual([]);
      await close();
    }, 240_000);
  }

  it('the paper\'s table links to "The paper\'s network": 784-1024-1024-10 on 8,000 digits trains in both twins', async () => {
    const { page, log, close } = await openPage(browser, site);
    await page.goto(`${site.url}/`);
    const link = page.getByRole('link', { name: /The paper's network/ });
    await link.scrollIntoViewIfNeeded();
    await Promise.all([page.waitForURL(/preset=paper/), link.click()]);
    await showExample(page, 'Live example: the twin run', { timeout: 90_000 });
    await expect
      .poll(() => page.locator('[data-testid="twin-status"]').innerText(), { timeout: 120_000 })
      .toMatch(/Without dropout: epoch 0 of 10[\s\S]*With dropout: epoch 0 of 10/);
    expect(await twin(page).getByLabel('Preset').inputValue()).toBe('paper');
    expect(await twin(page).getByLabel('Units per hidden layer').inputValue()).toBe('1024');
    await twin(page).getByRole('button', { name: 'Play' }).click();
    await expect
      .poll(() => page.locator('[data-testid="twin-status"]').innerText(), { timeout: 240_000, interval: 500 })
      .toMatch(/Without dropout: epoch [1-9]\d* of 10[\s\S]*With dropout: epoch [1-9]\d* of 10/);
    await twin(page).getByRole('button', { name: 'Pause' }).click();
    await page.locator('[data-testid="twin-charts"] summary').first().click();
    const first = (await tableRows(page))[0];
    expect(first[0]).toBe(1);
    for (const v of first.slice(1, 5)) expect(v).toBeGreaterThan(0); // losses of a real first epoch
    expect(await twin(page).innerText()).not.toMatch(/NaN|Infinity|undefined/);
    expect(log.problems()).toEqual([]);
    await close();
  });

  it('the URL follows the settings, and back restores the previous ones', async () => {
    const { page, log, close } = await openPage(browser, site);
    await openTwin(page);
    await twin(page).getByLabel('Units per hidden layer').selectOption('16');
    await expect.poll(() => page.url()).toMatch(/width=16/);
    await twin(page).getByLabel('Hidden layers').selectOption('3');
    await expect.poll(() => page.url()).toMatch(/depth=3/);
    await page.goBack();
    await expect.poll(() => twin(page).getByLabel('Hidden layers').inputValue()).toBe('2');
    expect(await twin(page).getByLabel('Units per hidden layer').inputValue()).toBe('16');
    expect(log.problems()).toEqual([]);
    await close();
  });
});
