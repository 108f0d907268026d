import { Random, type Dataset, type Sequential } from '../../engine';
import { applyMask, clearMask, dropoutLayers, keepAll, type KeepMask } from '../masks';

/**
 * The robustness curve: validation accuracy as 0, 1, 2, … hidden neurons are knocked out at
 * random, averaged over many random subsets. Both twins are measured on the SAME subsets (a
 * paired comparison), so the gap between the curves is the twins' difference, not luck.
 */

/** Exactly `k` of all hidden neurons dropped, chosen uniformly at random (the rest kept). */
export function randomKOut(hidden: readonly number[], k: number, rng: Random): KeepMask {
  const total = hidden.reduce((a, b) => a + b, 0);
  const order = Int32Array.from({ length: total }, (_, i) => i);
  // Partial Fisher–Yates: the first k entries become a uniform random k-subset.
  for (let i = 0; i < k; i++) {
    const j = i + rng.int(total - i);
    const t = order[i];
    order[i] = order[j];
    order[j] = t;
  }
  const mask = keepAll(hidden);
  for (let i = 0; i < k; i++) {
    let flat = order[i];
    let l = 0;
    while (flat >= hidden[l]) flat -= hidden[l++];
    mask[l][flat] = 0;
  }
  return mask;
}

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

/**
 * Fraction of `data` a classifier gets right, in eval mode: with one logit, logit > 0 means class 1;
 * with K logits (a drawn set of three classes), the largest wins.
 */
export function accuracy(model: Sequential, data: Dataset): number {
  model.eval();
  const out = model.forward(data.x).data;
  const y = data.y.data;
  if (y.length === 0) return 0;
  const k = out.length / y.length;
  let right = 0;
  for (let i = 0; i < y.length; i++) {
    let guess = 0;
    if (k === 1) guess = out[i] > 0 ? 1 : 0;
    else for (let j = 1; j < k; j++) if (out[i * k + j] > out[i * k + guess]) guess = j;
    if (guess === y[i]) right++;
  }
  return right / y.length;
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
  const layers = { dropout: dropoutLayers(twins.dropout), plain: dropoutLayers(twins.plain) };
  const scale = rescale ? 'kept-fraction' : 'none';
  for (let k = 0; k <= total; k++) {
    const draws = k === 0 || k === total ? 1 : subsets;
    let sumD = 0;
    let sumP = 0;
    for (let s = 0; s < draws; s++) {
      const mask = randomKOut(hidden, k, rng);
      applyMask(layers.dropout, mask, scale);
      applyMask(layers.plain, mask, scale);
      sumD += accuracy(twins.dropout, val);
      sumP += accuracy(twins.plain, val);
    }
    curve.k.push(k);
    curve.dropout.push(sumD / draws);
    curve.plain.push(sumP / draws);
  }
  clearMask(layers.dropout);
  clearMask(layers.plain);
  return curve;
}
