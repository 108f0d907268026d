import { describe, expect, it } from 'vitest';
import { EnsembleSession, LAB_VIEW, type EnsembleReply } from '../../../src/lib/lab/ensemble';

describe('EnsembleSession (what the worker runs)', () => {
  it('train → trained, strip, uncertainty, curve, all tagged with the run; a new strip on request', async () => {
    const replies: EnsembleReply[] = [];
    const session = new EnsembleSession(
      (m) => replies.push(m),
      () => Promise.reject(new Error('not needed'))
    );
    await session.handle({ type: 'train', run: 7, config: { data: 'gauss', epochs: 5 }, mnistUrl: '', stripSeed: 1 });
    const kinds = replies.filter((r) => r.type !== 'progress').map((r) => r.type);
    expect(kinds).toEqual(['trained', 'strip', 'uncertainty', 'curve']);
    expect(replies.every((r) => r.run === 7)).toBe(true);
    const trained = replies.find((r) => r.type === 'trained')!;
    if (trained.type !== 'trained') throw new Error('unreachable');
    expect(trained.shape).toBe('2 → 16 → 16 → 1');
    expect(trained.unitsText).toBe('4,294,967,296');
    expect(trained.points!.length).toBe(2 * trained.labels!.length);
    const curve = replies.find((r) => r.type === 'curve')!;
    if (curve.type !== 'curve') throw new Error('unreachable');
    expect(curve.curve.k).toHaveLength(LAB_VIEW.k);
    expect(replies.filter((r) => r.type === 'progress' && r.stage === 'training')).toHaveLength(5);

    replies.length = 0;
    await session.handle({ type: 'strip', run: 8, seed: 2 });
    expect(replies.map((r) => r.type)).toEqual(['strip']);
    const strip = replies[0];
    if (strip.type !== 'strip') throw new Error('unreachable');
    expect(strip.strip.masks).toHaveLength(LAB_VIEW.stripCount);
    expect(strip.strip.maps[0]!.length).toBe(LAB_VIEW.stripResolution ** 2);
  });

  it('moves the strip maps to the page, and rests after each reply with pictures before computing on', async () => {
    const events: string[] = [];
    let moved: Transferable[] = [];
    const session = new EnsembleSession(
      (m, transfer = []) => {
        if (m.type === 'progress') return;
        events.push(m.type);
        if (m.type === 'strip') moved = transfer;
      },
      () => Promise.reject(new Error('not needed')),
      { k: 5, repeats: 1 },
      async () => {
        events.push('rest');
      }
    );
    await session.handle({ type: 'train', run: 1, config: { data: 'gauss', epochs: 2 }, mnistUrl: '', stripSeed: 1 });
    expect(events).toEqual(['trained', 'strip', 'rest', 'uncertainty', 'rest', 'curve']);
    // The strip's maps, its average and the weight-scaled map: every buffer once.
    expect(moved).toHaveLength(LAB_VIEW.stripCount + 2);
    expect(new Set(moved).size).toBe(moved.length);
  });

  it('turns failures into a sentence for the page (no network yet; MNIST that cannot load)', async () => {
    const replies: EnsembleReply[] = [];
    const session = new EnsembleSession(
      (m) => replies.push(m),
      () => Promise.reject(new Error('offline'))
    );
    await session.handle({ type: 'strip', run: 1, seed: 1 });
    await session.handle({ type: 'train', run: 2, config: { data: 'mnist' }, mnistUrl: '/x.bin', stripSeed: 1 });
    const errors = replies.filter((r) => r.type === 'error');
    expect(errors.map((e) => e.run)).toEqual([1, 2]);
    expect(errors[1].type === 'error' && errors[1].message).toMatch(/^The ensemble experiment failed: offline\.$/);
  });
});
