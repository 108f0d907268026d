/**
 * `npm run bench:cnn`: one training epoch of the spatial-dropout example's demo CNN on 1,000 MNIST
 * digits (batch 32, Adam), in samples per second — our engine (WebAssembly SIMD kernels, and the
 * pure-TS kernels for reference) against TensorFlow.js 4.22 (cpu and wasm backends), all in this
 * one Node process, for the three variants: no dropout, element-wise, spatial.
 *
 *   1×28×28 → Conv 8@3×3 (pad 1) → ReLU → [— | Dropout | Dropout2d] → MaxPool 2
 *           → Conv 16@3×3 (pad 1) → ReLU → MaxPool 2 → Flatten → Linear 10
 *
 * TF.js is written the lean way (tfjs-core ops, optimizer.minimize), like bench/tfjs.ts, whose
 * backend switching we reuse. TF.js has no SpatialDropout2D: we emulate it as Keras does, with
 * `tf.dropout(x, p, noiseShape = [batch, 1, 1, channels])` (one flag per map, broadcast over pixels).
 * TF.js works in NHWC; the digits are the same numbers either way for one channel.
 *
 * Like `npm run bench`, rates are per second of this process's CPU time (single-threaded engines on
 * a shared machine); wall-clock rates are printed too. Every measurement warms up on a few batches,
 * then times whole epochs for at least `--time` ms — except TF.js's cpu backend, whose convolutions
 * are about 100× slower (a whole epoch takes a minute of CPU): it is timed over the first
 * `--cpu-batches` batches (default 6) of an epoch, which gives the same samples/s.
 * Options: `--time=ms` (default 4000), `--only=spatial` (comma-separated variants),
 * `--engines=ours-wasm,tfjs-wasm`, `--cpu-batches=n`.
 */
import * as tf from '@tensorflow/tfjs-core';
import { cpus, loadavg } from 'node:os';
import {
  Adam,
  CrossEntropyLoss,
  Seeds,
  useKernels,
  jsKernels,
  loadWasmKernelsSync,
  Batcher,
  type Dataset
} from '../src/lib/engine/index';
import { loadMnistNode } from '../src/lib/data/mnist-node';
import { imageSplit } from '../src/lib/lab/spatial/data';
import { demoCnn, MASK_KINDS, type MaskKind } from '../src/lib/lab/spatial/model';
import { useTfBackend, type TfBackend } from './tfjs';
import { measure, measureSync, type Measurement } from './timing';

const DIGITS = 1000;
const BATCH = 32;
const LR = 2e-3;
const P = 0.2;

type Engine = 'ours-wasm' | 'ours-js' | 'tfjs-cpu' | 'tfjs-wasm';
const ENGINES: readonly Engine[] = ['ours-wasm', 'ours-js', 'tfjs-cpu', 'tfjs-wasm'];

