// The twins' worker session trains on a learner's table: both twins get the same seeded split of it
// (the same validation size and the same first-epoch numbers as a run built in Node), no decision map
// for four features, and a config naming 'csv' without a table fails in words, not with a crash.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { TwinSession, createTwinRun, validateTwinConfig, type TwinOut } from '../../../src/lib/lab/twin';
import { readUserCsv } from '../../../src/lib/lab/user-data/read';
import { userSplit } from '../../../src/lib/lab/user-data/split';

const read = readUserCsv(new Uint8Array(readFileSync(new URL('../../fixtures/blobs-4d.csv', import.meta.url))));
if (!read.ok) throw new Error('fixture');
const table = read.table;
const config = validateTwinConfig({ preset: 'overfit', data: 'csv', epochs: 3, width: 16 }).config;

function host() {
  const out: TwinOut[] = [];
  return {
    out,
    host: {
      post: (m: TwinOut) => out.push(m),
      loadMnist: () => Promise.reject(new Error('not used')),
      later: () => {},
      now: () => 0
    }
  };
}

describe("TwinSession with the learner's table", () => {
  it('trains both twins on the seeded split, the same numbers as a run built directly', async () => {
    const h = host();
    const s = new TwinSession(h.host);
    await s.handle({ type: 'init', config, variant: 'dropout', generation: 1, table });
    expect(h.out[0]).toMatchObject({ type: 'ready', map: null });
    await s.handle({ type: 'step' });
    const got = h.out.find((m) => m.type === 'epochs');
    const direct = createTwinRun(config, userSplit(table, config.seed), 'dropout').step().stats;
    expect(got && got.type === 'epochs' && got.stats[0]).toEqual(direct);
    expect(Number.isFinite(direct!.valLoss)).toBe(true);
  });

  it('a csv config without a table is an error message', async () => {
    const h = host();
    await new TwinSession(h.host).handle({ type: 'init', config, variant: 'plain', generation: 2 });
    expect(h.out[0]).toMatchObject({ type: 'error', message: 'No CSV data was given.' });
  });
});
