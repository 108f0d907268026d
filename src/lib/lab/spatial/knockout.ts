import { Conv2d, Random, type Dataset, type Module, type Tensor } from '../../engine';
import { CONV1_MAPS, CONV2_MAPS, IMAGE_SIDE, type DemoCnn } from './model';

/**
 * Map knock-out: what spatial dropout is for. A network trained with it has learnt not to lean on
 * any one feature map, so it should keep its accuracy when maps go missing. After training, zero k
 * of the first convolution's 8 maps at test time and measure validation accuracy; many random sets
 * of maps per k, and the SAME sets for every network (drawn from one seed), so the networks face
 * identical losses.
 *
 * Computed exactly but cheaply. Zeroing a map before the pool zeroes the same channel after it
 * (pooling works channel by channel), and the second convolution is linear in its input channels:
 * conv2(x) = bias + Σ_c conv2_c(x_c). So each channel's contribution is computed once per digit, by
 * the engine's own Conv2d holding that channel's slice of the filters, and a knock-out set only sums
 * the kept contributions before the rest of the network (ReLU, pool, flatten, linear: the engine's
 * layers of the trained net) runs. That costs about one forward pass of conv2 for all the sets
 * together, instead of one per set; `knockoutAccuracyDirect` (zero the maps, run the whole
 * network) is the plain definition the tests hold this to.
 */

/** The numbers of maps knocked out that the page measures: 0 (the plain network) to 6 of 8. */
export const KNOCKOUT_KS: readonly number[] = [0, 1, 2, 3, 4, 5, 6];

/** Random sets of maps per k (every set there is when k has fewer: k = 0 has one, the empty set). */
export const SETS_PER_K = 12;

/** Digits per pass of the contributions (bounds memory: 8 × 16 × 14 × 14 floats per digit, 100 kB). */
const CHUNK = 100;

/** One k and the sets of map indices (0–7) knocked out for it. */
export interface KnockoutGroup {
  /** Maps knocked out in every set of the group. */
  k: number;
  /** The sets, each `k` distinct indices in increasing order; no set twice. */
  sets: number[][];
}

/** n choose k (small numbers only). */
function choose(n: number, k: number): number {
  let c = 1;
  for (let i = 0; i < k; i++) c = (c * (n - i)) / (i + 1);
  return Math.round(c);
}

/**
 * The sets of maps to knock out for each k in `ks`: up to `perK` distinct sets of k of the `maps`
 * maps, drawn from `seed` (all of them when there are no more than `perK`). The same arguments give
 * the same sets, which is how every network faces the same losses.
 */
export function knockoutSets(
  maps: number = CONV1_MAPS,
  ks: readonly number[] = KNOCKOUT_KS,
  perK: number = SETS_PER_K,
  seed = 1
): KnockoutGroup[] {
  const rng = new Random(seed);
  return ks.map((k) => {
    if (!Number.isInteger(k) || k < 0 || k > maps) throw new RangeError(`k must be 0–${maps}, got ${k}`);
    const wanted = Math.min(perK, choose(maps, k));
    const seen = new Set<string>();
    const sets: number[][] = [];
    while (sets.length < wanted) {
      // A partial Fisher–Yates shuffle: the first k of a random order are a uniform k-subset.
      const order = Array.from({ length: maps }, (_, i) => i);
      for (let i = 0; i < k; i++) {
        const j = i + Math.floor(rng.next() * (maps - i));
        [order[i], order[j]] = [order[j], order[i]];
      }
      const set = order.slice(0, k).sort((a, b) => a - b);
      const key = set.join(',');
      if (seen.has(key)) continue;
      seen.add(key);
      sets.push(set);
    }
    return { k, sets };
  });
}

/** The layers of the demo CNN, by role (see model.ts: features, dropout, pool, conv2, ReLU, pool, flatten, linear). */
function layers(model: DemoCnn): { pool: Module; conv2: Conv2d; tail: Module[] } {
  const m = model.net.modules;
  const conv2 = m[3];
  if (!(conv2 instanceof Conv2d) || conv2.inChannels !== CONV1_MAPS) throw new Error('not the demo CNN');
  return { pool: m[2], conv2, tail: m.slice(4) };
}

/** For each first-layer map c, a Conv2d(1 → 16) holding conv2's filters for input channel c and no bias. */
function channelConvs(conv2: Conv2d): Conv2d[] {
  const k = conv2.kernelSize;
  const per = k * k;
  return Array.from({ length: CONV1_MAPS }, (_, c) => {
    const conv = new Conv2d(1, CONV2_MAPS, k, { padding: conv2.padding });
    for (let o = 0; o < CONV2_MAPS; o++) {
      const from = (o * CONV1_MAPS + c) * per;
      conv.weight.data.set(conv2.weight.data.subarray(from, from + per), o * per);
    }
    conv.bias.data.fill(0);
    return conv;
  });
}

