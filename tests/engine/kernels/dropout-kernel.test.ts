// The dropout kernels: WebAssembly must give exactly the TypeScript result, bit for bit (masks,
// outputs, gradients) and leave the generator where the TypeScript loop does, so a run's numbers do
// not depend on which kernels drew its masks. Sizes straddle the one where wasm takes over; inputs
// hold negatives, zeros, huge values and (for the gradient) NaN and ±∞.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsKernels } from '../../../src/lib/engine/kernels/js';
import { loadWasmKernelsSync } from '../../../src/lib/engine/kernels/wasm';
import { Random } from '../../../src/lib/engine/rng';

const wasm = loadWasmKernelsSync();
const PAD = 3;

function input(seed: number, n: number, specials: boolean): Float32Array {
  const rng = new Random(seed);
  const a = new Float32Array(n + PAD).fill(777);
  const odd = [0, -0, 3e38, -3e38, 1e-40, NaN, Infinity, -Infinity];
  for (let i = 0; i < n; i++) a[i] = specials && rng.next() < 0.05 ? odd[rng.int(odd.length)] : rng.normal();
  return a;
}

const bits = (a: Float32Array) => Array.from(new Int32Array(a.buffer, a.byteOffset, a.length));

describe('wasm dropout kernels agree bit for bit with the TypeScript ones', () => {
  it('are defined', () => {
    expect(wasm?.dropout).toBeTypeOf('function');
    expect(wasm?.dropoutBackward).toBeTypeOf('function');
  });

  it('forward: the same mask, output bits and generator state', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        fc.oneof(fc.integer({ min: 1, max: 300 }), fc.integer({ min: 300, max: 3000 })),
        fc.oneof(fc.constantFrom(0.5, 0.2, 0.9, 1 - 2 ** -33, 1e-9), fc.double({ min: 0, max: 0.999, noNaN: true })),
        fc.constantFrom(1, 2, 1.25, 1 / 0.7),
        (seed, n, p, scale) => {
          const x = input(seed, n, false);
          const out = (k: typeof jsKernels) => {
            const rng = new Random(seed ^ 0x5bd1);
            const y = new Float32Array(n + PAD).fill(555);
            const mask = new Uint8Array(n + PAD).fill(9);
            k.dropout(rng, x, y, mask, n, p, scale);
            return { y: bits(y), mask: Array.from(mask), next: rng.nextUint32() };
          };
          const a = out(jsKernels);
          const b = out(wasm as typeof jsKernels);
          expect(b.mask).toEqual(a.mask);
          expect(b.y).toEqual(a.y);
          expect(b.next).toBe(a.next);
          expect(a.mask.slice(n)).toEqual([9, 9, 9]); // nothing written past n
        }
      ),
      { numRuns: 80 }
    );
  });

  it('backward: the same gradient bits, exactly +0 where dropped even for NaN and ±∞', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        fc.oneof(fc.integer({ min: 1, max: 300 }), fc.integer({ min: 300, max: 3000 })),
        fc.constantFrom(1, 2, 1.25, 1 / 0.7, 0.5),
        (seed, n, c) => {
          const g = input(seed, n, true);
          const rng = new Random(seed);
          const mask = Uint8Array.from({ length: n }, () => +(rng.next() >= 0.5));
          const run = (k: typeof jsKernels) => {
            const gx = new Float32Array(n + PAD).fill(555);
            k.dropoutBackward(g, gx, mask, n, c);
            return gx;
          };
          const a = run(jsKernels);
          const b = run(wasm as typeof jsKernels);
          expect(bits(b)).toEqual(bits(a));
          for (let i = 0; i < n; i++) if (mask[i] === 0) expect(Object.is(b[i], 0)).toBe(true);
          expect(Array.from(b.subarray(n))).toEqual([555, 555, 555]);
        }
      ),
      { numRuns: 80 }
    );
  });
});
