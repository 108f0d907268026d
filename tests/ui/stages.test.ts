// The staged reveal of a big first picture (src/lib/ui/examples/stages.svelte.ts), with fake frames and timers.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Stages } from '../../src/lib/ui/examples/stages.svelte';

describe('Stages', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.stubGlobal('requestAnimationFrame', (fn: FrameRequestCallback) => setTimeout(() => fn(performance.now()), 16));
    vi.stubGlobal('cancelAnimationFrame', (id: ReturnType<typeof setTimeout>) => clearTimeout(id));
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('shows the first stage at once and one more per frame, never more than it has', () => {
    const s = new Stages(3);
    expect(s.shown).toBe(0);
    s.start();
    expect(s.shown).toBe(1);
    expect(s.has(2)).toBe(false);
    vi.advanceTimersByTime(16); // the frame with stage 1 is drawn…
    expect(s.shown).toBe(1);
    vi.advanceTimersByTime(1); // …and the task after it mounts stage 2
    expect(s.shown).toBe(2);
    vi.advanceTimersByTime(17);
    expect(s.shown).toBe(3);
    vi.advanceTimersByTime(1000);
    expect(s.shown).toBe(3);
    expect(s.has(3)).toBe(true);
  });

  it('reset hides everything and stops a reveal in progress; start begins again from the first stage', () => {
    const s = new Stages(3);
    s.start();
    vi.advanceTimersByTime(17);
    expect(s.shown).toBe(2);
    s.reset();
    vi.advanceTimersByTime(1000);
    expect(s.shown).toBe(0);
    s.start();
    expect(s.shown).toBe(1);
    vi.advanceTimersByTime(1000);
    expect(s.shown).toBe(3);
  });
});
