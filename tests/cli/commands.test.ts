import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/lib/data/csv';
import { curvesToCsv } from '../../src/lib/lab/twin/index';
import { runCli, runInProcess } from './run-cli';

/**
 * The success paths, run as a user runs them (child processes on the bin), on small data and few
 * epochs: --json parsed and checked against itself, the CSV written re-read with our own CSV
 * reader, byte-identical output for the same command, a user's CSV file as data.
 */

const dir = mkdtempSync(join(tmpdir(), 'dropout-lab-cli-'));
const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  version: string;
  bin: Record<string, string>;
};

interface Stats {
  epoch: number;
  trainLoss: number;
  trainAccuracy: number;
  valLoss: number;
  valAccuracy: number;
}

const TWIN = [
  'twin',
  '--data',
  'circle',
  '--train',
  '60',
  '--val',
  '60',
  '--layers',
  '16,16',
  '--p',
  '0.1,0.5',
  '--epochs',
  '4',
  '--batch',
  '20',
  '--seed',
  '3',
  '--json'
];

describe('dropout-lab: help and version', () => {
  it('--version prints the package version; bin points at the shim', async () => {
    const r = await runInProcess(['--version']);
    expect(r).toMatchObject({ status: 0, stdout: `${pkg.version}\n` });
    expect(pkg.bin['dropout-lab']).toBe('cli/bin.mjs');
  });

  it.each(['twin', 'sweep', 'ensemble', 'bench'])('%s --help exits 0 and documents its options', async (command) => {
    const r = await runInProcess([command, '--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`Usage: dropout-lab ${command}`);
    expect(r.stdout).toContain('--help');
    if (command !== 'bench') expect(r.stdout).toMatch(/--seed N\s+Seed/);
  });

  it('help wins even over a mistake elsewhere on the line', async () => {
    const r = await runInProcess(['twin', '--epochs', 'lots', '--help']);
    expect(r.status).toBe(0);
  });

  it('no arguments prints the command list', async () => {
    const r = await runInProcess([]);
    expect(r.status).toBe(0);
    for (const c of ['twin', 'sweep', 'ensemble', 'bench']) expect(r.stdout).toMatch(new RegExp(`^  ${c} `, 'm'));
  });
});

describe('dropout-lab twin', () => {
  const csvA = join(dir, 'a.csv');
  const csvB = join(dir, 'b.csv');
  const first = runCli([...TWIN, '--out', csvA]);
  const second = runCli([...TWIN, '--out', csvB]);

  it('succeeds and prints JSON only on stdout', () => {
    expect(first.status, first.stderr).toBe(0);
    expect(() => JSON.parse(first.stdout)).not.toThrow();
  });

  it('the JSON holds the configuration given, both histories, and a summary computed from them', () => {
    const j = JSON.parse(first.stdout);
    expect(j.config).toMatchObject({
      data: 'circle',
      trainSize: 60,
      valSize: 60,
      width: 16,
      depth: 2,
      pInput: 0.1,
      pHidden: [0.5, 0.5],
      epochs: 4,
      batchSize: 20,
      seed: 3
    });
    expect(j.data).toMatchObject({ name: 'circle', features: 2, classes: 2 });
    expect(j.data.train + j.data.val).toBe(120);
    expect(j.stopped).toEqual({ plain: 'done', dropout: 'done' });
    for (const twin of ['plain', 'dropout'] as const) {
      const h: Stats[] = j.history[twin];
      expect(h.map((s) => s.epoch)).toEqual([1, 2, 3, 4]);
      const s = j.summary[twin];
      const best = Math.min(...h.map((e) => e.valLoss));
      expect(s.bestValLoss).toBe(best);
      expect(h[s.bestValLossEpoch - 1].valLoss).toBe(best);
      expect(s.bestValAccuracy).toBe(Math.max(...h.map((e) => e.valAccuracy)));
      expect(s.finalGap).toBeCloseTo(h[3].valLoss - h[3].trainLoss, 12);
    }
    // Same start, different dropout: the twins must not have trained identically.
    expect(j.history.plain[3].trainLoss).not.toBe(j.history.dropout[3].trainLoss);
  });

  it('is reproducible: the same command twice gives byte-identical JSON and CSV', () => {
    expect(second.status).toBe(0);
    expect(second.stdout).toBe(first.stdout);
    expect(readFileSync(csvB, 'utf8')).toBe(readFileSync(csvA, 'utf8'));
  });

  it("the CSV it writes is the page's download (curvesToCsv), can be re-read, and matches the JSON", () => {
    const text = readFileSync(csvA, 'utf8');
    const j = JSON.parse(first.stdout);
    expect(text).toBe(curvesToCsv(j.history.plain, j.history.dropout));
    const parsed = parseCsv(text, { label: 'epoch' });
    if (!parsed.ok) throw new Error(parsed.errors[0].message);
    expect(parsed.data.featureNames).toEqual([
      'train_loss_plain',
      'val_loss_plain',
      'train_loss_dropout',
      'val_loss_dropout',
      'val_accuracy_plain',
      'val_accuracy_dropout'
    ]);
    expect(parsed.data.x.shape).toEqual([4, 6]);
    const six = (v: number) => Number(v.toPrecision(6));
    text
      .trim()
      .split('\n')
      .slice(1)
      .forEach((line, i) => {
        const p: Stats = j.history.plain[i];
        const d: Stats = j.history.dropout[i];
        expect(line.split(',').map(Number)).toEqual([
          i + 1,
          six(p.trainLoss),
          six(p.valLoss),
          six(d.trainLoss),
          six(d.valLoss),
          six(p.valAccuracy),
          six(d.valAccuracy)
        ]);
      });
  });

  it('a different seed gives different numbers (the seed is really used)', () => {
    const other = runCli(TWIN.map((a, i) => (TWIN[i - 1] === '--seed' ? '4' : a)));
    expect(other.status).toBe(0);
    expect(JSON.parse(other.stdout).history.plain).not.toEqual(JSON.parse(first.stdout).history.plain);
  });

  it('without --json: progress lines on stderr, a summary table on stdout', () => {
    const r = runCli(TWIN.filter((a) => a !== '--json'));
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/^4\/4 {2}plain train \d\.\d{3} val \d\.\d{3} \| dropout train/m);
    expect(r.stdout).toMatch(/twin\s+epochs\s+best val loss\s+at epoch\s+best val acc\s+at epoch\s+final gap/);
    expect(r.stdout).toMatch(/^plain\s+4\s/m);
    expect(r.stdout).toMatch(/^dropout\s+4\s/m);
    expect(r.stdout).toMatch(/^Best validation loss: \d\.\d+ with dropout vs \d\.\d+ without/m); // the page's verdict
    expect(r.stdout).not.toMatch(/NaN/);
  });
});

describe('dropout-lab twin --preset paper', () => {
  // The paper's network with the preset's every setting but the sizes (a full run takes minutes).
  const r = runCli(['twin', '--preset', 'paper', '--train', '200', '--val', '100', '--epochs', '1', '--json']);

  it("trains 784-1024-1024-10 with the paper's rates, SGD with momentum, batches of 100, on MNIST", () => {
    expect(r.status, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.config).toMatchObject({
      preset: 'paper',
      data: 'mnist',
      trainSize: 200,
      valSize: 100,
      width: 1024,
      depth: 2,
      activation: 'relu',
      pInput: 0.2,
      pHidden: [0.5, 0.5],
      optimizer: 'sgd',
      momentum: 0.95,
      batchSize: 100
    });
    expect(j.data).toMatchObject({ name: 'mnist', features: 784, classes: 10, train: 200, val: 100 });
    for (const twin of ['plain', 'dropout'] as const) expect(j.history[twin]).toHaveLength(1);
    expect(j.history.plain[0].trainLoss).not.toBe(j.history.dropout[0].trainLoss);
  });

  it('is listed in the help with its sizes: 8,000 training and 2,000 validation digits', async () => {
    const help = await runInProcess(['twin', '--help']);
    expect(help.stdout).toMatch(/paper +--data mnist --train 8000 --val 2000 --layers 1024,1024/);
  });
});

describe("dropout-lab on a user's CSV file", () => {
  it('trains on it with a stratified hold-out and the chosen label column', () => {
    const file = join(dir, 'user.csv');
    const lines = ['kind,a,b,c'];
    for (let i = 0; i < 80; i++) {
      const cls = i % 2 === 0 ? 'yes' : 'no';
      // Features on wildly different scales: standardisation must cope.
      lines.push(`${cls},${(i % 2) * 1000 + i},${((i * 7) % 13) / 100},${i % 2 === 0 ? -5 : 5}`);
    }
    writeFileSync(file, lines.join('\n') + '\n');
    const r = runCli([
      'twin',
      '--data',
      file,
      '--label',
      'kind',
      '--val-fraction',
      '0.25',
      '--layers',
      '8',
      '--epochs',
      '15',
      '--lr',
      '0.05',
      '--json'
    ]);
    expect(r.status, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.config.data).toBe('csv');
    expect(j.data).toEqual({ name: file, train: 60, val: 20, features: 3, classes: 2 });
    expect(j.history.plain).toHaveLength(15);
    expect(j.history.plain[14].valAccuracy).toBeGreaterThan(0.8); // the third column separates the classes
  });
});

describe('dropout-lab sweep', () => {
  it('reports mean ± std over seeds for every (train size, p), consistent with its runs', () => {
    const out = join(dir, 'sweep.csv');
    const r = runCli([
      'sweep',
      '--data',
      'xor',
      '--train-grid',
      '40,80',
      '--val',
      '60',
      '--layers',
      '8',
      '--p-grid',
      '0,0.5',
      '--seeds',
      '2',
      '--epochs',
      '2',
      '--json',
      '--out',
      out
    ]);
    expect(r.status, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.runs).toHaveLength(8);
    expect(j.cells.map((c: { trainSize: number; p: number }) => [c.trainSize, c.p])).toEqual([
      [40, 0],
      [40, 0.5],
      [80, 0],
      [80, 0.5]
    ]);
    for (const c of j.cells) {
      const runs = j.runs.filter((x: { trainSize: number; p: number }) => x.trainSize === c.trainSize && x.p === c.p);
      expect(runs.map((x: { seed: number }) => x.seed)).toEqual([j.seeds[0], j.seeds[1]]);
      const [a, b] = runs.map((x: { bestValLoss: number }) => x.bestValLoss);
      expect(c.bestValLoss.mean).toBeCloseTo((a + b) / 2, 12);
      expect(c.bestValLoss.std).toBeCloseTo(Math.abs(a - b) / Math.SQRT2, 12);
    }
    // One row per run, in the JSON's order, every numeric cell equal to the JSON's number.
    const [header, ...rows] = readFileSync(out, 'utf8')
      .trimEnd()
      .split('\n')
      .map((l) => l.split(','));
    expect(header.slice(0, 5)).toEqual(['train_size', 'p', 'seed', 'epochs', 'best_val_loss']);
    expect(rows).toHaveLength(8);
    rows.forEach((row, i) => {
      const run = j.runs[i];
      expect(row.map((c) => (c === 'done' ? c : Number(c)))).toEqual([
        run.trainSize,
        run.p,
        run.seed,
        run.epochs,
        run.bestValLoss,
        run.bestValLossEpoch,
        run.bestValAccuracy,
        run.bestValAccuracyEpoch,
        run.finalTrainLoss,
        run.finalValLoss,
        run.finalValAccuracy,
        run.finalGap,
        run.stopped
      ]);
    });
  });
});
