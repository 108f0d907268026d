// The spatial-dropout example in the built lesson, real engine and real worker in Chromium:
// switching the mask kind changes the drawn mask from scattered pixels to whole maps (read from the
// mask data the component exposes); the experiment (three networks × three seeds, then the map
// knock-out) runs to the end, its chart matches its table, each verdict is checked against its own
// per-seed table, the predictions are judged by those verdicts, the CSV holds the table's numbers;
// the example is accessible (axe) and fits a 360 px phone with chart text of at least 11 px.
import { describe, expect, it } from 'vitest';
import {
  browser,
  checkA11y,
  formatViolations,
  openPage,
  showExample,
  site,
  useSiteAndBrowser,
  type Locator,
  type Page
} from './harness';

useSiteAndBrowser();

const REGION = /Live example: element-wise vs spatial dropout/;
const SIDE = 28 * 28;

/** Scrolls to the example (which mounts it) and waits for the first-layer maps. */
async function openExample(page: Page): Promise<void> {
  await page.goto(site.url + '/');
  await showExample(page, REGION, { timeout: 120_000 });
}

/** What the mask grid says about the mask it draws. */
async function maskState(page: Page) {
  const grid = page.getByTestId('masked-maps');
  const fractions = await grid
    .locator('[data-dropped-fraction]')
    .evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-dropped-fraction'))));
  return {
    kind: await grid.getAttribute('data-mask-kind'),
    fractions,
    whole: Number(await grid.getAttribute('data-whole-maps-dropped')),
    partial: Number(await grid.getAttribute('data-partial-maps')),
    pixels: Number(await grid.getAttribute('data-dropped-pixels'))
  };
}

/** A per-seed table: network → seed → value (cells still "…" are left out). */
async function seedTable(table: Locator): Promise<Record<string, Record<number, number>>> {
  return table.locator('tbody tr').evaluateAll((trs) =>
    Object.fromEntries(
      trs.map((tr) => [
        tr.getAttribute('data-kind') ?? '',
        Object.fromEntries(
          Array.from(tr.querySelectorAll('td[data-seed]'))
            .filter((td) => td.textContent !== '…')
            .map((td) => [Number(td.getAttribute('data-seed')), Number(td.textContent)])
        )
      ])
    )
  );
}

/** The network whose worst seed beats every other network's best seed, read from a table, or null. */
function clearWinner(table: Record<string, Record<number, number>>, lowerIsBetter: boolean): string | null {
  const sign = lowerIsBetter ? 1 : -1;
  const kinds = Object.keys(table);
  const worst = (k: string) => Math.max(...Object.values(table[k]).map((v) => sign * v));
  const best = (k: string) => Math.min(...Object.values(table[k]).map((v) => sign * v));
  return kinds.find((a) => kinds.every((b) => b === a || worst(a) < best(b))) ?? null;
}

/** Reads a download stream to text. */
async function streamText(stream: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  for await (const chunk of stream) text += chunk.toString();
  return text;
}

/** The numbers of a chart readout such as "Epoch 3: No dropout 0.52, Element-wise dropout (p = 0.2) 0.49, …". */
function readoutValues(text: string): number[] {
  return text
    .split(': ')
    .slice(1)
    .join(': ')
    .split(/,\s*/)
    .map((part) => Number(part.trim().split(' ').at(-1)));
}

