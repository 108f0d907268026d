/**
 * The workloads on our engine, through its public pieces: `mlp` builds the network, `Batcher`
 * cuts the mini-batches, the loss and `SGD` are the engine's, and one step is exactly the body of
 * Trainer.runEpoch (zeroGrad, forward, loss, backward, step). We time steps rather than whole
 * `runEpoch` calls because an epoch also measures the whole training set in eval mode, which
 * TF.js would have to be made to do too; steps are the like-for-like comparison.
 */
import {
  ActivationRecorder,
  Batcher,
  BCEWithLogitsLoss,
  CrossEntropyLoss,
  mlp,
  Seeds,
  SGD
} from '../src/lib/engine/index';
import { measureSync, type Measurement } from './timing';
import { dataFor, grid, type GridWorkload, type TrainWorkload } from './workloads';

function build(w: TrainWorkload) {
  return mlp({
    inputs: w.inputs,
    hidden: w.hidden,
    outputs: w.outputs,
    activation: w.activation,
    inputDropout: w.inputDropout,
    hiddenDropout: w.hiddenDropout,
    init: new Seeds(1).stream('init')
  });
}

/** Times training steps of workload `w` with the kernels currently installed (one call = one batch). */
export function oursTrain(w: TrainWorkload, timeMs: number): Measurement {
  const model = build(w);
  const optimizer = new SGD(model.parameters(), { lr: w.lr, momentum: w.momentum });
  const loss = w.loss === 'ce' ? new CrossEntropyLoss() : new BCEWithLogitsLoss();
  const batcher = new Batcher(dataFor(w.data).train, w.batch);
  const shuffle = new Seeds(1).stream('shuffle');
  model.train();
  let b = 0;
  let last = 0;
  const step = () => {
    if (b === 0) batcher.shuffle(shuffle);
    const { x, y } = batcher.batch(b);
    b = (b + 1) % batcher.batchesPerEpoch;
    optimizer.zeroGrad();
    last = loss.forward(model.forward(x), y);
    model.backward(loss.backward());
    optimizer.step();
  };
  // Small steps take microseconds: read the clock every 50 of them.
  const m = measureSync(step, { timeMs, every: w.batch < 32 ? 50 : 1 });
  if (!Number.isFinite(last)) throw new Error(`${w.id}: training diverged (loss ${last})`);
  return m;
}

/** Times grids of workload `g`: one call = one eval-mode forward recording every layer's output. */
export function oursGrid(g: GridWorkload, timeMs: number): Measurement {
  const model = build(g.net).eval();
  const recorder = new ActivationRecorder();
  const x = grid(g.side);
  return measureSync(() => void recorder.record(model.modules, x), { timeMs });
}
