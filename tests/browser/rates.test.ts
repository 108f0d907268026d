// The rate sweep in the built lesson, real engine and two real workers in Chromium: a prediction is
// made, the sweep on 300 digits runs to the end while cells fill in, the verdict names for every width
// the p its own table says won, and says which runs the epoch cap ended (or that every run stopped by
// patience, and the longest) as the table's best / last epochs show, the heatmap marks the same cells, the CSV holds every run, no NaN is
// shown, the chart's text stays ≥ 11 px at 360 px, axe finds nothing, and a crashed worker is reported
// with a restart that brings the sweep back.
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

const REGION = 'Live example: a sweep of drop probabilities over layer widths';
const WORKER_SCRIPTS = /\/_app\/immutable\/workers\/rates\.worker-[^/]+\.js$/;

async function openExample(page: Page) {
  await page.goto(site.url + '/');
  return showExample(page, REGION);
}

/** The data table's rows: width, p, seeds, mean loss, … (opens the table first). */
async function tableRows(page: Page): Promise<string[][]> {
  const example = page.getByTestId('rates-example');
  const details = example.locator('details.data-table');
  if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open))) await details.locator('summary').click();
  return details
    .locator('tbody tr')
    .evaluateAll((trs) => trs.map((tr) => [...tr.children].map((td) => td.textContent ?? '')));
}

