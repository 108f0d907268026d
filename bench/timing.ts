/**
 * Timing helpers for the benchmark. Every measurement warms up first (so V8 has optimised the
 * code and caches are hot), then repeats the work for a fixed wall time and reports a rate.
 */

/** Wall-clock milliseconds with sub-millisecond resolution. */
export const now = (): number => performance.now();

/** What `measure` reports: how many calls ran in how long. */
export interface Measurement {
  /** Calls of `step` completed in the timed phase. */
  calls: number;
  /** Length of the timed phase in seconds (wall clock). */
  seconds: number;
  /** calls / seconds. */
  callsPerSec: number;
  /** CPU time this process used in the timed phase, in seconds (user + system, all threads). */
  cpuSeconds: number;
  /**
   * calls / cpuSeconds. On a shared machine other processes steal wall time but not our CPU time,
   * so for single-threaded work this is close to the rate on an idle machine.
   */
  callsPerCpuSec: number;
}

/** CPU seconds used by this process so far. */
function cpuNow(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

function result(calls: number, t0: number, t1: number, c0: number): Measurement {
  const seconds = (t1 - t0) / 1000;
  const cpuSeconds = cpuNow() - c0;
  return { calls, seconds, callsPerSec: calls / seconds, cpuSeconds, callsPerCpuSec: calls / cpuSeconds };
}

/**
 * Calls `step` for `warmupMs`, then for at least `timeMs`, checking the clock every `every`
 * calls (reading the clock is not free for very small steps). Async steps are awaited.
 */
export async function measure(
  step: () => void | Promise<void>,
  { warmupMs = 1000, timeMs = 1500, every = 1 }: { warmupMs?: number; timeMs?: number; every?: number } = {}
): Promise<Measurement> {
  for (const t0 = now(); now() - t0 < warmupMs;) for (let i = 0; i < every; i++) await step();
  let calls = 0;
  const c0 = cpuNow();
  const t0 = now();
  let t = t0;
  while (t - t0 < timeMs) {
    for (let i = 0; i < every; i++) await step();
    calls += every;
    t = now();
  }
  return result(calls, t0, t, c0);
}

/** Synchronous twin of `measure` for steps that return nothing (avoids an await per call). */
export function measureSync(
  step: () => void,
  { warmupMs = 1000, timeMs = 1500, every = 1 }: { warmupMs?: number; timeMs?: number; every?: number } = {}
): Measurement {
  for (const t0 = now(); now() - t0 < warmupMs;) for (let i = 0; i < every; i++) step();
  let calls = 0;
  const c0 = cpuNow();
  const t0 = now();
  let t = t0;
  while (t - t0 < timeMs) {
    for (let i = 0; i < every; i++) step();
    calls += every;
    t = now();
  }
  return result(calls, t0, t, c0);
}
