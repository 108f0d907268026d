// AugmentSession, the code inside the augmentation example's worker, on real digits with a tiny
// setup: loading → every epoch and run in order → done; a stop seen within one epoch; a new start
// replaces the old run; a failed download is an 'error' reply, not a throw.
import { describe, expect, it } from 'vitest';
import { loadMnistNode } from '../../../src/lib/data/mnist-node';
import { DEFAULT_CONFIG, type AugmentConfig } from '../../../src/lib/lab/augment/experiment';
import type { AugmentReply } from '../../../src/lib/lab/augment/protocol';
import { AugmentSession } from '../../../src/lib/lab/augment/session';

const TINY: AugmentConfig = {
  ...DEFAULT_CONFIG,
  train: 40,
  val: 30,
  width: 8,
  epochs: 2,
  batchSize: 20,
  seeds: [1, 2]
};
const mnist = loadMnistNode();

function fakeHost(opts: { fail?: boolean; onBreathe?: (out: AugmentReply[]) => void } = {}) {
  const out: AugmentReply[] = [];
  let t = 0;
  return {
    out,
    host: {
      post: (m: AugmentReply) => void out.push(m),
      loadMnist: async () => {
        if (opts.fail) throw new Error('the digits could not be loaded (offline)');
        return mnist;
      },
      prepareKernels: async () => 'js',
      breathe: async () => opts.onBreathe?.(out),
      now: () => (t += 500)
    }
  };
}

describe('AugmentSession', () => {
  it('loads, streams every epoch of the 2 × 4 networks, a run summary after each, then done with all of them', async () => {
    const h = fakeHost();
    const s = new AugmentSession(h.host, TINY);
    s.handle({ type: 'start', url: '/data/x.bin', run: 3 });
    await s.idle();
    const types = h.out.map((m) => m.type);
    expect(types.filter((t) => t === 'epoch')).toHaveLength(16);
    expect(types.filter((t) => t === 'run')).toHaveLength(8);
    expect(types.at(-1)).toBe('done');
    expect(h.out.every((m) => m.run === 3)).toBe(true);
    const done = h.out.at(-1) as Extract<AugmentReply, { type: 'done' }>;
    expect(done.runs.map((r) => `${r.seed} ${r.variant}`)).toEqual([
      '1 neither',
      '1 dropout',
      '1 augment',
      '1 both',
      '2 neither',
      '2 dropout',
      '2 augment',
      '2 both'
    ]);
    expect(done.config).toEqual(TINY);
    expect(done.kernels).toBe('js');
    expect(done.seconds).toBeGreaterThan(0);
  });

  it('a stop is seen within one epoch', async () => {
    let s: AugmentSession | null = null;
    const h = fakeHost({
      onBreathe: (out) => {
        if (out.filter((m) => m.type === 'epoch').length === 1) s?.handle({ type: 'stop' });
      }
    });
    s = new AugmentSession(h.host, TINY);
    s.handle({ type: 'start', url: 'u', run: 1 });
    await s.idle();
    expect(h.out.filter((m) => m.type === 'epoch')).toHaveLength(1);
    expect(h.out.at(-1)?.type).toBe('stopped');
  });

  it('a new start replaces the running one', async () => {
    let s: AugmentSession | null = null;
    let restarted = false;
    const h = fakeHost({
      onBreathe: () => {
        if (!restarted) {
          restarted = true;
          s?.handle({ type: 'start', url: 'u', run: 2 });
        }
      }
    });
    s = new AugmentSession(h.host, TINY);
    s.handle({ type: 'start', url: 'u', run: 1 });
    await s.idle();
    expect(h.out.filter((m) => m.run === 1).at(-1)?.type).toBe('stopped');
    expect(h.out.filter((m) => m.run === 2).at(-1)?.type).toBe('done');
  });

  it('a failed download becomes an error reply in words', async () => {
    const h = fakeHost({ fail: true });
    const s = new AugmentSession(h.host, TINY);
    s.handle({ type: 'start', url: 'u', run: 1 });
    await s.idle();
    const last = h.out.at(-1);
    expect(last?.type).toBe('error');
    expect(last?.type === 'error' && last.message).toMatch(/^The augmentation experiment failed: the digits could not/);
  });
});
