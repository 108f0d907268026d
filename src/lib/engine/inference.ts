import type { Module } from './module';
import { sizeOf, type Tensor } from './tensor';

/** Runs `fn` with the model in the given mode, then restores the mode it had. */
function inMode<T>(model: Module, training: boolean, fn: () => T): T {
  const was = model.training;
  model.train(training);
  try {
    return fn();
  } finally {
    model.train(was);
  }
}

/** A copy of a tensor (module outputs are reused buffers; keep copies of what you store). */
export function clone(t: Tensor): Tensor {
  return { data: t.data.slice(), shape: [...t.shape] };
}

/** Eval-mode prediction: dropout off (inverted) or scaled by 1−p (classic). Returns a fresh tensor. */
export function predict(model: Module, x: Tensor): Tensor {
  return inMode(model, false, () => clone(model.forward(x)));
}

/** How `predictMC` turns raw outputs into the quantity it averages. */
export type OutputTransform = 'none' | 'sigmoid' | 'softmax';

/** Mean and standard deviation over k stochastic forward passes, per example and output. */
export interface MCPrediction {
  /** Average over the k passes, same shape as the model's output. */
  mean: Tensor;
  /** Standard deviation over the k passes (population, ÷k), same shape. */
  std: Tensor;
}

/**
 * Monte Carlo dropout (Gal & Ghahramani 2016): keep dropout ON at test time, run k forward passes —
 * k thinned networks sampled from the exponential ensemble — and report the mean and spread.
 * The mean approximates the ensemble's average; the spread is an uncertainty estimate.
 * `transform` applies sigmoid/softmax to each pass first: we average probabilities, not logits.
 */
export function predictMC(model: Module, x: Tensor, k: number, transform: OutputTransform = 'none'): MCPrediction {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`k must be a whole number ≥ 1, got ${k}`);
  return inMode(model, true, () => {
    let m2: Float64Array | null = null;
    let acc: Float64Array | null = null;
    let shape: readonly number[] = [];
    for (let pass = 1; pass <= k; pass++) {
      const out = model.forward(x);
      const values = applyTransform(out, transform);
      if (!acc || !m2) {
        acc = new Float64Array(values.length);
        m2 = new Float64Array(values.length);
        shape = [...out.shape];
      }
      // Welford's running mean and sum of squared deviations: stable for any k.
      for (let i = 0; i < values.length; i++) {
        const v = values[i];
        const delta = v - acc[i];
        acc[i] += delta / pass;
        m2[i] += delta * (v - acc[i]);
      }
    }
    const mean = Float32Array.from(acc!);
    const std = new Float32Array(m2!.length);
    for (let i = 0; i < std.length; i++) std[i] = Math.sqrt(Math.max(0, m2![i] / k));
    return { mean: { data: mean, shape }, std: { data: std, shape: [...shape] } };
  });
}

function applyTransform(out: Tensor, transform: OutputTransform): Float32Array | Float64Array {
  if (transform === 'none') return out.data;
  const d = out.data;
  const r = new Float64Array(d.length);
  if (transform === 'sigmoid') {
    for (let i = 0; i < d.length; i++) r[i] = 1 / (1 + Math.exp(-d[i]));
    return r;
  }
  return softmaxRows(d, out.shape[out.shape.length - 1], r);
}

/**
 * Softmax of each row of `k` logits into `into` (`into.length` values, row-major), shifted by the
 * row's maximum so exp never overflows. The one implementation behind every K-class probability:
 * `predict`'s softmax transform here, and the labs' decision maps and thinned networks.
 */
export function softmaxRows<T extends Float32Array | Float64Array>(logits: ArrayLike<number>, k: number, into: T): T {
  for (let o = 0; o < into.length; o += k) {
    let max = -Infinity;
    for (let j = 0; j < k; j++) max = Math.max(max, logits[o + j]);
    let sum = 0;
    for (let j = 0; j < k; j++) sum += into[o + j] = Math.exp(logits[o + j] - max);
    for (let j = 0; j < k; j++) into[o + j] /= sum;
  }
  return into;
}

/**
 * A forward pass that keeps every layer's output — what each neuron computes over a whole grid
 * of inputs, i.e. its feature map. Buffers are allocated once per size and reused, so redrawing
 * the maps 60 times a second allocates nothing.
 */
export class ActivationRecorder {
  /** `outputs[i]` is the output of layer i of the last recorded pass (a reused buffer). */
  readonly outputs: Tensor[] = [];

  /** Runs `layers` in sequence on `x` in the model's current mode; returns the final output. */
  record(layers: readonly Module[], x: Tensor): Tensor {
    let h = x;
    for (let i = 0; i < layers.length; i++) {
      h = layers[i].forward(h);
      let slot = this.outputs[i];
      if (!slot || slot.data.length !== h.data.length) {
        slot = { data: new Float32Array(sizeOf(h.shape)), shape: [...h.shape] };
        this.outputs[i] = slot;
      } else if (!sameShape(slot.shape, h.shape)) {
        slot.shape = [...h.shape];
      }
      slot.data.set(h.data);
    }
    this.outputs.length = layers.length;
    return this.outputs[layers.length - 1] ?? x;
  }
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
