// TwinSession, the code inside each twin's worker: init → ready; play posts batched epochs in order
// until the cap; pause and step; a new init (reset) reproduces the same numbers; errors are messages.
import { describe, expect, it } from 'vitest';
import {
  REST_MS,
  SLICE_MS,
  TwinSession,
  restBetweenSlices,
  validateTwinConfig,
  type TwinOut
} from '../../../src/lib/lab/twin';

/** A host whose clock advances 5 ms per reading and whose `later` queue we drain by hand. */
function fakeHost(failMnist = false) {
  const out: TwinOut[] = [];
  const pending: (() => void)[] = [];
  let t = 0;
  return {
    out,
    pending,
    host: {
      post: (m: TwinOut) => out.push(m),
      loadMnist: () =>
        failMnist ? Promise.reject(new Error('offline')) : Promise.reject(new Error('not in this test')),
      later: (fn: () => void) => pending.push(fn),
      now: () => (t += 5)
    },
    drain(max = 10_000) {
      for (let i = 0; i < max && pending.length; i++) pending.shift()!();
    }
  };
}

const config = validateTwinConfig({ preset: 'overfit', epochs: 12 }).config;
const epochsOf = (out: TwinOut[]) => out.flatMap((m) => (m.type === 'epochs' ? m.stats : []));

describe('TwinSession', () => {
  it('init posts ready with an untrained decision map; play trains to the cap in batched messages', async () => {
    const h = fakeHost();
    const s = new TwinSession(h.host);
    await s.handle({ type: 'init', config, variant: 'dropout', generation: 3 });
    expect(h.out[0]).toMatchObject({ type: 'ready', variant: 'dropout', generation: 3 });
    expect((h.out[0] as Extract<TwinOut, { type: 'ready' }>).map?.length).toBe(48 * 48);
    await s.handle({ type: 'play' });
    h.drain();
    const epochs = epochsOf(h.out);
    expect(epochs.map((e) => e.epoch)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    const batches = h.out.filter((m) => m.type === 'epochs');
    expect(batches.length).toBeLessThan(12); // several epochs per message
    expect(h.out.at(-1)).toEqual({ type: 'stopped', variant: 'dropout', generation: 3, reason: { kind: 'done' } });
    // The final message before 'stopped' carries the final decision map.
    expect((batches.at(-1) as Extract<TwinOut, { type: 'epochs' }>).map).not.toBeNull();
  });

  it('pause stops the loop; step trains exactly one epoch', async () => {
    const h = fakeHost();
    const s = new TwinSession(h.host);
    await s.handle({ type: 'init', config, variant: 'plain', generation: 1 });
    await s.handle({ type: 'play' });
    h.pending.shift()!(); // one slice
    await s.handle({ type: 'pause' });
    h.drain();
    const n = epochsOf(h.out).length;
    expect(n).toBeGreaterThan(0);
    expect(n).toBeLessThan(12);
    await s.handle({ type: 'step' });
    expect(epochsOf(h.out).map((e) => e.epoch)).toEqual(Array.from({ length: n + 1 }, (_, i) => i + 1));
  });

  it('a second init (reset) reproduces the first epochs exactly', async () => {
    const h = fakeHost();
    const s = new TwinSession(h.host);
    await s.handle({ type: 'init', config, variant: 'dropout', generation: 1 });
    await s.handle({ type: 'step' });
    await s.handle({ type: 'step' });
    const first = epochsOf(h.out);
    h.out.length = 0;
    await s.handle({ type: 'init', config, variant: 'dropout', generation: 2 });
    await s.handle({ type: 'step' });
    await s.handle({ type: 'step' });
    expect(epochsOf(h.out)).toEqual(first);
    expect(h.out.every((m) => m.generation === 2)).toBe(true);
  });

  it('reports a failed MNIST load as an error message, not a throw', async () => {
    const h = fakeHost(true);
    const s = new TwinSession(h.host);
    await s.handle({
      type: 'init',
      config: validateTwinConfig({ preset: 'digits' }).config,
      variant: 'plain',
      generation: 1,
      mnistUrl: '/x'
    });
    expect(h.out).toEqual([{ type: 'error', variant: 'plain', generation: 1, message: 'offline' }]);
    await s.handle({ type: 'play' }); // nothing to play: ignored quietly
    expect(h.pending).toHaveLength(0);
  });
});

describe('restBetweenSlices', () => {
  it('rests between slices on two cores or fewer (or an unknown count), not with more', () => {
    expect(restBetweenSlices(2)).toBe(REST_MS);
    expect(restBetweenSlices(1)).toBe(REST_MS);
    expect(restBetweenSlices(undefined)).toBe(REST_MS);
    expect(restBetweenSlices(8)).toBe(0);
    expect(REST_MS).toBeGreaterThan(0);
    expect(REST_MS).toBeLessThan(SLICE_MS);
  });
});
