/**
 * Dropout Lab's neural-network engine: the public API. Framework-free (no DOM, no Svelte), so the
 * same code runs in the page, in a Web Worker, in Node and in the CLI. Mirrors `torch.nn`:
 * modules with forward/backward, parameters(), train()/eval(); `p` in the dropout family is the
 * probability of ZEROING a unit, as in PyTorch (`rate` in Keras).
 */
export { type Tensor, tensor, zeros, sizeOf, ShapeError, Workspace } from './tensor';
export { Module, type Parameter } from './module';
export { Random, Seeds, type StreamName } from './rng';
export { type Dataset, type Split, countOf } from './dataset';
export * from './layers';
export * from './losses';
export * from './optim';
export { heUniform, glorotUniform } from './init';
export * from './serialize';
export { mlp, type MLPSpec, type ActivationName } from './models';
export { Batcher } from './train/batches';
export { Trainer, type TrainerOptions } from './train/trainer';
export { fit, type FitOptions, type FitResult } from './train/fit';
export type { EpochStats, StopReason } from './train/types';
export {
  predict,
  predictMC,
  clone,
  softmaxRows,
  ActivationRecorder,
  type MCPrediction,
  type OutputTransform
} from './inference';
export { kernels, useKernels, jsKernels, type LinearKernels } from './kernels';
export { loadWasmKernels, loadWasmKernelsSync, wasmSimdSupported } from './kernels/wasm';
