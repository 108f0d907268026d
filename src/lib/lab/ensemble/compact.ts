import {
  Dropout,
  Identity,
  Linear,
  ReLU,
  Sigmoid,
  Tanh,
  fastSigmoid,
  fastTanh,
  kernels,
  type Module
} from '../../engine';
import type { KeepMask } from '../masks';
import type { DropSite } from './thinned';

/**
 * A thinned network IS a smaller ordinary network. Dropping unit j of a hidden layer removes row j
 * of the Linear layer before it and column j of the Linear layer after it; scaling the survivors by
 * 1/(1−p) scales those columns. So instead of running the full-width layers and zeroing half of
 * every activation, we cut the weight matrices down to the kept units and run that small network:
 * about a quarter of the multiply-adds at p = 0.5, and no masks to apply at all.
 *
 * Works on the part of an mlp()-style model from its first dropout layer on: Dropout, Linear,
 * activation (ReLU, Tanh, Sigmoid or Identity), Dropout, …, Linear. `compactFrom` returns null for
 * any other layer, and the caller falls back to running the modules with forced masks.
 */

/** The activation after a compacted Linear layer. */
type Activation = 'relu' | 'tanh' | 'sigmoid' | 'none';

/** One Linear layer of the small network, with its activation. */
interface CompactLayer {
  /** Weights `[outF, inF]` row-major, survivor scaling folded in. */
  w: Float32Array;
  b: Float32Array;
  inF: number;
  outF: number;
  act: Activation;
}

/** Which units of a layer a thinned network keeps, and the factor its survivors get. */
interface Selection {
  keep: Int32Array;
  scale: number;
}

/** The small network one mask picks: which inputs it reads, then dense layers. */
export interface CompactNet {
  /** Columns of the cached input it reads (the kept units of the first dropout layer). */
  inputs: Int32Array;
  layers: CompactLayer[];
}

/**
 * Builds the small network of `mask` from `modules[start…]` (start = the first dropout layer), or
 * returns null if the layers are not an mlp()-style chain.
 */
export function compactFrom(
  modules: readonly Module[],
  start: number,
  sites: readonly DropSite[],
  mask: KeepMask
): CompactNet | null {
  const siteOf = new Map(sites.map((s, i) => [s.layer as Module, i]));
  /** Kept indices and survivor scale of the dropout layer at `m`, or null for "keep all, × 1". */
  const selection = (m: Module, width: number): Selection => {
    const s = siteOf.get(m);
    if (s === undefined) return { keep: Int32Array.from({ length: width }, (_, i) => i), scale: 1 };
    const site = sites[s];
    const keep: number[] = [];
    mask[s].forEach((k, u) => k === 1 && keep.push(u));
    return { keep: Int32Array.from(keep), scale: site.layer.mode === 'inverted' && site.p < 1 ? 1 / (1 - site.p) : 1 };
  };

  let i = start;
  const first = modules[i];
  const firstLinear = modules[i + 1];
  if (!(first instanceof Dropout) || !(firstLinear instanceof Linear)) return null;
  let incoming = selection(first, firstLinear.inFeatures);
  const inputs = incoming.keep;
  i++;
  const layers: CompactLayer[] = [];
  while (i < modules.length) {
    const lin = modules[i];
    if (!(lin instanceof Linear)) return null;
    i++;
    let act: Activation = 'none';
    const a = modules[i];
    if (a instanceof ReLU) act = 'relu';
    else if (a instanceof Tanh) act = 'tanh';
    else if (a instanceof Sigmoid) act = 'sigmoid';
    if (act !== 'none' || a instanceof Identity) i++;
    // The dropout layer after this Linear (if any) decides which of its rows survive.
    let outgoing: Selection = { keep: Int32Array.from({ length: lin.outFeatures }, (_, u) => u), scale: 1 };
    const d = modules[i];
    if (d instanceof Dropout) {
      if (d.forcedMask !== null) return null;
      outgoing = selection(d, lin.outFeatures);
      i++;
    } else if (i < modules.length) return null;
    layers.push(cut(lin, outgoing.keep, incoming.keep, incoming.scale, act));
    incoming = outgoing;
  }
  return { inputs, layers };
}

