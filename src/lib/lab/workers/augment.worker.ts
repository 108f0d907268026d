/// <reference lib="webworker" />
/**
 * The augmentation example's worker: AugmentSession (lab/augment/session.ts) served by
 * serveWorker. The session trains between yields to the event loop, so a "stop" or a new "start"
 * is seen within one epoch.
 */
import type { AugmentReply, AugmentRequest } from '../augment/protocol';
import { AugmentSession } from '../augment/session';
import { fetchMnistOnce, prepareKernels } from '../runtime';
import { serveWorker } from './serve';
import { yieldToMessages } from './yield';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const session = new AugmentSession({
  post: (message: AugmentReply) => scope.postMessage(message),
  loadMnist: fetchMnistOnce,
  prepareKernels,
  breathe: yieldToMessages,
  now: () => performance.now()
});
serveWorker<AugmentRequest>(scope, (m) => session.handle(m));
