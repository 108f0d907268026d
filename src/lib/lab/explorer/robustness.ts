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
  /** The paired comparison of the two curves (see `pairedGap`). */
  gap: PairedGap;
}

/** How much more accuracy the dropout-trained twin keeps than the plain one, over the knock-outs. */
export interface PairedGap {
  /**
   * Mean over every k strictly between 0 and all (where the subsets are random) of the mean paired
   * difference, accuracy of the dropout twin minus the plain twin's on the same subset (0–1 scale).
   */
  mean: number;
  /** Its standard error, from the spread of the paired differences at each k (0 when there is none). */
  se: number;
  /**
   * 'dropout' when mean > 2·se, 'plain' when mean < −2·se, else 'none': no clear difference.
   * Two standard errors, fixed before any run was looked at, as for every verdict in the lab.
   */
  verdict: 'dropout' | 'plain' | 'none';
}

/**
 * The paired gap from the differences (dropout − plain) of each subset, one list per k with random
 * subsets. D = mean over k of d̄ₖ; SE(D) = √(Σ SEₖ²) / K, the subsets of different k being independent.
 */
export function pairedGap(diffs: readonly (readonly number[])[]): PairedGap {
  const used = diffs.filter((d) => d.length > 0);
  if (used.length === 0) return { mean: 0, se: 0, verdict: 'none' };
  let sum = 0;
  let variance = 0;
  for (const d of used) {
    const m = d.reduce((a, b) => a + b, 0) / d.length;
    sum += m;
    if (d.length > 1) variance += d.reduce((a, b) => a + (b - m) ** 2, 0) / (d.length - 1) / d.length;
  }
  const mean = sum / used.length;
  const se = Math.sqrt(variance) / used.length;
  const verdict = mean > 2 * se ? 'dropout' : mean < -2 * se ? 'plain' : 'none';
  return { mean, se, verdict };
}

/** One decimal of percentage points: 0.0612 → "6.1". */
const points = (v: number) => (Math.abs(v) * 100).toFixed(1);

/** The sentence the explorer prints under its robustness curves, written from the run's paired gap. */
export function robustnessSentence(gap: PairedGap): string {
  const pm = `${points(gap.mean)} ± ${points(gap.se)} points`;
  if (gap.verdict === 'dropout')
    return `Here the dropout-trained network holds up better: averaged over every number of dropped neurons, it keeps ${pm} more validation accuracy than the plain one, whose neurons learned to rely on each other.`;
  if (gap.verdict === 'plain')
    return `Here the plain network holds up better: averaged over every number of dropped neurons, it keeps ${pm} more validation accuracy than the dropout-trained one.`;
  const sign = gap.mean < 0 ? '−' : '';
  return `Here the two curves show no clear difference: averaged over every number of dropped neurons, the dropout-trained network keeps ${sign}${pm} more validation accuracy, within twice its standard error.`;
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
  const curve: RobustnessCurve = { k: [], dropout: [], plain: [], subsets, rescale, gap: pairedGap([]) };
  /** The paired differences at each k with random subsets. */
  const diffs: number[][] = [];
  const layers = { dropout: dropoutLayers(twins.dropout), plain: dropoutLayers(twins.plain) };
  const scale = rescale ? 'kept-fraction' : 'none';
  for (let k = 0; k <= total; k++) {
    const draws = k === 0 || k === total ? 1 : subsets;
    let sumD = 0;
    let sumP = 0;
    const d: number[] = [];
    for (let s = 0; s < draws; s++) {
      const mask = randomKOut(hidden, k, rng);
      applyMask(layers.dropout, mask, scale);
      applyMask(layers.plain, mask, scale);
      const a = accuracy(twins.dropout, val);
      const b = accuracy(twins.plain, val);
      sumD += a;
      sumP += b;
      d.push(a - b);
    }
    if (k > 0 && k < total) diffs.push(d);
    curve.k.push(k);
    curve.dropout.push(sumD / draws);
    curve.plain.push(sumP / draws);
  }
  clearMask(layers.dropout);
  clearMask(layers.plain);
  curve.gap = pairedGap(diffs);
  return curve;
}
