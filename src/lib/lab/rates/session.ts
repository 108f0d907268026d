import type { ExperimentHost } from '../workers/experiment-host';
import { ExperimentSession } from '../workers/experiment-session';
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

export class RatesSession extends ExperimentSession<RatesRequest, RatesReply> {
  constructor(host: RatesHost) {
    // One sweep at a time: a new start waits until the stopped one has ended.
    super(host, (message) => `The rate sweep failed: ${message}.`, 'after-previous');
  }

  /** What decided the digits of the last start (their URL and sizes): the next start with the same skips "Loading". */
  private loaded: string | null = null;

  protected async start(run: number, message: Extract<RatesRequest, { type: 'start' }>): Promise<void> {
    const { host } = this;
    const { config, jobs } = message;
    if (!this.isCurrent(run)) return;
    const t0 = host.now();
    // Each job of a sweep is one start; the digits are loaded once, so "Loading" is said only the first time.
    const key = `${message.url}|${config.trainSize}|${config.valSize}`;
    const { kernels, set } = await this.loadDigits(run, message.url, this.loaded !== key);
    this.loaded = key;
    const data = RatesData.shared(set, config);
    const stopped = () => !this.isCurrent(run);
    for (const job of jobs) {
      const r = startRatesJob(job, config, data);
      this.status(run, `Training ${job.width} units at p = ${job.p} (seed ${job.seed})…`);
      for (;;) {
        if (await this.stoppedAfterBreath(run)) return;
        if (!r.runEpoch(stopped)) break;
      }
      const result = r.result();
      if (result) host.post({ type: 'result', run, result });
    }
    host.post({ type: 'done', run, kernels, seconds: (host.now() - t0) / 1000 });
  }
}
