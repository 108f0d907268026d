import { describe, expect, it } from 'vitest';
import {
  CHAPTERS,
  chapterStarts,
  clampTime,
  cueTimes,
  formatTime,
  positionAt,
  stepAt,
  stepTime,
  totalDuration
} from '../../../src/lib/lab/walkthrough';

describe('walkthrough timeline', () => {
  it('has the six planned chapters and lasts 3–6 minutes at 1×', () => {
    expect(CHAPTERS.map((c) => c.kind)).toEqual([
      'forward',
      'per-example',
      'shared',
      'test-scaling',
      'inverted',
      'averaging'
    ]);
    expect(totalDuration()).toBeGreaterThanOrEqual(180);
    expect(totalDuration()).toBeLessThanOrEqual(360);
    for (const c of CHAPTERS) {
      expect(c.cues[0].at).toBe(0);
      c.cues.forEach((q, i) => i > 0 && expect(q.at).toBeGreaterThan(c.cues[i - 1].at));
      expect(c.cues.at(-1)!.at).toBeLessThan(c.duration);
    }
  });

  it('finds the chapter and caption of any moment', () => {
    const starts = chapterStarts();
    expect(positionAt(0)).toMatchObject({ chapter: 0, cue: 0, local: 0 });
    expect(positionAt(starts[2] + 0.01).chapter).toBe(2);
    expect(positionAt(starts[2] - 0.01).chapter).toBe(1);
    const c = CHAPTERS[3];
    expect(positionAt(starts[3] + c.cues[1].at + 0.5).caption).toBe(c.cues[1]);
    expect(positionAt(totalDuration()).chapter).toBe(CHAPTERS.length - 1);
    expect(positionAt(NaN).chapter).toBe(0);
    expect(clampTime(-5)).toBe(0);
    expect(clampTime(1e9)).toBe(totalDuration());
  });

  it('step-through stops land inside their own caption, in order', () => {
    const times = cueTimes();
    for (let s = 0; s < times.length; s++) {
      expect(stepAt(stepTime(s))).toBe(s);
      if (s > 0) expect(times[s]).toBeGreaterThan(times[s - 1]);
    }
    expect(stepTime(-3)).toBe(stepTime(0));
    expect(stepTime(999)).toBe(stepTime(times.length - 1));
  });

  it('formats m:ss', () => {
    expect(formatTime(0)).toBe('0:00');
    expect(formatTime(83.9)).toBe('1:23');
    expect(formatTime(245)).toBe('4:05');
    expect(formatTime(NaN)).toBe('0:00');
  });
});
