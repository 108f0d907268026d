import { Dropout, Identity, Linear, ReLU, Sigmoid, Tanh, fastSigmoid, fastTanh, type Module } from '../../engine';
import type { DropSite, ThinnedMask } from './thinned';

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
export function compactFrom(modules: readonly Module[], start: number, sites: readonly DropSite[], mask: ThinnedMask): CompactNet | null {
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
 * Runs a compact network on `rows` rows of `x` (`[rows, xWidth]`, the cached prefix output) and
 * returns its raw outputs, `[rows, outputs]`, in `out` (grown when too small; pass it back next time).
 *
 * One row at a time through every layer, in plain loops: the layers are so narrow (8 or so kept
 * units) that handing each one to a matrix kernel costs more in copying than the arithmetic itself.
 */
export function runCompact(net: CompactNet, x: Float32Array, rows: number, xWidth: number, out: { buffer: Float32Array }): Float32Array {
  const layers = net.layers;
  const outputs = layers.length > 0 ? layers[layers.length - 1].outF : net.inputs.length;
  if (out.buffer.length < rows * outputs) out.buffer = new Float32Array(rows * outputs);
  const y = out.buffer.subarray(0, rows * outputs);
  // Two scratch vectors, as wide as the widest layer, swapped from layer to layer.
  const widest = Math.max(net.inputs.length, ...layers.map((L) => L.outF));
  let a = new Float64Array(widest);
  let h = new Float64Array(widest);
  const inputs = net.inputs;
  for (let r = 0; r < rows; r++) {
    const base = r * xWidth;
    for (let c = 0; c < inputs.length; c++) a[c] = x[base + inputs[c]];
    for (const L of layers) {
      const { w, b, inF, outF } = L;
      for (let o = 0, row = 0; o < outF; o++, row += inF) {
        let z = b[o];
        for (let i = 0; i < inF; i++) z += w[row + i] * a[i];
        h[o] = activate(z, L.act);
      }
      const t = a;
      a = h;
      h = t;
    }
    for (let o = 0; o < outputs; o++) y[r * outputs + o] = a[o];
  }
  return y;
}

/** The same functions as the engine's activation layers. */
function activate(z: number, act: Activation): number {
  if (act === 'relu') return z > 0 ? z : 0;
  if (act === 'tanh') return fastTanh(z);
  if (act === 'sigmoid') return fastSigmoid(z);
  return z;
}
