/// <reference lib="webworker" />
/**
 * One twin of the twin run, in its own Web Worker (the page starts two: plain and dropout), so
 * training never blocks the page and the twins run side by side. A thin adapter: all the logic is
 * in TwinSession (src/lib/lab/twin/session.ts), which the unit tests drive directly.
 */
import { fetchMnistOnce, prepareKernels } from '../runtime';
import { TwinSession, restBetweenSlices, type TwinIn, type TwinOut } from '../twin/session';
import { holdLifeLock } from './life-lock';

const scope = self as unknown as DedicatedWorkerGlobalScope;
holdLifeLock(scope); // lets the page notice if this worker is ended silently
const kernels = prepareKernels();
const rest = restBetweenSlices(scope.navigator.hardwareConcurrency);

const session = new TwinSession({
  post: (message: TwinOut, transfer: Transferable[] = []) => scope.postMessage(message, transfer),
  loadMnist: fetchMnistOnce,
  later: (fn) => setTimeout(fn, rest),
  now: () => performance.now()
});

// Messages are handled one after another, after the kernels are installed, so an init finishes
// before a play that was sent right after it is looked at.
let queue: Promise<unknown> = kernels;
scope.onmessage = (event: MessageEvent<TwinIn>) => {
  // A failure here must not silently stall every later message: rethrow it outside the promise
  // chain, so the page's WorkerHandle sees the worker's error event and offers a restart.
  queue = queue
    .then(() => session.handle(event.data))
    .catch((e: unknown) => {
      setTimeout(() => {
        throw e;
      });
    });
};
