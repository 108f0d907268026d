import { describe, expect, it } from 'vitest';
import type { MnistSet } from '../../../src/lib/data';
import type { ExperimentHost } from '../../../src/lib/lab/workers/experiment-host';
import { ExperimentSession, type StartOrder } from '../../../src/lib/lab/workers/experiment-session';

/**
 * The part every experiment session shares: runs tagged by number, "stop" seen within one epoch,
 * a new start replacing the old one (at once, or after it ended), failures as one 'error' reply
 * in the session's words, and `idle` waiting for chained runs. A toy session counts "epochs".
 */

type Request = { type: 'start'; run: number; url: string; epochs: number; fail?: boolean } | { type: 'stop' };
type Reply =
  | { type: 'status'; run: number; text: string }
  | { type: 'epoch'; run: number; epoch: number }
  | { type: 'done'; run: number; kernels: string }
  | { type: 'stopped'; run: number }
  | { type: 'error'; run: number; message: string };

class CountingSession extends ExperimentSession<Request, Reply> {
  constructor(host: ExperimentHost<Reply>, order?: StartOrder) {
    super(host, (message) => `The toy failed: ${message}.`, order);
  }

  protected async start(run: number, message: Extract<Request, { type: 'start' }>): Promise<void> {
    const { kernels } = await this.loadDigits(run, message.url);
    if (message.fail) throw new Error('no digits');
    for (let epoch = 1; epoch <= message.epochs; epoch++) {
      if (await this.stoppedAfterBreath(run)) return;
      this.host.post({ type: 'epoch', run, epoch });
    }
    this.host.post({ type: 'done', run, kernels });
  }
}

/** A host whose breathe is a macrotask, so messages handled meanwhile interleave as in a worker. */
function host(onReply: (m: Reply) => void = () => {}) {
  const replies: Reply[] = [];
  const urls: string[] = [];
  const h: ExperimentHost<Reply> = {
    post: (m) => {
      replies.push(m);
      onReply(m);
    },
    loadMnist: async (url) => {
      urls.push(url);
      return {} as MnistSet;
    },
    prepareKernels: async () => 'js',
    breathe: () => new Promise((r) => setTimeout(r, 0)),
    now: () => 0
  };
  return { h, replies, urls };
}

const tags = (replies: Reply[]) => replies.map((m) => `${m.type}${m.run}`);

describe('ExperimentSession', () => {
  it('a start says it loads, gets the digits from its URL, then runs to done', async () => {
    const { h, replies, urls } = host();
    const s = new CountingSession(h);
    s.handle({ type: 'start', run: 1, url: '/digits.bin', epochs: 2 });
    await s.idle();
    expect(replies[0]).toEqual({ type: 'status', run: 1, text: 'Loading the digits…' });
    expect(urls).toEqual(['/digits.bin']);
    expect(tags(replies)).toEqual(['status1', 'epoch1', 'epoch1', 'done1']);
  });

  it('a stop is seen within one epoch and answered with stopped', async () => {
    let s: CountingSession | null = null;
    const { h, replies } = host((m) => {
      if (m.type === 'epoch' && m.epoch === 2) s?.handle({ type: 'stop' });
    });
    s = new CountingSession(h);
    s.handle({ type: 'start', run: 1, url: '', epochs: 100 });
    await s.idle();
    expect(tags(replies)).toEqual(['status1', 'epoch1', 'epoch1', 'stopped1']);
  });

  it('a new start replaces the old run; idle waits for both', async () => {
    let s: CountingSession | null = null;
    const { h, replies } = host((m) => {
      if (m.type === 'epoch' && m.run === 1) s?.handle({ type: 'start', run: 2, url: '', epochs: 2 });
    });
    s = new CountingSession(h);
    s.handle({ type: 'start', run: 1, url: '', epochs: 100 });
    await s.idle();
    expect(replies.filter((m) => m.run === 1).map((m) => m.type)).toEqual(['status', 'epoch', 'stopped']);
    expect(replies.filter((m) => m.run === 2).map((m) => m.type)).toEqual(['status', 'epoch', 'epoch', 'done']);
    expect(replies.at(-1)).toEqual({ type: 'done', run: 2, kernels: 'js' });
  });

  it("'after-previous' starts the new run only once the old one has said stopped", async () => {
    let s: CountingSession | null = null;
    const { h, replies } = host((m) => {
      if (m.type === 'epoch' && m.run === 1) s?.handle({ type: 'start', run: 2, url: '', epochs: 1 });
    });
    s = new CountingSession(h, 'after-previous');
    s.handle({ type: 'start', run: 1, url: '', epochs: 100 });
    await s.idle();
    expect(tags(replies)).toEqual(['status1', 'epoch1', 'stopped1', 'status2', 'epoch2', 'done2']);
  });

  it('a failure becomes one error reply in the session’s words, and the session goes on serving', async () => {
    const { h, replies } = host();
    const s = new CountingSession(h);
    expect(() => s.handle({ type: 'start', run: 1, url: '', epochs: 1, fail: true })).not.toThrow();
    await s.idle();
    expect(replies.at(-1)).toEqual({ type: 'error', run: 1, message: 'The toy failed: no digits.' });
    s.handle({ type: 'start', run: 2, url: '', epochs: 1 });
    await s.idle();
    expect(replies.at(-1)).toEqual({ type: 'done', run: 2, kernels: 'js' });
  });
});
