// `dropout-lab sweep --widths`: the page's rate sweep from the terminal. Its numbers must be the lab
// module's own, run here in the test process with the same settings and kernels (early stopping
// with --patience, --epochs the cap); its CSV holds the page's columns; options the page's
// experiment fixes are refused with exit status 2.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadWasmKernelsSync, useKernels, kernels, jsKernels } from '../../src/lib/engine';
import { loadMnistNode } from '../../src/lib/data/mnist-node';
import {
  RATES_CSV_COLUMNS,
  RatesData,
  planRates,
  ratesConfig,
  ratesVerdict,
  summariseRates,
  trainRatesJob,
  type RatesRun
} from '../../src/lib/lab/rates';
import { runCli, runInProcess } from './run-cli';

/** Settings every test shares; 100 digits in batches of 10 overfit within a few dozen epochs. */
const BASE = [
  '--widths',
  '16,8',
  '--p-grid',
  '0,0.5',
  '--train',
  '100',
  '--val',
  '60',
  '--batch',
  '10',
  '--lr',
  '0.005'
];
const ARGS = [...BASE, '--epochs', '60', '--patience', '3', '--seed', '5'];
const dir = mkdtempSync(join(tmpdir(), 'dropout-lab-rates-'));
const previous = kernels();
beforeAll(() => {
  // The CLI trains with the WebAssembly kernels; the reference must too.
  const wasm = loadWasmKernelsSync();
  if (wasm) useKernels(wasm);
});
afterAll(() => {
  useKernels(previous ?? jsKernels);
  rmSync(dir, { recursive: true, force: true });
});

describe('dropout-lab sweep --widths', () => {
  it('prints the lab module’s numbers and verdict for the same settings, and writes them as CSV', () => {
    const out = join(dir, 'rates.csv');
    const r = runCli(['sweep', ...ARGS, '--json', '--out', out]);
    expect(r.status, r.stderr).toBe(0);
    const printed = JSON.parse(r.stdout) as { runs: RatesRun[]; cells: unknown; verdict: { lines: string[] } };

    const config = ratesConfig({
      widths: [8, 16],
      pGrid: [0, 0.5],
      trainSize: 100,
      valSize: 60,
      batchSize: 10,
      lr: 0.005,
      epochs: 60,
      patience: 3,
      seeds: [5, 6]
    });
    const data = new RatesData(loadMnistNode(), config);
    const runs = planRates(config).map((job) => trainRatesJob(job, config, data)!);
    expect(printed.runs).toEqual(runs);
    const cells = summariseRates(runs);
    expect(printed.cells).toEqual(cells);
    expect(printed.verdict.lines).toEqual(ratesVerdict(cells, config).lines);
    // Early stopping, not the cap, ended these runs (100 digits overfit within a few epochs).
    expect(runs.every((r) => r.stopped === 'patience' && r.epochs - r.bestEpoch === 3 && r.epochs < 60)).toBe(true);
    expect(printed.verdict.lines.at(-1)).toMatch(/^Every run converged: each stopped after 3 epochs/);

    const lines = readFileSync(out, 'utf8').trim().split('\n');
    expect(lines[0]).toBe(RATES_CSV_COLUMNS.join(','));
    expect(lines).toHaveLength(runs.length + 1);
    const first = lines[1].split(',');
    expect(Number(first[5])).toBe(runs[0].bestValLoss);
    expect(first.slice(0, 4).map(Number)).toEqual([100, runs[0].width, runs[0].p, runs[0].seed]);
  }, 60_000);

  it('prints a table, the verdict, and progress on stderr', () => {
    const r = runCli(['sweep', ...ARGS, '--seeds', '2']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Rate sweep on 100 training digits/);
    expect(r.stdout).toMatch(/^8 units: /m);
    expect(r.stdout).toMatch(/smallest network/);
    expect(r.stderr).toMatch(/^8\/8 {2}16 units p=0\.5 seed=6: .*, epoch \d+ of \d+/m);
    expect(r.stdout).toMatch(/patience 3 epochs, cap 60/);
    expect(r.stdout).toMatch(/best\/last epoch/);
  }, 60_000);

  it('names the runs a cap ended before their patience ran out, in the table and the verdict', () => {
    const r = runCli(['sweep', ...BASE, '--epochs', '2', '--patience', '10', '--seed', '5', '--seeds', '1']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/\d\/2 \(cap\)/);
    expect(r.stdout).toMatch(
      /^Not converged: 4 runs reached the cap of 2 epochs before 10 epochs without improvement: 8 units at p = 0 \(seed 5, best epoch \d of 2\)/m
    );
  }, 60_000);

  it('refuses what the page’s experiment fixes, and bad sizes, with exit status 2', async () => {
    const layers = await runInProcess(['sweep', '--widths', '16', '--layers', '16,16']);
    expect(layers.status).toBe(2);
    expect(layers.stderr).toMatch(/--layers is not used with --widths/);
    const val = await runInProcess(['sweep', '--widths', '16', '--val', '2000']);
    expect(val.status).toBe(2);
    expect(val.stderr).toMatch(/validation size must be a whole number from 10 to 1000/);
    const width = await runInProcess(['sweep', '--widths', '0']);
    expect(width.status).toBe(2);
    const patience = await runInProcess(['sweep', '--patience', '5']);
    expect(patience.status).toBe(2);
    expect(patience.stderr).toMatch(/--patience is used only with --widths/);
    const zero = await runInProcess(['sweep', '--widths', '16', '--patience', '0']);
    expect(zero.status).toBe(2);
  });
});
