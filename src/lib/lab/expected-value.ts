/**
 * The logic behind the expected-value refresher: flip dropout's mask coin for one activation h
 * and track the running mean of the output, with and without inverted scaling.
 *
 * Why a separate file: the widget is only a view; everything that can be wrong (the formulas,
 * the clamping, the running means) lives here, where unit tests can pin it down.
 */
import { Random, Seeds } from '../engine';

/** Smallest allowed activation. Wide enough to be interesting, small enough to chart. */
export const H_MIN = -10;
/** Largest allowed activation. */
export const H_MAX = 10;
/** Smallest drop probability: p = 0 means dropout is off. */
export const P_MIN = 0;
/**
 * Largest drop probability. p = 1 would drop every unit and make the inverted scale 1/(1−p)
 * infinite, so we stop short of it.
 */
export const P_MAX = 0.95;
/** The most flips one run keeps; beyond this the mean has long settled and memory would grow. */
export const MAX_FLIPS = 100_000;

/** What a user typed, made safe, and the notes to show when we had to change it. */
export interface Inputs {
  /** The activation h, inside [H_MIN, H_MAX]. */
  h: number;
  /** The drop probability p, inside [P_MIN, P_MAX]. */
  p: number;
  /** Human-readable notes, one per input that was clamped or replaced; empty when all was fine. */
  notes: string[];
}

/**
 * Clamps h and p into their allowed ranges. Non-numbers (NaN, ±Infinity from an empty or odd
 * text box) fall back to the given defaults, so the page can never show NaN.
 */
export function clampInputs(h: number, p: number, fallback = { h: 2, p: 0.5 }): Inputs {
  const notes: string[] = [];
  const safeH = clampOne(h, H_MIN, H_MAX, fallback.h, 'h', notes);
  const safeP = clampOne(p, P_MIN, P_MAX, fallback.p, 'p', notes);
  return { h: safeH, p: safeP, notes };
}

function clampOne(value: number, lo: number, hi: number, fallback: number, name: string, notes: string[]): number {
  if (!Number.isFinite(value)) {
    notes.push(`${name} must be a number; using ${fallback}.`);
    return fallback;
  }
  if (value < lo) {
    notes.push(`${name} = ${value} is below the allowed range; using ${lo}.`);
    return lo;
  }
  if (value > hi) {
    notes.push(`${name} = ${value} is above the allowed range; using ${hi}.`);
    return hi;
  }
  return value;
}

/** How the survivors are scaled: `plain` leaves them alone, `inverted` divides them by (1 − p). */
export type Scaling = 'plain' | 'inverted';

/** E[m·h·s] where m ~ Bernoulli(1 − p): (1 − p)·h without rescaling, h with inverted scaling. */
export function expectedOutput(h: number, p: number, scaling: Scaling): number {
  return scaling === 'plain' ? (1 - p) * h : h;
}

/**
 * Var[m·h·s]. The output takes the value h·s with probability 1 − p and 0 otherwise, so its
 * variance is p(1 − p)·(h·s)²: p(1 − p)·h² plain, and p/(1 − p)·h² inverted (s = 1/(1 − p)).
 */
export function outputVariance(h: number, p: number, scaling: Scaling): number {
  return scaling === 'plain' ? p * (1 - p) * h * h : (p / (1 - p)) * h * h;
}

/** The scale applied to a surviving unit: 1 plain, 1/(1 − p) inverted. */
export function survivorScale(p: number, scaling: Scaling): number {
  return scaling === 'plain' ? 1 : 1 / (1 - p);
}

/** One point of the running-mean chart. */
export interface MeanPoint {
  /** Number of flips so far (1-based). */
  n: number;
  /** Running mean of the output after n flips. */
  mean: number;
}

/**
 * A sequence of mask coins for one unit. The coins depend only on p, not on h, so changing h
 * re-reads the same coins (same luck, new activation); changing p starts a new sequence.
 */
export class CoinFlips {
  /** The drop probability these coins were flipped with. */
  readonly p: number;
  private readonly rng: Random;
  /** keptAfter[i] = how many of the first i + 1 coins kept the unit (m = 1). */
  private keptAfter: number[] = [];

  /** `seed` makes runs reproducible: the same seed and p always give the same coins. */
  constructor(p: number, seed = 42) {
    this.p = clampInputs(0, p).p;
    this.rng = new Seeds(seed).stream('masks');
  }

  /** How many coins have been flipped. */
  get count(): number {
    return this.keptAfter.length;
  }

  /** How many coins kept the unit. */
  get kept(): number {
    return this.count === 0 ? 0 : this.keptAfter[this.count - 1];
  }

  /**
   * Flips `times` more coins (each keeps the unit with probability 1 − p) and returns the masks
   * just drawn. Stops at MAX_FLIPS in total.
   */
  flip(times: number): number[] {
    const room = MAX_FLIPS - this.count;
    const n = Math.max(0, Math.min(Math.floor(times) || 0, room));
    const masks: number[] = [];
    let kept = this.kept;
    for (let i = 0; i < n; i++) {
      // Dropped with probability p: the coin lands below p.
      const m = this.rng.next() < this.p ? 0 : 1;
      kept += m;
      this.keptAfter.push(kept);
      masks.push(m);
    }
    return masks;
  }

  /** Running mean of the output m·h·s over all flips so far; 0 before the first flip. */
  mean(h: number, scaling: Scaling): number {
    if (this.count === 0) return 0;
    return (this.kept / this.count) * h * survivorScale(this.p, scaling);
  }

  /**
   * Sample variance (dividing by n) of the outputs so far. Every output is either h·s or 0, so it
   * follows from the kept fraction alone: f(1 − f)·(h·s)².
   */
  sampleVariance(h: number, scaling: Scaling): number {
    if (this.count === 0) return 0;
    const f = this.kept / this.count;
    const v = h * survivorScale(this.p, scaling);
    return f * (1 - f) * v * v;
  }

  /**
   * The running mean after selected flip counts, for a chart with a logarithmic x axis:
   * at most `maxPoints` counts, spread evenly in log n, always including the latest one.
   */
  series(h: number, scaling: Scaling, maxPoints = 120): MeanPoint[] {
    const total = this.count;
    if (total === 0) return [];
    const s = h * survivorScale(this.p, scaling);
    const counts = new Set<number>();
    const steps = Math.max(2, maxPoints);
    for (let i = 0; i < steps; i++) {
      counts.add(Math.max(1, Math.round(Math.exp((Math.log(total) * i) / (steps - 1)))));
    }
    counts.add(total);
    return [...counts].sort((a, b) => a - b).map((n) => ({ n, mean: (this.keptAfter[n - 1] / n) * s }));
  }
}
