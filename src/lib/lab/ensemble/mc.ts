import type { Random } from '../../engine';
import { sampleMask, type KeepMask } from '../masks';
import type { ThinnedRunner } from './runner';

/** Mean and spread of k thinned networks' probabilities, per row and class. */
export interface MonteCarloResult {
  /** The Monte Carlo ensemble prediction: the average of the k networks' probabilities. */
  mean: Float32Array;
  /**
   * Standard deviation over the k networks (population, ÷k): how much the members disagree.
   * This is MC dropout's uncertainty (Gal & Ghahramani 2016).
   */
  std: Float32Array;
  /** How many networks were averaged. */
  k: number;
}

/**
 * Monte Carlo averaging: draws k thinned networks from `rng`, runs each over the runner's inputs,
 * and returns the mean and standard deviation of their probabilities. `onNetwork(j, mask, probs)`
 * sees each network as it is drawn (j from 1), e.g. to keep the first few for a picture.
 */
export function monteCarlo(
  runner: ThinnedRunner,
  k: number,
  rng: Random,
  onNetwork?: (j: number, mask: KeepMask, probs: Float32Array) => void
): MonteCarloResult {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`k must be a whole number ≥ 1, got ${k}`);
  const size = runner.rows * runner.classes;
  // Welford's running mean and sum of squared deviations, in float64: stable for any k.
  const mean = new Float64Array(size);
  const m2 = new Float64Array(size);
  for (let j = 1; j <= k; j++) {
    const mask = sampleMask(runner.sites, rng);
    const probs = runner.run(mask);
    onNetwork?.(j, mask, probs);
    for (let i = 0; i < size; i++) {
      const v = probs[i];
      const delta = v - mean[i];
      mean[i] += delta / j;
      m2[i] += delta * (v - mean[i]);
    }
  }
  const std = new Float32Array(size);
  for (let i = 0; i < size; i++) std[i] = Math.sqrt(Math.max(0, m2[i] / k));
  return { mean: Float32Array.from(mean), std, k };
}
