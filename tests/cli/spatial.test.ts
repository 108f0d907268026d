import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kernels, loadWasmKernelsSync, useKernels, type LinearKernels } from '../../src/lib/engine';
import { loadMnistNode } from '../../src/lib/data/mnist-node';
import { DEFAULT_CONFIG, type RunResult, type SpatialConfig } from '../../src/lib/lab/spatial/experiment';
import { SPATIAL_CSV_COLUMNS } from '../../src/lib/lab/spatial/csv';
import type { SpatialReply } from '../../src/lib/lab/spatial/protocol';
import { SpatialSession } from '../../src/lib/lab/spatial/session';
import { generalisationVerdict, knockoutVerdict } from '../../src/lib/lab/spatial/verdict';
import type { SpatialJson } from '../../cli/spatial';
import { runCli, runInProcess } from './run-cli';

/**
 * `dropout-lab spatial` prints what the page's spatial experiment shows for the same settings: the
 * CLI runs as a user runs it (a child process) and, in this process, the SpatialSession the
 * example's worker serves runs with the same settings and the same WebAssembly kernels; the
 * results and both verdicts must be identical. A small configuration keeps it to seconds.
 */

const dir = mkdtempSync(join(tmpdir(), 'dropout-lab-spatial-'));
let previous: LinearKernels;

beforeAll(() => {
  previous = kernels();
  const wasm = loadWasmKernelsSync();
  if (wasm) useKernels(wasm);
});
afterAll(() => useKernels(previous));

const SMALL: SpatialConfig = { ...DEFAULT_CONFIG, train: 40, val: 40, epochs: 2, seeds: 2, setsPerK: 2, p: 0.3 };
const ARGS = ['--train', '40', '--val', '40', '--epochs', '2', '--seeds', '2', '--sets', '2', '--p', '0.3'];

/** What the page's worker sends for one start with `config`: its run results, in order. */
async function pageRun(config: SpatialConfig): Promise<RunResult[]> {
  const results: RunResult[] = [];
  const mnist = loadMnistNode();
  const session = new SpatialSession(
    {
      post: (m: SpatialReply) => {
        if (m.type === 'run') results.push(m.result);
        expect(m.type).not.toBe('error');
      },
      loadMnist: async () => mnist,
      prepareKernels: async () => kernels().name,
      breathe: async () => {},
      now: () => performance.now()
    },
    config
  );
  session.handle({ type: 'start', url: '', p: config.p, run: 1 });
  await session.idle();
  return results;
}

describe('dropout-lab spatial', () => {
  it('prints the page’s numbers and verdicts for the same settings, as JSON and as CSV', async () => {
    const out = join(dir, 'spatial.csv');
    const r = runCli(['spatial', ...ARGS, '--json', '--out', out]);
    expect(r.status, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout) as SpatialJson;
    expect(j.config).toEqual(SMALL);
    expect(j.seeds).toEqual([DEFAULT_CONFIG.seed, DEFAULT_CONFIG.seed + 1]);
    const page = await pageRun(SMALL);
    expect(page).toHaveLength(6);
    expect(j.results).toEqual(page);
    expect(j.generalisation).toEqual(generalisationVerdict(page));
    expect(j.knockout).toEqual(knockoutVerdict(page));

    const lines = readFileSync(out, 'utf8').trim().split('\n');
    expect(lines[0]).toBe(SPATIAL_CSV_COLUMNS.join(','));
    expect(lines).toHaveLength(1 + page.length);
    lines.slice(1).forEach((line, i) => {
      const cells = line.split(',');
      expect(cells.slice(0, 3)).toEqual([String(page[i].seed), page[i].kind, '0.3']);
      expect(Number(cells[3])).toBeCloseTo(page[i].bestValLoss, 5);
      expect(Number(cells[6])).toBeCloseTo(page[i].knockout!.accuracy[0], 5);
    });
  }, 120_000);

  it('prints the tables and both verdicts in words, with progress on stderr', () => {
    const r = runCli(['spatial', ...ARGS]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Best \(early-stopped\) validation loss of every seed/);
    expect(r.stdout).toMatch(/seed 7 +seed 8/);
    expect(r.stdout).toMatch(/(generalised best|No clear difference|Not enough seeds)/);
    expect(r.stdout).toMatch(/Accuracy lost when maps vanish/);
    expect(r.stdout).not.toMatch(/NaN/);
    expect(r.stderr).toMatch(/seed 8, spatial dropout, epoch 2/);
  }, 120_000);

  it('rejects a bad option with exit status 2 and a sentence', async () => {
    const r = await runInProcess(['spatial', '--p', '1.5']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--p/);
    const one = await runInProcess(['spatial', '--seeds', '1']);
    expect(one.status).toBe(2);
    expect(one.stderr).toMatch(/--seeds/);
  });
});
