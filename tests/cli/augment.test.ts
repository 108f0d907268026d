import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kernels, loadWasmKernelsSync, useKernels, type LinearKernels } from '../../src/lib/engine';
import { loadMnistNode } from '../../src/lib/data/mnist-node';
import {
  AugmentSession,
  DEFAULT_CONFIG,
  aggregate,
  augmentVerdict,
  runsToCsv,
  type AugmentConfig,
  type AugmentReply
} from '../../src/lib/lab/augment';
import type { AugmentJson } from '../../cli/augment';
import { runCli, runInProcess } from './run-cli';

/**
 * `dropout-lab augment` prints what the page's augmentation example shows for the same settings
 * and seeds: the CLI runs as a user runs it, and in this process the AugmentSession the example's
 * worker serves runs with the same settings (and the same WebAssembly kernels); the numbers, the
 * verdict and the CSV must agree. Small settings keep it quick; the code path is the page's.
 */

const dir = mkdtempSync(join(tmpdir(), 'dropout-lab-augment-'));
let previous: LinearKernels;
beforeAll(() => {
  previous = kernels();
  const wasm = loadWasmKernelsSync();
  if (wasm) useKernels(wasm);
});
afterAll(() => useKernels(previous));

const SMALL: AugmentConfig = { ...DEFAULT_CONFIG, train: 100, val: 60, width: 16, epochs: 3, seeds: [4, 7] };
const SMALL_ARGS = ['--train', '100', '--val', '60', '--width', '16', '--epochs', '3', '--seeds', '4,7'];

/** The page's run, in this process. */
async function pageRun(config: AugmentConfig) {
  const replies: AugmentReply[] = [];
  const session = new AugmentSession(
    {
      post: (m) => replies.push(m),
      loadMnist: async () => loadMnistNode(),
      prepareKernels: async () => kernels().name,
      breathe: async () => {},
      now: () => performance.now()
    },
    config
  );
  session.handle({ type: 'start', url: '/data/mnist-10k.bin', run: 1 });
  await session.idle();
  const done = replies.find((m) => m.type === 'done');
  if (done?.type !== 'done') throw new Error(`the run did not finish: ${JSON.stringify(replies.at(-1))}`);
  return done;
}

describe('dropout-lab augment', () => {
  it('--json prints the page run’s numbers and verdict for the same settings and seeds; --out is the page’s CSV', async () => {
    const out = join(dir, 'augment.csv');
    const r = runCli(['augment', ...SMALL_ARGS, '--json', '--out', out]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe(''); // --json: no progress
    const cli = JSON.parse(r.stdout) as AugmentJson;
    const page = await pageRun(SMALL);
    const stats = aggregate(page.runs);
    expect(cli.command).toBe('augment');
    expect(cli.config).toEqual(SMALL);
    expect(cli.networks).toEqual(stats);
    expect(cli.verdict).toEqual(augmentVerdict(stats));
    expect(cli.runs).toEqual(page.runs.map(({ history: _h, ...rest }) => rest));
    expect(readFileSync(out, 'utf8')).toBe(runsToCsv(page.runs));
  });

  it('the table names every network with its numbers and the verdict; progress goes to stderr', () => {
    const r = runCli(['augment', ...SMALL_ARGS]);
    expect(r.status, r.stderr).toBe(0);
    for (const name of ['Neither', 'Dropout', 'Shifts', 'Dropout + shifts']) expect(r.stdout).toContain(name);
    expect(r.stdout).toMatch(/\d\.\d{3} \(\d\.\d{3}–\d\.\d{3}\)/);
    expect(r.stdout).toMatch(/Means over 2 seeds/);
    expect(r.stdout).not.toMatch(/NaN/);
    expect(r.stderr.trim().split('\n')).toHaveLength(2 * 4 * 3);
    expect(r.stderr).toMatch(/^24\/24 .*seed 7 dropout \+ shifts epoch 3/m);
  });

  it('bad options exit with status 2 and one line saying what is allowed', async () => {
    for (const [args, message] of [
      [['--seeds', '1,1'], /--seeds: each seed may appear once/],
      [['--train', '7000', '--val', '5000'], /at most 10000 digits, got 12000/],
      [['--max-shift', '9'], /--max-shift must be a whole number from 0 to 8/],
      [['--p', '1'], /--p must be a number from 0 to 0.9/]
    ] as const) {
      const r = await runInProcess(['augment', ...args]);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});
