// TwinController (src/lib/ui/examples/twin/twin-controller.svelte.ts), the twin run's state without
// its rendering, driven with fake workers, clock, frames and address bar: both twins built from the
// URL, replies buffered and drawn at most every REDRAW_MS, stops and announcements, URL writes,
// stale generations dropped, crashes and failures.
import { describe, expect, it } from 'vitest';
import type { EpochStats } from '../../src/lib/engine/train/types';
import type { TwinIn, TwinOut } from '../../src/lib/lab/twin/session';
import {
  REDRAW_MS,
  TwinController,
  type TwinHost,
  type TwinWorker
} from '../../src/lib/ui/examples/twin/twin-controller.svelte';

class FakeWorker implements TwinWorker {
  error: string | null = null;
  readonly mnistUrl = '/data/mnist-10k.bin';
  run = 0;
  sent: TwinIn[] = [];
  restarts = 0;
  disposed = false;
  constructor(private readonly onReply: (m: TwinOut) => void) {}
  begin(run = this.run + 1): number {
    return (this.run = run);
  }
  post(m: TwinIn): void {
    this.sent.push(m);
  }
  restart(): void {
    this.restarts++;
    this.error = null;
  }
  dispose(): void {
    this.disposed = true;
  }
  /** A reply as WorkerHandle delivers it: only the current generation gets through. */
  reply(m: TwinOut): void {
    if (m.generation === this.run) this.onReply(m);
  }
}

function setup(href = 'https://lab.test/?x=1#twin') {
  const workers: FakeWorker[] = [];
  const frames = new Map<number, () => void>();
  const timers = new Map<number, { fn: () => void; at: number }>();
  const pushed: string[] = [];
  let t = 1000;
  let id = 0;
  let address = href;
  const host: TwinHost = {
    worker: (onReply) => {
      const w = new FakeWorker(onReply);
      workers.push(w);
      return w;
    },
    now: () => t,
    requestFrame: (fn) => (frames.set(++id, fn), id),
    cancelFrame: (i) => void frames.delete(i),
    setTimer: (fn, ms) => (timers.set(++id, { fn, at: t + ms }), id as unknown as ReturnType<typeof setTimeout>),
    clearTimer: (i) => void timers.delete(i as unknown as number),
    href: () => address,
    pushUrl: (url) => {
      address = url.href;
      pushed.push(url.href);
    },
    random: () => 0.123456
  };
  const c = new TwinController(host);
  return {
    c,
    plain: workers[0],
    dropout: workers[1],
    frames,
    timers,
    pushed,
    setAddress: (h: string) => (address = h),
    /** Advances the clock, firing due timers, then runs the pending animation frames. */
    advance(ms: number) {
      t += ms;
      for (const [k, v] of [...timers]) {
        if (v.at > t) continue;
        timers.delete(k);
        v.fn();
      }
      for (const [k, fn] of [...frames]) {
        frames.delete(k);
        fn();
      }
    }
  };
}

const epoch = (e: number, valLoss = 0.5): EpochStats =>
  ({ epoch: e, trainLoss: 0.4, valLoss, trainAccuracy: 0.8, valAccuracy: 0.7 }) as EpochStats;
const ready = (variant: 'plain' | 'dropout', generation: number): TwinOut => ({
  type: 'ready',
  variant,
  generation,
  map: new Float32Array(4),
  resolution: 2
});

