import { Seeds, type Tensor } from '../../engine';
import { grid } from '../../data';
import { monteCarlo, type MonteCarloResult } from './mc';
import { errorRate, ThinnedRunner } from './runner';
import { sampleMask, type KeepMask } from '../masks';
import type { TrainedNet } from './train';

/**
 * The pictures of the ensemble lab, computed (framework-free) from a trained network: a strip of
 * sampled thinned networks with their output maps and running average, and the MC-dropout
 * uncertainty map. Maps are `resolution²` values of P(class 1) over the plane (`data/plane.ts`
 * pixel order, row 0 at the top), so a canvas can paint them directly; for a drawn set of three
 * classes, each pixel's three class probabilities (`resolution² × 3`, pixel-major). MNIST and files
 * of more features have no plane: their maps are null.
 */

/** One sampled member of the ensemble. */
export interface StripNetwork {
  /** Its mask: `mask[layer][unit]`, 1 = kept. */
  mask: KeepMask;
  /** Its P(class 1) over the plane (2-D sets), or null (MNIST). */
  map: Float32Array | null;
  /** Its own validation error (fraction). */
  valError: number;
}

/** A strip of thinned networks next to their average and the weight-scaled network. */
export interface Strip {
  networks: StripNetwork[];
  /** Average of the strip's maps (the Monte Carlo ensemble of these few), or null. */
  average: Float32Array | null;
  /** Validation error of the strip's average. */
  averageError: number;
  /** The weight-scaled (eval-mode) network's map, or null. */
  weightScaled: Float32Array | null;
  /** Validation error of the weight-scaled network. */
  weightScaledError: number;
}

/** Most classes a plane map can colour (the palette's three: palette.ts in the ui layer). */
export const PLANE_MAX_CLASSES = 3;

/** Is this net trained on a plane (so it has output maps)? */
export function hasPlane(net: TrainedNet): boolean {
  const shape = net.split.inputShape;
  return net.config.data !== 'mnist' && shape.length === 1 && shape[0] === 2 && net.split.classes <= PLANE_MAX_CLASSES;
}

/**
 * Draws `count` thinned networks (from stream `strip` of `new Seeds(seed)`: a new seed, a new
 * strip) and computes each one's map and validation error, their average and the weight-scaled net.
 */
export function sampleStrip(net: TrainedNet, { count = 6, seed = 1, resolution = 48 } = {}): Strip {
  const rng = new Seeds(seed).stream('strip');
  const plane = hasPlane(net) ? new ThinnedRunner(net.model, grid(resolution)) : null;
  const val = new ThinnedRunner(net.model, net.split.val.x);
  const labels = net.split.val.y.data;
  const valSum = new Float64Array(val.rows * val.classes);
  const average = plane ? new Float32Array(plane.rows * plane.classes) : null;
  const networks: StripNetwork[] = [];
  for (let j = 0; j < count; j++) {
    const mask = sampleMask(val.sites, rng);
    const probs = val.run(mask);
    for (let i = 0; i < valSum.length; i++) valSum[i] += probs[i] / count;
    let map: Float32Array | null = null;
    if (plane && average) {
      map = plane.run(mask).slice();
      for (let i = 0; i < map.length; i++) average[i] += map[i] / count;
    }
    networks.push({ mask, map, valError: errorRate(probs, val.classes, labels) });
  }
  return {
    networks,
    average,
    averageError: errorRate(valSum, val.classes, labels),
    weightScaled: plane ? plane.weightScaled().slice() : null,
    weightScaledError: errorRate(val.weightScaled(), val.classes, labels)
  };
}

/** The MC-dropout uncertainty over the plane, with numbers for the sentence under it. */
export interface UncertaintyMap extends MonteCarloResult {
  /** Grid resolution (the maps are resolution² values). */
  resolution: number;
  /** Mean standard deviation over grid points within `NEAR` of a training point. */
  nearData: number;
  /** Mean standard deviation over grid points farther than `FAR` from every training point. */
  awayFromData: number;
  /** Largest standard deviation on the plane. */
  max: number;
}

