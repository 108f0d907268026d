import type { MnistSet } from '../../data';

/**
 * What an experiment session (rate sweep, augmentation, spatial dropout) needs from its host: a Web Worker,
 * the CLI, or a test. One contract, so each host is written the same way whichever experiment it serves.
 */
export interface ExperimentHost<Reply> {
  /** Sends a message to the page (transfer lists the buffers to move rather than copy). */
  post(message: Reply, transfer?: Transferable[]): void;
  /** Loads the MNIST set (fetchMnistOnce in a worker, loadMnistNode in Node). */
  loadMnist(url: string): Promise<MnistSet>;
  /** Installs the kernels; resolves to their name ("wasm-simd" or "js"). */
  prepareKernels(): Promise<string>;
  /** Resolves after pending messages had their turn (in a worker: a message to its own port, workers/yield.ts). */
  breathe(): Promise<void>;
  /** Milliseconds, monotonic. */
  now(): number;
}
