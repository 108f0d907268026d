import type { ExperimentHost } from '../workers/experiment-host';
import { ExperimentSession } from '../workers/experiment-session';
import type { RatesReply, RatesRequest } from './protocol';
import { RatesData, startRatesJob } from './train';

/**
 * One worker's side of the rate sweep, driven by messages and framework-free, so Node tests drive
 * the code the page runs. A start trains its jobs one epoch at a time and lets pending messages in
 * between epochs (`host.breathe`), so a stop or a new start is seen within one epoch. `handle`
 * returns at once; the training goes on by itself.
 */

/** What a session needs from its host (a worker, the CLI, or a test): the shared experiment contract. */
export type RatesHost = ExperimentHost<RatesReply>;

export class RatesSession extends ExperimentSession<RatesRequest, RatesReply> {
  constructor(host: RatesHost) {
    // One sweep at a time: a new start waits until the stopped one has ended.
    super(host, (message) => `The rate sweep failed: ${message}.`, 'after-previous');
  }

  protected async start(run: number, message: Extract<RatesRequest, { type: 'start' }>): Promise<void> {
    const { host } = this;
    const { config, jobs } = message;
    if (!this.isCurrent(run)) return;
    const t0 = host.now();
    const { kernels, set } = await this.loadDigits(run, message.url);
    const data = new RatesData(set, config);
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
