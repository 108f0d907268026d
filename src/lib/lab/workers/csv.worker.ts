/// <reference lib="webworker" />
/**
 * Reads a learner's CSV file off the page's thread (a 5 MB file takes a noticeable moment to
 * parse): the work is readUserCsv's (lab/user-data), served in order by serveWorker.
 */
import { handleCsvRead } from '../user-data/session';
import type { CsvWorkerIn } from '../user-data/protocol';
import { serveWorker } from './serve';

const scope = self as unknown as DedicatedWorkerGlobalScope;
serveWorker<CsvWorkerIn>(scope, (m) => {
  const { reply, transfer } = handleCsvRead(m);
  scope.postMessage(reply, transfer);
});
