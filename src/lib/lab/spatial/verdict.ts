import type { RunResult } from './experiment';
import type { KnockoutCurve } from './knockout';
import { KIND_LABEL, MASK_KINDS, type MaskKind } from './model';

/**
 * The plain-words verdicts under the experiment, computed from the seeds the learner just ran.
 * A network is named the winner only when the difference exceeds the spread over seeds, read
 * strictly: its WORST seed beats the BEST seed of every other network (their ranges do not
 * overlap). Otherwise the verdict says "no clear difference", and still names a network that was
 * worse than both others on every seed. It never claims the textbook result unless the numbers show it.
 */

/** One measure of one network over the seeds. */
export interface SeedSpread {
  /** Each seed's value, in seed order. */
  values: number[];
  mean: number;
  /** Lowest and highest seed: the spread shown with the mean. */
  min: number;
  max: number;
}

/** Mean, lowest and highest of `values` (NaN-free: an empty list gives zeros). */
export function spread(values: readonly number[]): SeedSpread {
  if (values.length === 0) return { values: [], mean: 0, min: 0, max: 0 };
  return {
    values: [...values],
    mean: values.reduce((a, b) => a + b, 0) / values.length,
    min: Math.min(...values),
    max: Math.max(...values)
  };
}

/** Who won a comparison over seeds. */
export interface Ranking {
  /** Networks in order of their mean, best first. */
  order: MaskKind[];
  /** The network whose worst seed beat every other network's best seed, or null (no clear difference). */
  winner: MaskKind | null;
  /** A network worse on every seed than every seed of both others (only when there is no winner), or null. */
  loser: MaskKind | null;
}

/**
 * Ranks networks by a measure over seeds; `lowerIsBetter` for losses. Strict: equal values are
 * no clear difference.
 */
export function rank(by: Partial<Record<MaskKind, SeedSpread>>, lowerIsBetter: boolean): Ranking {
  const kinds = MASK_KINDS.filter((k) => by[k] && by[k].values.length > 0);
  const sign = lowerIsBetter ? 1 : -1;
  const order = [...kinds].sort((a, b) => sign * (by[a]!.mean - by[b]!.mean));
  const worst = (k: MaskKind) => (lowerIsBetter ? by[k]!.max : by[k]!.min);
  const best = (k: MaskKind) => (lowerIsBetter ? by[k]!.min : by[k]!.max);
  const beats = (a: MaskKind, b: MaskKind) => sign * (worst(a) - best(b)) < 0;
  const clearOverAll = (a: MaskKind) => order.every((b) => b === a || beats(a, b));
  const winner = order.length >= 2 && clearOverAll(order[0]) ? order[0] : null;
  const last = order.at(-1);
  const loser =
    winner === null && last !== undefined && order.length >= 3 && order.every((b) => b === last || beats(b, last))
      ? last
      : null;
  return { order, winner, loser };
}

/** A verdict: a headline, the numbers behind it, and the network it names (null: no clear difference). */
export interface Verdict {
  /** One sentence: who won, or that there is no clear difference. */
  headline: string;
  /** The numbers behind it, in words (means and the spread over seeds). */
  detail: string;
  /** The clear winner, or null. */
  winner: MaskKind | null;
}

const lower = (k: MaskKind) => KIND_LABEL[k].charAt(0).toLowerCase() + KIND_LABEL[k].slice(1);
const pct = (a: number) => `${(a * 100).toFixed(1)}%`;

/** "0.421 (0.410–0.433)": the mean and the lowest and highest seed. */
export function formatSpread(s: SeedSpread, format: (v: number) => string): string {
  return `${format(s.mean)} (${format(s.min)}–${format(s.max)})`;
}

/** The runs that completed (not diverged), by network. */
function completed(runs: readonly RunResult[]): Partial<Record<MaskKind, RunResult[]>> {
  const out: Partial<Record<MaskKind, RunResult[]>> = {};
  for (const r of runs) {
    if (r.stopped !== null || !Number.isFinite(r.bestValLoss)) continue;
    (out[r.kind] ??= []).push(r);
  }
  return out;
}

/** Names and count of the runs left out because they diverged, as a sentence (or ''). */
function failNote(runs: readonly RunResult[]): string {
  const failed = runs.filter((r) => r.stopped !== null || !Number.isFinite(r.bestValLoss));
  if (failed.length === 0) return '';
  const names = failed.map((r) => `${lower(r.kind)} (seed ${r.seed})`).join(', ');
  return ` Left out because training diverged: ${names}.`;
}

/** Per network, a measure's spread over its completed seeds. */
function measure(
  runs: readonly RunResult[],
  value: (r: RunResult) => number | null
): Partial<Record<MaskKind, SeedSpread>> {
  const by = completed(runs);
  const out: Partial<Record<MaskKind, SeedSpread>> = {};
  for (const k of MASK_KINDS) {
    const values = (by[k] ?? []).map(value).filter((v): v is number => v !== null && Number.isFinite(v));
    if (values.length > 0) out[k] = spread(values);
  }
  return out;
}

