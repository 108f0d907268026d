import type { ExperimentHost } from '../workers/experiment-host';
import { ExperimentSession } from '../workers/experiment-session';
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

export class AugmentSession extends ExperimentSession<AugmentRequest, AugmentReply> {
  /** `config` is the experiment's setup (the page's by default; the CLI and tests pass their own). */
  constructor(
    host: AugmentHost,
    private readonly config: AugmentConfig = DEFAULT_CONFIG
  ) {
    super(host, (message) => `The augmentation experiment failed: ${message}.`);
  }

  protected async start(run: number, message: Extract<AugmentRequest, { type: 'start' }>): Promise<void> {
    const { host, config } = this;
    const t0 = host.now();
    const { kernels, set } = await this.loadDigits(run, message.url);
    if (!this.isCurrent(run)) return;
    const experiment = augmentExperiment(augmentData(set, config), config);
    this.status(run, 'Training…');
    for (let step = experiment.next(); ; step = experiment.next()) {
      if (await this.stoppedAfterBreath(run)) return;
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
