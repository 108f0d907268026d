import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Module, type Parameter } from '../../src/lib/engine/module';
import type { Tensor } from '../../src/lib/engine/tensor';
import { loadJSON, toJSON, WeightsError, type WeightsJSON } from '../../src/lib/engine/serialize';
import { Dropout, Linear, ReLU, Sequential } from '../../src/lib/engine/layers';
import { Random } from '../../src/lib/engine/rng';

/** A minimal module with a [2, 3] weight and a [2] bias, independent of the layer code. */
class Tiny extends Module {
  readonly w: Parameter = { name: 'weight', data: new Float32Array(6), grad: new Float32Array(6), shape: [2, 3] };
  readonly b: Parameter = { name: 'bias', data: new Float32Array(2), grad: new Float32Array(2), shape: [2] };
  constructor(seed = 1) {
    super();
    const rng = new Random(seed);
    for (const p of [this.w, this.b]) for (let i = 0; i < p.data.length; i++) p.data[i] = rng.normal();
  }
  forward(x: Tensor): Tensor {
    return x;
  }
  backward(g: Tensor): Tensor {
    return g;
  }
  override parameters(): Parameter[] {
    return [this.w, this.b];
  }
  toString(): string {
    return 'Tiny(3, 2)';
  }
}

/** Bit patterns of every parameter, to compare "unchanged" exactly (NaN-safe, −0-safe). */
function bits(model: Module): number[][] {
  return model.parameters().map((p) => Array.from(new Uint32Array(p.data.slice().buffer)));
}

/** A fresh, well-formed file for `Tiny`, different from Tiny(1)'s weights. */
function goodFile(): WeightsJSON {
  return toJSON(new Tiny(2));
}

describe('toJSON', () => {
  it('writes the versioned format with names, shapes, values and the architecture', () => {
    const model = new Tiny();
    const json = toJSON(model);
    expect(json.format).toBe('dropout-lab/weights');
    expect(json.version).toBe(1);
    expect(json.architecture).toBe('Tiny(3, 2)');
    expect(json.parameters.map((p) => [p.name, p.shape, p.values.length])).toEqual([
      ['weight', [2, 3], 6],
      ['bias', [2], 2]
    ]);
    expect(json.parameters[0].values).toEqual(Array.from(model.w.data));
  });

  it('is a snapshot: later changes to the model do not change it', () => {
    const model = new Tiny();
    const json = toJSON(model);
    const saved = json.parameters[0].values[0];
    model.w.data[0] += 1;
    expect(json.parameters[0].values[0]).toBe(saved);
  });

  it('refuses to save NaN weights (the file could never be loaded)', () => {
    const model = new Tiny();
    model.b.data[1] = NaN;
    expect(() => toJSON(model)).toThrow(/"bias".*value 1 is NaN/);
  });
});

describe('round trip', () => {
  it('is bit-exact through JSON text for any float32 values (property)', () => {
    fc.assert(
      fc.property(
        fc.float32Array({ minLength: 6, maxLength: 6, noNaN: true, noDefaultInfinity: true }),
        fc.float32Array({ minLength: 2, maxLength: 2, noNaN: true, noDefaultInfinity: true }),
        (w, b) => {
          const source = new Tiny();
          source.w.data.set(w);
          source.b.data.set(b);
          const target = new Tiny(99);
          loadJSON(target, JSON.stringify(toJSON(source)));
          // JSON has no −0: it comes back as +0. Every other value must keep its exact bits.
          const expected = bits(source).map((row) => row.map((u) => (u === 0x80000000 ? 0 : u)));
          expect(bits(target)).toEqual(expected);
        }
      ),
      { numRuns: 300 }
    );
  });

  it('keeps −0 through the object form', () => {
    const source = new Tiny();
    source.w.data[0] = -0;
    const target = new Tiny(5);
    loadJSON(target, toJSON(source));
    expect(bits(target)).toEqual(bits(source));
  });

  it('restores a real network so it computes the same outputs', () => {
    const make = (seed: number) =>
      new Sequential(
        new Linear(2, 5, { rng: new Random(seed) }),
        new ReLU(),
        new Dropout(0.5),
        new Linear(5, 1, { rng: new Random(seed + 1) })
      );
    const trained = make(1).eval();
    const fresh = make(10).eval();
    const x: Tensor = { data: Float32Array.from([0.5, -1, 2, 0.25]), shape: [2, 2] };
    const want = Array.from(trained.forward(x).data);
    expect(Array.from(fresh.forward(x).data)).not.toEqual(want);
    loadJSON(fresh, JSON.stringify(toJSON(trained)));
    expect(Array.from(fresh.forward(x).data)).toEqual(want);
  });
});