describe('rate sweep example', () => {
  it('runs to the end on two workers; the verdict agrees with its own table and heatmap', async () => {
    const { page, log, close } = await openPage(browser, site, { viewport: { width: 1100, height: 900 } });
    try {
      const region = await openExample(page);
      const example = page.getByTestId('rates-example');
      await page.getByTestId('rates-train-size').selectOption('300');
      await region.getByTestId('prediction-rates').getByRole('radio', { name: '256 units' }).check();
      await page.getByTestId('rates-run').click();
      await expect.poll(() => example.getAttribute('data-state')).toBe('running');
      // Cells fill in as runs finish, before the sweep is over.
      await expect
        .poll(() => example.locator('.cell:not(:has-text("…"))').count(), { timeout: 200_000, interval: 200 })
        .toBeGreaterThan(0);
      expect(await example.getAttribute('data-state')).toBe('running');
      await expect.poll(() => example.getAttribute('data-state'), { timeout: 400_000, interval: 1000 }).toBe('done');

      const rows = await tableRows(page);
      expect(rows).toHaveLength(18);
      const widths = [...new Set(rows.map((r) => Number(r[0])))];
      expect(widths).toEqual([16, 64, 256]);
      const verdict = await page.getByTestId('rates-verdict').innerText();
      for (const w of widths) {
        const row = rows.filter((r) => Number(r[0]) === w);
        for (const r of row) expect(r[2]).toBe('2'); // both seeds in every cell
        const lowest = Math.min(...row.map((r) => Number(r[3])));
        // Cells equal to three decimals can both be the lowest; the verdict compares unrounded means.
        const candidates = row.filter((r) => Number(r[3]) === lowest).map((r) => r[1]);
        const said = new RegExp(`${w} units: (?:no clear difference[^;]*; )?p = ([\\d.]+) (?:won|was lowest)`).exec(
          verdict
        );
        expect(said, verdict).not.toBeNull();
        // The verdict's winner is the table's lowest mean loss…
        expect(candidates).toContain(said![1]);
        // …and the heatmap marks that cell, and only that one, in the row.
        const marked = await example
          .locator(`.cell.best[data-width="${w}"]`)
          .evaluateAll((els) => els.map((e) => e.getAttribute('data-p')));
        expect(marked).toEqual([said![1]]);
      }
      expect(verdict).toMatch(/smallest network/);
      // Early stopping, as the table shows it: each seed's "best/last" epoch, "(cap)" when the cap ended it.
      const epochs = rows.flatMap((r) =>
        r[7].split(', ').map((e) => {
          const m = /^(\d+)\/(\d+)( \(cap\))?$/.exec(e);
          expect(m, r[7]).not.toBeNull();
          return { best: Number(m![1]), stop: Number(m![2]), capped: m![3] !== undefined };
        })
      );
      expect(epochs).toHaveLength(36);
      for (const e of epochs) {
        expect(e.best).toBeLessThanOrEqual(e.stop);
        if (!e.capped) expect(e.stop - e.best).toBe(10); // stopped by a patience of 10 epochs
      }
      const capped = epochs.filter((e) => e.capped);
      if (capped.length === 0) {
        const longest = Math.max(...epochs.map((e) => e.stop));
        expect(verdict).toMatch(new RegExp(`Every run converged: .*and stopped at ${longest}\\.`));
        expect(verdict).not.toMatch(/Not converged/);
      } else {
        expect(verdict).toMatch(
          new RegExp(`Not converged: ${capped.length === 1 ? 'one run' : `${capped.length} runs`} reached the cap`)
        );
      }
      expect(await example.innerText()).not.toMatch(/NaN/);
      // The prediction says whether it held (or that the run shows no clear difference).
      await expect
        .poll(() => region.getByTestId('prediction-rates').innerText())
        .toMatch(/held|missed|no clear difference|unclear/i);

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        example.getByRole('button', { name: /Download the numbers/ }).click()
      ]);
      const path = await download.path();
      const { readFileSync } = await import('node:fs');
      const lines = readFileSync(path, 'utf8').trim().split('\n');
      expect(lines[0]).toMatch(/^train_size,width,p,seed,/);
      expect(lines).toHaveLength(37);
      expect(lines.slice(1).every((l) => l.startsWith('300,'))).toBe(true);

      const violations = await checkA11y(page);
      expect(violations, formatViolations(violations)).toEqual([]);
      expect(log.problems()).toEqual([]);
    } finally {
      await close();
    }
  }, 600_000);

  it('can be stopped, keeps its text legible at 360 px in dark mode, and passes axe', async () => {
    const { page, log, close } = await openPage(browser, site, {
      viewport: { width: 360, height: 800 },
      colorScheme: 'dark'
    });
    try {
      await openExample(page);
      const example = page.getByTestId('rates-example');
      // The setup names the widths about to run, the optional 1,024 too.
      const setup = example.locator('.setup');
      expect(await setup.innerText()).toMatch(/layers of 16, 64 or 256 ReLU units/);
      const extra = example.getByRole('checkbox', { name: /Add 1,024 units/ });
      await extra.check();
      expect(await setup.innerText()).toMatch(/layers of 16, 64, 256 or 1,024 ReLU units/);
      await extra.uncheck();
      await page.getByTestId('rates-run').click();
      await expect
        .poll(() => example.locator('.cell:not(:has-text("…"))').count(), { timeout: 200_000, interval: 200 })
        .toBeGreaterThan(0);
      await page.getByTestId('rates-stop').click();
      await expect.poll(() => example.getAttribute('data-state')).toBe('idle');
      await expect.poll(() => page.getByTestId('rates-status').innerText()).toMatch(/Stopped after \d+ of 36 runs/);
      expect(await example.innerText()).not.toMatch(/NaN/);
      // Chart text: its font size times the drawing's scale on screen.
      const sizes = await example.locator('svg[role="img"] text').evaluateAll((els) =>
        els.map((t) => {
          const svg = (t as SVGTextElement).ownerSVGElement!;
          const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
          return parseFloat(getComputedStyle(t).fontSize) * scale;
        })
      );
      expect(sizes.length).toBeGreaterThan(0);
      expect(Math.min(...sizes)).toBeGreaterThanOrEqual(11);
      const cellFont = await example
        .locator('.cell')
        .first()
        .evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
      expect(cellFont).toBeGreaterThanOrEqual(11);
      const violations = await checkA11y(page);
      expect(violations, formatViolations(violations)).toEqual([]);
      expect(log.problems()).toEqual([]);
    } finally {
      await close();
    }
  }, 300_000);

  it('reports a crashed worker with a restart, which runs the sweep again', async () => {
    const { context, page, log, close } = await openPage(browser, site, { serviceWorkers: 'block' });
    try {
      await context.route(WORKER_SCRIPTS, (route) =>
        route.fulfill({ contentType: 'text/javascript', body: 'throw new Error("simulated worker crash");' })
      );
      const region = await openExample(page);
      await page.getByTestId('rates-run').click();
      const alert = region.getByRole('alert').first();
      await alert.waitFor({ timeout: 60_000 });
      expect(await alert.innerText()).toMatch(/simulated worker crash[\s\S]*rest of the page still works/);
      await context.unroute(WORKER_SCRIPTS);
      await region.getByRole('button', { name: /^Restart/ }).click();
      await expect.poll(() => region.getByRole('alert').count(), { timeout: 30_000 }).toBe(0);
      await expect.poll(() => page.getByTestId('rates-example').getAttribute('data-state')).toBe('running');
      await expect
        .poll(() => page.getByTestId('rates-status').innerText(), { timeout: 200_000, interval: 200 })
        .toMatch(/runs finished/);
      await page.getByTestId('rates-stop').click();
      expect(log.pageErrors).toEqual([]);
    } finally {
      await close();
    }
  }, 300_000);
});
