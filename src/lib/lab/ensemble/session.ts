import type { MnistSet } from '../../data';
import { describeErrorVsK, errorVsK } from './error-vs-k';
import type { EnsembleReply, EnsembleRequest, EnsembleUserData, StripMessage } from './protocol';
import type { Split } from '../../engine';
import { readUserCsv } from '../user-data/read';
import { drawnTwoDSplit, userSplit } from '../user-data/split';
import { thinnedNetworksText } from '../masks';
import { trainEnsembleNet, type TrainedNet } from './train';
import { hasPlane, sampleStrip, uncertaintyMap, describeUncertainty } from './views';

/** Strip size and map resolutions the page shows. */
export const LAB_VIEW = {
  stripCount: 6,
  stripResolution: 48,
  uncertaintyResolution: 64,
  k: 100,
  repeats: { twoD: 10, mnist: 4 }
} as const;

const LABELS: Record<string, string> = {
  gauss: 'two Gaussians',
  circle: 'the circle',
  xor: 'exclusive or',
  moons: 'two moons',
  spiral: 'the spiral',
  mnist: 'MNIST digits'
};

/**
 * Milliseconds the worker rests after posting a reply the page has much to draw from (the strip, the
 * uncertainty map), on a machine with `cores` logical cores. With two cores or fewer, the page's task that
 * mounts those pictures, and the rasterising after it, would otherwise share the cores with the worker going
 * straight on to the next hundred thinned networks, and take several times their CPU time on the clock. With
 * more cores (or an unknown count above two) there is room already, and no rest.
 */
export const REST_AFTER_DRAWING_MS = 40;
export function restAfterDrawing(cores: number | undefined): number {
  return cores !== undefined && cores > 2 ? 0 : REST_AFTER_DRAWING_MS;
}

/**
 * The ensemble lab's work, driven by messages: framework-free, so the worker is a thin adapter
 * and the same sequence can be run in Node. Keeps the last trained network for new strips.
 */
export class EnsembleSession {
  private net: TrainedNet | null = null;

  constructor(
    private readonly send: (m: EnsembleReply, transfer?: Transferable[]) => void,
    private readonly loadMnist: (url: string) => Promise<MnistSet>,
    /** The error-vs-k curve's size; the page leaves both to LAB_VIEW (the CLI lets them be set). */
    private readonly curveSize: { k?: number; repeats?: number } = {},
    /** Waits after a reply with pictures, so the page draws them with a core to itself (see restAfterDrawing). */
    private readonly rest: () => Promise<void> = () => Promise.resolve()
  ) {}

  /** Handles one request; errors become an 'error' reply with a sentence, never a throw. */
  async handle(req: EnsembleRequest): Promise<void> {
    try {
      if (req.type === 'train') await this.train(req);
      else this.strip(req.run, req.seed);
    } catch (err) {
      this.send({
        type: 'error',
        run: req.run,
        message: `The ensemble experiment failed: ${err instanceof Error ? err.message : String(err)}.`
      });
    }
  }

  private async train(req: Extract<EnsembleRequest, { type: 'train' }>): Promise<void> {
    const { run, config } = req;
    let mnist: MnistSet | undefined;
    if (config.data === 'mnist') {
      this.send({ type: 'progress', run, stage: 'loading', done: 0, total: 1 });
      mnist = await this.loadMnist(req.mnistUrl);
    }
    const user = config.data === 'user' ? userData(req.user, config.seed ?? 1) : null;
    const net = trainEnsembleNet(config, {
      mnist,
      split: user?.split,
      onEpoch: (s, total) => this.send({ type: 'progress', run, stage: 'training', done: s.epoch, total })
    });
    this.net = net;
    const plane = hasPlane(net);
    const widths = [
      net.split.inputShape[0],
      net.config.width,
      net.config.width,
      net.split.classes === 2 ? 1 : net.split.classes
    ];
    this.send({
      type: 'trained',
      run,
      dataLabel: user?.label ?? LABELS[config.data] ?? config.data,
      shape: widths.join(' → '),
      units: net.units,
      unitsText: thinnedNetworksText(net.units),
      masksDrawn: net.masksDrawn,
      masksDistinct: net.masksDistinct,
      valAccuracy: net.history.at(-1)?.valAccuracy ?? null,
      classes: net.split.classes,
      points: plane ? net.split.train.x.data.slice() : null,
      labels: plane ? net.split.train.y.data.slice() : null,
      stoppedMessage: net.stopped.kind === 'diverged' ? net.stopped.message : null
    });
    this.strip(run, req.stripSeed);
    await this.rest();
    if (plane) {
      const u = uncertaintyMap(net, { k: LAB_VIEW.k, resolution: LAB_VIEW.uncertaintyResolution });
      this.send(
        { type: 'uncertainty', run, std: u.std, resolution: u.resolution, max: u.max, text: describeUncertainty(u) },
        [u.std.buffer]
      );
      await this.rest();
    }
    const repeats = this.curveSize.repeats ?? (plane ? LAB_VIEW.repeats.twoD : LAB_VIEW.repeats.mnist);
    const curve = errorVsK(net.model, net.split.val, {
      kMax: this.curveSize.k ?? LAB_VIEW.k,
      repeats,
      seed: net.config.seed,
      onProgress: (done, total) => this.send({ type: 'progress', run, stage: 'curve', done, total })
    });
    this.send({
      type: 'curve',
      run,
      curve,
      text: describeErrorVsK(curve, user?.label ?? LABELS[config.data] ?? config.data)
    });
  }

  private strip(run: number, seed: number): void {
    if (!this.net) throw new Error('no network has been trained yet');
    const s = sampleStrip(this.net, { count: LAB_VIEW.stripCount, seed, resolution: LAB_VIEW.stripResolution });
    const strip: StripMessage = {
      masks: s.networks.map((n) => n.mask.map((m) => Array.from(m))),
      maps: s.networks.map((n) => n.map),
      valErrors: s.networks.map((n) => n.valError),
      average: s.average,
      averageError: s.averageError,
      weightScaled: s.weightScaled,
      weightScaledError: s.weightScaledError,
      resolution: LAB_VIEW.stripResolution,
      seed
    };
    // The maps move to the page rather than being copied (each is its own buffer, made for this strip).
    const maps = [...strip.maps, strip.average, strip.weightScaled].filter((m): m is Float32Array => m !== null);
    this.send(
      { type: 'strip', run, strip },
      maps.map((m) => m.buffer as ArrayBuffer)
    );
  }
}

/**
 * The learner's data as a split, cut like the twin run's (the same seeded, stratified hold-out;
 * a file standardised with training statistics, drawn points kept as drawn). Throws a sentence.
 */
function userData(user: EnsembleUserData | undefined, seed: number): { split: Split; label: string } {
  if (!user) throw new Error('no data of your own was sent');
  if (user.kind === 'drawn') return { split: drawnTwoDSplit(user.points, seed), label: 'your drawn points' };
  const read = readUserCsv(user.text, user.label);
  if (!read.ok) throw new Error(`"${user.name}" could not be read: ${read.errors[0]}`);
  return { split: userSplit(read.table, seed), label: `“${user.name}”` };
}
