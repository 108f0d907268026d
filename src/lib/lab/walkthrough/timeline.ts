import { CHAPTERS, type Chapter, type Cue } from './script';

/**
 * Time arithmetic of the walkthrough player, framework-free: where a time falls (chapter, caption),
 * chapter starts for the chapter list, and the cue starts that the reduced-motion step-through
 * moves between. Times are seconds at 1× speed from the start of the whole walkthrough.
 */

/** Start of every chapter, and the total length, from the chapter durations. */
export function chapterStarts(chapters: readonly Chapter[] = CHAPTERS): number[] {
  const starts: number[] = [];
  let t = 0;
  for (const c of chapters) {
    starts.push(t);
    t += c.duration;
  }
  return starts;
}

/** Total length in seconds at 1×. */
export function totalDuration(chapters: readonly Chapter[] = CHAPTERS): number {
  return chapters.reduce((t, c) => t + c.duration, 0);
}

/** Where a moment falls. */
export interface Position {
  /** Chapter index. */
  chapter: number;
  /** Seconds since the chapter began. */
  local: number;
  /** Caption index within the chapter. */
  cue: number;
  /** The caption showing. */
  caption: Cue;
}

/** Clamps `t` into [0, total] (NaN → 0). */
export function clampTime(t: number, chapters: readonly Chapter[] = CHAPTERS): number {
  if (!Number.isFinite(t)) return t === Infinity ? totalDuration(chapters) : 0;
  return Math.min(Math.max(t, 0), totalDuration(chapters));
}

/** The chapter and caption at time `t` (the very end shows the last caption). */
export function positionAt(t: number, chapters: readonly Chapter[] = CHAPTERS): Position {
  const time = clampTime(t, chapters);
  const starts = chapterStarts(chapters);
  let chapter = chapters.length - 1;
  for (let i = 0; i < chapters.length; i++) {
    if (time < starts[i] + chapters[i].duration) {
      chapter = i;
      break;
    }
  }
  const local = time - starts[chapter];
  const cues = chapters[chapter].cues;
  let cue = 0;
  for (let i = 0; i < cues.length; i++) if (cues[i].at <= local) cue = i;
  return { chapter, local, cue, caption: cues[cue] };
}

/** Every caption's start on the whole timeline, in order: the stops of the step-through. */
export function cueTimes(chapters: readonly Chapter[] = CHAPTERS): number[] {
  const starts = chapterStarts(chapters);
  return chapters.flatMap((c, i) => c.cues.map((q) => starts[i] + q.at));
}

/** The step-through's stop for time `t`: the index of the caption showing. */
export function stepAt(t: number, chapters: readonly Chapter[] = CHAPTERS): number {
  const times = cueTimes(chapters);
  const time = clampTime(t, chapters);
  let step = 0;
  for (let i = 0; i < times.length; i++) if (times[i] <= time) step = i;
  return step;
}

/**
 * The moment a step-through stop shows: a little after its caption starts, so the picture has
 * already done what the caption describes (e.g. the mask has been drawn).
 */
export function stepTime(step: number, chapters: readonly Chapter[] = CHAPTERS): number {
  const times = cueTimes(chapters);
  const i = Math.min(Math.max(Math.round(step), 0), times.length - 1);
  const end = i + 1 < times.length ? times[i + 1] : totalDuration(chapters);
  return times[i] + Math.min(6, (end - times[i]) / 2);
}

/** "m:ss", e.g. 83.4 → "1:23". */
export function formatTime(t: number): string {
  const s = Math.max(0, Math.floor(Number.isFinite(t) ? t : 0));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}
