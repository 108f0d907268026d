import type { ExperimentHost } from '../workers/experiment-host';
import { imageSplit, pickImages, type ImageSplit } from './data';
import { DEFAULT_CONFIG, featureMaps, spatialExperiment, withoutHistory, type SpatialConfig } from './experiment';
import type { SpatialReply, SpatialRequest } from './protocol';

/**
 * The spatial-dropout experiment as a message-driven session: what runs inside its Web Worker
 * (the worker file only serves `handle`). Kept here, framework-free, so Node tests drive exactly
 * the code the page runs.
 *
 * A 'maps' request loads the digits and trains one epoch of the network without dropout, for the
 * mask view's feature maps. A start loads the digits (once), trains the three variants of every
 * seed one epoch at a time, and between epochs lets pending messages in (`host.breathe`),
 * so a "stop" or a new "start" is seen within one epoch. `handle` returns at once: the training
 * continues on its own, so the worker's message queue is never blocked by it. Replies stay small:
 * an epoch's numbers, a run's result without the epochs the page already has, and the maps once
 * (their buffers transferred, not copied).
 */

/** What a session needs from its host (a worker, the CLI, or a test): the shared experiment contract. */
export type SpatialHost = ExperimentHost<SpatialReply>;

export class SpatialSession {
  /** The run in progress (0: none). A new start or a stop changes it; the old loop notices and exits. */
  private current = 0;
  private training: Promise<void> = Promise.resolve();

  /** `config` is the experiment's setup; `p` comes from each start. Tests pass a tiny one. */
  constructor(
    private readonly host: SpatialHost,
    private readonly config: SpatialConfig = DEFAULT_CONFIG
  ) {}

  /** Handles one message from the page and returns at once. Never throws: failures become an 'error' reply. */
  handle(message: SpatialRequest): void {
    if (message.type === 'stop') {
      this.current = 0;
      return;
    }
    const run = (this.current = message.run);
    const previous = this.training;
    const job = message.type === 'maps' ? this.maps(run, message.url) : this.train(run, message.url, message.p);
    const training = job.catch((err: unknown) => {
      this.host.post({ type: 'error', run, message: err instanceof Error ? err.message : String(err) });
    });
    this.training = Promise.all([previous, training]).then(() => {});
  }

  /** Settles when every run started so far has ended (for tests). */
  async idle(): Promise<void> {
    for (let seen = this.training; ; seen = this.training) {
      await seen;
      if (seen === this.training) return;
    }
  }

  /** The digits and the kernels (loaded once by the host), split as the experiment splits them. */
  private async load(url: string): Promise<{ kernels: string; data: ImageSplit }> {
    const [kernels, set] = await Promise.all([this.host.prepareKernels(), this.host.loadMnist(url)]);
    const { train, val, seed } = this.config;
    return { kernels, data: imageSplit(set, { train, val, seed }) };
  }

  /** One epoch of the network without dropout (the experiment's own first epoch), then its maps. */
  private async maps(run: number, url: string): Promise<void> {
    const { host } = this;
    host.post({ type: 'status', run, text: 'Loading the digits…' });
    const { data } = await this.load(url);
    if (run !== this.current) return;
    host.post({ type: 'status', run, text: 'Training the network for one epoch, for its feature maps…' });
    await host.breathe();
    if (run !== this.current) return;
    const gallery = data.gallery.filter((row) => row >= 0);
    const images = pickImages(data.val, gallery);
    const experiment = spatialExperiment(
      data,
      { ...this.config, seeds: 1 },
      {
        afterEpoch: (_kind, epoch, model) => {
          const maps = featureMaps(model, images);
          const pixels = images.data.slice();
          host.post(
            { type: 'maps', run, labels: gallery.map((row) => data.val.y.data[row]), images: pixels, maps, epoch },
            [maps.buffer, pixels.buffer]
          );
        }
      }
    );
    experiment.next();
    experiment.return([]);
  }

  private async train(run: number, url: string, p: number): Promise<void> {
    const { host } = this;
    const t0 = host.now();
    host.post({ type: 'status', run, text: 'Loading the digits…' });
    const { kernels, data } = await this.load(url);
    if (run !== this.current) return;
    const experiment = spatialExperiment(data, { ...this.config, p });
    host.post({ type: 'status', run, text: 'Training…' });
    for (let step = experiment.next(); ; step = experiment.next()) {
      await host.breathe();
      if (run !== this.current) {
        host.post({ type: 'stopped', run });
        return;
      }
      if (step.done) {
        host.post({ type: 'done', run, kernels, seconds: (host.now() - t0) / 1000 });
        return;
      }
      const event = step.value;
      if (event.type === 'epoch')
        host.post({ type: 'epoch', run, kind: event.kind, seed: event.seed, stats: event.stats });
      else host.post({ type: 'run', run, result: withoutHistory(event.summary) });
    }
  }
}
