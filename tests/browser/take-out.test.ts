// Taking a run out of the page, in Chromium on the built site: after both twins trained on the fixture
// (tests/fixtures/blobs-4d.csv), each twin's weights download as the engine's versioned JSON and load into
// a fresh network of the same shape; on the downloaded data-as-trained that network's validation accuracy
// is the page's. The "Show the code" programs that load them compile; the PyTorch one runs when this
// machine has torch (Debian python3-torch) and must print the page's accuracy — otherwise it is skipped.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadJSON, mlp, predict, Random, tensor } from '../../src/lib/engine';
import { validateTwinConfig, parseTwinQuery } from '../../src/lib/lab/twin/index';
import { browser, openPage, showExample, site, useSiteAndBrowser, type Page } from './harness';

useSiteAndBrowser();

const FIXTURE = fileURLToPath(new URL('../fixtures/blobs-4d.csv', import.meta.url));
const PYTHON = '/usr/bin/python3';
const hasTorch = spawnSync(PYTHON, ['-c', 'import torch'], { encoding: 'utf8' }).status === 0;
const dir = mkdtempSync(join(tmpdir(), 'dropout-lab-take-out-'));
const twin = (page: Page) => page.getByRole('region', { name: 'Live example: the twin run', exact: true });
const status = (page: Page) => page.locator('[data-testid="twin-status"]');

/** Clicks a button that downloads, and returns the file's text. */
async function download(page: Page, name: RegExp): Promise<string> {
  const [d] = await Promise.all([page.waitForEvent('download'), twin(page).getByRole('button', { name }).click()]);
  return readFileSync((await d.path())!, 'utf8');
}

/** What one run of the page gave: files, code, and the accuracies the page printed. */
interface Taken {
  query: string;
  weights: Record<'plain' | 'dropout', string>;
  data: string;
  torch: string;
  keras: string;
  /** Final validation accuracy of each twin, from the page's curves download. */
  accuracy: Record<'plain' | 'dropout', number>;
}

let taken: Taken | null = null;

/** Trains both twins on the fixture and downloads everything (once for all the tests below). */
async function takeOut(): Promise<Taken> {
  if (taken) return taken;
  const { page, log, close } = await openPage(browser, site, { acceptDownloads: true });
  await page.goto(`${site.url}/?epochs=15&width=32`);
  await showExample(page, 'Live example: the twin run', { timeout: 90_000 });
  await expect.poll(() => status(page).innerText(), { timeout: 60_000 }).toMatch(/With dropout: epoch 0/);
  await twin(page)
    .getByRole('combobox', { name: /^Data\b/ })
    .selectOption('csv');
  await page.locator('[data-testid="user-data-file"]').setInputFiles(FIXTURE);
  await expect.poll(() => page.locator('[data-testid="user-data-summary"]').innerText()).toMatch(/300 rows/);
  await expect.poll(() => status(page).innerText()).toMatch(/Without dropout: epoch 0 of 15/);
  await twin(page).getByRole('button', { name: 'Play' }).click();
  await expect
    .poll(() => status(page).innerText(), { timeout: 90_000 })
    .toMatch(/Without dropout: epoch 15 of 15 \(done\)[\s\S]*With dropout: epoch 15 of 15 \(done\)/);
  const curves = (await download(page, /curves \(CSV\)/)).trimEnd().split('\n');
  const last = curves.at(-1)!.split(',').map(Number);
  const weights = {
    plain: await download(page, /weights without dropout/),
    dropout: await download(page, /weights with dropout/)
  };
  const data = await download(page, /data as trained/);
  await twin(page).getByText('Show the code').click();
  await twin(page).getByRole('button', { name: 'Load the downloaded weights' }).click();
  const code = twin(page).locator('pre code');
  const torch = await code.innerText();
  await twin(page).getByRole('button', { name: 'Keras' }).click();
  await expect.poll(() => code.innerText()).toMatch(/import keras/);
  const keras = await code.innerText();
  expect(log.problems()).toEqual([]);
  const query = new URL(page.url()).search;
  await close();
  taken = { query, weights, data, torch, keras, accuracy: { plain: last[5], dropout: last[6] } };
  return taken;
}

/** The validation rows of the downloaded data (features, class). */
function validation(csv: string): { x: number[][]; y: number[] } {
  const rows = csv
    .trimEnd()
    .split('\n')
    .slice(1)
    .map((l) => l.split(','));
  const val = rows.filter((r) => r.at(-1) === 'validation');
  return { x: val.map((r) => r.slice(0, -3).map(Number)), y: val.map((r) => Number(r.at(-3))) };
}

describe('taking the run out', () => {
  it("each twin's weights parse, load into the same network and give the page's validation accuracy", async () => {
    const t = await takeOut();
    const config = validateTwinConfig(parseTwinQuery(t.query).config).config;
    expect(config.data).toBe('csv');
    const { x, y } = validation(t.data);
    expect(y).toHaveLength(75);
    expect(x.every((r) => r.length === 4 && r.every(Number.isFinite))).toBe(true);
    for (const v of ['plain', 'dropout'] as const) {
      const json = JSON.parse(t.weights[v]) as { format: string; version: number };
      expect(json).toMatchObject({ format: 'dropout-lab/weights', version: 1 });
      const model = mlp({
        inputs: 4,
        hidden: [32, 32],
        outputs: 3,
        activation: 'relu',
        inputDropout: 0,
        hiddenDropout: 0,
        init: new Random(1)
      });
      loadJSON(model, json);
      const z = predict(model, tensor(Float32Array.from(x.flat()), [x.length, 4])).data;
      let correct = 0;
      y.forEach((c, i) => {
        const row = Array.from(z.subarray(i * 3, i * 3 + 3));
        if (row.indexOf(Math.max(...row)) === c) correct++;
      });
      expect(correct / y.length).toBeCloseTo(t.accuracy[v], 5);
    }
  }, 300_000);

  it('the PyTorch and Keras programs that load the weights are valid Python', async () => {
    const t = await takeOut();
    for (const [name, code] of [
      ['torch', t.torch],
      ['keras', t.keras]
    ] as const) {
      const file = join(dir, `load_${name}.py`);
      writeFileSync(file, code);
      const r = spawnSync(PYTHON, ['-m', 'py_compile', file], { encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
      expect(code).toContain('"dropout-lab/weights"');
    }
  }, 300_000);

  it.skipIf(!hasTorch)(
    "the PyTorch program prints the page's validation accuracy (needs python3-torch)",
    async () => {
      const t = await takeOut();
      const script = join(dir, 'load_twin.py');
      writeFileSync(script, t.torch);
      writeFileSync(join(dir, 'twin-data.csv'), t.data);
      for (const v of ['plain', 'dropout'] as const) {
        writeFileSync(join(dir, `twin-weights-${v}.json`), t.weights[v]);
        const r = spawnSync(PYTHON, [script, join(dir, `twin-weights-${v}.json`), join(dir, 'twin-data.csv')], {
          encoding: 'utf8',
          timeout: 120_000
        });
        expect(r.status, r.stderr).toBe(0);
        const m = /validation accuracy ([\d.]+) on 75 rows/.exec(r.stdout);
        expect(m, r.stdout).not.toBeNull();
        expect(Number(m![1])).toBeCloseTo(t.accuracy[v], 5);
      }
    },
    300_000
  );
});
