// The augmentation example in the built lesson, real engine and real worker in Chromium: a
// prediction, then the whole default run (four networks × every seed) to the end; the chart has four
// curves, the verdict agrees with the example's own table (recomputed here from the table's numbers by
// the rule the page states: a difference counts only when the seeds' ranges do not overlap), the
// prediction's result agrees with the verdict, the CSV download holds the table's numbers, and
// nothing shows NaN. Then: stop and train again by keyboard at 360 px in dark mode (no overflow, axe
// clean), and a crashed worker reported with a restart that brings it back. (Chart text size at 360 px is
// the shared LineChart's, checked for every chart by the layout test.)
import { readFile } from 'node:fs/promises';
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

const LABEL = 'Live example: dropout and data augmentation, four networks';
const VARIANTS = ['neither', 'dropout', 'augment', 'both'] as const;

async function openExample(page: Page) {
  await page.goto(site.url + '/');
  await showExample(page, LABEL);
  return page.getByTestId('augment-example');
}

/** The summary table's numbers, per network, from the data attributes its rows carry. */
async function summary(page: Page) {
  const rows = await page
    .getByTestId('augment-summary')
    .locator('tbody tr')
    .evaluateAll((trs) =>
      trs.map((tr) => ({
        variant: tr.getAttribute('data-variant') ?? '',
        seeds: Number(tr.getAttribute('data-seeds')),
        mean: Number(tr.getAttribute('data-final-mean')),
        min: Number(tr.getAttribute('data-final-min')),
        max: Number(tr.getAttribute('data-final-max')),
        bestMin: Number(tr.getAttribute('data-best-min')),
        bestMax: Number(tr.getAttribute('data-best-max'))
      }))
    );
  return Object.fromEntries(rows.map((r) => [r.variant, r]));
}

