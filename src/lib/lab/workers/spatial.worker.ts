/// <reference lib="webworker" />
/**
 * The spatial-dropout example's worker: a thin adapter between messages and the framework-free
 * experiment in ../spatial. It trains between epochs' yields and lets the event loop run after
 * each one, so a "stop" or a new "start" is seen within one epoch.
 */
import { fetchMnistOnce, prepareKernels } from '../runtime';
import { DEFAULT_CONFIG, featureMaps, spatialExperiment } from '../spatial/experiment';
import { imageSplit, pickImages } from '../spatial/data';
import type { SpatialReply, SpatialRequest } from '../spatial/protocol';
import { holdLifeLock } from './life-lock';

declare const self: DedicatedWorkerGlobalScope;
holdLifeLock(self); // lets the page notice if this worker is ended silently

/** The id of the run in progress (0: none). A new start or a stop changes it; the old loop notices and exits. */
let current = 0;

const send = (message: SpatialReply, transfer: Transferable[] = []) => self.postMessage(message, transfer);
const breathe = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

self.onmessage = (e: MessageEvent<SpatialRequest>) => {
  const msg = e.data;
  if (msg.type === 'stop') {
    current = 0;
    return;
  }
  const run = (current = msg.run);
  train(run, msg.url, msg.p).catch((err: unknown) => {
    send({ type: 'error', run, message: err instanceof Error ? err.message : String(err) });
  });
};

async function train(run: number, url: string, p: number): Promise<void> {
  const t0 = performance.now();
  send({ type: 'status', run, text: 'Loading the digits…' });
  const [kernels, set] = await Promise.all([prepareKernels(), fetchMnistOnce(url)]);
  if (run !== current) return;
  const config = { ...DEFAULT_CONFIG, p };
  const data = imageSplit(set, { train: config.train, val: config.val, seed: config.seed });
  const gallery = data.gallery.filter((row) => row >= 0);
  const images = pickImages(data.val, gallery);
  let mapsSent = false;
  const experiment = spatialExperiment(data, config, {
    afterEpoch: (kind, epoch, model) => {
      if (mapsSent) return;
      mapsSent = true;
      const maps = featureMaps(model, images);
      const pixels = images.data.slice();
      send({ type: 'maps', run, labels: gallery.map((row) => data.val.y.data[row]), images: pixels, maps, epoch }, [maps.buffer, pixels.buffer]);
    }
  });
  send({ type: 'status', run, text: 'Training…' });
  for (let step = experiment.next(); ; step = experiment.next()) {
    await breathe();
    if (run !== current) {
      send({ type: 'stopped', run });
      return;
    }
    if (step.done) {
      send({ type: 'done', run, summaries: step.value, kernels, seconds: (performance.now() - t0) / 1000 });
      return;
    }
    const event = step.value;
    if (event.type === 'epoch') send({ type: 'epoch', run, kind: event.kind, stats: event.stats });
    else send({ type: 'run', run, summary: event.summary });
  }
}
