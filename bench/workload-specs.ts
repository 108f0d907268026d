/**
 * The benchmark's workloads: what is trained, how, and what counts as fast enough. No Node imports,
 * so the same list runs in Node (bench/run.ts) and in a Chromium Web Worker (bench/web/workloads.ts).
 */
/** A network trained with mini-batch SGD, measured in training samples per second. */
export interface TrainWorkload {
  kind: 'train';
  /** Short id used in the table and results.json, e.g. "W2". */
  id: string;
  /** One line saying what is trained. */
  description: string;
  inputs: number;
  hidden: readonly number[];
  outputs: number;
  activation: 'tanh' | 'relu';
  /** Drop probability on the inputs (0: none). */
  inputDropout: number;
  /** Drop probability after each hidden layer. */
  hiddenDropout: number;
  batch: number;
  lr: number;
  momentum: number;
  /** 'bce': one logit, sigmoid cross-entropy; 'ce': softmax cross-entropy over `outputs` classes. */
  loss: 'bce' | 'ce';
  /** Which data to train on. */
  data: 'spiral' | 'mnist';
  /** What counts as fast enough. */
  target: Target;
  /** Our rate over PyTorch's (one thread) that counts as fast enough, when PyTorch is installed. */
  vsTorch?: number;
}

/** W1's network in evaluation mode on a grid of the plane, recording every layer's output. */
export interface GridWorkload {
  kind: 'grid';
  id: string;
  description: string;
  /** The network (its sizes and activation; weights are random, which does not change speed). */
  net: TrainWorkload;
  /** Points per side: the grid has side² points. */
  side: number;
  target: Target;
}

/** A workload's goal: an absolute rate (samples/s, or grids/s for W1h) or a multiple of TF.js wasm. */
export type Target = { kind: 'rate'; value: number; unit: string } | { kind: 'vsTfWasm'; times: number };

/** A workload of either kind. */
export type Workload = TrainWorkload | GridWorkload;

const W1d: TrainWorkload = {
  kind: 'train',
  id: 'W1d',
  description: '2→8→8→1 tanh, dropout 0.2 hidden, batch 10, SGD lr 0.03, spiral',
  inputs: 2,
  hidden: [8, 8],
  outputs: 1,
  activation: 'tanh',
  inputDropout: 0,
  hiddenDropout: 0.2,
  batch: 10,
  lr: 0.03,
  momentum: 0,
  loss: 'bce',
  data: 'spiral',
  target: { kind: 'rate', value: 900_000, unit: 'samples/s' }
};

/** All workloads, in the order they run. */
export const workloads: readonly Workload[] = [
  W1d,
  {
    kind: 'grid',
    id: 'W1h',
    description: "100×100 grid through W1's net (eval), every activation recorded",
    net: W1d,
    side: 100,
    target: { kind: 'rate', value: 1000, unit: 'grids/s' }
  },
  {
    kind: 'train',
    id: 'W2',
    description: '784→256→256→10 ReLU, dropout 0.2 in / 0.5 hidden, batch 64, SGD momentum 0.9, MNIST',
    inputs: 784,
    hidden: [256, 256],
    outputs: 10,
    activation: 'relu',
    inputDropout: 0.2,
    hiddenDropout: 0.5,
    batch: 64,
    lr: 0.01,
    momentum: 0.9,
    loss: 'ce',
    data: 'mnist',
    target: { kind: 'vsTfWasm', times: 4 },
    vsTorch: 1.5
  },
  {
    kind: 'train',
    id: 'W3',
    description: '784→1024→1024→10 ReLU, dropout 0.5 hidden, batch 100, SGD momentum 0.9, MNIST',
    inputs: 784,
    hidden: [1024, 1024],
    outputs: 10,
    activation: 'relu',
    inputDropout: 0,
    hiddenDropout: 0.5,
    batch: 100,
    lr: 0.01,
    momentum: 0.9,
    loss: 'ce',
    data: 'mnist',
    target: { kind: 'vsTfWasm', times: 10 },
    vsTorch: 1
  }
];

/** The MNIST subset every engine trains on: 6000 training images of mnist-10k.bin, split with seed 1. */
export const MNIST_BENCH_SPLIT = { train: 6000, val: 10, seed: 1 } as const;
