import type { ExperimentHost } from '../workers/experiment-host';
import type { RatesConfig } from './config';
import type { RatesJob } from './plan';
import type { RatesReply, RatesRequest } from './protocol';
import { RatesData, startRatesJob } from './train';

/**
 * One worker's side of the rate sweep, driven by messages and framework-free, so Node tests drive
 * the code the page runs. A start trains its jobs one epoch at a time and lets pending messages in
 * between epochs (`host.breathe`), so a stop or a new start is seen within one epoch. `handle`
 * returns at once; the training goes on by itself. The page hands out the jobs from one queue, a
 * start of one job at a time with the same run number, so the digits of a config are split once
 * (RatesData.shared) and "Loading the digits…" is said only once.
 */

/** What a session needs from its host (a worker, the CLI, or a test): the shared experiment contract. */
export type RatesHost = ExperimentHost<RatesReply>;

export class RatesSession {
  /** The run in progress (0: none); a stop or a new start changes it and the old loop exits. */
  private current = 0;
  private training: Promise<void> = Promise.resolve();
  /** What decided the digits of the last start (their URL and sizes): the next start with the same skips "Loading". */
  private loaded: string | null = null;

  constructor(private readonly host: RatesHost) {}

  /** Handles one message and returns at once; failures become an 'error' reply. */
  handle(message: RatesRequest): void {
    if (message.type === 'stop') {
      this.current = 0;
      return;
    }
    const run = (this.current = message.run);
    const previous = this.training;
    const training = previous
      .then(() => this.train(run, message.url, message.config, message.jobs))
      .catch((err: unknown) => {
        this.host.post({
          type: 'error',
          run,
          message: `The rate sweep failed: ${err instanceof Error ? err.message : String(err)}.`
        });
      });
    this.training = training;
  }

  /** Settles when every run started so far has ended (for tests). */
  async idle(): Promise<void> {
    for (let seen = this.training; ; seen = this.training) {
      await seen;
      if (seen === this.training) return;
    }
  }

  private async train(run: number, url: string, config: RatesConfig, jobs: readonly RatesJob[]): Promise<void> {
    const { host } = this;
    if (run !== this.current) return;
    const t0 = host.now();
    const key = `${url}|${config.trainSize}|${config.valSize}`;
    if (this.loaded !== key) host.post({ type: 'status', run, text: 'Loading the digits…' });
    const [kernels, set] = await Promise.all([host.prepareKernels(), host.loadMnist(url)]);
    this.loaded = key;
    const data = RatesData.shared(set, config);
    const stopped = () => run !== this.current;
    for (const job of jobs) {
      const r = startRatesJob(job, config, data);
      host.post({ type: 'status', run, text: `Training ${job.width} units at p = ${job.p} (seed ${job.seed})…` });
      for (;;) {
        await host.breathe();
        if (stopped()) {
          host.post({ type: 'stopped', run });
          return;
        }
        if (!r.runEpoch(stopped)) break;
      }
      const result = r.result();
      if (result) host.post({ type: 'result', run, result });
    }
    host.post({ type: 'done', run, kernels, seconds: (host.now() - t0) / 1000 });
  }
}
