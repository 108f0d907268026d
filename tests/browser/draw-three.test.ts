// Three classes, in Chromium on the built site: a drawn set of three classes trains in the twin run with
// both decision maps painted by class (three colours) and the three-class key; the neuron explorer's own
// "Your data" pad works by touch at 360 px, trains on three classes and paints its maps; the ensemble lab
// draws its maps and uncertainty for them; axe finds nothing on the new controls; the page never overflows.
// Taken out, the three-class set's data CSV, weights and loading code give the page's validation accuracy.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { loadJSON, mlp, predict, Random, tensor } from '../../src/lib/engine';
import {
  checkA11y,
  formatViolations,
  openPage,
  showExample,
  useSiteAndBrowser,
  type Browser,
  type Locator,
  type Page,
  type Site
} from './harness';
import { ensembleCurveSays, tapPad } from './your-data-helpers';

let site: Site;
let browser: Browser;
useSiteAndBrowser((s, b) => ((site = s), (browser = b)));

const MOBILE = { viewport: { width: 360, height: 800 }, hasTouch: true, isMobile: true };

/** Draws three points of each class, in three separate groups, by touch. */
async function drawThree(page: Page, scope: Locator): Promise<void> {
  const pad = scope.getByTestId('draw-pad');
  const groups: [number, number][][] = [
    [
      [-1, 1],
      [-0.6, 1],
      [-0.2, 1]
    ],
    [
      [-1, -1],
      [-0.6, -1],
      [-0.2, -1]
    ],
    [
      [1, 0.3],
      [1, 0],
      [1, -0.3]
    ]
  ];
  for (const [k, pts] of groups.entries()) {
    await pad.getByRole('button', { name: `Class ${k}` }).tap();
    for (const [x, y] of pts) await tapPad(page, x, y, scope);
  }
  await expect
    .poll(() => pad.getByTestId('draw-count').innerText())
    .toMatch(
      /^9 points: 3 of class 0 \(orange circles\), 3 of class 1 \(blue squares\), 3 of class 2 \(green triangles\)/
    );
}

/** The distinct colours of a canvas (quantised), to tell a three-class map from a two-class one. */
const hues = (canvas: Locator) =>
  canvas.evaluate((c: HTMLCanvasElement) => {
    const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    const seen = { orange: 0, blue: 0, green: 0 };
    for (let i = 0; i < d.length; i += 4) {
      const [r, g, b] = [d[i], d[i + 1], d[i + 2]];
      if (r > g + 40 && r > b + 60) seen.orange++;
      else if (b > r + 60 && b >= g) seen.blue++;
      else if (g > r + 60 && g > b + 10) seen.green++;
    }
    return seen;
  });

