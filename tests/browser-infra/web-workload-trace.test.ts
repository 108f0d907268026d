import { describe, expect, it } from 'vitest';
import { workerTaskCpuSeconds } from '../../bench/web/workloads';

// A Chromium trace as bench/web/workloads.ts reads it: thread names, then complete task events (µs).
function trace(tasks: { dur: number; tdur: number; tid?: number }[]): string {
  return JSON.stringify({
    traceEvents: [
      { name: 'thread_name', ph: 'M', pid: 1, tid: 7, args: { name: 'DedicatedWorker thread' } },
      { name: 'thread_name', ph: 'M', pid: 1, tid: 1, args: { name: 'CrRendererMain' } },
      ...tasks.map((t) => ({ name: 'ThreadControllerImpl::RunTask', ph: 'X', pid: 1, tid: t.tid ?? 7, ...t }))
    ]
  });
}

describe('the Chromium workload rate reads the timed task', () => {
  it("returns the worker's longest task's thread time, ignoring other threads", () => {
    const json = trace([
      { dur: 1_500_000, tdur: 1_200_000 },
      { dur: 2_000, tdur: 1_000 },
      { dur: 9_000_000, tdur: 9_000_000, tid: 1 }
    ]);
    expect(workerTaskCpuSeconds(json, 1.5)).toBeCloseTo(1.2, 6);
  });

  it('refuses a trace stopped before the timed task ended instead of reporting a rate many times too fast', () => {
    const json = trace([{ dur: 3_000, tdur: 2_000 }]);
    expect(() => workerTaskCpuSeconds(json, 1.5)).toThrow(/not the timed run/);
  });

  it('refuses a trace with no worker task', () => {
    expect(() => workerTaskCpuSeconds(trace([{ dur: 5, tdur: 5, tid: 1 }]))).toThrow(/no timed task/);
  });
});
