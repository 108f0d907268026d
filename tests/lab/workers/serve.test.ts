// serveWorker (src/lib/lab/workers/serve.ts), the one adapter every worker file uses, with a fake
// worker scope: life lock first, preparation before the first message, messages in order and one
// at a time, and a failure raised (the worker's error event in a browser) without stalling the queue.
import { describe, expect, it } from 'vitest';
import { serveWorker, type ServedScope } from '../../../src/lib/lab/workers/serve';

function fakeScope(locks?: LockManager) {
  const posted: unknown[] = [];
  const scope: ServedScope<number> & { send(m: number): void } = {
    onmessage: null,
    navigator: locks ? { locks } : {},
    postMessage: (m: unknown) => void posted.push(m),
    send(m: number) {
      void this.onmessage?.(new MessageEvent('message', { data: m }));
    }
  };
  return { scope, posted };
}

const tick = () => new Promise<void>((r) => setTimeout(r, 0));

describe('serveWorker', () => {
  it('takes the life lock and announces it before anything else', async () => {
    const requested: string[] = [];
    const locks = {
      request: (name: string, cb: () => Promise<never>) => (requested.push(name), cb())
    } as unknown as LockManager;
    const { scope, posted } = fakeScope(locks);
    serveWorker(scope, () => {});
    await tick();
    expect(requested).toHaveLength(1);
    expect(posted[0]).toEqual({ type: 'life-lock', name: requested[0] });
  });

  it('waits for prepare, then handles messages one after another, in order', async () => {
    const { scope } = fakeScope();
    const log: string[] = [];
    let ready!: () => void;
    const prepared = new Promise<void>((r) => (ready = r));
    const served = serveWorker<number>(
      scope,
      async (m) => {
        log.push(`start ${m}`);
        await tick();
        log.push(`end ${m}`);
      },
      { prepare: () => prepared.then(() => void log.push('prepared')) }
    );
    scope.send(1);
    scope.send(2);
    await tick();
    expect(log).toEqual([]); // nothing before the kernels are in
    ready();
    await served.idle();
    expect(log).toEqual(['prepared', 'start 1', 'end 1', 'start 2', 'end 2']);
  });

  it('raises a failing handler (sync or async) and still handles the next messages', async () => {
    const { scope } = fakeScope();
    const raised: unknown[] = [];
    const handled: number[] = [];
    const served = serveWorker<number>(
      scope,
      async (m) => {
        if (m === 1) throw new Error('sync-ish');
        if (m === 2) return Promise.reject(new Error('async'));
        handled.push(m);
      },
      { raise: (e) => raised.push(e) }
    );
    scope.send(1);
    scope.send(2);
    scope.send(3);
    await served.idle();
    expect(raised.map((e) => (e as Error).message)).toEqual(['sync-ish', 'async']);
    expect(handled).toEqual([3]);
  });

  it('raises a failed preparation, then serves anyway', async () => {
    const { scope } = fakeScope();
    const raised: unknown[] = [];
    const handled: number[] = [];
    const served = serveWorker<number>(scope, (m) => void handled.push(m), {
      prepare: () => Promise.reject(new Error('no kernels')),
      raise: (e) => raised.push(e)
    });
    scope.send(7);
    await served.idle();
    expect(raised).toHaveLength(1);
    expect(handled).toEqual([7]);
  });

  it('by default rethrows from a fresh task, where a worker turns it into its error event', async () => {
    const { scope } = fakeScope();
    const seen: unknown[] = [];
    const onUncaught = (e: unknown) => void seen.push(e);
    process.on('uncaughtException', onUncaught);
    try {
      const served = serveWorker<number>(scope, () => {
        throw new Error('boom');
      });
      scope.send(1);
      await served.idle();
      await tick();
      await tick();
    } finally {
      process.off('uncaughtException', onUncaught);
    }
    expect(seen.map((e) => (e as Error).message)).toEqual(['boom']);
  });
});