/** "Near the data": within this distance (plane units) of a training point. */
export const NEAR = 0.1;
/** "Away from the data": farther than this from every training point. */
export const FAR = 0.4;

/**
 * Monte Carlo dropout over the plane: k thinned networks (stream `uncertainty` of `new Seeds(seed)`),
 * per-pixel mean and standard deviation of P(class 1), and the average spread near and away from the data.
 * With three classes, one spread per pixel too: that of the probability of the class their average
 * predicts there (for two classes it is the same number, as P(class 0) = 1 − P(class 1)).
 */
export function uncertaintyMap(net: TrainedNet, { k = 100, seed = 1, resolution = 64 } = {}): UncertaintyMap {
  if (!hasPlane(net)) throw new Error('The uncertainty map needs a 2-D data set (MNIST inputs have no plane to draw).');
  const points = grid(resolution);
  const runner = new ThinnedRunner(net.model, points);
  const result = predictedClassSpread(monteCarlo(runner, k, new Seeds(seed).stream('uncertainty')), runner.classes);
  const distance = nearestDistance(points, net.split.train.x);
  let near = 0;
  let nNear = 0;
  let away = 0;
  let nAway = 0;
  let max = 0;
  result.std.forEach((s, i) => {
    max = Math.max(max, s);
    if (distance[i] <= NEAR) {
      near += s;
      nNear++;
    } else if (distance[i] > FAR) {
      away += s;
      nAway++;
    }
  });
  return { ...result, resolution, nearData: nNear ? near / nNear : 0, awayFromData: nAway ? away / nAway : 0, max };
}

/** The mean and spread of each row's predicted class (the argmax of the mean), one value per row. */
function predictedClassSpread(r: MonteCarloResult, classes: number): MonteCarloResult {
  if (classes === 1) return r;
  const rows = r.mean.length / classes;
  const mean = new Float32Array(rows);
  const std = new Float32Array(rows);
  for (let i = 0, o = 0; i < rows; i++, o += classes) {
    let best = 0;
    for (let j = 1; j < classes; j++) if (r.mean[o + j] > r.mean[o + best]) best = j;
    mean[i] = r.mean[o + best];
    std[i] = r.std[o + best];
  }
  return { mean, std, k: r.k };
}

/** For each point of `a` ([N, 2]), the distance to the nearest point of `b` ([M, 2]). */
function nearestDistance(a: Tensor, b: Tensor): Float32Array {
  const out = new Float32Array(a.shape[0]);
  const m = b.shape[0];
  for (let i = 0; i < out.length; i++) {
    const x = a.data[2 * i];
    const y = a.data[2 * i + 1];
    let best = Infinity;
    for (let j = 0; j < m; j++) {
      const dx = x - b.data[2 * j];
      const dy = y - b.data[2 * j + 1];
      best = Math.min(best, dx * dx + dy * dy);
    }
    out[i] = Math.sqrt(best);
  }
  return out;
}

/** Two or three sentences on what the uncertainty map shows here, and what it does not mean. */
export function describeUncertainty(u: UncertaintyMap): string {
  const ratio = u.nearData > 0 ? u.awayFromData / u.nearData : Infinity;
  const finding =
    u.awayFromData > u.nearData
      ? `In this run the ${u.k} networks disagree ${Number.isFinite(ratio) ? `${ratio.toFixed(1)}× more` : 'far more'} away from the training points (average spread ${u.awayFromData.toFixed(3)}) than on them (${u.nearData.toFixed(3)}).`
      : `In this run the ${u.k} networks disagree about as much on the training points (average spread ${u.nearData.toFixed(3)}) as away from them (${u.awayFromData.toFixed(3)}) — MC dropout does not always flag the empty regions.`;
  return `${finding} A wide spread says the thinned networks disagree, so treat the prediction there with caution; it is not a calibrated probability of being wrong, and a narrow spread does not prove the answer right.`;
}
