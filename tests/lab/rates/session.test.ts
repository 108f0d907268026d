// RatesSession, the code inside each of the sweep's two workers, on real digits with a tiny grid:
// its share trained in order with one result per job, a stop seen within an epoch, a new start
// replacing an old one, and a failed download reported as an 'error' reply.
import { describe, expect, it } from 'vitest';
import { loadMnistNode } from '../../../src/lib/data/mnist-node';
import {
  RatesData,
  RatesSession,
  planRates,
  ratesConfig,
  shareJobs,
  trainRatesJob,
  type RatesReply
} from '../../../src/lib/lab/rates';

const TINY = ratesConfig({ widths: [4, 8], pGrid: [0, 0.5], trainSize: 40, valSize: 30, epochs: 3, batchSize: 20 });
const mnist = loadMnistNode();

function fakeHost(opts: { fail?: boolean; onBreathe?: (out: RatesReply[]) => void } = {}) {
  const out: RatesReply[] = [];
  return {
    out,
    host: {
      post: (m: RatesReply) => void out.push(m),
      loadMnist: async () => {
        if (opts.fail) throw new Error('the digits could not be loaded (offline)');
        return mnist;
      },
      prepareKernels: async () => 'js',
      breathe: async () => opts.onBreathe?.(out),
      now: () => 0
    }
  };
}

describe('RatesSession', () => {
  it('trains its share in order and sends the same results as the lab function', async () => {
    const jobs = shareJobs(planRates(TINY), TINY, 2)[1];
    const h = fakeHost();
    const s = new RatesSession(h.host);
    s.handle({ type: 'start', run: 3, url: '/x.bin', config: TINY, jobs });
    await s.idle();
    const results = h.out.flatMap((m) => (m.type === 'result' ? [m.result] : []));
    const data = new RatesData(mnist, TINY);
    expect(results).toEqual(jobs.map((j) => trainRatesJob(j, TINY, data)));
    expect(h.out.at(-1)).toMatchObject({ type: 'done', run: 3, kernels: 'js' });
    expect(h.out.every((m) => m.run === 3)).toBe(true);
  });

  it('stops within an epoch: no result for the unfinished run, then "stopped"', async () => {
    const jobs = planRates(TINY);
    let s: RatesSession | null = null;
    const h = fakeHost({
      onBreathe: (out) => {
        if (out.filter((m) => m.type === 'result').length === 1) s!.handle({ type: 'stop' });
      }
    });
    s = new RatesSession(h.host);
    s.handle({ type: 'start', run: 1, url: '', config: TINY, jobs });
    await s.idle();
    expect(h.out.filter((m) => m.type === 'result')).toHaveLength(1);
    expect(h.out.at(-1)).toEqual({ type: 'stopped', run: 1 });
  });

  it('a new start replaces the running one; a failed download is an error reply', async () => {
    const jobs = planRates(TINY);
    const h = fakeHost();
    const s = new RatesSession(h.host);
    s.handle({ type: 'start', run: 1, url: '', config: TINY, jobs });
    s.handle({ type: 'start', run: 2, url: '', config: TINY, jobs: jobs.slice(0, 1) });
    await s.idle();
    expect(h.out.filter((m) => m.type === 'result' && m.run === 1)).toHaveLength(0);
    expect(h.out.filter((m) => m.type === 'result' && m.run === 2)).toHaveLength(1);
    expect(h.out.at(-1)).toMatchObject({ type: 'done', run: 2 });

    const bad = fakeHost({ fail: true });
    const b = new RatesSession(bad.host);
    b.handle({ type: 'start', run: 5, url: '', config: TINY, jobs });
    await b.idle();
    expect(bad.out.at(-1)).toMatchObject({ type: 'error', run: 5 });
    expect((bad.out.at(-1) as { message: string }).message).toMatch(/could not be loaded/);
  });
});
