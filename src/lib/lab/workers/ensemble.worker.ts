/// <reference lib="webworker" />
/**
 * The ensemble lab's worker: `EnsembleSession` (lab/ensemble) served by serveWorker, so training
 * and the thousands of thinned-network passes never block the page.
 */
import { EnsembleSession, restAfterDrawing } from '../ensemble/session';
import type { EnsembleReply, EnsembleRequest } from '../ensemble/protocol';
import { fetchMnistOnce, prepareKernels } from '../runtime';
import { serveWorker } from './serve';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const rest = restAfterDrawing(scope.navigator.hardwareConcurrency);
const session = new EnsembleSession(
  (m: EnsembleReply, transfer: Transferable[] = []) => scope.postMessage(m, transfer),
  fetchMnistOnce,
  {},
  () => new Promise((resolve) => setTimeout(resolve, rest))
);
serveWorker<EnsembleRequest>(scope, (m) => session.handle(m), { prepare: prepareKernels });