/** W restricted to rows `rows` and columns `cols`, columns × `scale`; b restricted to `rows`. */
function cut(lin: Linear, rows: Int32Array, cols: Int32Array, scale: number, act: Activation): CompactLayer {
  const W = lin.weight.data;
  const inAll = lin.inFeatures;
  const w = new Float32Array(rows.length * cols.length);
  const b = new Float32Array(rows.length);
  rows.forEach((r, o) => {
    b[o] = lin.bias.data[r];
    for (let c = 0; c < cols.length; c++) w[o * cols.length + c] = W[r * inAll + cols[c]] * scale;
  });
  return { w, b, inF: cols.length, outF: rows.length, act };
}

/**
 * Runs a compact network on the cached prefix output, given as COLUMNS (`columns[u]` holds unit
 * u's value for every row), and returns its raw outputs `[rows, outputs]` row-major in
 * `scratch.out` (grown when too small; pass the same scratch back next time).
 *
 * Unit-major: each layer's values are one long row per unit (`[units × rows]`), so a layer is the
 * product Z = W · H with rows of 10,000 grid points — the shape SIMD is best at: the engine's
 * `matmul` kernel adds weight × (a whole row of H) four floats per instruction.
 */
export function runCompact(
  net: CompactNet,
  columns: readonly Float32Array[],
  rows: number,
  scratch: CompactScratch
): Float32Array {
  const k = kernels();
  // The kept inputs, gathered into one unit-major block.
  let h = buffer(scratch, 0, net.inputs.length * rows);
  net.inputs.forEach((u, i) => h.set(columns[u], i * rows));
  net.layers.forEach((L, l) => {
    const z = buffer(scratch, l + 1, L.outF * rows);
    for (let o = 0; o < L.outF; o++) z.fill(L.b[o], o * rows, (o + 1) * rows);
    k.matmul(L.w, h, z, L.outF, L.inF, rows);
    activate(z, L.act);
    h = z;
  });
  const outputs = net.layers.at(-1)?.outF ?? net.inputs.length;
  if (scratch.out.length < rows * outputs) scratch.out = new Float32Array(rows * outputs);
  const y = scratch.out.subarray(0, rows * outputs);
  if (outputs === 1) y.set(h);
  else
    for (let o = 0; o < outputs; o++)
      for (let r = 0, src = o * rows, k2 = o; r < rows; r++, k2 += outputs) y[k2] = h[src + r];
  return y;
}

/** Reusable buffers of `runCompact`: one per layer (its units × rows), and the output. */
export interface CompactScratch {
  layers: Float32Array[];
  out: Float32Array;
}

/** A fresh, empty scratch. */
export function compactScratch(): CompactScratch {
  return { layers: [], out: new Float32Array(0) };
}

/** Scratch buffer `slot`, at least `size` floats, as a view of exactly `size`. */
function buffer(scratch: CompactScratch, slot: number, size: number): Float32Array {
  let b = scratch.layers[slot];
  if (!b || b.length < size) b = scratch.layers[slot] = new Float32Array(size);
  return b.subarray(0, size);
}

/** The same functions as the engine's activation layers, over a whole block of values. */
function activate(z: Float32Array, act: Activation): void {
  if (act === 'relu') {
    // Branch-free max(0, z) for finite z: a data-dependent branch here is mispredicted about half
    // the time, which cost more than all the multiply-adds of a pass.
    for (let r = 0; r < z.length; r++) {
      const v = z[r];
      z[r] = (v + Math.abs(v)) * 0.5;
    }
  } else if (act === 'tanh') for (let r = 0; r < z.length; r++) z[r] = fastTanh(z[r]);
  else if (act === 'sigmoid') for (let r = 0; r < z.length; r++) z[r] = fastSigmoid(z[r]);
}

/** Splits a row-major `[rows, width]` array into `width` columns (done once per runner). */
export function toColumns(data: Float32Array, rows: number, width: number): Float32Array[] {
  return Array.from({ length: width }, (_, u) => {
    const c = new Float32Array(rows);
    for (let r = 0, k = u; r < rows; r++, k += width) c[r] = data[k];
    return c;
  });
}
