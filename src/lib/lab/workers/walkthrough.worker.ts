/// <reference lib="webworker" />
/**
 * The walkthrough's worker: trains its small network (`trainWalkthroughNet`, lab/walkthrough) so
 * the 60 epochs never run in the page's thread, and posts the weights back. Served by serveWorker.
 */
import { trainWalkthroughNet } from '../walkthrough/scene';
import type { WalkthroughReply, WalkthroughRequest } from '../walkthrough/protocol';
import { prepareKernels } from '../runtime';
import { serveWorker } from './serve';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const send = (m: WalkthroughReply, transfer: Transferable[] = []) => scope.postMessage(m, transfer);

serveWorker<WalkthroughRequest>(
  scope,
  ({ run }) => {
    try {
      const params = trainWalkthroughNet();
      send(
        { type: 'trained', run, params },
        params.map((p) => p.buffer)
      );
    } catch (err) {
      send({ type: 'error', run, message: err instanceof Error ? err.message : String(err) });
    }
  },
  { prepare: prepareKernels }
);
