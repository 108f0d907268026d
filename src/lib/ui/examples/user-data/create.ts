import type { CsvWorkerIn, CsvWorkerOut } from '../../../lab/user-data/protocol';
import { WorkerHandle } from '../worker-handle.svelte';
import { browserUserStore } from '../../../lab/user-data/store';
import { UserData, type UserDataSet } from './user-data.svelte';

/** The page's UserData: its CSV worker started on the first file, replies of an older file dropped. */
export function createUserData(onload: (set: UserDataSet, restored: boolean) => void): UserData {
  return new UserData(
    (onReply) =>
      new WorkerHandle<CsvWorkerIn, CsvWorkerOut>(
        () => new Worker(new URL('../../../lab/workers/csv.worker.ts', import.meta.url), { type: 'module' }),
        onReply
      ),
    onload,
    browserUserStore()
  );
}
