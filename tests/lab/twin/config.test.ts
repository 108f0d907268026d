// validateTwinConfig: presets are valid as they are; bad values are clamped, rounded or ignored,
// each with a note; sizes are kept within what the data source can supply.
import { describe, expect, it } from 'vitest';
import { MNIST_MAX_TOTAL, TWIN_PRESETS, presetConfig, validateTwinConfig } from '../../../src/lib/lab/twin';

describe('validateTwinConfig', () => {
  it('accepts every preset unchanged', () => {
    for (const preset of Object.values(TWIN_PRESETS)) {
      expect(validateTwinConfig(preset)).toEqual({ config: preset, notes: [] });
    }
  });

  it('presetConfig returns an independent copy', () => {
    const a = presetConfig('overfit');
    a.pHidden[0] = 0.9;
    expect(TWIN_PRESETS.overfit.pHidden[0]).toBe(0.5);
  });

  it('clamps, rounds and ignores with one note each', () => {
    const { config, notes } = validateTwinConfig({
      preset: 'overfit',
      width: 1e9,
      batchSize: 3.4,
      lr: 'fast',
      pInput: -1
    });
    expect(config.width).toBe(1024);
    expect(config.batchSize).toBe(3);
    expect(config.lr).toBe(TWIN_PRESETS.overfit.lr);
    expect(config.pInput).toBe(0);
    expect(notes).toHaveLength(4);
  });

  it('survives non-objects and unknown names', () => {
    for (const bad of [null, 42, 'x', [], () => 1]) {
      const { config } = validateTwinConfig(bad);
      expect(config.preset).toBe('overfit');
    }
    const r = validateTwinConfig({ preset: 'evil', data: 'cats', activation: 'gelu', optimizer: 'lbfgs' });
    expect(r.config).toEqual(TWIN_PRESETS.overfit);
    expect(r.notes).toHaveLength(4);
  });

  it('pads or cuts the hidden drop probabilities to the depth', () => {
    expect(validateTwinConfig({ depth: 4, pHidden: [0.1, 0.2] }).config.pHidden).toEqual([0.1, 0.2, 0.2, 0.2]);
    expect(validateTwinConfig({ depth: 1, pHidden: '0.3,0.4' }).config.pHidden).toEqual([0.3]);
  });

  it('keeps MNIST and 2-D sizes feasible', () => {
    const m = validateTwinConfig({ preset: 'digits', trainSize: 8000, valSize: 5000 });
    expect(m.config.trainSize + m.config.valSize).toBeLessThanOrEqual(MNIST_MAX_TOTAL);
    expect(m.config.valSize).toBe(MNIST_MAX_TOTAL - 8000);
    expect(m.notes.length).toBe(1);
    const all = validateTwinConfig({ preset: 'digits', trainSize: 5000, valSize: 5000 });
    expect(all.config.trainSize + all.config.valSize).toBe(10000); // every digit of the set
    expect(all.notes).toEqual([]);
    const t = validateTwinConfig({ trainSize: 10, valSize: 5000 });
    expect(t.config.valSize).toBe(90);
    const u = validateTwinConfig({ trainSize: 5000, valSize: 10 });
    expect(u.config.valSize).toBe(Math.ceil(5000 / 19));
  });
});
