import { Dropout, Linear, ReLU, Sequential, Sigmoid, Tanh } from './layers';
import type { Module } from './module';
import type { Random } from './rng';

/** The non-linearities an MLP can use between its layers. */
export type ActivationName = 'relu' | 'tanh' | 'sigmoid';

/** Describes a multi-layer perceptron with dropout, the network every experiment trains. */
export interface MLPSpec {
  /** Input features, e.g. 2 for the plane, 784 for a 28×28 digit. */
  inputs: number;
  /** Width of each hidden layer, e.g. [256, 256]. */
  hidden: readonly number[];
  /** Output units: 1 for a binary logit, 10 for digit logits. No dropout is ever put after it. */
  outputs: number;
  /** Non-linearity after each hidden Linear layer. */
  activation: ActivationName;
  /** Drop probability on the inputs (the paper used 0.2). 0 keeps the layer as an identity. */
  inputDropout?: number;
  /** Drop probability after each hidden layer: one number for all, or one per hidden layer. */
  hiddenDropout?: number | readonly number[];
  /** Draws the initial weights (give two twins the same stream state: same weights). */
  init: Random;
}

/**
 * Builds `[Dropout(pIn)] → (Linear → activation → Dropout(p))… → Linear`. Dropout layers are
 * present even at p = 0 (then they are identities), so a plain twin and a dropout twin have the
 * same layer list — the explorer can drop the same neuron by hand in both. Initialisation follows
 * the activation: He for ReLU, Glorot for tanh and sigmoid. `backward` stops at the first Linear
 * (its `needsInputGrad` is false), since training never uses the gradient w.r.t. the input.
 */
export function mlp(spec: MLPSpec): Sequential {
  const { inputs, hidden, outputs, activation, init } = spec;
  for (const [name, v] of [
    ['inputs', inputs],
    ['outputs', outputs],
    ...hidden.map((h, i) => [`hidden[${i}]`, h] as const)
  ] as const) {
    if (!Number.isInteger(v) || v < 1) throw new RangeError(`${name} must be a whole number ≥ 1, got ${v}`);
  }
  const pHidden = (i: number): number => {
    const p = spec.hiddenDropout ?? 0;
    return typeof p === 'number' ? p : (p[i] ?? 0);
  };
  const layers: Module[] = [];
  if (spec.inputDropout !== undefined) layers.push(new Dropout(spec.inputDropout));
  let width = inputs;
  const scheme = activation === 'relu' ? 'he' : 'glorot';
  hidden.forEach((h, i) => {
    layers.push(new Linear(width, h, { rng: init, init: scheme }));
    layers.push(activation === 'relu' ? new ReLU() : activation === 'tanh' ? new Tanh() : new Sigmoid());
    layers.push(new Dropout(pHidden(i)));
    width = h;
  });
  layers.push(new Linear(width, outputs, { rng: init, init: scheme }));
  // Training never needs dLoss/dInput, so the first Linear skips computing it (for a 784-wide input
  // that is a whole matrix product per step). Set it back to true for input saliency.
  const first = layers.find((l): l is Linear => l instanceof Linear);
  if (first) first.needsInputGrad = false;
  return new Sequential(...layers);
}
