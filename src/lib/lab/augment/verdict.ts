import { VARIANT_LABEL, type Variant } from './experiment';
import type { Spread, VariantStats } from './stats';

/**
 * The verdict in words under the chart, computed from the run in front of the learner. A
 * difference is named only when the seeds' ranges do not overlap (every seed of one network
 * below every seed of the other); otherwise it says "no clear difference". With fewer than two
 * finished seeds per network there is no spread to judge by, so nothing is called clear.
 */

/** How network a compares with network b on one measure: every seed lower, every seed higher, or overlapping. */
export type Order = 'lower' | 'higher' | 'overlap';

/** a against b: 'lower' when a's highest seed is below b's lowest seed. */
export function compareSpread(a: Spread, b: Spread): Order {
  if (a.max < b.min) return 'lower';
  if (b.max < a.min) return 'higher';
  return 'overlap';
}

/** What the verdict found, and the sentences saying it. */
export interface AugmentVerdict {
  /** The network with the lowest final validation loss, when its range is below every other's; else null. */
  lowestAtEnd: Variant | null;
  /** Of dropout alone and shifts alone, the one with the clearly lower final validation loss, or null. */
  helpsMore: 'dropout' | 'augment' | null;
  /** The same at the early-stopped best validation loss. */
  helpsMoreAtBest: 'dropout' | 'augment' | null;
  /** Whether both together end clearly lower than the better of the two alone (null: no clear difference). */
  bothBetter: boolean | null;
  /** One sentence: which network ends lowest, or that it is not clear. */
  headline: string;
  /** The numbers behind it, one sentence each. */
  details: string[];
}

const MIN_SEEDS = 2;

const loss = (s: Spread) => s.mean.toFixed(3);
const range = (s: Spread) => `${s.min.toFixed(3)}–${s.max.toFixed(3)}`;
const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
const lower = (v: Variant) => VARIANT_LABEL[v].toLowerCase();
/** How a network ends against the one with neither, in words. */
const ORDER_WORDS: Record<Order, string> = {
  lower: 'lower',
  higher: 'higher',
  overlap: 'no clear difference'
};
/** How a sentence names each network. */
const NAME: Record<Variant, string> = {
  neither: 'the network with neither',
  dropout: 'the network with dropout',
  augment: 'the network trained on shifted digits',
  both: 'the network with dropout and shifts'
};
const Name = (v: Variant) => NAME[v].charAt(0).toUpperCase() + NAME[v].slice(1);

/** Which of the two single remedies is clearly lower on `pick`, or null. */
function single(d: VariantStats, a: VariantStats, pick: (s: VariantStats) => Spread): 'dropout' | 'augment' | null {
  const o = compareSpread(pick(a), pick(d));
  return o === 'lower' ? 'augment' : o === 'higher' ? 'dropout' : null;
}

function singleWords(winner: 'dropout' | 'augment' | null): string {
  if (winner === 'augment') return 'the shifts help more';
  if (winner === 'dropout') return 'dropout helps more';
  return 'no clear difference (the seeds overlap)';
}

/** Builds the verdict from the four networks' seed statistics (aggregate(), in VARIANTS order). */
export function augmentVerdict(stats: readonly VariantStats[]): AugmentVerdict {
  const by = (v: Variant) => stats.find((s) => s.variant === v);
  const [n, d, a, b] = (['neither', 'dropout', 'augment', 'both'] as const).map(by);
  const failedNote = stats.some((s) => s.failed > 0)
    ? ` ${stats
        .filter((s) => s.failed > 0)
        .map((s) => `${VARIANT_LABEL[s.variant]}: ${s.failed} seed${s.failed === 1 ? '' : 's'} diverged and left out`)
        .join('; ')}.`
    : '';
  if (!n || !d || !a || !b || stats.some((s) => s.seeds < MIN_SEEDS)) {
    return {
      lowestAtEnd: null,
      helpsMore: null,
      helpsMoreAtBest: null,
      bothBetter: null,
      headline: `Not enough seeds finished to compare the four networks (each needs at least ${MIN_SEEDS}).`,
      details: [`Run the experiment again.${failedNote}`]
    };
  }
  const seeds = Math.min(...stats.map((s) => s.seeds));
  const sorted = [...stats].sort((x, y) => x.finalLoss.mean - y.finalLoss.mean);
  const first = sorted[0];
  const clash = sorted.slice(1).find((s) => compareSpread(first.finalLoss, s.finalLoss) !== 'lower');
  const lowestAtEnd = clash ? null : first.variant;
  const headline = lowestAtEnd
    ? `${Name(lowestAtEnd)} ends lowest: final validation loss ${loss(first.finalLoss)} (seeds ${range(first.finalLoss)}), below every seed of the other three.`
    : `No clear difference at the end between ${NAME[first.variant]} and ${NAME[clash!.variant]}: the lowest mean final validation loss (${lower(first.variant)}, ${loss(first.finalLoss)}, seeds ${range(first.finalLoss)}) overlaps the other's seeds (${range(clash!.finalLoss)}).`;

  const helpsMore = single(d, a, (s) => s.finalLoss);
  const helpsMoreAtBest = single(d, a, (s) => s.bestLoss);
  const better = a.finalLoss.mean <= d.finalLoss.mean ? a : d;
  const bothOrder = compareSpread(b.finalLoss, better.finalLoss);
  const bothBetter = bothOrder === 'lower' ? true : bothOrder === 'higher' ? false : null;

  const improving = stats.filter((s) => s.bestAtEnd > 0);
  const details = [
    `Dropout alone against the shifts alone: at the end ${loss(d.finalLoss)} against ${loss(a.finalLoss)}, ${singleWords(helpsMore)}; at their early-stopped best ${loss(d.bestLoss)} against ${loss(a.bestLoss)}, ${singleWords(helpsMoreAtBest)}.`,
    bothBetter === true
      ? `Together they end lower than ${lower(better.variant)} alone: ${loss(b.finalLoss)} (seeds ${range(b.finalLoss)}) against ${loss(better.finalLoss)} (${range(better.finalLoss)}).`
      : bothBetter === false
        ? `Together they end higher than ${lower(better.variant)} alone: ${loss(b.finalLoss)} (seeds ${range(b.finalLoss)}) against ${loss(better.finalLoss)} (${range(better.finalLoss)}).`
        : `Together against ${lower(better.variant)} alone: ${loss(b.finalLoss)} (seeds ${range(b.finalLoss)}) against ${loss(better.finalLoss)} (${range(better.finalLoss)}), no clear difference.`,
    `Against the network with neither (final ${loss(n.finalLoss)}, seeds ${range(n.finalLoss)}; best ${loss(n.bestLoss)}), at the end: ${[
      d,
      a,
      b
    ]
      .map((s) => `${lower(s.variant)}: ${ORDER_WORDS[compareSpread(s.finalLoss, n.finalLoss)]}`)
      .join(', ')}.`,
    `Final validation error: ${stats.map((s) => `${lower(s.variant)} ${pct(s.finalError.mean)}`).join(', ')}.`,
    ...(improving.length
      ? [
          `Still improving at the last epoch: ${improving.map((s) => `${lower(s.variant)} (${s.bestAtEnd} of ${s.seeds} seeds)`).join(', ')}; a longer run could change ${improving.length === 1 ? 'its' : 'their'} place.`
        ]
      : []),
    `Means over ${seeds} seeds; a difference counts only when the seeds' ranges do not overlap.${failedNote}`
  ];
  return { lowestAtEnd, helpsMore, helpsMoreAtBest, bothBetter, headline, details };
}
