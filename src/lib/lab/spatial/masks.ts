import { Dropout, Dropout2d, Random } from '../../engine';

/**
 * The mask view: draw a dropout mask over one digit's feature maps, with the engine's own layers
 * (so the page shows exactly what training does), and measure what survives.
 *
 * "What the next layer can still recover": a feature map is smooth — a pixel looks like its
 * neighbours — so a pixel zeroed by element-wise dropout can be guessed back from the kept pixels
 * around it (here: their average; the next 3×3 convolution has exactly those neighbours in its
 * window). Spatial dropout zeroes the whole map, so there are no neighbours left to guess from.
 */

/** The two kinds of mask the view compares. */
export type ViewMaskKind = 'element' | 'spatial';

/** A mask drawn over `channels` maps of side × side pixels, and what survives it. */
export interface MaskedMaps {
  kind: ViewMaskKind;
  /** One entry per pixel of every map (channel-major): 1 = kept, 0 = dropped. */
  mask: Uint8Array;
  /** Fraction of each map's pixels that were dropped (0 or 1 for every map under spatial dropout). */
  droppedFraction: number[];
  /** The maps after masking (dropped pixels 0; kept ones NOT rescaled, so they compare with the original). */
  masked: Float32Array;
  /** The neighbour-filled guess: kept pixels as they are, each dropped pixel the mean of its kept 8 neighbours (0 if none). */
  recovered: Float32Array;
  /**
   * Σ(guess − original)² / Σ original² over the dropped pixels: 0 = fully recovered, 1 = nothing
   * recovered; null when the mask dropped nothing that held any signal (then there is nothing to judge).
   */
  recoveryError: number | null;
}

/**
 * Draws an element-wise (`Dropout`) or spatial (`Dropout2d`) mask at drop probability `p` over
 * `maps` ([channels, side, side], e.g. the 8 first-layer maps of one digit) and measures recovery.
 * The same `seed` gives the same mask.
 */
export function maskMaps(
  maps: Float32Array,
  channels: number,
  side: number,
  kind: ViewMaskKind,
  p: number,
  seed: number
): MaskedMaps {
  const area = side * side;
  if (maps.length !== channels * area)
    throw new RangeError(`expected ${channels} maps of ${side}×${side}, got ${maps.length} values`);
  const rng = new Random(seed);
  const x = { data: maps, shape: [1, channels, side, side] };
  const mask = new Uint8Array(channels * area);
  if (kind === 'element') {
    const layer = new Dropout(p, { rng });
    layer.forward(x);
    if (layer.lastMask) mask.set(layer.lastMask);
    else mask.fill(1); // p = 0: nothing dropped
  } else {
    const layer = new Dropout2d(p, { rng });
    layer.forward(x);
    const perMap = layer.lastMask;
    for (let c = 0; c < channels; c++) mask.fill(perMap ? perMap[c] : 1, c * area, (c + 1) * area);
  }
  const masked = new Float32Array(maps.length);
  for (let i = 0; i < maps.length; i++) masked[i] = mask[i] === 1 ? maps[i] : 0;
  const droppedFraction: number[] = [];
  for (let c = 0; c < channels; c++) {
    let dropped = 0;
    for (let i = c * area; i < (c + 1) * area; i++) dropped += 1 - mask[i];
    droppedFraction.push(dropped / area);
  }
  const recovered = neighbourFill(maps, mask, channels, side);
  return { kind, mask, droppedFraction, masked, recovered, recoveryError: recoveryError(maps, recovered, mask) };
}

/** Kept pixels copied; every dropped pixel replaced by the mean of the kept pixels among its 8 neighbours in the same map. */
export function neighbourFill(maps: Float32Array, mask: Uint8Array, channels: number, side: number): Float32Array {
  const out = new Float32Array(maps.length);
  const area = side * side;
  for (let c = 0; c < channels; c++) {
    for (let y = 0; y < side; y++) {
      for (let x = 0; x < side; x++) {
        const i = c * area + y * side + x;
        if (mask[i] === 1) {
          out[i] = maps[i];
          continue;
        }
        let sum = 0;
        let count = 0;
        for (let dy = -1; dy <= 1; dy++) {
          for (let dx = -1; dx <= 1; dx++) {
            const yy = y + dy;
            const xx = x + dx;
            if ((dx === 0 && dy === 0) || yy < 0 || yy >= side || xx < 0 || xx >= side) continue;
            const j = c * area + yy * side + xx;
            if (mask[j] === 1) {
              sum += maps[j];
              count++;
            }
          }
        }
        out[i] = count > 0 ? sum / count : 0;
      }
    }
  }
  return out;
}

/** Σ(guess − original)² / Σ original² over dropped pixels; null when nothing that was dropped held any signal. */
export function recoveryError(original: Float32Array, guess: Float32Array, mask: Uint8Array): number | null {
  let err = 0;
  let energy = 0;
  for (let i = 0; i < original.length; i++) {
    if (mask[i] === 1) continue;
    const d = guess[i] - original[i];
    err += d * d;
    energy += original[i] * original[i];
  }
  return energy > 0 ? err / energy : null;
}

/**
 * Pearson correlation between each pixel and its right-hand and lower neighbours, over every
 * pair inside the maps (pairs where both are 0, i.e. empty background, are skipped: they would
 * inflate the number without saying anything about the digit). Near 1: neighbours carry the
 * same information, which is why dropping single pixels hides so little. NaN-free: 0 without pairs.
 */
export function neighbourCorrelation(maps: Float32Array, channels: number, side: number): number {
  let n = 0;
  let sa = 0;
  let sb = 0;
  let saa = 0;
  let sbb = 0;
  let sab = 0;
  const add = (a: number, b: number) => {
    if (a === 0 && b === 0) return;
    n++;
    sa += a;
    sb += b;
    saa += a * a;
    sbb += b * b;
    sab += a * b;
  };
  const area = side * side;
  for (let c = 0; c < channels; c++) {
    for (let y = 0; y < side; y++) {
      for (let x = 0; x < side; x++) {
        const i = c * area + y * side + x;
        if (x + 1 < side) add(maps[i], maps[i + 1]);
        if (y + 1 < side) add(maps[i], maps[i + side]);
      }
    }
  }
  if (n < 2) return 0;
  const cov = sab / n - (sa / n) * (sb / n);
  const va = saa / n - (sa / n) ** 2;
  const vb = sbb / n - (sb / n) ** 2;
  return va > 0 && vb > 0 ? cov / Math.sqrt(va * vb) : 0;
}
