// The drawing pad at 360 px by touch, in Chromium on the built site: taps add points of the chosen class,
// erase and undo work, the drawn set trains with both decision maps painted, travels in the link (a reload
// of that link trains on the same points), the page does not overflow, and axe finds nothing.
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
import { ensembleCurveSays, tapPad } from './your-data-helpers';

useSiteAndBrowser();

const twin = (page: Page) => page.getByRole('region', { name: 'Live example: the twin run', exact: true });
const status = (page: Page) => page.locator('[data-testid="twin-status"]');
const count = (page: Page) => page.getByTestId('draw-count');

describe('the drawing pad', () => {
  it('by touch at 360 px: draw two classes, erase, undo, train with maps, share by link', async () => {
    const { page, log, close } = await openPage(browser, site, {
      viewport: { width: 360, height: 800 },
      hasTouch: true,
      isMobile: true
    });
    await page.goto(`${site.url}/?epochs=8`);
    await showExample(page, 'Live example: the twin run', { timeout: 90_000 });
    await expect.poll(() => status(page).innerText(), { timeout: 60_000 }).toMatch(/With dropout: epoch 0/);
    await twin(page)
      .getByRole('combobox', { name: /^Data\b/ })
      .selectOption('csv');
    await page.getByText('…or draw points on the plane').tap();
    const pad = page.getByTestId('draw-pad');
    for (const x of [-1, -0.5, 0, 0.5]) await tapPad(page, x, 0.8);
    await expect.poll(() => count(page).innerText()).toMatch(/^4 points: 4 of class 0/);
    await pad.getByRole('button', { name: 'Class 1' }).tap();
    for (const x of [-1, -0.5, 0, 0.5, 1]) await tapPad(page, x, -0.8);
    await expect
      .poll(() => count(page).innerText())
      .toMatch(/^9 points: 4 of class 0 \(orange circles\), 5 of class 1/);
    await pad.getByRole('button', { name: 'Erase' }).tap();
    await tapPad(page, 1, -0.8);
    await expect.poll(() => count(page).innerText()).toMatch(/^8 points: 4 of class 0.*4 of class 1/);
    await pad.getByRole('button', { name: 'Undo' }).tap();
    await expect.poll(() => count(page).innerText()).toMatch(/^9 points/);
    await pad.getByRole('button', { name: 'Erase' }).tap(); // back to adding
    await tapPad(page, 1, 0.8); // class 1 is still chosen
    await expect.poll(() => count(page).innerText()).toMatch(/^10 points: 4 of class 0.*6 of class 1/);
    const violations = await checkA11y(page);
    expect(violations, formatViolations(violations)).toEqual([]);

    await pad.getByRole('button', { name: 'Train on these points' }).tap();
    await expect.poll(() => page.getByTestId('user-data-drawn').innerText()).toMatch(/Training on 10 drawn points/);
    await expect.poll(() => page.url()).toMatch(/data=csv.*pts=b[\w-]{30}(&|$)/);
    await expect
      .poll(() => status(page).innerText())
      .toMatch(/Without dropout: epoch 0 of 8[\s\S]*With dropout: epoch 0 of 8/);
    await twin(page).getByRole('button', { name: 'Play' }).tap();
    await expect
      .poll(() => status(page).innerText(), { timeout: 60_000 })
      .toMatch(/Without dropout: epoch 8 of 8 \(done\)[\s\S]*With dropout: epoch 8 of 8 \(done\)/);
    const painted = await twin(page)
      .locator('.maps canvas')
      .evaluateAll((cs) =>
        cs.map((c) =>
          (c as HTMLCanvasElement)
            .getContext('2d')!
            .getImageData(0, 0, 4, 4)
            .data.some((v) => v !== 0)
        )
      );
    expect(painted).toEqual([true, true]);
    expect(await twin(page).innerText()).not.toMatch(/NaN|Infinity|undefined/);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

    // Kept in this browser too: the address without the points still finds them.
    await expect.poll(() => page.getByTestId('user-data-store').innerText()).toMatch(/Kept in this browser/);
    const link0 = page.url();
    await page.goto(`${site.url}/?data=csv&epochs=8`);
    await showExample(page, 'Live example: the twin run', { timeout: 90_000 });
    await expect.poll(() => page.getByTestId('user-data-drawn').innerText()).toMatch(/Training on 10 drawn points/);
    await expect.poll(() => page.locator('[data-testid="twin-notes"]').count()).toBe(0);
    await page.goto(link0);

    // The link carries the points: opened afresh it trains on the same 10.
    const link = link0;
    const second = await openPage(browser, site, { viewport: { width: 360, height: 800 }, hasTouch: true });
    await second.page.goto(link);
    await showExample(second.page, 'Live example: the twin run', { timeout: 90_000 });
    await expect
      .poll(() => second.page.getByTestId('user-data-drawn').innerText())
      .toMatch(/Training on 10 drawn points/);
    expect(await second.page.locator('[data-testid="twin-notes"]').count()).toBe(0);

    // The neuron explorer offers the same drawn points and shows its feature maps of them.
    const explorer = await showExample(second.page, /Live example: drop neurons by hand/, {
      ready: '[data-testid="output-plain"]',
      timeout: 90_000
    });
    const out = () =>
      second.page
        .locator('[data-testid="output-plain"]')
        .evaluate((c: HTMLCanvasElement) =>
          Array.from(c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data).join()
        )
        .catch(() => '');
    const moons = await out();
    const menu = explorer.getByRole('combobox', { name: /Data set/ });
    await menu.focus();
    await menu.selectOption({ label: 'Your drawn points (10)' });
    await expect
      .poll(
        async () => {
          const now = await out();
          return now !== '' && now !== moons;
        },
        { timeout: 90_000 }
      )
      .toBe(true);
    const maps = await explorer.locator('canvas').count();
    expect(maps).toBeGreaterThan(2);
    expect(await explorer.innerText()).not.toMatch(/NaN|undefined/);

    // And the ensemble lab: its maps, uncertainty and error-vs-k on the same points.
    const ensemble = await showExample(second.page, 'Live example: inside the exponential ensemble', {
      timeout: 120_000
    });
    const eMenu = ensemble.getByRole('combobox', { name: /^Data\b/ });
    await eMenu.focus();
    await eMenu.selectOption({ label: 'Your drawn points' });
    await ensembleCurveSays(ensemble, /your drawn points/);
    await expect.poll(() => ensemble.locator('[data-testid="uncertainty-text"]').count()).toBe(1);
    expect(await ensemble.locator('canvas').count()).toBeGreaterThan(3);
    expect(second.log.problems()).toEqual([]);
    await second.close();
    expect(log.problems()).toEqual([]);
    await close();
  }, 240_000);
});
