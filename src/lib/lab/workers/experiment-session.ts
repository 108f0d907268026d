import type { MnistSet } from '../../data';
import type { ExperimentHost } from './experiment-host';

/**
 * What the message-driven experiment sessions (rate sweep, augmentation, spatial dropout) share:
 * the run counter, "stop", chaining a new start after the one before, the error reply, `idle`,
 * and the between-epochs check. Each session keeps only its own training. Framework-free, so
 * Node tests drive exactly the code the page's workers run.
 */

/** Page → worker: every request but "stop" starts a run tagged `run` (≥ 1, new for every start). */
export type SessionRequest = { type: 'stop' } | { type: string; run: number };

/** The replies the shared part sends itself. */
export type SessionReply =
  | { type: 'status'; run: number; text: string }
  | { type: 'stopped'; run: number }
  | { type: 'error'; run: number; message: string };

/** How a session chains a new start after the runs before it. */
export type StartOrder =
  /** At once, beside the old run, which notices the new run at its next breath and ends. */
  | 'at-once'
  /** Once every earlier run has ended (its loop sees the stop within one epoch). */
  | 'after-previous';

export abstract class ExperimentSession<Request extends SessionRequest, Reply extends { type: string }> {
  /** The run in progress (0: none). A new start or a stop changes it; the old loop notices and exits. */
  private current = 0;
  /** Settles when every run started so far has ended. */
  private training: Promise<void> = Promise.resolve();

  constructor(
    /** The worker, the CLI or a test. Its replies must include SessionReply's. */
    protected readonly host: ExperimentHost<Reply>,
    /** Turns a failure's message into the sentence of the 'error' reply. */
    private readonly failure: (message: string) => string,
    private readonly order: StartOrder = 'at-once'
  ) {}

  /** Handles one message and returns at once (training goes on by itself). Never throws: failures become an 'error' reply. */
  handle(message: Request): void {
    if (message.type === 'stop' || !('run' in message)) {
      this.current = 0;
      return;
    }
    const start = message as Exclude<Request, { type: 'stop' }>;
    const run = (this.current = start.run);
    const previous = this.training;
    const job = this.order === 'at-once' ? this.start(run, start) : previous.then(() => this.start(run, start));
    const training = job.catch((err: unknown) => {
      this.reply({ type: 'error', run, message: this.failure(err instanceof Error ? err.message : String(err)) });
    });
    this.training = this.order === 'at-once' ? Promise.all([previous, training]).then(() => {}) : training;
  }

  /** Settles when every run started so far has ended (the CLI waits on it, and so do tests). */
  async idle(): Promise<void> {
    for (let seen = this.training; ; seen = this.training) {
      await seen;
      if (seen === this.training) return;
    }
  }

  /** Runs one start request: this session's own work. */
  protected abstract start(run: number, message: Exclude<Request, { type: 'stop' }>): Promise<void>;

  /** False once a stop or a newer start replaced `run`. */
  protected isCurrent(run: number): boolean {
    return run === this.current;
  }

  /** Says what the session is doing, in words. */
  protected status(run: number, text: string): void {
    this.reply({ type: 'status', run, text });
  }

  /** Says "Loading the digits…" (unless `announce` is false: they are loaded already), then installs the kernels and loads the digits (once, by the host). */
  protected async loadDigits(run: number, url: string, announce = true): Promise<{ kernels: string; set: MnistSet }> {
    if (announce) this.status(run, 'Loading the digits…');
    const [kernels, set] = await Promise.all([this.host.prepareKernels(), this.host.loadMnist(url)]);
    return { kernels, set };
  }

  /**
   * Between epochs: lets pending messages in, so a stop or a new start is seen within one epoch.
   * True when `run` was replaced meanwhile; it then replied 'stopped' and the loop should return.
   */
  protected async stoppedAfterBreath(run: number): Promise<boolean> {
    await this.host.breathe();
    if (this.isCurrent(run)) return false;
    this.reply({ type: 'stopped', run });
    return true;
  }

  /** Sends one of the shared replies (each session's Reply includes them). */
  private reply(message: SessionReply): void {
    this.host.post(message as unknown as Reply);
  }
}
