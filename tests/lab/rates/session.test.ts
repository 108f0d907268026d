// RatesSession, the code inside each of the sweep's two workers, on real digits with a tiny grid:
// its jobs trained in order with one result per job, two sessions fed from one queue as the page
// does giving the same numbers whichever session ran which job, a stop seen within an epoch, a new
// start replacing an old one, and a failed download reported as an 'error' reply.
import { describe, expect, it } from 'vitest';
import { loadMnistNode } from '../../../src/lib/data/mnist-node';
import {
  RatesData,
  RatesSession,
  planRates,
  queueOrder,
  ratesConfig,
  summariseRates,
  trainRatesJob,
  type RatesJob,
  type RatesReply,
  type RatesRun
} from '../../../src/lib/lab/rates';

const TINY = ratesConfig({ widths: [4, 8], pGrid: [0, 0.5], trainSize: 40, valSize: 30, epochs: 3, batchSize: 20 });
const mnist = loadMnistNode();

function fakeHost(
  opts: {
    fail?: boolean;
    onBreathe?: (out: RatesReply[]) => void | Promise<void>;
    onPost?: (m: RatesReply) => void;
  } = {}
) {
  const out: RatesReply[] = [];
  return {
    out,
    host: {
      post: (m: RatesReply) => {
        out.push(m);
        opts.onPost?.(m);
      },
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
  it('trains its jobs in order and sends the same results as the lab function', async () => {
    const jobs = planRates(TINY).filter((j) => j.index % 2 === 1);
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

  it('two sessions fed from one queue give the same numbers however the jobs fall between them', async () => {
    const data = new RatesData(mnist, TINY);
    const reference = planRates(TINY).map((j) => trainRatesJob(j, TINY, data)!);
    /** Runs the page's dispatch: each session takes the next job when it answers 'done'; `slow` breathes longer. */
    async function dispatch(order: RatesJob[], slow: number): Promise<{ runs: RatesRun[]; ranBy: number[] }> {
      const queue = [...order];
      const runs: RatesRun[] = [];
      const ranBy: number[] = [];
      const sessions: RatesSession[] = [];
      let finished = 0;
      let resolve = () => {};
      const over = new Promise<void>((r) => (resolve = r));
      const next = (i: number) => {
        const job = queue.shift();
        if (job) sessions[i].handle({ type: 'start', run: 1, url: '', config: TINY, jobs: [job] });
        else if (++finished === 2) resolve();
      };
      for (let i = 0; i < 2; i++) {
        const h = fakeHost({
          onBreathe: () => (i === slow ? new Promise((r) => setTimeout(r, 2)) : undefined),
          onPost: (m) => {
            if (m.type === 'result') {
              runs.push(m.result);
              ranBy[m.result.index] = i;
            } else if (m.type === 'done') queueMicrotask(() => next(i));
          }
        });
        sessions.push(new RatesSession(h.host));
      }
      next(0);
      next(1);
      await over;
      return { runs, ranBy };
    }
    const a = await dispatch(queueOrder(planRates(TINY)), 0);
    const b = await dispatch([...planRates(TINY)].reverse(), 1);
    // Different sessions ran different jobs, in a different order…
    expect(a.ranBy).not.toEqual(b.ranBy);
    expect(a.runs.map((r) => r.index)).not.toEqual(b.runs.map((r) => r.index));
    // …and every job's numbers, and so the cells, are the same as training it alone.
    for (const x of [a, b]) {
      expect([...x.runs].sort((p, q) => p.index - q.index)).toEqual(reference);
      expect(summariseRates(x.runs)).toEqual(summariseRates(reference));
    }
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