describe('loadJSON rejects malformed input and leaves the model unchanged', () => {
  type Case = [name: string, input: () => unknown, message: RegExp];
  const cases: Case[] = [
    ['not an object (number)', () => 42, /must be an object, got 42/],
    ['not an object (null)', () => null, /must be an object, got null/],
    ['not an object (array)', () => [goodFile()], /must be an object/],
    ['bad JSON text', () => '{"format": "dropout-lab/weights", ', /not valid JSON/],
    ['wrong format', () => ({ ...goodFile(), format: 'keras' }), /format is "keras"/],
    ['wrong version', () => ({ ...goodFile(), version: 2 }), /unsupported weights version 2/],
    ['missing version', () => ({ ...goodFile(), version: undefined }), /version missing/],
    ['missing architecture', () => ({ ...goodFile(), architecture: 7 }), /architecture/],
    ['parameters not an array', () => ({ ...goodFile(), parameters: {} }), /"parameters" must be an array/],
    [
      'missing parameter',
      () => {
        const f = goodFile();
        f.parameters.pop();
        return f;
      },
      /has 1 parameters but the model Tiny\(3, 2\) has 2/
    ],
    [
      'wrong name',
      () => {
        const f = goodFile();
        f.parameters[1].name = 'beta';
        return f;
      },
      /parameter 1 \("bias"\).*"beta"/
    ],
    [
      'wrong shape (transposed)',
      () => {
        const f = goodFile();
        f.parameters[0].shape = [3, 2];
        return f;
      },
      /parameter 0 \("weight"\): expected shape \[2, 3\].*\[3, 2\]/
    ],
    [
      'truncated values',
      () => {
        const f = goodFile();
        f.parameters[0].values = f.parameters[0].values.slice(0, 4);
        return f;
      },
      /"weight"\): expected 6 values, the file has 4/
    ],
    [
      'NaN value (via the object)',
      () => {
        const f = goodFile();
        f.parameters[1].values[1] = NaN;
        return f;
      },
      /"bias"\): value 1 is NaN/
    ],
    [
      'null value (how JSON writes NaN)',
      () => JSON.stringify(goodFile()).replace(/"values":\[([^,\]]+),/, '"values":[null,'),
      /"weight"\): value 0 is null/
    ],
    [
      'string value',
      () => {
        const f = goodFile() as unknown as { parameters: { values: unknown[] }[] };
        f.parameters[1].values[0] = '0.5';
        return f;
      },
      /"bias"\): value 0 is "0.5"/
    ],
    [
      'value too large for float32',
      () => {
        const f = goodFile();
        f.parameters[0].values[5] = 1e300;
        return f;
      },
      /value 5 is 1e\+300/
    ],
    [
      'parameter entry not an object',
      () => ({ ...goodFile(), parameters: [goodFile().parameters[0], 'bias'] }),
      /parameter 1 \("bias"\) must be an object/
    ]
  ];

  for (const [name, input, message] of cases) {
    it(name, () => {
      const model = new Tiny();
      const before = bits(model);
      let error: unknown;
      try {
        loadJSON(model, input());
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(WeightsError);
      expect((error as Error).message).toMatch(message);
      expect(bits(model)).toEqual(before);
    });
  }

  it('a bad LAST value does not leave earlier parameters half-written', () => {
    const model = new Tiny();
    const before = bits(model);
    const f = goodFile();
    f.parameters[1].values[1] = Infinity;
    expect(() => loadJSON(model, f)).toThrow(WeightsError);
    expect(bits(model)).toEqual(before);
    // And the same file, fixed, loads.
    f.parameters[1].values[1] = 0.5;
    loadJSON(model, f);
    expect(model.b.data[1]).toBe(0.5);
    expect(model.w.data[0]).toBe(Math.fround(f.parameters[0].values[0]));
  });
});