/** Index of the largest of `n` values of `logits` starting at `at`. */
function argmax(logits: Float32Array, at: number, n: number): number {
  let best = 0;
  for (let j = 1; j < n; j++) if (logits[at + j] > logits[at + best]) best = j;
  return best;
}

/**
 * Validation accuracy (in [0, 1]) of `model` with each set of `sets` knocked out, one number per
 * set in order. The model is measured in eval mode and left in the mode it was in.
 */
export function knockoutAccuracies(model: DemoCnn, val: Dataset, sets: readonly (readonly number[])[]): number[] {
  const { pool, conv2, tail } = layers(model);
  const convs = channelConvs(conv2);
  const was = model.net.training;
  model.net.eval();
  const n = val.x.shape[0];
  const size = IMAGE_SIDE * IMAGE_SIDE;
  const correct = new Array<number>(sets.length).fill(0);
  try {
    for (let start = 0; start < n; start += CHUNK) {
      const rows = Math.min(CHUNK, n - start);
      const x: Tensor = { data: val.x.data.subarray(start * size, (start + rows) * size), shape: [rows, 1, 28, 28] };
      const pooled = pool.forward(model.features.forward(x));
      const [, , h, w] = pooled.shape;
      const area = h * w;
      // contributions[c]: conv2's output from map c alone, [rows, 16, h, w] (copied: layers reuse their buffers).
      const contributions = convs.map((conv, c) => {
        const one = new Float32Array(rows * area);
        for (let r = 0; r < rows; r++)
          one.set(pooled.data.subarray((r * CONV1_MAPS + c) * area, (r * CONV1_MAPS + c + 1) * area), r * area);
        return conv.forward({ data: one, shape: [rows, 1, h, w] }).data.slice();
      });
      const sum = new Float32Array(rows * CONV2_MAPS * area);
      sets.forEach((set, s) => {
        for (let r = 0; r < rows; r++)
          for (let o = 0; o < CONV2_MAPS; o++)
            sum.fill(conv2.bias.data[o], (r * CONV2_MAPS + o) * area, (r * CONV2_MAPS + o + 1) * area);
        for (let c = 0; c < CONV1_MAPS; c++) {
          if (set.includes(c)) continue;
          const add = contributions[c];
          for (let i = 0; i < sum.length; i++) sum[i] += add[i];
        }
        let out: Tensor = { data: sum, shape: [rows, CONV2_MAPS, h, w] };
        for (const layer of tail) out = layer.forward(out);
        const classes = out.shape[1];
        for (let r = 0; r < rows; r++)
          if (argmax(out.data, r * classes, classes) === val.y.data[start + r]) correct[s]++;
      });
    }
  } finally {
    model.net.train(was);
  }
  return correct.map((c) => (n > 0 ? c / n : 0));
}

/** The plain definition, for tests: zero the maps of `set` after the first convolution and run the whole network. */
export function knockoutAccuracyDirect(model: DemoCnn, val: Dataset, set: readonly number[]): number {
  const m = model.net.modules;
  const was = model.net.training;
  model.net.eval();
  const n = val.x.shape[0];
  const size = IMAGE_SIDE * IMAGE_SIDE;
  let correct = 0;
  try {
    for (let start = 0; start < n; start += CHUNK) {
      const rows = Math.min(CHUNK, n - start);
      const x: Tensor = { data: val.x.data.subarray(start * size, (start + rows) * size), shape: [rows, 1, 28, 28] };
      const maps = model.features.forward(x);
      const zeroed = maps.data.slice();
      for (let r = 0; r < rows; r++)
        for (const c of set) zeroed.fill(0, (r * CONV1_MAPS + c) * size, (r * CONV1_MAPS + c + 1) * size);
      let out: Tensor = { data: zeroed, shape: maps.shape };
      for (let i = 1; i < m.length; i++) out = m[i].forward(out);
      const classes = out.shape[1];
      for (let r = 0; r < rows; r++) if (argmax(out.data, r * classes, classes) === val.y.data[start + r]) correct++;
    }
  } finally {
    model.net.train(was);
  }
  return n > 0 ? correct / n : 0;
}

/** One network's knock-out curve: for each k of the groups, the mean accuracy over its sets (and each set's). */
export interface KnockoutCurve {
  /** The k of each point. */
  ks: number[];
  /** Mean validation accuracy over the sets of each k, in [0, 1]. */
  accuracy: number[];
  /** Every set's accuracy, per k (the spread behind each mean). */
  perSet: number[][];
}

/** Measures the network under every group's sets. */
export function knockoutCurve(model: DemoCnn, val: Dataset, groups: readonly KnockoutGroup[]): KnockoutCurve {
  const flat = groups.flatMap((g) => g.sets);
  const all = knockoutAccuracies(model, val, flat);
  const perSet: number[][] = [];
  let at = 0;
  for (const g of groups) {
    perSet.push(all.slice(at, at + g.sets.length));
    at += g.sets.length;
  }
  return {
    ks: groups.map((g) => g.k),
    accuracy: perSet.map((a) => a.reduce((s, v) => s + v, 0) / a.length),
    perSet
  };
}
