// SpatialSession, the code inside the spatial example's worker, on real digits with a tiny setup:
// loading → maps after the first epoch → every epoch and run in order → done; a stop or a new
// start seen within one epoch; a failed download is an 'error' reply, not a throw.
import { describe, expect, it } from 'vitest';
import { loadMnistNode } from '../../../src/lib/data/mnist-node';
import type { SpatialConfig } from '../../../src/lib/lab/spatial/experiment';
import type { SpatialReply } from '../../../src/lib/lab/spatial/protocol';
import { SpatialSession } from '../../../src/lib/lab/spatial/session';

const TINY: SpatialConfig = {
  train: 32,
  val: 30,
  p: 0.2,
  epochs: 2,
  batchSize: 16,
  lr: 4e-3,
  seed: 7,
  seeds: 2,
  setsPerK: 2
};
const mnist = loadMnistNode();

function fakeHost(opts: { fail?: boolean; onBreathe?: (out: SpatialReply[]) => void } = {}) {
  const out: SpatialReply[] = [];
  const urls: string[] = [];
  let t = 0;
  return {
    out,
    urls,
    host: {
      post: (m: SpatialReply) => void out.push(m),
      loadMnist: async (url: string) => {
        urls.push(url);
        if (opts.fail) throw new Error('The digits could not be loaded (offline).');
        return mnist;
      },
      prepareKernels: async () => 'js',
      breathe: async () => opts.onBreathe?.(out),
      now: () => (t += 250)
    }
  };
}

const types = (out: SpatialReply[]) =>
  out.map((m) =>
    m.type === 'epoch'
      ? `epoch ${m.seed} ${m.kind} ${m.stats.epoch}`
      : m.type === 'run'
        ? `run ${m.result.seed} ${m.result.kind}`
        : m.type
  );

describe('SpatialSession', () => {
  it('a maps request trains one epoch of the network without dropout and sends its maps, transferred', async () => {
    const h = fakeHost();
    const transfers: Transferable[][] = [];
    const s = new SpatialSession({ ...h.host, post: (m, t = []) => (h.out.push(m), transfers.push(t)) }, TINY);
    s.handle({ type: 'maps', url: '/data/x.bin', run: 3 });
    await s.idle();
    expect(types(h.out)).toEqual(['status', 'status', 'maps']);
    const maps = h.out[2] as Extract<SpatialReply, { type: 'maps' }>;
    expect(maps.run).toBe(3);
    expect(maps.epoch).toBe(1);
    expect(maps.labels).toHaveLength(maps.images.length / 784);
    expect(maps.maps.length).toBe(maps.labels.length * 8 * 784);
    expect(transfers[2]).toEqual([maps.maps.buffer, maps.images.buffer]);
  });

  it('loads, trains every seed, sends every epoch and run in order, then done', async () => {
    const h = fakeHost();
    const s = new SpatialSession(h.host, TINY);
    s.handle({ type: 'start', url: '/data/x.bin', p: 0.3, run: 4 });
    await s.idle();
    expect(h.urls).toEqual(['/data/x.bin']);
    expect(types(h.out)).toEqual([
      'status',
      'status',
      'epoch 7 none 1',
      'epoch 7 none 2',
      'run 7 none',
      'epoch 7 element 1',
      'epoch 7 element 2',
      'run 7 element',
      'epoch 7 spatial 1',
      'epoch 7 spatial 2',
      'run 7 spatial',
      'epoch 8 none 1',
      'epoch 8 none 2',
      'run 8 none',
      'epoch 8 element 1',
      'epoch 8 element 2',
      'run 8 element',
      'epoch 8 spatial 1',
      'epoch 8 spatial 2',
      'run 8 spatial',
      'done'
    ]);
    expect(h.out.every((m) => m.run === 4)).toBe(true);
    expect(h.out[0]).toMatchObject({ type: 'status', text: 'Loading the digits…' });
    expect(h.out[1]).toMatchObject({ type: 'status', text: 'Training…' });
    const done = h.out.at(-1) as Extract<SpatialReply, { type: 'done' }>;
    expect(done.kernels).toBe('js');
    expect(done.seconds).toBeGreaterThan(0);
    // A run's reply carries its result and knock-out curve, not the epochs the page already has.
    const result = (h.out.find((m) => m.type === 'run') as Extract<SpatialReply, { type: 'run' }>).result;
    expect(result).not.toHaveProperty('history');
    expect(result.knockout?.ks).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(Object.keys(done).sort()).toEqual(['kernels', 'run', 'seconds', 'type']);
  });

  it('a stop is seen within one epoch: stopped, and no done', async () => {
    const h = fakeHost({ onBreathe: (out) => out.some((m) => m.type === 'epoch') && s.handle({ type: 'stop' }) });
    const s = new SpatialSession(h.host, TINY);
    s.handle({ type: 'start', url: 'u', p: 0.2, run: 1 });
    await s.idle();
    expect(types(h.out).slice(-2)).toEqual(['epoch 7 none 1', 'stopped']);
    expect(h.out.some((m) => m.type === 'done')).toBe(false);
  });

  it('a new start ends the old run (stopped) and trains the new one to the end', async () => {
    let restarted = false;
    const h = fakeHost({
      onBreathe: (out) => {
        if (!restarted && out.some((m) => m.type === 'epoch')) {
          restarted = true;
          s.handle({ type: 'start', url: 'u', p: 0.5, run: 2 });
        }
      }
    });
    const s = new SpatialSession(h.host, TINY);
    s.handle({ type: 'start', url: 'u', p: 0.2, run: 1 });
    await s.idle();
    const first = h.out.filter((m) => m.run === 1);
    const second = h.out.filter((m) => m.run === 2);
    expect(first.at(-1)?.type).toBe('stopped');
    expect(first.some((m) => m.type === 'done')).toBe(false);
    expect(second.at(-1)?.type).toBe('done');
    expect(second.filter((m) => m.type === 'epoch')).toHaveLength(12);
  });

  it('a failed download becomes an error reply for that run', async () => {
    const h = fakeHost({ fail: true });
    const s = new SpatialSession(h.host, TINY);
    expect(() => s.handle({ type: 'start', url: 'u', p: 0.2, run: 9 })).not.toThrow();
    await s.idle();
    expect(h.out.at(-1)).toEqual({ type: 'error', run: 9, message: 'The digits could not be loaded (offline).' });
  });
});
