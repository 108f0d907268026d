/// <reference lib="webworker" />
/**
 * One twin of the twin run, in its own Web Worker (the page starts two: plain and dropout), so
 * training never blocks the page and the twins run side by side. All the logic is in TwinSession
 * (src/lib/lab/twin/session.ts), which the unit tests drive directly; serveWorker handles the
 * messages in order, after the kernels are installed.
 */
import { fetchMnistOnce, prepareKernels } from '../runtime';
import { TwinSession, restBetweenSlices, type TwinIn, type TwinOut } from '../twin/session';
import { serveWorker } from './serve';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const rest = restBetweenSlices(scope.navigator.hardwareConcurrency);
const session = new TwinSession({
  post: (message: TwinOut, transfer: Transferable[] = []) => scope.postMessage(message, transfer),
  loadMnist: fetchMnistOnce,
  later: (fn) => setTimeout(fn, rest),
  now: () => performance.now()
});
serveWorker<TwinIn>(scope, (m) => session.handle(m), { prepare: prepareKernels });