/** True when every network has at least two seeds to compare. */
function enough(by: Partial<Record<MaskKind, SeedSpread>>): boolean {
  return MASK_KINDS.every((k) => (by[k]?.values.length ?? 0) >= 2);
}

function seedsText(by: Partial<Record<MaskKind, SeedSpread>>): string {
  const n = Math.max(...MASK_KINDS.map((k) => by[k]?.values.length ?? 0));
  return `${n} seeds`;
}

const NOT_ENOUGH: Verdict = {
  headline: 'Not enough seeds finished to compare the networks.',
  detail: 'Each network needs at least two finished seeds; start the experiment again.',
  winner: null
};

/**
 * Which network generalised best: the lowest best (early-stopped) validation loss, over seeds.
 * The best validation accuracies are reported beside it.
 */
export function generalisationVerdict(runs: readonly RunResult[]): Verdict {
  const loss = measure(runs, (r) => r.bestValLoss);
  const acc = measure(runs, (r) => r.bestValAccuracy);
  if (!enough(loss)) return { ...NOT_ENOUGH, detail: NOT_ENOUGH.detail + failNote(runs) };
  const { order, winner, loser } = rank(loss, true);
  const f3 = (v: number) => v.toFixed(3);
  let headline: string;
  if (winner) {
    headline = `${KIND_LABEL[winner]} generalised best: the lowest validation loss on every seed (its worst seed beat the best seed of the others).`;
  } else if (loser) {
    const [a, b] = order;
    headline = `No clear difference between ${lower(a)} and ${lower(b)}; ${lower(loser)} generalised worse on every seed.`;
  } else {
    headline = 'No clear difference: the three networks’ validation losses overlap across the seeds.';
  }
  const lossText = order.map((k) => `${lower(k)} ${formatSpread(loss[k]!, f3)}`).join(', ');
  const accText = rank(acc, false)
    .order.map((k) => `${lower(k)} ${formatSpread(acc[k]!, pct)}`)
    .join(', ');
  const detail = `Best validation loss, mean (lowest–highest) over ${seedsText(loss)}: ${lossText}. Best validation accuracy: ${accText}.${failNote(runs)}`;
  return { headline, detail, winner };
}

/**
 * Accuracy lost when maps vanish: the network's accuracy with all its maps minus its mean accuracy
 * with k = 1 … 6 maps knocked out (each k weighted alike), in [−1, 1]. Null without a curve.
 */
export function accuracyLost(curve: KnockoutCurve | null): number | null {
  if (!curve) return null;
  const at0 = curve.ks.indexOf(0);
  const rest = curve.accuracy.filter((_, i) => curve.ks[i] > 0);
  if (at0 < 0 || rest.length === 0) return null;
  return curve.accuracy[at0] - rest.reduce((a, b) => a + b, 0) / rest.length;
}

/** Accuracy at one k of a run's knock-out curve, or null. */
export function accuracyAt(r: RunResult, k: number): number | null {
  const i = r.knockout?.ks.indexOf(k) ?? -1;
  return i >= 0 ? r.knockout!.accuracy[i] : null;
}

/** Which network keeps its accuracy best when first-layer maps are knocked out, over seeds. */
export function knockoutVerdict(runs: readonly RunResult[]): Verdict {
  const lost = measure(runs, (r) => accuracyLost(r.knockout));
  if (!enough(lost)) return { ...NOT_ENOUGH, detail: NOT_ENOUGH.detail + failNote(runs) };
  const { order, winner, loser } = rank(lost, true);
  const kMax = Math.max(...runs.flatMap((r) => r.knockout?.ks ?? [0]));
  let headline: string;
  if (winner) {
    headline = `${KIND_LABEL[winner]} kept its accuracy best when maps vanished: it lost the least on every seed.`;
  } else if (loser) {
    const [a, b] = order;
    headline = `No clear difference between ${lower(a)} and ${lower(b)} when maps vanish; ${lower(loser)} lost the most on every seed.`;
  } else {
    headline = 'No clear difference: the accuracy the three networks lose when maps vanish overlaps across the seeds.';
  }
  const pts = (v: number) => (v * 100).toFixed(1);
  const lostText = order
    .map((k) => `${lower(k)} ${pts(lost[k]!.mean)} points (${pts(lost[k]!.min)}–${pts(lost[k]!.max)})`)
    .join(', ');
  const full = measure(runs, (r) => accuracyAt(r, 0));
  const atMax = measure(runs, (r) => accuracyAt(r, kMax));
  const endText = MASK_KINDS.filter((k) => full[k] && atMax[k])
    .map((k) => `${lower(k)} ${pct(full[k]!.mean)} → ${pct(atMax[k]!.mean)}`)
    .join(', ');
  const detail = `Accuracy lost with 1 to ${kMax} of the 8 maps gone (averaged over k), mean (lowest–highest) over ${seedsText(lost)}: ${lostText}. With all maps, then with ${kMax} gone (means): ${endText}.${failNote(runs)}`;
  return { headline, detail, winner };
}
