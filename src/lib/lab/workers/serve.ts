/// <reference lib="webworker" />
/**
 * The one shape of every worker: `serveWorker(scope, handler)`. The worker files are a few lines
 * around it, and this file is what the unit tests drive (with a fake scope), so the page's four
 * workers cannot drift apart again.
 *
 * - It holds the worker's life lock first (life-lock.ts), so the page notices a silent death.
 * - It installs the matrix kernels (or whatever `prepare` does) before the first message is looked at.
 * - Messages are handled one after another, in order: an `init` finishes before the `play` sent
 *   right after it is seen. A handler that must stay responsive during long work (a "stop" while
 *   training) returns early and keeps training itself, between yields.
 * - A handler that throws (or rejects) does not stall the queue silently: the error is rethrown
 *   outside the promise chain, so it fires the worker's `error` event, and the page's WorkerHandle
 *   shows "Something went wrong" with a restart. Later messages are still handled.
 *   Expected failures (a download that fails) are the handler's to report, as a reply.
 */
import { holdLifeLock, type LifeLockScope } from './life-lock';

/** What serveWorker needs of a worker's global scope (a DedicatedWorkerGlobalScope, or a test's fake). */
export interface ServedScope<In> extends LifeLockScope {
  onmessage: ((event: MessageEvent<In>) => unknown) | null;
}

export interface ServeOptions {
  /** Runs once before the first message is handled (default: none). Its failure is raised like a handler's. */
  prepare?: () => Promise<unknown>;
  /** Makes a failure visible; default: rethrow it from a fresh task, which fires the worker's `error` event. */
  raise?: (error: unknown) => void;
}

/** The served worker, for tests: `idle()` settles once every message received so far is handled. */
export interface Served {
  idle(): Promise<void>;
}

export function rethrowLater(error: unknown): void {
  setTimeout(() => {
    throw error;
  });
}

export function serveWorker<In>(
  scope: ServedScope<In>,
  handler: (message: In) => unknown,
  options: ServeOptions = {}
): Served {
  const raise = options.raise ?? rethrowLater;
  holdLifeLock(scope);
  let queue: Promise<void> = Promise.resolve()
    .then(() => options.prepare?.())
    .then(
      () => {},
      (e: unknown) => raise(e)
    );
  scope.onmessage = (event: MessageEvent<In>) => {
    const message = event.data;
    queue = queue.then(async () => {
      try {
        await handler(message);
      } catch (e) {
        raise(e);
      }
    });
  };
  return { idle: () => queue };
}
