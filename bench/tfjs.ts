/**
 * The same workloads in TensorFlow.js 4.22 (benchmark only; the app never loads TF.js), written
 * the lean way with tfjs-core: variables, matMul, tf.dropout and optimizer.minimize, which is
 * faster than tfjs-layers' model.fit. Both backends run in this Node process: 'cpu' (plain JS)
 * and 'wasm' (XNNPACK, SIMD), whose .wasm files are read from node_modules, never the network.
 */
import * as tf from '@tensorflow/tfjs-core';
// tfjs-layers' bundle registers every op's gradient (optimizer.minimize needs them); tfjs-core's
// own register_all_gradients is not loadable as a Node ES module.
import '@tensorflow/tfjs-layers';
import '@tensorflow/tfjs-backend-cpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { Batcher, Random } from '../src/lib/engine/index';
import { measure, type Measurement } from './timing';
import { dataFor, grid, type GridWorkload, type TrainWorkload } from './workloads';

/** The TF.js backends we compare against. */
export type TfBackend = 'cpu' | 'wasm';

let wasmPathSet = false;

/** Switches TF.js to `backend` (pointing the wasm backend at its files in node_modules first). */
export async function useTfBackend(backend: TfBackend): Promise<void> {
  if (backend === 'wasm' && !wasmPathSet) {
    const require = createRequire(import.meta.url);
    // A directory prefix ending in '/': the backend appends the file name it needs (simd or not).
    setWasmPaths(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm')) + '/');
    wasmPathSet = true;
  }
  if (!(await tf.setBackend(backend))) throw new Error(`TF.js backend ${backend} failed to initialise`);
  await tf.ready();
}

/** Weights of an MLP, TF layout: W is [in, out] so that y = x·W + b. */
interface TfNet {
  weights: tf.Variable[];
  biases: tf.Variable[];
}

function makeNet(w: TrainWorkload): TfNet {
  const sizes = [w.inputs, ...w.hidden, w.outputs];
  const net: TfNet = { weights: [], biases: [] };
  for (let l = 0; l + 1 < sizes.length; l++) {
    // He / Glorot-like uniform init, as our engine does (speed does not depend on it, sanity does).
    const limit = Math.sqrt(6 / sizes[l]);
    net.weights.push(tf.variable(tf.randomUniform([sizes[l], sizes[l + 1]], -limit, limit, 'float32', 1 + l)));
    net.biases.push(tf.variable(tf.zeros([sizes[l + 1]])));
  }
  return net;
}

/** Forward pass; in training mode with dropout. Returns every layer's output (the last is the logits). */
function forward(w: TrainWorkload, net: TfNet, x: tf.Tensor2D, training: boolean): tf.Tensor2D[] {
  const outs: tf.Tensor2D[] = [];
  let h = (training && w.inputDropout > 0 ? tf.dropout(x, w.inputDropout) : x) as tf.Tensor2D;
  for (let l = 0; l < net.weights.length; l++) {
    const z = tf.add(tf.matMul(h, net.weights[l]), net.biases[l]) as tf.Tensor2D;
    outs.push(z);
    if (l === net.weights.length - 1) break;
    h = w.activation === 'relu' ? tf.relu(z) : tf.tanh(z);
    outs.push(h);
    if (training && w.hiddenDropout > 0) h = tf.dropout(h, w.hiddenDropout) as tf.Tensor2D;
  }
  return outs;
}

/** Times training steps of workload `w` on the current TF.js backend (one call = one batch). */
export async function tfTrain(w: TrainWorkload, timeMs: number): Promise<Measurement> {
  const net = makeNet(w);
  const vars = [...net.weights, ...net.biases];
  const optimizer = w.momentum > 0 ? tf.train.momentum(w.lr, w.momentum) : tf.train.sgd(w.lr);
  const { train } = dataFor(w.data);
  // The same batching code as our engine: shuffled order, rows copied into a reused buffer.
  const batcher = new Batcher(train, w.batch);
  const shuffle = new Random(3);
  let b = 0;
  const step = () => {
    if (b === 0) batcher.shuffle(shuffle);
    const { x, y } = batcher.batch(b);
    b = (b + 1) % batcher.batchesPerEpoch;
    const n = x.shape[0];
    tf.tidy(() => {
      const xs = tf.tensor2d(x.data, [n, w.inputs]);
      const labels = w.loss === 'ce' ? tf.oneHot(tf.tensor1d(y.data, 'int32'), w.outputs) : tf.tensor2d(y.data, [n, 1]);
      const cost = optimizer.minimize(
        () => {
          const logits = forward(w, net, xs, true).at(-1) as tf.Tensor2D;
          return w.loss === 'ce'
            ? tf.losses.softmaxCrossEntropy(labels, logits)
            : tf.losses.sigmoidCrossEntropy(labels, logits);
        },
        true,
        vars
      );
      cost?.dataSync(); // read the loss, as our trainer does every step (and it forces completion)
    });
  };
  const m = await measure(step, { timeMs });
  optimizer.dispose();
  tf.dispose(vars);
  return m;
}

/** Times grids of workload `g` on the current TF.js backend (one call = one grid, every layer's output read back). */
export async function tfGrid(g: GridWorkload, timeMs: number): Promise<Measurement> {
  const net = makeNet(g.net);
  const points = grid(g.side);
  const xs = tf.tensor2d(points.data, [points.shape[0], 2]);
  const step = () => {
    tf.tidy(() => {
      for (const t of forward(g.net, net, xs, false)) t.dataSync();
    });
  };
  const m = await measure(step, { timeMs });
  xs.dispose();
  tf.dispose([...net.weights, ...net.biases]);
  return m;
}
