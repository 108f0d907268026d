import { base } from '$app/paths';
import { isLifeLockSignal } from '../../lab/workers/life-lock';

/** Where the workers fetch the real digits from (static/data, under the site's base path). */
export const MNIST_URL = `${base}/data/mnist-10k.bin`;

export interface WorkerHandleOptions<Out> {
  /**
   * The run a reply belongs to, or undefined for untagged replies (always delivered). Default: its
   * `run` field. Once `begin()` was called, replies tagged with another run than `handle.run` are
   * dropped before `onMessage`.
   */
  runOf?: (message: Out) => number | undefined;
}

/**
 * A Web Worker as the page sees it: started on demand, messages in and out, and — because a
 * worker can throw or be killed — a visible status and a `restart()` instead of a silent, frozen
 * example. The rest of the page never depends on a worker staying alive. A worker that dies
 * silently (terminated, its process gone) is caught through the Web Lock it holds (lab/workers/life-lock.ts).
 *
 * Runs: `begin()` starts a new run and returns its number, to send with the request; replies of an
 * earlier run (still in flight when the learner changed something) are dropped here, so examples
 * never compare run numbers themselves. The workers are served by lab/workers/serve.ts.
 */
export class WorkerHandle<In, Out> {
  /** 'running' while the worker is alive; 'crashed' after an error, with `error` saying what happened. */
  status = $state<'running' | 'crashed' | 'stopped'>('stopped');
  /** A sentence for the learner when the worker failed, else null. */
  error = $state<string | null>(null);
  /** How many times the worker was (re)started. */
  starts = $state(0);
  /** The current run (0 before the first `begin()`). */
  run = 0;
  /** The URL of the digits, for requests that need them. */
  readonly mnistUrl = MNIST_URL;

  private worker: Worker | null = null;
  /** Cancels our wait for the current worker's life lock (before we end the worker ourselves). */
  private stopWatching: AbortController | null = null;

  constructor(
    private readonly create: () => Worker,
    private readonly onMessage: (message: Out) => void,
    private readonly options: WorkerHandleOptions<Out> = {}
  ) {}

  /** Starts a new run (or joins run `run`, when several handles share one counter); returns its number. */
  begin(run = this.run + 1): number {
    this.run = run;
    return run;
  }

  /**
   * Whether a reply belongs to the current run. Untagged replies always do, and so does every reply
   * while no run was begun (an example that tags its runs itself sees all its replies).
   */
  current(message: Out): boolean {
    if (this.run === 0) return true;
    const run = this.options.runOf ? this.options.runOf(message) : (message as { run?: unknown }).run;
    return typeof run !== 'number' || run === this.run;
  }

  /** Starts the worker if it is not running. */
  start(): void {
    if (this.worker) return;
    let w: Worker;
    try {
      w = this.create();
    } catch (e) {
      this.fail(`the background worker could not start (${e instanceof Error ? e.message : String(e)})`);
      return;
    }
    this.worker = w;
    this.status = 'running';
    this.error = null;
    this.starts++;
    w.onmessage = (e: MessageEvent<Out>) => {
      if (isLifeLockSignal(e.data)) this.watch(w, e.data.name);
      else if (this.current(e.data)) this.onMessage(e.data);
    };
    w.onerror = (e: ErrorEvent) => {
      e.preventDefault();
      this.fail(
        e.message
          ? `the training worker stopped with an error: ${e.message}`
          : 'the training worker stopped with an error'
      );
    };
    w.onmessageerror = () => this.fail('a message from the training worker could not be read');
  }

  /** Sends a message, starting the worker first if needed. */
  post(message: In, transfer: Transferable[] = []): void {
    this.start();
    this.worker?.postMessage(message, transfer);
  }

  /** Terminates the worker and starts a fresh one. */
  restart(): void {
    this.dispose();
    this.start();
  }

  /** Terminates the worker (e.g. when the example leaves the page). */
  dispose(): void {
    this.unwatch();
    this.worker?.terminate();
    this.worker = null;
    if (this.status !== 'crashed') this.status = 'stopped';
  }

  /**
   * Asks for the lock worker `w` holds for its whole life: the browser grants it only once `w` is
   * gone, and if we did not end `w` ourselves, it died — say so and offer the restart.
   */
  private watch(w: Worker, name: string): void {
    const locks = typeof navigator === 'object' ? navigator.locks : undefined;
    if (!locks || w !== this.worker) return;
    this.unwatch();
    const watching = new AbortController();
    this.stopWatching = watching;
    locks
      .request(name, { signal: watching.signal }, () => {
        if (this.worker === w && !watching.signal.aborted) {
          this.fail('the training worker stopped unexpectedly (the browser may have ended it to free memory)');
        }
      })
      .catch(() => {}); // aborted: we ended the worker ourselves
  }

  private unwatch(): void {
    this.stopWatching?.abort();
    this.stopWatching = null;
  }

  private fail(message: string): void {
    this.unwatch();
    this.worker?.terminate();
    this.worker = null;
    this.status = 'crashed';
    this.error = message;
  }
}
