import { Dropout, Linear, Sequential, type Module } from '../../engine';

/**
 * Thinned networks. A dropout network with n droppable units is really 2ⁿ networks sharing one
 * set of weights: every keep/drop mask (a `KeepMask`, lab/masks.ts, indexed by drop site) picks one
 * of them. This file finds the droppable units of a model; `runner.ts` runs the network a mask picks.
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

/** n: the number of units dropout can remove. The ensemble has 2ⁿ members (`thinnedNetworks(n)`). */
export function droppableUnits(sites: readonly DropSite[]): number {
  return sites.reduce((n, s) => n + s.units, 0);
}

/** Is `m` a model we can thin (an mlp-style Sequential)? */
export function isSequential(m: Module): m is Sequential {
  return m instanceof Sequential;
}