describe('spatial dropout example', () => {
  it('element-wise masks scatter pixels over every map; spatial masks drop whole maps only', async () => {
    const { page, log, close } = await openPage(browser, site, { viewport: { width: 1100, height: 900 } });
    try {
      await openExample(page);
      const example = page.getByTestId('spatial-example');

      const element = await maskState(page);
      expect(element.kind).toBe('element');
      expect(element.fractions).toHaveLength(8);
      // p = 0.3 over 784 pixels per map: every map loses some pixels, none loses all of them.
      expect(element.partial).toBe(8);
      expect(element.whole).toBe(0);
      for (const f of element.fractions) expect(f > 0.15 && f < 0.45, `dropped fraction ${f}`).toBe(true);
      expect(element.pixels).toBe(Math.round(element.fractions.reduce((a, b) => a + b, 0) * SIDE));

      await example.getByRole('radio', { name: /^Spatial \(/ }).check();
      // Draw until the mask drops at least one map (P(no map dropped) = 0.7⁸ ≈ 6% per draw).
      let spatial = await maskState(page);
      for (let i = 0; i < 6 && spatial.whole === 0; i++) {
        await example.getByRole('button', { name: 'Draw a new mask' }).click();
        spatial = await maskState(page);
      }
      expect(spatial.kind).toBe('spatial');
      expect(spatial.partial).toBe(0);
      expect(spatial.whole).toBeGreaterThan(0);
      for (const f of spatial.fractions) expect([0, 1]).toContain(f);
      expect(spatial.pixels).toBe(spatial.whole * SIDE);
      // The recovery numbers name both kinds, and a dropped map leaves nothing to recover from
      // (unless every dropped map was empty, which the text then says instead of a number).
      await expect
        .poll(() => example.locator('.facts').textContent())
        .toMatch(
          /recover\s+\d+%\s+under the element-wise mask and\s+(0%\s+under the spatial mask|nothing under the spatial mask)/
        );

      // Back to element-wise: scattered again.
      await example.getByRole('radio', { name: /^Element-wise \(/ }).check();
      const again = await maskState(page);
      expect(again.kind).toBe('element');
      expect(again.whole).toBe(0);
      expect(again.partial).toBe(8);

      // Picking another digit redraws its maps (the accessible names carry the digit).
      await example.getByRole('radio', { name: 'Handwritten 7' }).check();
      await expect.poll(() => example.getByText(/feature maps of the first convolution for this 7/).count()).toBe(1);
      expect(log.problems()).toEqual([]);
    } finally {
      await close();
    }
  }, 240_000);

  it('runs the experiment to the end: the verdicts agree with their own per-seed tables, predictions judged, CSV, axe clean', async () => {
    const { page, log, close } = await openPage(browser, site, { viewport: { width: 1100, height: 900 } });
    try {
      await openExample(page);
      const example = page.getByTestId('spatial-example');
      // Nothing trains until asked: the learner may predict first.
      expect(await example.getAttribute('data-state')).toBe('idle');
      await example.getByTestId('prediction-spatial-knockout').getByRole('radio', { name: 'Spatial dropout' }).check();
      await example
        .getByTestId('prediction-spatial-generalisation')
        .getByRole('radio', { name: 'Spatial dropout' })
        .check();
      const t0 = Date.now();
      await example.getByRole('button', { name: 'Run the experiment' }).click();
      await expect.poll(() => example.getAttribute('data-state')).toBe('running');
      await expect.poll(() => example.getAttribute('data-state'), { timeout: 1_200_000, interval: 2000 }).toBe('done');
      console.log(
        `spatial experiment: done ${((Date.now() - t0) / 1000).toFixed(0)} s after the start; ${await example.locator('.status').textContent()}`
      );

      // Validation loss: three mean curves through 12 epochs, and the table behind them.
      const chart = example.getByRole('img', { name: /Validation loss per epoch/ });
      const paths = await chart.locator('path.line').evaluateAll((els) => els.map((e) => e.getAttribute('d') ?? ''));
      expect(paths).toHaveLength(3);
      for (const d of paths) expect(d.split('L')).toHaveLength(12);
      await example.getByText('Show the numbers as a table').first().click();
      const rows = await example
        .locator('.data-table')
        .first()
        .locator('tbody tr')
        .evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td'), (td) => td.textContent ?? '')));
      expect(rows).toHaveLength(12);
      await chart.focus();
      await page.keyboard.press('End');
      const readout = (await example.locator('.readout').first().textContent()) ?? '';
      expect(readout).toMatch(/^Epoch 12:/);
      const fromChart = readoutValues(readout);
      const fromTable = rows[11].slice(1, 4).map(Number);
      for (let i = 0; i < 3; i++)
        expect(Math.abs(fromChart[i] - fromTable[i])).toBeLessThanOrEqual(0.0051 * Math.max(1, fromTable[i]));
      expect(rows[11].slice(4)).toEqual(['3', '3', '3']);

      // Each verdict against its own table: a winner only when its worst seed beats every other network's best.
      const generalisation = await seedTable(example.getByTestId('seed-table'));
      const lossWinner = await example.getByTestId('verdict').getAttribute('data-winner');
      expect(lossWinner).toBe(clearWinner(generalisation, true) ?? 'none-clear');
      const lost = await seedTable(example.getByTestId('knockout-table'));
      const keeper = await example.getByTestId('knockout-verdict').getAttribute('data-winner');
      expect(keeper).toBe(clearWinner(lost, true) ?? 'none-clear');
      const verdicts = [
        await example.getByTestId('verdict').innerText(),
        await example.getByTestId('knockout-verdict').innerText()
      ];
      console.log(`spatial verdicts:\n${verdicts.join('\n')}`);
      expect(verdicts[0]).toMatch(/Best validation loss, mean \(lowest–highest\) over 3 seeds: /);

      // The knock-out chart: three lines through k = 0 … 6.
      const knock = example.getByRole('img', { name: /first-layer maps are zeroed/ });
      const kPaths = await knock.locator('path.line').evaluateAll((els) => els.map((e) => e.getAttribute('d') ?? ''));
      expect(kPaths).toHaveLength(3);
      for (const d of kPaths) expect(d.split('L')).toHaveLength(7);

      // The predictions are judged by those verdicts.
      const expected = (winner: string | null) =>
        winner === 'none-clear' ? 'unclear' : winner === 'spatial' ? 'held' : 'missed';
      expect(
        await example
          .getByTestId('prediction-spatial-knockout')
          .getByTestId('prediction-result')
          .getAttribute('data-outcome')
      ).toBe(expected(keeper));
      expect(
        await example
          .getByTestId('prediction-spatial-generalisation')
          .getByTestId('prediction-result')
          .getAttribute('data-outcome')
      ).toBe(expected(lossWinner));

      // The CSV holds the table's numbers: one row per network and seed.
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        example.getByRole('button', { name: 'Download the numbers (CSV)' }).click()
      ]);
      const csv = (await streamText(await download.createReadStream())).trim().split('\n');
      expect(csv).toHaveLength(1 + 9);
      for (const line of csv.slice(1)) {
        const [seed, kind, , loss] = line.split(',');
        expect(Number(loss).toFixed(3)).toBe(generalisation[kind][Number(seed)].toFixed(3));
      }

      const text = (await example.textContent()) ?? '';
      expect(text).not.toMatch(/NaN|undefined|Infinity/);
      const violations = await checkA11y(page);
      expect(violations, formatViolations(violations)).toEqual([]);
      expect(log.problems()).toEqual([]);
    } finally {
      await close();
    }
  }, 1_500_000);

  it('fits a 360 px phone in dark mode with reduced motion, and stays accessible', async () => {
    const { page, log, close } = await openPage(browser, site, {
      viewport: { width: 360, height: 780 },
      colorScheme: 'dark',
      reducedMotion: 'reduce'
    });
    try {
      await openExample(page);
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth
      );
      expect(overflow).toBe(0);
      const example = page.getByTestId('spatial-example');
      await example.getByRole('button', { name: 'Run the experiment' }).click();
      // Chart text stays at least 11 CSS px on the phone (font size times the SVG's scale).
      await expect.poll(() => example.locator('svg[role="img"] text').count()).toBeGreaterThan(0);
      const sizes = await example.locator('svg[role="img"] text').evaluateAll((els) =>
        els.map((t) => {
          const svg = (t as SVGTextElement).ownerSVGElement!;
          const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
          return parseFloat(getComputedStyle(t).fontSize) * scale;
        })
      );
      expect(Math.min(...sizes)).toBeGreaterThanOrEqual(11);
      // Stop the training: this test is about layout, not results.
      await example.getByRole('button', { name: 'Stop' }).click();
      // Seen between epochs: within one epoch, which a busy machine can stretch.
      await expect.poll(() => example.getAttribute('data-state'), { timeout: 120_000 }).toBe('idle');
      const violations = await checkA11y(page);
      expect(violations, formatViolations(violations)).toEqual([]);
      expect(log.problems()).toEqual([]);
    } finally {
      await close();
    }
  }, 240_000);
});
