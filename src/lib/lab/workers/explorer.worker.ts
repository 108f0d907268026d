/// <reference lib="webworker" />
/**
 * The neuron explorer's worker: a thin message adapter around `runExplorer` (lab/explorer), so
 * that training the two twins never blocks the page. Replies are tagged with the request's
 * `run`, so the page can ignore answers to a data set the learner has already left.
 */
import { runExplorer } from '../explorer/experiment';
import type { ExplorerReply, ExplorerRequest } from '../explorer/protocol';
import { prepareKernels } from '../runtime';
import { holdLifeLock } from './life-lock';

const scope = self as unknown as DedicatedWorkerGlobalScope;
holdLifeLock(scope); // lets the page notice if this worker is ended silently
const send = (m: ExplorerReply, transfer: Transferable[] = []) => scope.postMessage(m, transfer);

scope.onmessage = async (e: MessageEvent<ExplorerRequest>) => {
  const { run, dataset } = e.data;
  try {
    await prepareKernels();
    const result = runExplorer(dataset, run, send);
    const buffers = [...result.dropout.params, ...result.plain.params].map((p) => p.buffer);
    send({ type: 'done', run, result }, buffers);
  } catch (err) {
    send({ type: 'error', run, message: `Training the two networks failed: ${err instanceof Error ? err.message : String(err)}.` });
  }
};
