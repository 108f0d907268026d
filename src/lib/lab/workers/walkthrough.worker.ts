/// <reference lib="webworker" />
/**
 * The walkthrough's worker: trains its small network (`trainWalkthroughNet`, lab/walkthrough) so
 * the 60 epochs never run in the page's thread, and posts the weights back with the scene's
 * precomputed members and bars. Served by serveWorker.
 */
import { WalkthroughScene, packSummary, trainWalkthroughNet } from '../walkthrough/scene';
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
      // The scene's precomputed members and bars too, so the page's own scene skips that work.
      const summary = packSummary(new WalkthroughScene(params).summary());
      send({ type: 'trained', run, params, summary }, [
        ...params.map((p) => p.buffer),
        summary.masks.buffer,
        summary.p.buffer
      ]);
    } catch (err) {
      send({ type: 'error', run, message: err instanceof Error ? err.message : String(err) });
    }
  },
  { prepare: prepareKernels }
);
