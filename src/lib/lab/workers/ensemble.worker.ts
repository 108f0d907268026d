/// <reference lib="webworker" />
/**
 * The ensemble lab's worker: a thin message adapter around `EnsembleSession` (lab/ensemble), so
 * training and the thousands of thinned-network passes never block the page. Requests are handled
 * one after another, in order.
 */
import { EnsembleSession } from '../ensemble/session';
import type { EnsembleReply, EnsembleRequest } from '../ensemble/protocol';
import { fetchMnistOnce, prepareKernels } from '../runtime';
import { holdLifeLock } from './life-lock';

const scope = self as unknown as DedicatedWorkerGlobalScope;
holdLifeLock(scope); // lets the page notice if this worker is ended silently
const session = new EnsembleSession((m: EnsembleReply, transfer: Transferable[] = []) => scope.postMessage(m, transfer), fetchMnistOnce);

let queue: Promise<void> = Promise.resolve();
scope.onmessage = (e: MessageEvent<EnsembleRequest>) => {
  queue = queue.then(async () => {
    await prepareKernels();
    await session.handle(e.data);
  });
};
