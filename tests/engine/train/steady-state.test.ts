// Steady-state training reuses its memory: after the first steps, every layer's output and gradient
// buffer, every dropout mask and the kernels' WebAssembly memory stay the same objects step after
// step (a fresh Float32Array or a memory.grow per step would make a long run slow and jittery).
import { afterEach, describe, expect, it } from 'vitest';
import { jsKernels, useKernels } from '../../../src/lib/engine/kernels/index';
import { loadWasmKernelsSync } from '../../../src/lib/engine/kernels/wasm';
import { CrossEntropyLoss } from '../../../src/lib/engine/losses';
import { mlp } from '../../../src/lib/engine/models';
import { SGD } from '../../../src/lib/engine/optim/sgd';
import { Random, Seeds } from '../../../src/lib/engine/rng';
import type { Tensor } from '../../../src/lib/engine/tensor';

afterEach(() => useKernels(jsKernels));

/** One training step, layer by layer; returns every buffer the step touched, in order. */
function stepBuffers(): { run: () => object[] } {
  const model = mlp({
    inputs: 784,
    hidden: [128, 128],
    outputs: 10,
    activation: 'relu',
    inputDropout: 0.2,
    hiddenDropout: 0.5,
    init: new Seeds(2).stream('init')
  }).train();
  const opt = new SGD(model.parameters(), { lr: 0.01, momentum: 0.9 });
  const loss = new CrossEntropyLoss();
  const rng = new Random(4);
  const x: Tensor = {
    data: Float32Array.from({ length: 32 * 784 }, () => (rng.next() < 0.8 ? 0 : rng.next())),
    shape: [32, 784]
  };
  const y: Tensor = { data: Float32Array.from({ length: 32 }, () => rng.int(10)), shape: [32] };
  return {
    run: () => {
      const seen: object[] = [];
      opt.zeroGrad();
      let h = x;
      for (const m of model.modules) {
        h = m.forward(h);
        seen.push(h.data);
        const mask = (m as { lastMask?: Uint8Array | null }).lastMask;
        if (mask) seen.push(mask);
      }
      loss.forward(h, y);
      let g = loss.backward();
      for (let i = model.modules.length - 1; i >= 0; i--) {
        g = model.modules[i].backward(g);
        seen.push(g.data);
        if (g.data.length === 0) break; // the first Linear computes no input gradient (nothing below needs it)
      }
      opt.step();
      return seen;
    }
  };
}

describe.each([
  ['js', () => jsKernels],
  ['wasm', () => loadWasmKernelsSync()!]
])('steady-state training on the %s kernels', (_name, kernels) => {
  it('allocates no new buffers and does not grow wasm memory after the first steps', () => {
    const k = kernels();
    useKernels(k);
    const { run } = stepBuffers();
    for (let i = 0; i < 3; i++) run();
    const memory = (k as unknown as { ex?: { memory: WebAssembly.Memory } }).ex?.memory;
    if (_name === 'wasm') expect(memory).toBeInstanceOf(WebAssembly.Memory);
    const bufferBefore = memory?.buffer;
    const first = run();
    expect(first.length).toBeGreaterThan(10);
    for (let i = 0; i < 20; i++) {
      const now = run();
      expect(now.length).toBe(first.length);
      now.forEach((b, j) => expect(b, `buffer ${j} of step ${i}`).toBe(first[j]));
    }
    if (memory) expect(memory.buffer).toBe(bufferBefore);
  });
});
