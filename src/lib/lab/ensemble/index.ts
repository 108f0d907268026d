/**
 * The exponential ensemble, measured. Framework-free: the same code runs in the ensemble lab's
 * Web Worker, in Node (tests, bench/ensemble.ts) and in the CLI (`dropout-lab ensemble`).
 *
 * A network with n droppable units is 2ⁿ thinned networks sharing one set of weights; a mask
 * picks one. This module trains such a network, samples its members, and compares the two ways of
 * using the ensemble at test time:
 *
 *   const net = trainEnsembleNet({ data: 'moons' });            // or { data: 'mnist' } + { mnist }
 *   const curve = errorVsK(net.model, net.split.val, { kMax: 100, repeats: 10, seed: 1 });
 *   // → { k: [1…100], mean, lo, hi, weightScaled, matchK, … }  (errors as fractions)
 *   describeErrorVsK(curve, 'two moons');                        // the sentence for the page
 *   const strip = sampleStrip(net, { count: 6, seed: 2 });       // members, their maps, the average
 *   const u = uncertaintyMap(net, { k: 100 });                   // MC dropout: std over the plane
 *   net.units, thinnedNetworksText(net.units), net.masksDistinct     // 2ⁿ and what training visited
 *
 * Lower level: `ThinnedRunner` runs thinned networks over fixed inputs (caching the layers before
 * the first dropout layer), `monteCarlo` averages k of them, `MaskCensus` counts training's masks.
 * `errorVsK` works on any mlp()-style Sequential with dropout and a one-logit or K-logit output.
 */
export { dropSites, droppableUnits, type DropSite } from './thinned';
// The masks themselves are the lab's one vocabulary (lab/masks.ts), re-exported for the ensemble's users.
export { sampleMask, withMask, keptCount, thinnedNetworksText, type KeepMask } from '../masks';
export { ThinnedRunner, errorRate, predictedClasses } from './runner';
export { monteCarlo, type MonteCarloResult } from './mc';
export { errorVsK, describeErrorVsK, percent, type ErrorVsK, type ErrorVsKOptions } from './error-vs-k';
export { MaskCensus } from './census';
export {
  trainEnsembleNet,
  resolveConfig,
  MNIST_SIZES,
  type EnsembleConfig,
  type TrainedNet,
  type TrainHooks
} from './train';
export {
  sampleStrip,
  uncertaintyMap,
  describeUncertainty,
  hasPlane,
  NEAR,
  FAR,
  type Strip,
  type StripNetwork,
  type UncertaintyMap
} from './views';
export { EnsembleSession, LAB_VIEW } from './session';
export type { EnsembleRequest, EnsembleReply, EnsembleUserData, StripMessage } from './protocol';
