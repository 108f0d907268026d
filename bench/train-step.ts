/**
 * One training step of a workload on our engine, through its public pieces: `mlp` builds the
 * network, `Batcher` cuts the mini-batches, the loss and `SGD` are the engine's, and a step is
 * exactly the body of Trainer.runEpoch (zeroGrad, forward, loss, backward, step). No Node imports:
 * Node (bench/ours.ts) and the Chromium worker (bench/web/workload-worker.ts) time this same code.
 */
import {
  Batcher,
  BCEWithLogitsLoss,
  CrossEntropyLoss,
  mlp,
  Seeds,
  SGD,
  type Dataset,
  type Sequential
} from '../src/lib/engine/index';
import type { TrainWorkload } from './workload-specs';

/** The workload's network, initialised from seed 1. */
export function buildNet(w: TrainWorkload): Sequential {
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

/** A fresh network and optimiser for `w` on `train`; `step()` trains one mini-batch. */
export function trainStep(w: TrainWorkload, train: Dataset): { step: () => void; lastLoss: () => number } {
  const model = buildNet(w);
  const optimizer = new SGD(model.parameters(), { lr: w.lr, momentum: w.momentum });
  const loss = w.loss === 'ce' ? new CrossEntropyLoss() : new BCEWithLogitsLoss();
  const batcher = new Batcher(train, w.batch);
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
  return { step, lastLoss: () => last };
}
