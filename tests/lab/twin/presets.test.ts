// The presets' claims, re-checked with real runs of the engine (the lesson states them in words):
// "Overfit on purpose": the plain twin's validation loss climbs far past its minimum while the dropout
// twin's stays low, though the best (early-stopped) losses are about the same. "Plenty of data": both
// twins stay near their best and end close together — dropout's edge is gone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsKernels, loadWasmKernelsSync, useKernels } from '../../../src/lib/engine';
import { buildTwinSplit, createTwinRun, validateTwinConfig, verdict, type TwinConfig } from '../../../src/lib/lab/twin';

function runBoth(config: TwinConfig) {
  const split = buildTwinSplit(config);
  const histories = (['plain', 'dropout'] as const).map((variant) => {
    const run = createTwinRun(config, split, variant);
    while (!run.step().stopped);
    expect(run.stopped).toEqual({ kind: 'done' });
    return run.history;
  });
  return verdict(histories[0], histories[1]);
}

describe('preset claims', () => {
  // The page and the CLI train with the WebAssembly SIMD kernels when available; so do these runs.
  beforeAll(() => {
    const wasm = loadWasmKernelsSync();
    if (wasm) useKernels(wasm);
  });
  afterAll(() => useKernels(jsKernels));

  // The preset's own seed, and another one: the claim must not hinge on a lucky seed.
  for (const seed of [undefined, 3]) {
    it(`overfit on purpose (seed ${seed ?? 'of the preset'}): plain drifts far from its best, dropout stays low`, () => {
      const { config } = validateTwinConfig({ preset: 'overfit', ...(seed === undefined ? {} : { seed }) });
      const v = runBoth(config);
      const { plain, dropout, lastPlain, lastDropout } = v;
      expect(plain!.epoch).toBeLessThan(config.epochs / 2);
      expect(lastPlain!).toBeGreaterThan(2.5 * plain!.valLoss); // climbs far past its minimum
      expect(lastDropout!).toBeLessThan(0.6 * lastPlain!); // ends far lower with dropout
      expect(lastDropout!).toBeLessThan(1.6 * dropout!.valLoss); // and stays near its own best
      // The early-stopped bests are about the same (within 20%): dropout is not magic.
      expect(Math.abs(dropout!.valLoss - plain!.valLoss)).toBeLessThan(0.2 * plain!.valLoss);
      expect(v.text).toMatch(/drifted far from its best/);
    });
  }

  it('plenty of data: both twins end near their best and close to each other', () => {
    const { config } = validateTwinConfig({ preset: 'plenty' });
    const { plain, dropout, lastPlain, lastDropout } = runBoth(config);
    expect(lastPlain!).toBeLessThan(1.3 * plain!.valLoss);
    expect(lastDropout!).toBeLessThan(1.3 * dropout!.valLoss);
    expect(Math.abs(lastPlain! - lastDropout!)).toBeLessThan(0.1);
  });
});
