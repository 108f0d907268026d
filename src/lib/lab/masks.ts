import { Dropout, type Random, type Sequential } from '../engine';

/**
 * The one mask vocabulary of the lab: which units of a network's dropout layers are kept. The
 * explorer (hand-dropped neurons), the ensemble lab (sampled thinned networks) and the walkthrough
 * all speak it, so a mask from one can never be read upside down by another.
 */

declare const keptBrand: unique symbol;

/**
 * One Uint8Array per droppable layer, `mask[layer][unit]` = 1 when the unit is KEPT, 0 when it is
 * dropped — the convention of the engine's `Dropout.lastMask`. One mask is one thinned network.
 * Branded: a bare `Uint8Array[]` (whose polarity nobody knows) is not a KeepMask, and a KeepMask is
 * read-only at the array level; make one with `keepAll`, `keepMask`, `sampleMask` or `toggled`.
 */
export type KeepMask = readonly Uint8Array[] & { readonly [keptBrand]: 'kept' };

/** A droppable layer as the sampler sees it: its width and its drop probability. */
export interface MaskLayer {
  readonly units: number;
  readonly p: number;
}

/** Brands layers whose entries are already 1 = kept, 0 = dropped (e.g. copies of `Dropout.lastMask`). */
export function keepMask(layers: Uint8Array[]): KeepMask {
  for (const l of layers)
    for (let i = 0; i < l.length; i++) if (l[i] > 1) throw new RangeError(`a mask holds 0 or 1, got ${l[i]}`);
  return layers as unknown as KeepMask;
}

/** Every unit kept, for layers of the given widths. */
export function keepAll(widths: readonly number[]): KeepMask {
  return keepMask(widths.map((w) => new Uint8Array(w).fill(1)));
}

/** A copy of `mask` (masks are small; copies keep undo and compare simple). */
export function copyMask(mask: KeepMask): KeepMask {
  return keepMask(mask.map((m) => m.slice()));
}

/** A copy of `mask` with unit `unit` of layer `layer` switched (kept ↔ dropped). */
export function toggled(mask: KeepMask, layer: number, unit: number): KeepMask {
  const next = mask.map((m) => m.slice());
  next[layer][unit] ^= 1;
  return keepMask(next);
}

/**
 * A random mask, as dropout draws one: every unit of layer l is kept when `rng.next() ≥ p`, i.e.
 * with probability 1 − p — the rule (and the draw order) of the engine's Dropout layer.
 */
export function sampleMask(layers: readonly MaskLayer[], rng: Random): KeepMask {
  return keepMask(
    layers.map(({ units, p }) => {
      const keep = new Uint8Array(units);
      for (let u = 0; u < units; u++) keep[u] = rng.next() >= p ? 1 : 0;
      return keep;
    })
  );
}

/** Kept units of the whole mask. */
export function keptCount(mask: KeepMask): number {
  let n = 0;
  for (const layer of mask) for (let i = 0; i < layer.length; i++) n += layer[i];
  return n;
}

/** Dropped units of the whole mask. */
export function droppedCount(mask: KeepMask): number {
  return mask.reduce((n, l) => n + l.length, 0) - keptCount(mask);
}

/**
 * How the survivors of a forced mask are scaled:
 * - 'none': × 1 (only the dropped units are zeroed);
 * - 'training': as the layer scaled them in training — × 1/(1 − p) for inverted dropout, × 1 for classic;
 * - 'kept-fraction': × n/(n − k) for k of n dropped, i.e. 1 / (fraction actually kept), which keeps the
 *   layer's total signal what the next layer expects (× 1 when nothing or everything is dropped).
 */
export type SurvivorScale = 'none' | 'training' | 'kept-fraction';

/** The kept-fraction factor n/(n − k), 1 when nothing (or everything) is dropped. */
export function survivorScale(width: number, dropped: number): number {
  return dropped === 0 || dropped >= width ? 1 : width / (width - dropped);
}

/** Every Dropout module of a network, in order (p = 0 ones too: the explorer's plain twin has them). */
export function dropoutLayers(model: Sequential): Dropout[] {
  return model.modules.filter((m): m is Dropout => m instanceof Dropout);
}

/**
 * Forces `mask` onto `layers` (mask[l] onto layers[l]): the same units dropped for every input,
 * in train and eval mode alike, survivors scaled by `scale`. Stays until `clearMask`.
 */
export function applyMask(layers: readonly Dropout[], mask: KeepMask, scale: SurvivorScale): void {
  if (layers.length !== mask.length)
    throw new RangeError(`the network has ${layers.length} dropout layers, the mask ${mask.length}`);
  layers.forEach((d, l) => {
    const keep = mask[l];
    const dropped: number[] = [];
    for (let u = 0; u < keep.length; u++) if (keep[u] === 0) dropped.push(u);
    const factor =
      scale === 'kept-fraction'
        ? survivorScale(keep.length, dropped.length)
        : scale === 'training' && d.mode === 'inverted' && d.p < 1
          ? 1 / (1 - d.p)
          : 1;
    d.forceMask(dropped, { scale: factor });
  });
}

/** Back to normal: no mask forced on any of `layers` (they sample again when training). */
export function clearMask(layers: readonly Dropout[]): void {
  for (const d of layers) d.forceMask(null);
}

/** Runs `fn` with `mask` forced on `layers`, and unforces them afterwards, even if `fn` throws. */
export function withMask<T>(layers: readonly Dropout[], mask: KeepMask, scale: SurvivorScale, fn: () => T): T {
  applyMask(layers, mask, scale);
  try {
    return fn();
  } finally {
    clearMask(layers);
  }
}

/**
 * A whole number with thousands separators, "65,536" (as `toLocaleString('en-US')` writes it, but
 * without starting Intl, whose first use costs a page tens of milliseconds).
 */
export function groupDigits(n: number | bigint): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** 2ⁿ, the number of thinned networks (masks) of n droppable units, exact. */
export function thinnedNetworks(units: number): bigint {
  if (!Number.isInteger(units) || units < 0) throw new RangeError(`n must be a whole number ≥ 0, got ${units}`);
  return 1n << BigInt(units);
}

/**
 * `thinnedNetworks(n)` in words: exact with thousands separators up to 2⁵⁰, then "≈ 1.8 × 10^19"
 * style. Plain text with ordinary digits, so it reads the same everywhere.
 */
export function thinnedNetworksText(units: number): string {
  const count = thinnedNetworks(units);
  if (units <= 50) return groupDigits(count);
  const exponent = Math.floor(units * Math.log10(2));
  const mantissa = 10 ** (units * Math.log10(2) - exponent);
  return `≈ ${mantissa.toFixed(1)} × 10^${exponent}`;
}
