import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kernels, loadWasmKernelsSync, useKernels, type LinearKernels } from '../../src/lib/engine';
import { loadMnistNode } from '../../src/lib/data/mnist-node';
import { EnsembleSession, type EnsembleConfig, type EnsembleReply } from '../../src/lib/lab/ensemble';
import type { EnsembleJson } from '../../cli/ensemble';
import { runCli, runInProcess } from './run-cli';

/**
 * `dropout-lab ensemble` prints what the page's ensemble lab shows for the same settings: each
 * case runs the CLI as a user does and, in this process, the EnsembleSession the lab's worker wraps
 * (with the same WebAssembly kernels the worker and the CLI install), and compares the numbers.
 */

const dir = mkdtempSync(join(tmpdir(), 'dropout-lab-ensemble-'));
let previous: LinearKernels;

beforeAll(() => {
  previous = kernels();
  const wasm = loadWasmKernelsSync();
  if (wasm) useKernels(wasm);
});
afterAll(() => useKernels(previous));

/** What the page's worker sends for one 'train' request, by message type. */
async function pageRun(config: EnsembleConfig, stripSeed = 1, curveSize?: { k: number; repeats: number }) {
  const replies: EnsembleReply[] = [];
  const session = new EnsembleSession(
    (m) => replies.push(m),
    async () => loadMnistNode(),
    curveSize
  );
  await session.handle({ type: 'train', run: 1, config, mnistUrl: '/data/mnist-10k.bin', stripSeed });
  const get = <T extends EnsembleReply['type']>(type: T) =>
    replies.find((m) => m.type === type) as Extract<EnsembleReply, { type: T }> | undefined;
  expect(get('error')).toBeUndefined();
  return {
    trained: get('trained')!,
    strip: get('strip')!.strip,
    uncertainty: get('uncertainty'),
    curve: get('curve')!
  };
}

/** The CLI's --json output against the page's messages. */
function expectSame(j: EnsembleJson, page: Awaited<ReturnType<typeof pageRun>>): void {
  expect(j.network).toEqual({
    data: page.trained.dataLabel,
    shape: page.trained.shape,
    units: page.trained.units,
    thinnedNetworks: page.trained.unitsText,
    masksDrawn: page.trained.masksDrawn,
    masksDistinct: page.trained.masksDistinct,
    valAccuracy: page.trained.valAccuracy,
    stopped: page.trained.stoppedMessage
  });
  expect(j.strip).toEqual({
    seed: page.strip.seed,
    valErrors: page.strip.valErrors,
    averageError: page.strip.averageError,
    weightScaledError: page.strip.weightScaledError
  });
  expect(j.uncertainty).toEqual(page.uncertainty ? { max: page.uncertainty.max, text: page.uncertainty.text } : null);
  expect(j.result).toEqual(page.curve.curve);
  expect(j.text).toBe(page.curve.text);
}

describe('dropout-lab ensemble', () => {
  it('with no options runs the page’s first view: two moons, 16 units, p = 0.5, 80 epochs, k ≤ 100 over 10 draws', async () => {
    const r = runCli(['ensemble', '--json']);
    expect(r.status, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout) as EnsembleJson;
    expect(j.config).toEqual({
      data: 'moons',
      width: 16,
      p: 0.5,
      epochs: 80,
      seed: 1,
      stripSeed: 1,
      k: 100,
      repeats: 10
    });
    expectSame(j, await pageRun({ data: 'moons', width: 16 }));
    expect(j.network.shape).toBe('2 → 16 → 16 → 1');
    expect(j.result.k).toHaveLength(100);
  });

  it('other settings match the page given the same ones; the table and CSV carry the same curve', async () => {
    const out = join(dir, 'curve.csv');
    const args = [
      'ensemble',
      '--data',
      'xor',
      '--width',
      '8',
      '--epochs',
      '5',
      '--seed',
      '3',
      '--strip-seed',
      '2',
      '--k',
      '6',
      '--repeats',
      '2'
    ];
    const r = runCli([...args, '--json', '--out', out]);
    expect(r.status, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout) as EnsembleJson;
    const page = await pageRun({ data: 'xor', width: 8, epochs: 5, seed: 3 }, 2, { k: 6, repeats: 2 });
    expectSame(j, page);
    const c = page.curve.curve;
    const rows = readFileSync(out, 'utf8').trim().split('\n');
    expect(rows[0]).toBe('k,mc_error_mean,mc_error_min,mc_error_max,weight_scaled_error');
    expect(rows.slice(1).map((row) => row.split(',').map(Number))).toEqual(
      c.k.map((k, i) => [k, c.mean[i], c.lo[i], c.hi[i], c.weightScaled])
    );

    const text = runCli(args);
    expect(text.status, text.stderr).toBe(0);
    expect(text.stdout).toContain(
      `Ensemble lab on exclusive or: ${page.trained.shape}, dropout 0.5 after each hidden layer, 5 epochs, seed 3`
    );
    expect(text.stdout).toContain(page.curve.text);
    expect(text.stdout).toContain(page.uncertainty!.text);
  });

  it('on mnist trains the page’s 14×14 digits network (196 → 64 → 64 → 10)', async () => {
    const r = runCli(['ensemble', '--data', 'mnist', '--epochs', '1', '--k', '3', '--repeats', '1', '--json']);
    expect(r.status, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout) as EnsembleJson;
    expect(j.config).toMatchObject({ data: 'mnist', width: 64, epochs: 1 });
    expectSame(j, await pageRun({ data: 'mnist', epochs: 1 }, 1, { k: 3, repeats: 1 }));
    expect(j.network.shape).toBe('196 → 64 → 64 → 10');
    expect(j.result.examples).toBe(500);
    expect(j.uncertainty).toBeNull();
  });

  it('rejects data the lab does not train on', async () => {
    const r = await runInProcess(['ensemble', '--data', 'my.csv']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--data must be one of gauss, circle, xor, moons, spiral, mnist, got "my.csv"/);
  });
});
