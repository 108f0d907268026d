import { type Split, Seeds } from '../../engine';
import { makeTwoD, type TwoDSplit } from '../../data/two-d';
import { mnistSplit, type MnistSet } from '../../data/mnist';
import type { TwinConfig } from './config';

/**
 * Builds the examples both twins train on, from a configuration. Both twins get the SAME Split
 * object (or two identical ones built from the same seed): the experiment varies dropout only.
 */

/** Data the caller loaded beforehand: the parsed MNIST file, or a CSV Split (e.g. from csvSplit). */
export interface TwinSources {
  /** Needed when `config.data` is 'mnist' (load it with fetchMnistOnce or loadMnistNode). */
  mnist?: MnistSet;
  /** Needed when `config.data` is 'csv'; used as it is (its own hold-out and standardisation). */
  csv?: Split;
}

/** Thrown when the configuration needs data the caller did not pass (MNIST or CSV). */
export class MissingDataError extends Error {
  constructor(what: string) {
    super(what);
    this.name = 'MissingDataError';
  }
}

/**
 * The Split for `config`: a 2-D set drawn from the seed's 'data' stream (train/val sizes as
 * configured; the stratified hold-out may differ by a point per class), a class-balanced MNIST
 * subset chosen by the seed, or the CSV Split as given. Throws MissingDataError when MNIST or
 * CSV data is needed but missing. The config must come from validateTwinConfig.
 */
export function buildTwinSplit(config: TwinConfig, sources: TwinSources = {}): Split {
  if (config.data === 'mnist') {
    if (!sources.mnist) throw new MissingDataError('The "Real digits" data (MNIST) has not been loaded.');
    return mnistSplit(sources.mnist, { train: config.trainSize, val: config.valSize, seed: config.seed });
  }
  if (config.data === 'csv') {
    if (!sources.csv) throw new MissingDataError('No CSV data was given.');
    return sources.csv;
  }
  return twoDSplit(config);
}

/** The 2-D set of a configuration (exposed for drawing its points: `flipped` marks noisy labels). */
export function twoDSplit(config: TwinConfig): TwoDSplit {
  const points = config.trainSize + config.valSize;
  return makeTwoD(config.data, {
    rng: new Seeds(config.seed).stream('data'),
    points,
    noise: config.noise,
    labelNoise: config.labelNoise,
    valFraction: Math.min(0.9, Math.max(0.05, config.valSize / points))
  });
}
