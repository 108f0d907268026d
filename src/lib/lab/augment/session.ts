import type { ExperimentHost } from '../workers/experiment-host';
import { augmentData, augmentExperiment, DEFAULT_CONFIG, type AugmentConfig } from './experiment';
import type { AugmentReply, AugmentRequest } from './protocol';

/**
 * The augmentation experiment as a message-driven session: what runs inside its Web Worker (the
 * worker file only serves `handle`) and what the CLI drives. Framework-free, so Node tests run
 * exactly the code the page runs.
 *
 * A start loads the digits (once per URL, by the host), trains the networks one epoch at a time,
 * and between epochs lets pending messages in (`host.breathe`), so a "stop" or a new "start" is
 * seen within one epoch. `handle` returns at once: training continues on its own, so the worker's
 * message queue is never blocked by it.
 */

/** What a session needs from its host (a worker, the CLI, or a test): the shared experiment contract. */
export type AugmentHost = ExperimentHost<AugmentReply>;

export class AugmentSession {
  /** The run in progress (0: none). A new start or a stop changes it; the old loop notices and exits. */
  private current = 0;
  private training: Promise<void> = Promise.resolve();

  /** `config` is the experiment's setup (the page's by default; the CLI and tests pass their own). */
  constructor(
    private readonly host: AugmentHost,
    private readonly config: AugmentConfig = DEFAULT_CONFIG
  ) {}

  /** Handles one message from the page and returns at once. Never throws: failures become an 'error' reply. */
  handle(message: AugmentRequest): void {
    if (message.type === 'stop') {
      this.current = 0;
      return;
    }
    const run = (this.current = message.run);
    const previous = this.training;
    const training = this.train(run, message.url).catch((err: unknown) => {
      this.host.post({
        type: 'error',
        run,
        message: `The augmentation experiment failed: ${err instanceof Error ? err.message : String(err)}.`
      });
    });
    this.training = Promise.all([previous, training]).then(() => {});
  }

  /** Settles when every run started so far has ended. */
  async idle(): Promise<void> {
    for (let seen = this.training; ; seen = this.training) {
      await seen;
      if (seen === this.training) return;
    }
  }

  private async train(run: number, url: string): Promise<void> {
    const { host, config } = this;
    const t0 = host.now();
    host.post({ type: 'status', run, text: 'Loading the digits…' });
    const [kernels, set] = await Promise.all([host.prepareKernels(), host.loadMnist(url)]);
    if (run !== this.current) return;
    const experiment = augmentExperiment(augmentData(set, config), config);
    host.post({ type: 'status', run, text: 'Training…' });
    for (let step = experiment.next(); ; step = experiment.next()) {
      await host.breathe();
      if (run !== this.current) {
        host.post({ type: 'stopped', run });
        return;
      }
      if (step.done) {
        host.post({ type: 'done', run, runs: step.value, config, kernels, seconds: (host.now() - t0) / 1000 });
        return;
      }
      const event = step.value;
      if (event.type === 'epoch') {
        const { variant, seed, stats, done, total } = event;
        host.post({ type: 'epoch', run, variant, seed, stats, done, total });
      } else host.post({ type: 'run', run, summary: event.summary });
    }
  }
}
