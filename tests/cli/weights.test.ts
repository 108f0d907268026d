// `dropout-lab twin --weights-out FILE.json`: both twins' weights in the engine's versioned format, the
// page's download format. Loaded back into a fresh network of the same shape, each file gives, on the
// validation rows of the same seeded split of the same CSV, exactly the accuracy the run reported.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadJSON, mlp, predict, Random } from '../../src/lib/engine';
import { validateTwinConfig } from '../../src/lib/lab/twin/config';
import { readUserCsv } from '../../src/lib/lab/user-data/read';
import { userSplit } from '../../src/lib/lab/user-data/split';
import { runCli } from './run-cli';

const dir = mkdtempSync(join(tmpdir(), 'dropout-lab-weights-'));
const FIXTURE = fileURLToPath(new URL('../fixtures/blobs-4d.csv', import.meta.url));

describe('dropout-lab twin --weights-out', () => {
  it('writes both twins in the engine format; reloaded, they give the accuracy the run reported', () => {
    const file = join(dir, 'twin.json');
    const r = runCli([
      'twin',
      '--data',
      FIXTURE,
      '--layers',
      '16,16',
      '--epochs',
      '5',
      '--seed',
      '4',
      '--weights-out',
      file,
      '--json'
    ]);
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as {
      config: unknown;
      weights: string[];
      history: Record<'plain' | 'dropout', { valAccuracy: number }[]>;
    };
    expect(out.weights).toEqual([join(dir, 'twin.plain.json'), join(dir, 'twin.dropout.json')]);
    const config = validateTwinConfig(out.config).config;
    const read = readUserCsv(new Uint8Array(readFileSync(FIXTURE)));
    if (!read.ok) throw new Error('fixture');
    const split = userSplit(read.table, config.seed);
    for (const v of ['plain', 'dropout'] as const) {
      const json = JSON.parse(readFileSync(join(dir, `twin.${v}.json`), 'utf8')) as { format: string; version: number };
      expect(json).toMatchObject({ format: 'dropout-lab/weights', version: 1 });
      const model = mlp({
        inputs: 4,
        hidden: [16, 16],
        outputs: 3,
        activation: config.activation,
        inputDropout: v === 'dropout' ? config.pInput : 0,
        hiddenDropout: v === 'dropout' ? config.pHidden : 0,
        init: new Random(99) // overwritten by the file
      });
      loadJSON(model, json);
      const logits = predict(model, split.val.x);
      const n = split.val.y.shape[0];
      let correct = 0;
      for (let i = 0; i < n; i++) {
        const row = logits.data.subarray(i * 3, i * 3 + 3);
        if (row.indexOf(Math.max(...row)) === split.val.y.data[i]) correct++;
      }
      expect(correct / n).toBeCloseTo(out.history[v].at(-1)!.valAccuracy, 10);
    }
  });

  it('a folder that does not exist is a usage error before any training', () => {
    const r = runCli(['twin', '--epochs', '2', '--weights-out', join(dir, 'nope', 'w.json')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--weights-out: the folder ".*nope" does not exist/);
  });
});
