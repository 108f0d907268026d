/// <reference lib="webworker" />
/**
 * The spatial-dropout example's worker: SpatialSession (lab/spatial/session.ts) served by
 * serveWorker. The session trains between yields to the event loop, so a "stop" or a new "start"
 * is seen within one epoch.
 */
import { fetchMnistOnce, prepareKernels } from '../runtime';
import type { SpatialReply, SpatialRequest } from '../spatial/protocol';
import { SpatialSession } from '../spatial/session';
import { serveWorker } from './serve';
import { yieldToMessages } from './yield';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const session = new SpatialSession({
  post: (message: SpatialReply, transfer: Transferable[] = []) => scope.postMessage(message, transfer),
  loadMnist: fetchMnistOnce,
  prepareKernels,
  breathe: yieldToMessages,
  now: () => performance.now()
});
serveWorker<SpatialRequest>(scope, (m) => session.handle(m));