describe('three classes', () => {
  it('train in the twin run: maps in three colours, the three-class key, the link, the take-out', async () => {
    const { page, log, close } = await openPage(browser, site, { ...MOBILE, acceptDownloads: true });
    await page.goto(`${site.url}/?epochs=40`);
    const twin = await showExample(page, 'Live example: the twin run', { timeout: 90_000 });
    const status = twin.locator('[data-testid="twin-status"]');
    await expect.poll(() => status.innerText(), { timeout: 60_000 }).toMatch(/With dropout: epoch 0/);
    await twin.getByRole('combobox', { name: /^Data\b/ }).selectOption('csv');
    await twin.getByText('…or draw points on the plane').tap();
    await drawThree(page, twin);
    await twin.getByRole('button', { name: 'Train on these points' }).tap();
    await expect
      .poll(() => twin.getByTestId('user-data-drawn').innerText())
      .toMatch(/Training on 9 drawn points in 3 classes \(3 of class 0, 3 of class 1, 3 of class 2\)/);
    await expect.poll(() => page.url()).toMatch(/data=csv.*pts=b[\w-]{27}(&|$)/);
    await expect.poll(() => status.innerText()).toMatch(/Without dropout: epoch 0 of 40/);
    await twin.getByRole('button', { name: 'Play' }).tap();
    await expect
      .poll(() => status.innerText(), { timeout: 90_000 })
      .toMatch(/Without dropout: epoch 40 of 40 \(done\)[\s\S]*With dropout: epoch 40 of 40 \(done\)/);
    const maps = twin.locator('.maps canvas');
    await expect.poll(() => maps.count()).toBe(2);
    for (const i of [0, 1]) {
      const seen = await hues(maps.nth(i));
      expect(seen.orange, JSON.stringify(seen)).toBeGreaterThan(0);
      expect(seen.blue, JSON.stringify(seen)).toBeGreaterThan(0);
      expect(seen.green, JSON.stringify(seen)).toBeGreaterThan(0);
    }
    // Three-class markers on the maps, and the key by class instead of a P(class 1) gradient.
    expect(await twin.locator('.maps path.c2').first().getAttribute('d')).toMatch(/^M/);
    await expect.poll(() => twin.getByRole('group', { name: /Colour key: .*class 2 green triangles/ }).count()).toBe(1);
    const violations = await checkA11y(page);
    expect(violations, formatViolations(violations)).toEqual([]);
    expect(await twin.innerText()).not.toMatch(/NaN|Infinity|undefined/);

    // Taken out: the data as trained holds the three classes, the dropout twin's weights (3 outputs) give
    // the page's validation accuracy on it, and the loading code reads three logits.
    const download = async (name: RegExp) => {
      const [d] = await Promise.all([page.waitForEvent('download'), twin.getByRole('button', { name }).tap()]);
      return readFileSync((await d.path())!, 'utf8');
    };
    const curves = (await download(/curves \(CSV\)/)).trimEnd().split('\n');
    const pageAccuracy = Number(curves.at(-1)!.split(',')[6]);
    const rows = (await download(/data as trained/))
      .trimEnd()
      .split('\n')
      .map((l) => l.split(','));
    expect(rows[0]).toEqual(['x', 'y', 'class', 'class_name', 'split']);
    expect(new Set(rows.slice(1).map((r) => r[2]))).toEqual(new Set(['0', '1', '2']));
    const val = rows.slice(1).filter((r) => r[4] === 'validation');
    const model = mlp({
      inputs: 2,
      hidden: [64, 64],
      outputs: 3,
      activation: 'relu',
      inputDropout: 0,
      hiddenDropout: 0,
      init: new Random(1)
    });
    loadJSON(model, JSON.parse(await download(/weights with dropout/)));
    const z = predict(
      model,
      tensor(Float32Array.from(val.flatMap((r) => [Number(r[0]), Number(r[1])])), [val.length, 2])
    ).data;
    const right = val.filter((r, i) => {
      const row = Array.from(z.subarray(3 * i, 3 * i + 3));
      return row.indexOf(Math.max(...row)) === Number(r[2]);
    }).length;
    expect(right / val.length).toBeCloseTo(pageAccuracy, 5);
    await twin.getByText('Show the code').tap();
    await twin.getByRole('button', { name: 'Load the downloaded weights' }).tap();
    await expect.poll(() => twin.locator('pre code').innerText()).toMatch(/nn\.Linear\(64, 3\)[\s\S]*z\.argmax\(1\)/);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    expect(log.problems()).toEqual([]);
    await close();
  }, 240_000);

  it('the explorer has its own pad: by touch at 360 px, three classes, its maps; then the ensemble', async () => {
    const { page, log, close } = await openPage(browser, site, MOBILE);
    await page.goto(`${site.url}/`);
    const explorer = await showExample(page, /Live example: drop neurons by hand/, {
      ready: '[data-testid="output-plain"]',
      timeout: 120_000
    });
    const output = explorer.locator('[data-testid="output-plain"]');
    const before = await hues(output);
    expect(before.green).toBe(0); // the moons: two classes
    await explorer.getByRole('combobox', { name: /Data set/ }).selectOption({ label: 'Your data: draw points…' });
    const yours = explorer.getByTestId('explorer-your-data');
    await expect.poll(() => yours.count()).toBe(1);
    await drawThree(page, yours);
    const violations = await checkA11y(page);
    expect(violations, formatViolations(violations)).toEqual([]);
    await yours.getByRole('button', { name: 'Train both networks on these points' }).tap();
    await expect.poll(() => page.url()).toMatch(/pts=b[\w-]{27}(&|$)/);
    await expect.poll(async () => (await hues(output)).green, { timeout: 120_000 }).toBeGreaterThan(0);
    await expect.poll(() => explorer.getByTestId('summary').count(), { timeout: 60_000 }).toBe(1);
    expect(await explorer.getByTestId('summary').innerText()).toMatch(/Validation accuracy: with dropout \d/);
    // A neuron dropped by touch still repaints a three-class map.
    await explorer.locator('button.neuron').first().tap();
    await expect.poll(() => explorer.getByTestId('summary').innerText()).toMatch(/^1 of 16 hidden neurons dropped/);
    expect(await explorer.innerText()).not.toMatch(/NaN|undefined/);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

    // The ensemble lab finds the same points in the address bar: maps by class, and the uncertainty map.
    const ensemble = await showExample(page, 'Live example: inside the exponential ensemble', { timeout: 120_000 });
    const menu = ensemble.getByRole('combobox', { name: /^Data\b/ });
    await menu.focus();
    await menu.selectOption({ label: 'Your drawn points' });
    await ensembleCurveSays(ensemble, /your drawn points/);
    await expect.poll(() => ensemble.locator('[data-testid="uncertainty-text"]').count()).toBe(1);
    expect(await ensemble.innerText()).toMatch(/2 → 16 → 16 → 3/);
    const average = ensemble.locator('.pair canvas').first();
    expect((await hues(average)).green).toBeGreaterThan(0);
    expect(await ensemble.getByRole('group', { name: /Colour key: .*class 2/ }).count()).toBe(1);
    // Its "Your data" panel is open on the drawn set, with the same pad, and counts the three classes.
    expect(await ensemble.getByTestId('user-data-drawn').innerText()).toMatch(/9 drawn points in 3 classes/);
    expect(await ensemble.getByTestId('draw-pad').count()).toBe(1);
    const after = await checkA11y(page);
    expect(after, formatViolations(after)).toEqual([]);
    expect(await ensemble.innerText()).not.toMatch(/NaN|undefined|Infinity/);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    expect(log.problems()).toEqual([]);
    await close();
  }, 360_000);
});
