import type { ExperimentHost } from '../workers/experiment-host';
import { ExperimentSession } from '../workers/experiment-session';
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

export class SpatialSession extends ExperimentSession<SpatialRequest, SpatialReply> {
  /** `config` is the experiment's setup; `p` comes from each start. Tests pass a tiny one. */
  constructor(
    host: SpatialHost,
    private readonly config: SpatialConfig = DEFAULT_CONFIG
  ) {
    super(host, (message) => message);
  }

  protected start(run: number, message: Exclude<SpatialRequest, { type: 'stop' }>): Promise<void> {
    return message.type === 'maps' ? this.maps(run, message.url) : this.train(run, message.url, message.p);
  }

  /** The digits and the kernels (loaded once by the host), split as the experiment splits them. */
  private async load(run: number, url: string): Promise<{ kernels: string; data: ImageSplit }> {
    const { kernels, set } = await this.loadDigits(run, url);
    const { train, val, seed } = this.config;
    return { kernels, data: imageSplit(set, { train, val, seed }) };
  }

  /** One epoch of the network without dropout (the experiment's own first epoch), then its maps. */
  private async maps(run: number, url: string): Promise<void> {
    const { host } = this;
    const { data } = await this.load(run, url);
    if (!this.isCurrent(run)) return;
    this.status(run, 'Training the network for one epoch, for its feature maps…');
    await host.breathe();
    if (!this.isCurrent(run)) return;
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
    const { kernels, data } = await this.load(run, url);
    if (!this.isCurrent(run)) return;
    const experiment = spatialExperiment(data, { ...this.config, p });
    this.status(run, 'Training…');
    for (let step = experiment.next(); ; step = experiment.next()) {
      if (await this.stoppedAfterBreath(run)) return;
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