describe('augmentation example', () => {
  it('runs to the end; the verdict and the prediction agree with its own table; the CSV holds the same numbers', async () => {
    const { page, log, close } = await openPage(browser, site, {
      viewport: { width: 1100, height: 900 },
      acceptDownloads: true
    });
    try {
      const example = await openExample(page);
      expect(await example.getAttribute('data-state')).toBe('idle');
      await example.getByRole('radio', { name: 'Shifts', exact: true }).check();
      const t0 = Date.now();
      await example.getByRole('button', { name: 'Train the four networks' }).click();
      await expect.poll(() => example.getAttribute('data-state'), { timeout: 400_000, interval: 1000 }).toBe('done');
      const status = (await example.locator('.status').textContent()) ?? '';
      console.log(`augmentation experiment: done in ${((Date.now() - t0) / 1000).toFixed(0)} s; ${status}`);

      // Four curves over the 25 epochs.
      const chart = example.getByRole('img', { name: /Validation loss per epoch of the four networks/ });
      const paths = await chart.locator('path.line').evaluateAll((els) => els.map((e) => e.getAttribute('d') ?? ''));
      expect(paths).toHaveLength(4);
      for (const d of paths) expect(d.split('L')).toHaveLength(25);

      // The verdict, recomputed from the table.
      const t = await summary(page);
      expect(Object.keys(t).sort()).toEqual([...VARIANTS].sort());
      for (const v of VARIANTS) {
        expect(t[v].seeds).toBe(3);
        expect(t[v].min).toBeLessThanOrEqual(t[v].mean);
        expect(t[v].mean).toBeLessThanOrEqual(t[v].max);
      }
      const byMean = [...VARIANTS].sort((a, b) => t[a].mean - t[b].mean);
      const first = byMean[0];
      const lowest = byMean.slice(1).every((v) => t[first].max < t[v].min) ? first : 'unclear';
      const a = t.augment;
      const d = t.dropout;
      const helpsMore = a.max < d.min ? 'augment' : d.max < a.min ? 'dropout' : 'unclear';
      const verdict = example.getByTestId('augment-verdict');
      expect(await verdict.getAttribute('data-lowest')).toBe(lowest);
      expect(await verdict.getAttribute('data-helps-more')).toBe(helpsMore);
      const text = (await verdict.textContent()) ?? '';
      if (lowest === 'unclear') expect(text).toMatch(/^No clear difference at the end/);
      else expect(text).toContain(`final validation loss ${t[lowest].mean.toFixed(3)}`);
      expect(text).toContain(
        helpsMore === 'augment'
          ? 'the shifts help more'
          : helpsMore === 'dropout'
            ? 'dropout helps more'
            : 'no clear difference (the seeds overlap)'
      );
      console.log(`augmentation verdict: ${text}`);

      // The prediction ("Shifts") against the verdict.
      const outcome = await example.getByTestId('prediction-result').getAttribute('data-outcome');
      expect(outcome).toBe(lowest === 'unclear' ? 'unclear' : lowest === 'augment' ? 'held' : 'missed');

      // The CSV: every epoch of every network and seed; its final losses average to the table's means.
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        example.getByRole('button', { name: 'Download the numbers (CSV)' }).click()
      ]);
      const lines = (await readFile((await download.path())!, 'utf8')).trimEnd().split('\n');
      expect(lines[0]).toBe('seed,network,epoch,train_loss,train_error,val_loss,val_error');
      expect(lines).toHaveLength(1 + 3 * 4 * 25);
      const finals = lines
        .slice(1)
        .map((l) => l.split(','))
        .filter((c) => c[2] === '25');
      for (const v of VARIANTS) {
        const mine = finals.filter((c) => c[1] === v).map((c) => Number(c[5]));
        expect(mine).toHaveLength(3);
        const mean = mine.reduce((s, x) => s + x, 0) / 3;
        expect(Math.abs(mean - t[v].mean)).toBeLessThan(1e-5);
        expect(Math.abs(Math.min(...mine) - t[v].min)).toBeLessThan(1e-5);
      }

      const all = (await example.textContent()) ?? '';
      expect(all).not.toMatch(/NaN|undefined|Infinity/);
      const violations = await checkA11y(page);
      expect(violations, formatViolations(violations)).toEqual([]);
      expect(log.problems()).toEqual([]);
    } finally {
      await close();
    }
  }, 480_000);

  it('at 360 px in dark mode: starts and stops by keyboard, trains again, fits, axe clean', async () => {
    const { page, log, close } = await openPage(browser, site, {
      viewport: { width: 360, height: 780 },
      colorScheme: 'dark',
      reducedMotion: 'reduce'
    });
    try {
      const example = await openExample(page);
      await example.getByRole('button', { name: 'Train the four networks' }).focus();
      await page.keyboard.press('Enter');
      await expect
        .poll(() => example.getByRole('status').textContent(), { timeout: 120_000 })
        .toMatch(/epoch \d+ of 25/);
      await example.getByRole('button', { name: 'Stop' }).focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => example.getAttribute('data-state')).toBe('idle');
      await expect.poll(() => example.getByRole('status').textContent()).toMatch(/^Stopped/);
      // Train again: a fresh run starts from epoch 1.
      await example.getByRole('button', { name: 'Train the four networks again' }).click();
      await expect.poll(() => example.getAttribute('data-state')).toBe('running');
      await expect.poll(() => example.getByRole('status').textContent(), { timeout: 120_000 }).toMatch(/Seed 1 of 3/);
      await example.getByRole('button', { name: 'Stop' }).click();
      await expect.poll(() => example.getAttribute('data-state')).toBe('idle');

      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth
      );
      expect(overflow).toBe(0);
      expect((await example.textContent()) ?? '').not.toMatch(/NaN|undefined|Infinity/);
      const violations = await checkA11y(page);
      expect(violations, formatViolations(violations)).toEqual([]);
      expect(log.problems()).toEqual([]);
    } finally {
      await close();
    }
  }, 300_000);

  it('a worker that cannot run is reported with a restart, which brings the example back', async () => {
    const { context, page, log, close } = await openPage(browser, site, { serviceWorkers: 'block' });
    const script = /\/_app\/immutable\/workers\/augment\.worker-[^/]+\.js$/;
    await context.route(script, (route) =>
      route.fulfill({ contentType: 'text/javascript', body: 'throw new Error("simulated worker crash");' })
    );
    try {
      await page.goto(site.url + '/');
      const region = await showExample(page, LABEL, { ready: '[role="alert"]', timeout: 90_000 });
      expect(await region.getByRole('alert').innerText()).toMatch(
        /simulated worker crash[\s\S]*rest of the page still works/
      );
      await context.unroute(script);
      await region.getByRole('button', { name: 'Restart the example' }).click();
      await expect.poll(() => region.getByRole('alert').count(), { timeout: 30_000 }).toBe(0);
      const example = page.getByTestId('augment-example');
      await example.getByRole('button', { name: 'Train the four networks' }).click();
      await expect
        .poll(() => example.getByRole('status').textContent(), { timeout: 120_000 })
        .toMatch(/epoch \d+ of 25/);
      await example.getByRole('button', { name: 'Stop' }).click();
      expect(log.pageErrors).toEqual([]);
    } finally {
      await close();
    }
  }, 240_000);
});