const args = new Map(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=') as [string, string | undefined]));
const timeMs = Number(args.get('time') ?? 4000);
const kinds = (args.get('only')?.split(',') ?? MASK_KINDS) as MaskKind[];
const engines = (args.get('engines')?.split(',') ?? ENGINES) as Engine[];
const cpuBatches = Number(args.get('cpu-batches') ?? 6);
/** Batches run before timing (JIT warm-up, TF.js kernel set-up). */
const WARMUP_BATCHES = 3;

/** One epoch (or its first `limit` batches) of our engine: exactly Trainer.runEpoch's steps (shuffle, zeroGrad, forward, loss, backward, step), no measuring pass. */
function oursEpoch(kind: MaskKind, train: Dataset): (limit?: number) => number {
  const { net } = demoCnn(kind, P, 1);
  const optimizer = new Adam(net.parameters(), { lr: LR });
  const loss = new CrossEntropyLoss();
  const batcher = new Batcher(train, BATCH);
  const shuffle = new Seeds(1).stream('shuffle');
  net.train();
  return (limit = Infinity) => {
    batcher.shuffle(shuffle);
    let last = 0;
    for (let b = 0; b < Math.min(limit, batcher.batchesPerEpoch); b++) {
      const { x, y } = batcher.batch(b);
      optimizer.zeroGrad();
      last = loss.forward(net.forward(x), y);
      net.backward(loss.backward());
      optimizer.step();
    }
    return last;
  };
}

/** The same network in TF.js (NHWC), He-uniform like ours; returns one epoch's work as an async step. */
function tfEpoch(kind: MaskKind, train: Dataset): { epoch: (limit?: number) => Promise<number>; dispose: () => void } {
  const he = (shape: number[], fanIn: number, seed: number) =>
    tf.variable(tf.randomUniform(shape, -Math.sqrt(6 / fanIn), Math.sqrt(6 / fanIn), 'float32', seed));
  const w1 = he([3, 3, 1, 8], 9, 1);
  const b1 = tf.variable(tf.zeros([8]));
  const w2 = he([3, 3, 8, 16], 72, 2);
  const b2 = tf.variable(tf.zeros([16]));
  const w3 = he([16 * 7 * 7, 10], 784, 3);
  const b3 = tf.variable(tf.zeros([10]));
  const vars = [w1, b1, w2, b2, w3, b3];
  const optimizer = tf.train.adam(LR);
  const batcher = new Batcher(train, BATCH);
  const shuffle = new Seeds(1).stream('shuffle');
  const epoch = async (limit = Infinity) => {
    batcher.shuffle(shuffle);
    let last = 0;
    for (let b = 0; b < Math.min(limit, batcher.batchesPerEpoch); b++) {
      const { x, y } = batcher.batch(b);
      const n = y.shape[0];
      tf.tidy(() => {
        const xs = tf.tensor4d(x.data, [n, 28, 28, 1]);
        const labels = tf.oneHot(tf.tensor1d(y.data, 'int32'), 10);
        const cost = optimizer.minimize(
          () => {
            let h: tf.Tensor4D = tf.relu(tf.add(tf.conv2d(xs, w1 as tf.Tensor4D, 1, 'same'), b1));
            if (kind === 'element') h = tf.dropout(h, P) as tf.Tensor4D;
            // Spatial dropout: one keep/drop flag per (example, channel), broadcast over the pixels.
            if (kind === 'spatial') h = tf.dropout(h, P, [n, 1, 1, 8]) as tf.Tensor4D;
            h = tf.maxPool(h, 2, 2, 'valid');
            h = tf.maxPool(tf.relu(tf.add(tf.conv2d(h, w2 as tf.Tensor4D, 1, 'same'), b2)), 2, 2, 'valid');
            const logits = tf.add(tf.matMul(tf.reshape(h, [n, 16 * 7 * 7]), w3), b3);
            return tf.losses.softmaxCrossEntropy(labels, logits) as tf.Scalar;
          },
          true,
          vars
        );
        last = cost!.dataSync()[0]; // read the loss, as our trainer does every step
      });
    }
    return last;
  };
  return { epoch, dispose: () => (optimizer.dispose(), tf.dispose(vars)) };
}

interface Row {
  kind: MaskKind;
  engine: Engine;
  /** Training samples per CPU-second and per wall-clock second. */
  perCpuSec: number;
  perWallSec: number;
  epochs: number;
  lastLoss: number;
}

async function main(): Promise<void> {
  const load0 = loadavg()[0];
  const train = imageSplit(loadMnistNode(), { train: DIGITS, val: 10, seed: 1 }).train;
  const wasm = loadWasmKernelsSync();
  if (!wasm) throw new Error('WebAssembly SIMD is not available in this Node');
  const rows: Row[] = [];
  const record = (kind: MaskKind, engine: Engine, m: Measurement, lastLoss: number, samplesPerCall = DIGITS) => {
    if (!Number.isFinite(lastLoss)) throw new Error(`${engine} ${kind}: the loss became ${lastLoss}`);
    const r = {
      kind,
      engine,
      perCpuSec: m.callsPerCpuSec * samplesPerCall,
      perWallSec: m.callsPerSec * samplesPerCall,
      epochs: m.calls,
      lastLoss
    };
    rows.push(r);
    const what = samplesPerCall === DIGITS ? `${m.calls} epochs` : `${m.calls} × ${samplesPerCall} digits`;
    console.log(
      `  ${engine.padEnd(9)} ${kind.padEnd(8)} ${r.perCpuSec.toFixed(0).padStart(6)} samples/s (CPU), ${r.perWallSec.toFixed(0).padStart(6)} (wall), ${what}, last loss ${lastLoss.toFixed(3)}`
    );
  };
  for (const engine of engines.filter((e) => e.startsWith('ours'))) {
    useKernels(engine === 'ours-wasm' ? wasm : jsKernels);
    for (const kind of kinds) {
      const epoch = oursEpoch(kind, train);
      epoch(WARMUP_BATCHES);
      let last = 0;
      const m = measureSync(() => void (last = epoch()), { timeMs, warmupMs: 0 });
      record(kind, engine, m, last);
    }
  }
  useKernels(wasm);
  const unsupported = new Map<Engine, string>();
  for (const engine of engines.filter((e) => e.startsWith('tfjs'))) {
    await useTfBackend(engine.slice(5) as TfBackend);
    for (const kind of kinds) {
      const { epoch, dispose } = tfEpoch(kind, train);
      try {
        await epoch(WARMUP_BATCHES);
      } catch (e) {
        // TF.js 4.22's wasm backend has no Conv2DBackpropFilter kernel: it cannot train a CNN at all.
        dispose();
        unsupported.set(engine, e instanceof Error ? e.message : String(e));
        console.log(`  ${engine.padEnd(9)} ${kind.padEnd(8)} cannot train this network: ${unsupported.get(engine)}`);
        break;
      }
      const limit = engine === 'tfjs-cpu' ? cpuBatches : Infinity;
      let last = 0;
      const m = await measure(async () => void (last = await epoch(limit)), {
        timeMs: engine === 'tfjs-cpu' ? 1 : timeMs,
        warmupMs: 0
      });
      dispose();
      record(kind, engine, m, last, Math.min(DIGITS, limit * BATCH));
    }
  }

  console.log(
    `\nOne epoch of the demo CNN on ${DIGITS} digits (batch ${BATCH}, Adam, p = ${P}): training samples per CPU-second`
  );
  const shown = ENGINES.filter((e) => engines.includes(e));
  console.log(`variant   ${shown.map((e) => e.padStart(10)).join(' ')}   ours-wasm / best TF.js`);
  for (const kind of kinds) {
    const rate = (e: Engine) => rows.find((r) => r.kind === kind && r.engine === e)?.perCpuSec ?? NaN;
    const tfBest = Math.max(...shown.filter((e) => e.startsWith('tfjs') && !unsupported.has(e)).map(rate));
    const ratio = tfBest > 0 ? rate('ours-wasm') / tfBest : NaN;
    const cell = (e: Engine) => (unsupported.has(e) ? 'n/a' : rate(e).toFixed(0)).padStart(10);
    console.log(
      `${kind.padEnd(9)} ${shown.map(cell).join(' ')}   ${Number.isFinite(ratio) ? `${ratio.toFixed(1)}×` : '—'}`
    );
  }
  for (const [engine, why] of unsupported) console.log(`${engine}: n/a — ${why}`);
  console.log(
    `\nload average (1 min) before ${load0.toFixed(2)}, after ${loadavg()[0].toFixed(2)} on ${cpus().length} cores; ${timeMs} ms per measurement (at least one epoch)`
  );
}

await main();
