/**
 * The workloads on our engine in Node (one step is bench/train-step.ts, the same code the
 * Chromium worker of bench/web/workloads.ts times). We time steps rather than whole
 * `runEpoch` calls because an epoch also measures the whole training set in eval mode, which
 * TF.js would have to be made to do too; steps are the like-for-like comparison.
 */
import { ActivationRecorder } from '../src/lib/engine/index';
import { buildNet, trainStep } from './train-step';
import { measureSync, type Measurement } from './timing';
import { dataFor, grid, type GridWorkload, type TrainWorkload } from './workloads';

/** Times training steps of workload `w` with the kernels currently installed (one call = one batch). */
export function oursTrain(w: TrainWorkload, timeMs: number): Measurement {
  const { step, lastLoss } = trainStep(w, dataFor(w.data).train);
  // Small steps take microseconds: read the clock every 50 of them.
  const m = measureSync(step, { timeMs, every: w.batch < 32 ? 50 : 1 });
  if (!Number.isFinite(lastLoss())) throw new Error(`${w.id}: training diverged (loss ${lastLoss()})`);
  return m;
}

/** Times grids of workload `g`: one call = one eval-mode forward recording every layer's output. */
export function oursGrid(g: GridWorkload, timeMs: number): Measurement {
  const model = buildNet(g.net).eval();
  const recorder = new ActivationRecorder();
  const x = grid(g.side);
  return measureSync(() => void recorder.record(model.modules, x), { timeMs });
}
