// The ensemble lab's session on the learner's data: a CSV file (3 classes, 4 features) gives the
// error-vs-k curve with no maps; drawn points give maps and the uncertainty picture; a bad file is a
// sentence naming the problem.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { EnsembleSession, type EnsembleReply, type EnsembleUserData } from '../../../src/lib/lab/ensemble';
import { snap, type DrawnPoint } from '../../../src/lib/lab/user-data/drawn';
import { threeGroups } from './three-groups';

const text = readFileSync(new URL('../../fixtures/blobs-4d.csv', import.meta.url), 'utf8');
const run = async (user: EnsembleUserData) => {
  const out: EnsembleReply[] = [];
  const s = new EnsembleSession(
    (m) => out.push(m),
    () => Promise.reject(new Error('no')),
    { k: 5, repeats: 2 }
  );
  await s.handle({
    type: 'train',
    run: 1,
    config: { data: 'user', width: 8, epochs: 5 },
    mnistUrl: '',
    stripSeed: 1,
    user
  });
  return out;
};

describe('ensemble on your data', () => {
  it('a CSV file: the curve, no maps', async () => {
    const out = await run({ kind: 'csv', name: 'blobs-4d.csv', text, label: 'kind' });
    const trained = out.find((m) => m.type === 'trained');
    expect(trained).toMatchObject({ dataLabel: '“blobs-4d.csv”', shape: '4 → 8 → 8 → 3', points: null });
    expect(out.some((m) => m.type === 'uncertainty')).toBe(false);
    const curve = out.find((m) => m.type === 'curve');
    expect(curve && curve.type === 'curve' && curve.text).toMatch(/blobs-4d\.csv/);
    expect(curve && curve.type === 'curve' && curve.curve.k.length).toBeGreaterThan(0);
  });
  it('drawn points: maps and uncertainty', async () => {
    const points: DrawnPoint[] = [];
    for (let i = 0; i < 8; i++)
      points.push(snap({ x: -1 + 0.25 * i, y: 0.6, c: 0 }), snap({ x: -1 + 0.25 * i, y: -0.6, c: 1 }));
    const out = await run({ kind: 'drawn', points });
    expect(out.find((m) => m.type === 'trained')).toMatchObject({ dataLabel: 'your drawn points' });
    expect(out.some((m) => m.type === 'uncertainty')).toBe(true);
  });
  it('three drawn classes: maps of 3 probabilities a pixel, one spread a pixel, no NaN', async () => {
    const out = await run({ kind: 'drawn', points: threeGroups() });
    expect(out.find((m) => m.type === 'trained')).toMatchObject({ classes: 3, shape: '2 → 8 → 8 → 3' });
    const strip = out.find((m) => m.type === 'strip');
    const s = strip && strip.type === 'strip' ? strip.strip : null;
    expect(s?.average).toHaveLength(48 * 48 * 3);
    expect(s?.maps[0]).toHaveLength(48 * 48 * 3);
    expect(s?.average?.every(Number.isFinite)).toBe(true);
    const u = out.find((m) => m.type === 'uncertainty');
    expect(u && u.type === 'uncertainty' && u.std).toHaveLength(64 * 64);
    expect(u && u.type === 'uncertainty' && Number.isFinite(u.max) && u.max >= 0).toBe(true);
  });
  it('a bad file is a sentence', async () => {
    const out = await run({ kind: 'csv', name: 'bad.csv', text: 'x,label\n1,a\n', label: 'label' });
    expect(out.at(-1)).toMatchObject({
      type: 'error',
      message: /"bad\.csv" could not be read: Every row has the label "a"/
    });
  });
});
