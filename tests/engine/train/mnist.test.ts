import { describe, expect, it } from 'vitest';
import { afterAll, beforeAll } from 'vitest';
import {
  Adam,
  CrossEntropyLoss,
  Seeds,
  fit,
  jsKernels,
  loadWasmKernelsSync,
  mlp,
  seedDropout,
  useKernels
} from '../../../src/lib/engine';
import { mnistSplit } from '../../../src/lib/data';
import { loadMnistNode } from '../../../src/lib/data/mnist-node';

describe('learning real digits', () => {
  // The page and the CLI train with the WebAssembly SIMD kernels when the runtime has them; so does this test.
  beforeAll(() => {
    const wasm = loadWasmKernelsSync();
    if (wasm) useKernels(wasm);
  });
  afterAll(() => useKernels(jsKernels));

  it('an MLP with dropout reaches > 90% validation accuracy on a 3,000-digit MNIST subset', () => {
    const digits = mnistSplit(loadMnistNode(), { train: 3000, val: 1000, seed: 1 });
    const seeds = new Seeds(1);
    const model = mlp({
      inputs: 784,
      hidden: [64],
      outputs: 10,
      activation: 'relu',
      inputDropout: 0.2,
      hiddenDropout: 0.5,
      init: seeds.stream('init')
    });
    seedDropout(model, seeds.stream('masks'));
    const result = fit({
      model,
      loss: new CrossEntropyLoss(),
      optimizer: new Adam(model.parameters(), { lr: 2e-3 }),
      train: digits.train,
      val: digits.val,
      batchSize: 64,
      epochs: 10,
      shuffle: seeds.stream('shuffle')
    });
    expect(result.stopped.kind).toBe('done');
    expect(result.history.at(-1)!.valAccuracy).toBeGreaterThan(0.9);
  });
});
