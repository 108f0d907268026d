// Main-thread tasks from a Chromium trace (browser.startTracing with the 'toplevel' and 'devtools.timeline'
// categories): each task's wall time and thread (CPU) time, and what ran in it. Shared by the twin-run
// benchmark (bench/web/twin.ts) and the per-example figures of `npm run bench:web` (bench/web/run.ts).

/** One main-thread task from the trace: wall and thread (CPU) milliseconds, and what it ran. */
export interface Task {
  wall: number;
  cpu: number;
  kind: string;
  /** Style + layout + paint milliseconds inside it (wall). */
  render: number;
  /** JavaScript milliseconds inside it (wall): message handlers, animation frames, timers, microtasks. */
  script: number;
}

/** One event of a Chromium trace, the fields used here. */
interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  tdur?: number;
  pid: number;
  tid: number;
  args?: { name?: string };
}

/** The page's main-thread tasks in a trace (the renderer main thread with the most task time). */
export function mainThreadTasks(traceJson: string): Task[] {
  const parsed = JSON.parse(traceJson) as TraceEvent[] | { traceEvents: TraceEvent[] };
  const events = Array.isArray(parsed) ? parsed : parsed.traceEvents;
  const mains = new Set(
    events
      .filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      .map((e) => `${e.pid}:${e.tid}`)
  );
  const byThread = new Map<string, TraceEvent[]>();
  for (const e of events) {
    const key = `${e.pid}:${e.tid}`;
    if (e.ph !== 'X' || !mains.has(key)) continue;
    (byThread.get(key) ?? byThread.set(key, []).get(key)!).push(e);
  }
  let busiest: TraceEvent[] = [];
  let most = -1;
  for (const list of byThread.values()) {
    const t = list.filter((e) => e.name === 'ThreadControllerImpl::RunTask').reduce((a, e) => a + (e.dur ?? 0), 0);
    if (t > most) {
      most = t;
      busiest = list;
    }
  }
  busiest.sort((a, b) => a.ts - b.ts);
  const tasks: Task[] = [];
  const KINDS = [
    'HandlePostMessage',
    'FireAnimationFrame',
    'TimerFire',
    'EventDispatch',
    'v8.evaluateScript',
    'MajorGC',
    'MinorGC'
  ];
  const RENDER = new Set(['UpdateLayoutTree', 'Layout', 'Paint', 'PrePaint', 'Layerize']);
  const SCRIPT = new Set(['FunctionCall', 'RunMicrotasks', 'v8.evaluateScript', 'EvaluateScript']);
  let i = 0;
  while (i < busiest.length) {
    const t = busiest[i];
    if (t.name !== 'ThreadControllerImpl::RunTask') {
      i++;
      continue;
    }
    const end = t.ts + (t.dur ?? 0);
    let render = 0;
    let script = 0;
    let kind = 'other';
    let scriptEnd = -Infinity;
    let mojo = false;
    let j = i + 1;
    for (; j < busiest.length && busiest[j].ts < end; j++) {
      const e = busiest[j];
      if (kind === 'other' && KINDS.includes(e.name))
        kind = e.name === 'v8.evaluateScript' ? 'evaluate (the bench itself)' : e.name;
      if (e.name === 'Receive mojo message') mojo = true;
      if (RENDER.has(e.name)) render += (e.dur ?? 0) / 1000;
      // Count script once: nested FunctionCall/RunMicrotasks inside an outer one are not added again.
      if (SCRIPT.has(e.name) && e.ts >= scriptEnd) {
        script += (e.dur ?? 0) / 1000;
        scriptEnd = e.ts + (e.dur ?? 0);
      }
    }
    if (kind === 'other') kind = mojo ? 'browser message' : render > 0 ? 'rendering' : kind;
    tasks.push({ wall: (t.dur ?? 0) / 1000, cpu: (t.tdur ?? 0) / 1000, kind, render, script });
    i = j;
  }
  return tasks;
}

/**
 * CPU seconds each dedicated-worker thread spent in tasks during a trace (the 'toplevel' category's
 * ThreadControllerImpl::RunTask thread times), busiest first. The twin run's two workers are the
 * top two: this is what their training cost, whatever the other processes on the machine took.
 */
export function workerThreadsCpu(traceJson: string): number[] {
  const parsed = JSON.parse(traceJson) as TraceEvent[] | { traceEvents: TraceEvent[] };
  const events = Array.isArray(parsed) ? parsed : parsed.traceEvents;
  const workers = new Set(
    events
      .filter((e) => e.ph === 'M' && e.name === 'thread_name' && /DedicatedWorker/.test(e.args?.name ?? ''))
      .map((e) => `${e.pid}:${e.tid}`)
  );
  const cpu = new Map<string, number>();
  for (const e of events) {
    const key = `${e.pid}:${e.tid}`;
    if (e.ph !== 'X' || e.name !== 'ThreadControllerImpl::RunTask' || !workers.has(key)) continue;
    cpu.set(key, (cpu.get(key) ?? 0) + (e.tdur ?? 0) / 1e6);
  }
  return [...cpu.values()].sort((a, b) => b - a);
}