describe('TwinController', () => {
  it('reads the configuration from the address bar and builds both twins, paused', () => {
    const s = setup('https://lab.test/?preset=overfit&epochs=40#twin');
    s.c.mount();
    expect(s.c.config.epochs).toBe(40);
    for (const [w, v] of [
      [s.plain, 'plain'],
      [s.dropout, 'dropout']
    ] as const) {
      expect(w.sent).toEqual([
        { type: 'init', config: s.c.config, variant: v, generation: 1, mnistUrl: '/data/mnist-10k.bin' }
      ]);
    }
    expect(s.c.playing).toBe(false);
    expect(s.c.loading).toBe(true);
    expect(s.c.statusOf('plain')).toBe('Without dropout: starting…');
  });

  it('can start the workers later (after the first frame): nothing is sent before, and a deferred start after a change or after dispose does nothing', () => {
    const s = setup('https://lab.test/?preset=overfit&epochs=40#twin');
    let start: (() => void) | null = null;
    s.c.mount((fn) => (start = fn));
    expect(s.c.config.epochs).toBe(40); // the address bar is read at once
    expect(s.plain.sent).toEqual([]);
    start!();
    expect(s.plain.sent.map((m) => m.type)).toEqual(['init']);
    expect(s.dropout.sent.map((m) => m.type)).toEqual(['init']);

    const changed = setup();
    changed.c.mount((fn) => (start = fn));
    changed.c.apply({ epochs: 50 });
    start!();
    expect(changed.plain.sent.map((m) => m.type)).toEqual(['init']);

    const gone = setup();
    gone.c.mount((fn) => (start = fn));
    gone.c.dispose();
    start!();
    expect(gone.plain.sent).toEqual([]);
  });

  it('buffers replies and draws them at most every REDRAW_MS, in one redraw', () => {
    const s = setup();
    s.c.mount();
    s.plain.reply(ready('plain', 1));
    s.dropout.reply(ready('dropout', 1));
    expect(s.c.ready).toEqual({ plain: true, dropout: true }); // known at once (status lines)
    expect(s.c.mapPlain).toBeNull(); // drawn on the next frame
    s.advance(0);
    expect(s.c.mapPlain).not.toBeNull();
    s.c.play();
    expect(s.plain.sent.at(-1)).toEqual({ type: 'play' });
    expect(s.c.running).toBe(true);
    s.plain.reply({
      type: 'epochs',
      variant: 'plain',
      generation: 1,
      stats: [epoch(1), epoch(2)],
      map: null,
      resolution: 2
    });
    s.dropout.reply({ type: 'epochs', variant: 'dropout', generation: 1, stats: [epoch(1)], map: null, resolution: 2 });
    s.advance(REDRAW_MS / 2);
    expect(s.c.history.plain).toHaveLength(0); // too soon after the last redraw
    expect(s.timers.size).toBe(1);
    s.advance(REDRAW_MS / 2);
    expect(s.c.history.plain.map((e) => e.epoch)).toEqual([1, 2]);
    expect(s.c.history.dropout.map((e) => e.epoch)).toEqual([1]);
    expect(s.c.statusOf('plain')).toBe(`Without dropout: epoch 2 of ${s.c.config.epochs}`);
  });

  it('announces milestones, a divergence, and the end (and stops playing)', () => {
    const s = setup('https://lab.test/?epochs=8');
    s.c.mount();
    s.c.play();
    const both = (stats: EpochStats[]) => {
      s.plain.reply({ type: 'epochs', variant: 'plain', generation: 1, stats, map: null, resolution: 2 });
      s.dropout.reply({ type: 'epochs', variant: 'dropout', generation: 1, stats, map: null, resolution: 2 });
      s.advance(REDRAW_MS);
    };
    both([epoch(1)]);
    expect(s.c.announcement).toBe('');
    both([epoch(2)]);
    expect(s.c.announcement).toMatch(/^Epoch 2 of 8\. /);
    s.dropout.reply({
      type: 'stopped',
      variant: 'dropout',
      generation: 1,
      reason: { kind: 'diverged', epoch: 3, message: 'The loss became NaN.' }
    });
    s.advance(REDRAW_MS);
    expect(s.c.announcement).toBe('With dropout: The loss became NaN.');
    expect(s.c.statusOf('dropout')).toBe('With dropout: stopped. The loss became NaN.');
    s.plain.reply({ type: 'stopped', variant: 'plain', generation: 1, reason: { kind: 'done' } as never });
    s.advance(REDRAW_MS);
    expect(s.c.done).toBe(true);
    expect(s.c.playing).toBe(false);
    expect(s.c.announcement).toMatch(/^Both networks finished\. /);
  });

  it('a change writes the URL (keeping other parameters and the #section) and rebuilds both twins; old replies are dropped', () => {
    const s = setup();
    s.c.mount();
    s.c.apply({ epochs: 30 });
    expect(s.pushed).toHaveLength(1);
    const url = new URL(s.pushed[0]);
    expect(url.searchParams.get('x')).toBe('1');
    expect(url.hash).toBe('#twin');
    expect(url.searchParams.get('epochs')).toBe('30');
    expect(s.plain.sent.at(-1)).toMatchObject({ type: 'init', generation: 2 });
    s.plain.reply(ready('plain', 1)); // the first build, answering late
    expect(s.c.ready.plain).toBe(false);
    s.c.newSeed();
    expect(s.c.config.seed).toBe(123456);
    s.setAddress(s.pushed[0]); // back
    s.c.popstate();
    expect(s.c.config.seed).not.toBe(123456);
    expect(s.plain.sent.at(-1)).toMatchObject({ type: 'init', generation: 4 });
  });

  it("shows a reported failure, and restarts the workers on request; a crash is the workers' error", async () => {
    const s = setup();
    s.c.mount();
    s.c.play();
    s.dropout.reply({ type: 'error', variant: 'dropout', generation: 1, message: 'The digits could not be loaded.' });
    expect(s.c.failure).toBe('The digits could not be loaded.');
    expect(s.c.playing).toBe(false);
    s.dropout.error = 'the training worker stopped with an error';
    expect(s.c.crashed).toBe('the training worker stopped with an error');
    s.c.restartWorkers();
    expect([s.plain.restarts, s.dropout.restarts]).toEqual([1, 1]);
    expect(s.c.crashed).toBeNull();
    expect(s.c.failure).toBeNull();
    expect(s.plain.sent.at(-1)).toMatchObject({ type: 'init', generation: 2 });
    expect(s.c.linkCopiedText()).toBe('Link copied.');
    s.c.dispose();
    expect(s.plain.disposed && s.dropout.disposed).toBe(true);
  });
});

describe('TwinController: the copied link', () => {
  it('shares the address the host gives, the address bar otherwise', () => {
    const s = setup('https://lab.test/?lr=0.003#why');
    const host = (s.c as unknown as { host: TwinHost }).host;
    const copied = [s.c.shareHref()];
    host.shareHref = () => 'https://lab.test/?lr=0.003#twin-run';
    copied.push(s.c.shareHref());
    expect(copied).toEqual(['https://lab.test/?lr=0.003#why', 'https://lab.test/?lr=0.003#twin-run']);
  });

  it('points drawn in another example stay in the address through a preset change; "Forget my data" drops them', () => {
    const s = setup('https://lab.test/?pts=bAP-AP-AP-#twin');
    s.c.mount();
    s.c.apply({ epochs: 50 });
    expect(new URL(s.pushed.at(-1)!).searchParams.get('pts')).toBe('bAP-AP-AP-');
    s.c.forgetTable();
    expect(new URL(s.pushed.at(-1)!).searchParams.get('pts')).toBeNull();
    expect(new URL(s.pushed.at(-1)!).searchParams.get('epochs')).toBe('50');
  });
});
