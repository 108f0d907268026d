import { Random, type Dataset, type Sequential } from '../../engine';
import { applyMask, clearMask, randomKOut } from './masks';

/**
 * The robustness curve: validation accuracy as 0, 1, 2, … hidden neurons are knocked out at
 * random, averaged over many random subsets. Both twins are measured on the SAME subsets (a
 * paired comparison), so the gap between the curves is the twins' difference, not luck.
 */

/** One curve per twin, one point per number of dropped neurons. */
export interface RobustnessCurve {
  /** Numbers of dropped neurons: 0, 1, …, total hidden neurons. */
  k: number[];
  /** Mean validation accuracy of the dropout-trained twin at each k. */
  dropout: number[];
  /** Mean validation accuracy of the plain twin at each k. */
  plain: number[];
  /** Random subsets averaged per k (1 at k = 0 and at k = all: there is only one such subset). */
  subsets: number;
  /** Whether survivors were rescaled by n/(n − k) per layer. */
  rescale: boolean;
}

/** Fraction of `data` a one-logit classifier gets right (logit > 0 means class 1), in eval mode. */
export function accuracy(model: Sequential, data: Dataset): number {
  model.eval();
  const out = model.forward(data.x).data;
  const y = data.y.data;
  let right = 0;
  for (let i = 0; i < y.length; i++) if ((out[i] > 0 ? 1 : 0) === y[i]) right++;
  return y.length === 0 ? 0 : right / y.length;
}

/** Options of `robustnessCurve`. */
export interface RobustnessOptions {
  /** Random subsets per number of dropped neurons (default 200). */
  subsets?: number;
  /** Seed of the subset draws (default 1): the same curve on every visit. */
  seed?: number;
  /** Rescale survivors by n/(n − k) (default true, as inverted dropout does). */
  rescale?: boolean;
}

/** Measures both twins' robustness curves on `val`. Leaves both networks with no mask forced. */
export function robustnessCurve(
  twins: { dropout: Sequential; plain: Sequential },
  hidden: readonly number[],
  val: Dataset,
  options: RobustnessOptions = {}
): RobustnessCurve {
  const subsets = options.subsets ?? 200;
  const rescale = options.rescale ?? true;
  const rng = new Random(options.seed ?? 1);
  const total = hidden.reduce((a, b) => a + b, 0);
  const curve: RobustnessCurve = { k: [], dropout: [], plain: [], subsets, rescale };
  for (let k = 0; k <= total; k++) {
    const draws = k === 0 || k === total ? 1 : subsets;
    let sumD = 0;
    let sumP = 0;
    for (let s = 0; s < draws; s++) {
      const mask = randomKOut(hidden, k, rng);
      applyMask(twins.dropout, mask, rescale);
      applyMask(twins.plain, mask, rescale);
      sumD += accuracy(twins.dropout, val);
      sumP += accuracy(twins.plain, val);
    }
    curve.k.push(k);
    curve.dropout.push(sumD / draws);
    curve.plain.push(sumP / draws);
  }
  clearMask(twins.dropout);
  clearMask(twins.plain);
  return curve;
}
