import type { Dataset } from '../dataset';
import type { Module, Parameter } from '../module';
import { applyMaxNormAll } from '../optim/max-norm';
import type { Random } from '../rng';
import type { Tensor } from '../tensor';
import { Batcher } from './batches';
import type { EpochStats, StopReason } from './types';
import { isClassificationLoss, type Loss } from '../losses/loss';
import type { Optimizer } from '../optim/optimizer';

/**
 * A loss this many times the first mini-batch's loss means the run has diverged. Stable losses
 * (BCE from logits, saturating tanh) can stay finite while the weights fly off to 1e9, so waiting
 * for NaN alone would leave a learner staring at a curve that went vertical.
 */
const EXPLODED = 1000;

/** Everything one training run needs. */
export interface TrainerOptions {
  /** The network to train (trained in place). */
  model: Module;
  /** Loss between the model's output and the targets. */
  loss: Loss;
  /** Updates the model's parameters from their gradients. */
  optimizer: Optimizer;
  /** Examples to learn from. */
  train: Dataset;
  /** Held-out examples, measured after every epoch, never trained on. */
  val?: Dataset;
  /** Examples per optimiser step. */
  batchSize: number;
  /** Draws the example order of each epoch (give both twins the same seed: same order). */
  shuffle: Random;
  /** The 2014 paper's max-norm constraint: each unit's incoming weights kept to L2 norm ≤ c. */
  maxNorm?: number;
  /** Rows per forward pass when measuring (bounded memory on big splits). */
  evalBatchSize?: number;
}

/**
 * Trains a model one epoch at a time, so a caller (a Web Worker, the CLI, a test) can pause, step,
 * stop and report between epochs. Measurements are taken in evaluation mode over whole splits —
 * never averaged over masked mini-batches, which would mix dropout noise into the curves.
 */
export class Trainer {
  /** Epochs completed. */
  epoch = 0;
  /** Optimiser steps taken. */
  steps = 0;
  /** One entry per completed epoch. */
  readonly history: EpochStats[] = [];
  /** Set once training has diverged; no further epochs run. */
  stopped: StopReason | null = null;

  /** Loss of the very first mini-batch: the yardstick for "the loss exploded". */
  private firstLoss: number | null = null;
  private readonly batcher: Batcher;
  private readonly weights: Parameter[];

  constructor(readonly options: TrainerOptions) {
    this.batcher = new Batcher(options.train, options.batchSize);
    // Max-norm applies to each unit's incoming weights: the rows of every weight matrix.
    this.weights = options.model.parameters().filter((p) => p.shape.length >= 2);
    if (options.maxNorm !== undefined && !(options.maxNorm > 0)) {
      throw new RangeError(`max-norm must be a positive number, got ${options.maxNorm}`);
    }
  }

  /**
   * Runs one epoch: shuffle, one optimiser step per mini-batch, then measure. Returns the epoch's
   * stats, or null if the run diverged (then `stopped` says when and what to do).
   * `shouldStop` is polled between steps; when it returns true the epoch is abandoned (returns null).
   */
  runEpoch(shouldStop?: () => boolean): EpochStats | null {
    if (this.stopped) return null;
    const { model, loss, optimizer, shuffle, maxNorm } = this.options;
    const batcher = this.batcher;
    batcher.shuffle(shuffle);
    model.train();
    const batches = batcher.batchesPerEpoch;
    for (let b = 0; b < batches; b++) {
      if (shouldStop?.()) {
        this.stopped = { kind: 'cancelled' };
        return null;
      }
      const { x, y } = batcher.batch(b);
      optimizer.zeroGrad();
      const out = model.forward(x);
      const value = loss.forward(out, y);
      if (!Number.isFinite(value)) return this.diverge('the training loss stopped being a finite number');
      if (this.firstLoss === null) this.firstLoss = value;
      else if (value > EXPLODED * Math.max(this.firstLoss, 0.1)) {
        return this.diverge(
          `the training loss exploded to ${value.toPrecision(3)}, from ${this.firstLoss.toPrecision(3)} at the first step`
        );
      }
      model.backward(loss.backward());
      optimizer.step();
      if (maxNorm !== undefined) applyMaxNormAll(this.weights, maxNorm);
      this.steps++;
    }
    this.epoch++;
    if (!this.weightsFinite()) return this.diverge('a weight stopped being a finite number');
    const train = this.evaluate(this.options.train);
    const val = this.options.val ? this.evaluate(this.options.val) : null;
    if (!Number.isFinite(train.loss) || (val && !Number.isFinite(val.loss))) {
      return this.diverge('the measured loss stopped being a finite number');
    }
    const stats: EpochStats = {
      epoch: this.epoch,
      trainLoss: train.loss,
      trainAccuracy: train.accuracy,
      valLoss: val ? val.loss : null,
      valAccuracy: val ? val.accuracy : null,
      steps: this.steps
    };
    this.history.push(stats);
    return stats;
  }

  /** Mean loss and accuracy over a whole data set, in evaluation mode (restores the previous mode). */
  evaluate(data: Dataset): { loss: number; accuracy: number } {
    const { model, loss } = this.options;
    const wasTraining = model.training;
    model.eval();
    const n = data.x.shape[0];
    const chunk = this.options.evalBatchSize ?? 1024;
    const xRow = n === 0 ? 0 : data.x.data.length / n;
    const yRow = n === 0 ? 0 : data.y.data.length / n;
    let total = 0;
    let correct = 0;
    for (let start = 0; start < n; start += chunk) {
      const count = Math.min(chunk, n - start);
      const x: Tensor = {
        data: data.x.data.subarray(start * xRow, (start + count) * xRow),
        shape: [count, ...data.x.shape.slice(1)]
      };
      const y: Tensor = {
        data: data.y.data.subarray(start * yRow, (start + count) * yRow),
        shape: [count, ...data.y.shape.slice(1)]
      };
      const out = model.forward(x);
      total += loss.forward(out, y) * count;
      if (isClassificationLoss(loss)) correct += loss.correct(out, y);
    }
    model.train(wasTraining);
    return { loss: n === 0 ? 0 : total / n, accuracy: n === 0 ? 0 : correct / n };
  }

  private weightsFinite(): boolean {
    for (const p of this.options.model.parameters()) {
      const d = p.data;
      for (let i = 0; i < d.length; i++) if (!Number.isFinite(d[i])) return false;
    }
    return true;
  }

  private diverge(what: string): null {
    const epoch = this.epoch + 1;
    this.stopped = {
      kind: 'diverged',
      epoch,
      message: `Training diverged at epoch ${epoch}: ${what}. Lower the learning rate and start again.`
    };
    return null;
  }
}
