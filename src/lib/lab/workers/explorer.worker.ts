/// <reference lib="webworker" />
/**
 * The neuron explorer's worker: `runExplorer` (lab/explorer) served by serveWorker, so that
 * training the two twins and computing their first maps never block the page. Replies are tagged
 * with the request's `run`, so the page can ignore answers to a data set the learner has already left.
 */
import { runExplorer } from '../explorer/experiment';
import { resultBuffers, type ExplorerReply, type ExplorerRequest } from '../explorer/protocol';
import { prepareKernels } from '../runtime';
import { serveWorker } from './serve';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const send = (m: ExplorerReply, transfer: Transferable[] = []) => scope.postMessage(m, transfer);

serveWorker<ExplorerRequest>(
  scope,
  ({ run, dataset, points }) => {
    try {
      const result = runExplorer(dataset, run, send, points);
      send({ type: 'done', run, result }, resultBuffers(result) as ArrayBuffer[]);
    } catch (err) {
      send({
        type: 'error',
        run,
        message: `Training the two networks failed: ${err instanceof Error ? err.message : String(err)}.`
      });
    }
  },
  { prepare: prepareKernels }
);
