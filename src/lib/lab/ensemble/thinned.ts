import { Dropout, Linear, Sequential, type Module, type Random } from '../../engine';

/**
 * Thinned networks. A dropout network with n droppable units is really 2ⁿ networks sharing one
 * set of weights: every keep/drop mask picks one of them. This file finds the droppable units of a
 * model and draws masks; `runner.ts` runs the network a mask picks.
 */

/** One dropout layer that can remove units (p > 0), and how many units it covers. */
export interface DropSite {
  /** Position of the layer in the model's `modules`. */
  index: number;
  /** The layer itself (we drive it through `forceMask`). */
  layer: Dropout;
  /** Units it can drop: the input width of the Linear layer that follows it. */
  units: number;
  /** Its drop probability. */
  p: number;
}

/**
 * A whole-network mask: `mask[s][u]` is 1 when unit u of drop site s is KEPT, 0 when dropped.
 * One mask = one thinned network, applied to every input alike.
 */
export type ThinnedMask = Uint8Array[];

/**
 * The droppable layers of an `mlp()`-style Sequential, in order. Dropout layers with p = 0 are
 * identities and are skipped: they add no networks to the ensemble.
 */
export function dropSites(model: Sequential): DropSite[] {
  const sites: DropSite[] = [];
  const modules = model.modules;
  modules.forEach((m, index) => {
    if (!(m instanceof Dropout) || m.p === 0) return;
    // A dropout layer always feeds a Linear layer in our MLPs; its width is that layer's input.
    const next = modules.slice(index + 1).find((n): n is Linear => n instanceof Linear);
    if (!next) throw new Error(`dropout layer ${index} is not followed by a Linear layer`);
    sites.push({ index, layer: m, units: next.inFeatures, p: m.p });
  });
  return sites;
}

/** n: the number of units dropout can remove. The ensemble has 2ⁿ members. */
export function droppableUnits(sites: readonly DropSite[]): number {
  return sites.reduce((n, s) => n + s.units, 0);
}

/**
 * Draws one thinned network: each unit kept when `rng.next() ≥ p`, i.e. with probability 1 − p —
 * the same rule the Dropout layer uses during training.
 */
export function sampleMask(sites: readonly DropSite[], rng: Random): ThinnedMask {
  return sites.map((s) => {
    const keep = new Uint8Array(s.units);
    for (let u = 0; u < s.units; u++) keep[u] = rng.next() >= s.p ? 1 : 0;
    return keep;
  });
}

/**
 * Runs `fn` with the model pinned to one thinned network: each site drops exactly the units the
 * mask drops, for every input, and scales the survivors as training did (× 1/(1−p) for inverted
 * dropout, × 1 for classic). The sites go back to normal afterwards, even if `fn` throws.
 */
export function withMask<T>(sites: readonly DropSite[], mask: ThinnedMask, fn: () => T): T {
  sites.forEach((s, i) => {
    const dropped: number[] = [];
    const keep = mask[i];
    for (let u = 0; u < s.units; u++) if (keep[u] === 0) dropped.push(u);
    const scale = s.layer.mode === 'inverted' && s.p < 1 ? 1 / (1 - s.p) : 1;
    s.layer.forceMask(dropped, { scale });
  });
  try {
    return fn();
  } finally {
    for (const s of sites) s.layer.forceMask(null);
  }
}

/** Kept-unit count of a mask (for captions such as "9 of 16 units kept"). */
export function keptCount(mask: ThinnedMask): number {
  let n = 0;
  for (const layer of mask) for (const k of layer) n += k;
  return n;
}

/**
 * 2ⁿ in words: exact with thousands separators up to 2⁵⁰, then "≈ 1.8 × 10¹⁹" style.
 * Returned as plain text with ordinary digits so it reads the same everywhere.
 */
export function powerOfTwoText(n: number): string {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be a whole number ≥ 0, got ${n}`);
  if (n <= 50) return (2 ** n).toLocaleString('en-US');
  const exponent = Math.floor(n * Math.log10(2));
  const mantissa = 10 ** (n * Math.log10(2) - exponent);
  return `≈ ${mantissa.toFixed(1)} × 10^${exponent}`;
}

/** Is `m` a model we can thin (an mlp-style Sequential)? */
export function isSequential(m: Module): m is Sequential {
  return m instanceof Sequential;
}
