/// <reference lib="webworker" />
/**
 * How the page learns that a worker has died silently.
 *
 * A worker that throws fires an `error` event, but one that is terminated — by the browser to free
 * memory, by a crash of its process, by a script — fires nothing: the page would wait forever on a
 * frozen example. So each worker takes a Web Lock (navigator.locks) at start and never releases it,
 * then tells the page the lock's name. The page asks for the same lock; the browser grants it only
 * when the holder is gone, and the page reports "the worker stopped" with a restart. Event-driven and
 * exact: no heartbeat timers, and a worker that is busy for a long computation is not mistaken for dead.
 */

/** The first message of every worker that holds a life lock. */
export interface LifeLockSignal {
  type: 'life-lock';
  /** Name of the Web Lock the worker holds until it ends. */
  name: string;
}

/** True for the life-lock message (the page's WorkerHandle consumes it; examples never see it). */
export function isLifeLockSignal(m: unknown): m is LifeLockSignal {
  return (
    typeof m === 'object' &&
    m !== null &&
    (m as { type?: unknown }).type === 'life-lock' &&
    typeof (m as { name?: unknown }).name === 'string'
  );
}

/** What holdLifeLock needs of a worker's scope (a DedicatedWorkerGlobalScope, or a test's fake). */
export interface LifeLockScope {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  navigator?: { locks?: LockManager };
}

/**
 * Takes a lock named after a fresh random id and holds it for the worker's whole life, then posts
 * `{ type: 'life-lock', name }`. Does nothing where Web Locks are missing (older browsers): the page
 * then still sees thrown errors, just not silent deaths.
 */
export function holdLifeLock(scope: LifeLockScope): void {
  const locks = scope.navigator?.locks as LockManager | undefined;
  if (!locks || typeof crypto?.randomUUID !== 'function') return;
  const name = `dropout-lab-worker-${crypto.randomUUID()}`;
  void locks
    .request(name, () => {
      scope.postMessage({ type: 'life-lock', name } satisfies LifeLockSignal);
      return new Promise<never>(() => {}); // held until the worker ends
    })
    .catch(() => {});
}
