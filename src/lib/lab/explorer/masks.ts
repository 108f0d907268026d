import { Dropout, type Random, type Sequential } from '../../engine';

/**
 * Which hidden neurons are switched off, and how that is applied to a network built by `mlp`
 * (layers: Linear → activation → Dropout, per hidden layer, then the output Linear).
 *
 * A mask here is one Uint8Array per hidden layer, 1 = dropped, 0 = kept: the explorer's state,
 * shared by both twins so that "dropping the same neurons in both" is one click.
 */
export type NeuronMask = Uint8Array[];

/** An all-kept mask for hidden layers of the given widths. */
export function emptyMask(hidden: readonly number[]): NeuronMask {
  return hidden.map((w) => new Uint8Array(w));
}

/** A copy of `mask` (masks are small; copies keep undo/compare simple). */
export function copyMask(mask: NeuronMask): NeuronMask {
  return mask.map((m) => m.slice());
}

/** A copy of `mask` with neuron `unit` of hidden layer `layer` switched (dropped ↔ kept). */
export function toggled(mask: NeuronMask, layer: number, unit: number): NeuronMask {
  const next = copyMask(mask);
  next[layer][unit] ^= 1;
  return next;
}

/**
 * A random mask, as dropout draws one: every neuron of hidden layer l is dropped independently
 * with probability ps[l] (Bernoulli per neuron), using `rng.next() < p` exactly like `Dropout`.
 */
export function sampleMask(hidden: readonly number[], ps: readonly number[], rng: Random): NeuronMask {
  return hidden.map((w, l) => {
    const m = new Uint8Array(w);
    for (let i = 0; i < w; i++) m[i] = rng.next() < (ps[l] ?? 0) ? 1 : 0;
    return m;
  });
}

/** Exactly `k` of all hidden neurons dropped, chosen uniformly at random (for the robustness curve). */
export function randomKOut(hidden: readonly number[], k: number, rng: Random): NeuronMask {
  const total = hidden.reduce((a, b) => a + b, 0);
  const order = Int32Array.from({ length: total }, (_, i) => i);
  // Partial Fisher–Yates: the first k entries become a uniform random k-subset.
  for (let i = 0; i < k; i++) {
    const j = i + rng.int(total - i);
    const t = order[i];
    order[i] = order[j];
    order[j] = t;
  }
  const mask = emptyMask(hidden);
  for (let i = 0; i < k; i++) {
    let flat = order[i];
    let l = 0;
    while (flat >= hidden[l]) flat -= hidden[l++];
    mask[l][flat] = 1;
  }
  return mask;
}

/** Number of dropped neurons in one layer's mask. */
export function droppedCount(layer: Uint8Array): number {
  let k = 0;
  for (let i = 0; i < layer.length; i++) k += layer[i];
  return k;
}

/**
 * The factor the survivors of a layer are multiplied by when rescaling is on: n / (n − k) for k of
 * n dropped, i.e. 1 / (fraction kept) — inverted dropout's 1/(1 − p) with the fraction actually
 * dropped. It keeps the layer's total signal what the next layer expects. 1 when nothing (or
 * everything) is dropped.
 */
export function survivorScale(width: number, dropped: number): number {
  return dropped === 0 || dropped >= width ? 1 : width / (width - dropped);
}

/** The Dropout module after each hidden layer of an `mlp` network, in order. */
export function hiddenDropouts(model: Sequential): Dropout[] {
  return model.modules.filter((m): m is Dropout => m instanceof Dropout);
}

/**
 * Forces `mask` onto the network's hidden Dropout layers (the same neurons dropped for every
 * input, in eval mode too), survivors scaled by `survivorScale` when `rescale` is on.
 */
export function applyMask(model: Sequential, mask: NeuronMask, rescale: boolean): void {
  const dropouts = hiddenDropouts(model);
  if (dropouts.length !== mask.length) throw new RangeError(`the network has ${dropouts.length} hidden layers, the mask ${mask.length}`);
  dropouts.forEach((d, l) => {
    const indices: number[] = [];
    mask[l].forEach((v, i) => v && indices.push(i));
    d.forceMask(indices, { scale: rescale ? survivorScale(mask[l].length, indices.length) : 1 });
  });
}

/** Back to normal: no mask forced on any hidden Dropout layer (they sample again when training). */
export function clearMask(model: Sequential): void {
  for (const d of hiddenDropouts(model)) d.forceMask(null);
}

/** 2ⁿ, the number of thinned networks dropout samples from, for n hidden neurons (exact as a bigint). */
export function thinnedNetworks(hidden: readonly number[]): bigint {
  return 1n << BigInt(hidden.reduce((a, b) => a + b, 0));
}
