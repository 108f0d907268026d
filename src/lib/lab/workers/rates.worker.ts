/// <reference lib="webworker" />
/**
 * One of the rate sweep's two workers: RatesSession (lab/rates/session.ts) served by serveWorker.
 * The page starts two and gives each half of the grid, so both cores train.
 */
import { fetchMnistOnce, prepareKernels } from '../runtime';
import type { RatesReply, RatesRequest } from '../rates/protocol';
import { RatesSession } from '../rates/session';
import { serveWorker } from './serve';
import { yieldToMessages } from './yield';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const session = new RatesSession({
  post: (message: RatesReply) => scope.postMessage(message),
  loadMnist: fetchMnistOnce,
  prepareKernels,
  breathe: yieldToMessages,
  now: () => performance.now()
});
serveWorker<RatesRequest>(scope, (m) => session.handle(m));
