/**
 * The shift augmentation: whole-pixel moves with zero fill, drawn from the seeded stream within
 * the bound, labels untouched, and an input stage whose unshifted output is exactly the lesson's
 * 14×14 digits.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Random, Seeds, Sequential, Identity, type Tensor } from '../../../src/lib/engine';
import { mnistSplit } from '../../../src/lib/data';
import { loadMnistNode } from '../../../src/lib/data/mnist-node';
import { InputStage, drawShift, shiftImage } from '../../../src/lib/lab/augment/shift';
import { augmentData, buildNetwork, DEFAULT_CONFIG } from '../../../src/lib/lab/augment/experiment';

const mnist = loadMnistNode();

/** A side × side image with random grey levels. */
const image = (side: number) =>
  fc.array(fc.integer({ min: 0, max: 255 }), { minLength: side * side, maxLength: side * side });

describe('shiftImage', () => {
  it('moves every pixel by (dx, dy) and fills what came from outside with 0', () => {
    fc.assert(
      fc.property(image(6), fc.integer({ min: -3, max: 3 }), fc.integer({ min: -3, max: 3 }), (px, dx, dy) => {
        const out = new Float32Array(36);
        shiftImage(px, 6, dx, dy, out);
        for (let r = 0; r < 6; r++)
          for (let c = 0; c < 6; c++) {
            const inside = r - dy >= 0 && r - dy < 6 && c - dx >= 0 && c - dx < 6;
            expect(out[r * 6 + c]).toBe(inside ? px[(r - dy) * 6 + (c - dx)] : 0);
          }
      })
    );
  });

  it('a shifted real digit is the original moved: same ink, same shape, and shifting back restores it', () => {
    const side = 28;
    const digit = Array.from(mnist.pixels.subarray(0, side * side));
    const moved = new Float32Array(side * side);
    const back = new Float32Array(side * side);
    shiftImage(digit, side, 2, -1, moved);
    shiftImage(moved, side, -2, 1, back);
    // MNIST digits sit in a 20×20 box with a 4-px border, so a 2-px move loses no ink.
    const ink = (a: ArrayLike<number>) => Array.from(a).reduce((s, v) => s + v, 0);
    expect(ink(moved)).toBe(ink(digit));
    expect(Array.from(back)).toEqual(digit);
    expect(Array.from(moved)).not.toEqual(digit);
    expect(moved[5 * side + 10 + 2 - side]).toBe(digit[5 * side + 10]); // pixel (5, 10) is now at (4, 12)
  });

  it('rejects fractional shifts', () => {
    expect(() => shiftImage([0, 0, 0, 0], 2, 0.5, 0, new Float32Array(4))).toThrow(/whole pixels/);
  });
});

describe('drawShift', () => {
  it('stays within ±max, reaches every move, and is the same for the same seed', () => {
    const a = new Seeds(5).stream('augment');
    const b = new Seeds(5).stream('augment');
    const seen = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const s = drawShift(a, 2);
      expect(drawShift(b, 2)).toEqual(s);
      for (const v of s) expect(Math.abs(v)).toBeLessThanOrEqual(2);
      seen.add(s.join(','));
    }
    expect(seen.size).toBe(25);
    expect(drawShift(new Random(1), 0)).toEqual([0, 0]);
  });
});

describe('InputStage', () => {
  const data = augmentData(mnist, { train: 40, val: 20, dataSeed: 3 });
  const batch = (rows: number): Tensor => ({
    data: data.train.x.data.subarray(0, rows * 784),
    shape: [rows, 784]
  });

  it('without shifts gives exactly the 14×14 digits of mnistSplit, the same digits in the same order', () => {
    const split = mnistSplit(mnist, { train: 40, val: 20, seed: 3, downsample: 14 });
    const stage = new InputStage(new Sequential(new Identity()), { side: 28, maxShift: 0, rng: new Random(1) });
    expect(Array.from(stage.forward(batch(40)).data)).toEqual(Array.from(split.train.x.data));
    expect(Array.from(data.train.y.data)).toEqual(Array.from(split.train.y.data));
    expect(Array.from(data.val.y.data)).toEqual(Array.from(split.val.y.data));
  });

  it('in training shifts each digit by its own seeded move, records it, and leaves labels alone; eval never shifts', () => {
    const make = () =>
      new InputStage(new Sequential(new Identity()), { side: 28, maxShift: 2, rng: new Seeds(9).stream('augment') });
    const stage = make();
    const labels = Array.from(data.train.y.data);
    const out = Array.from(stage.forward(batch(40)).data);
    const shifts = Array.from(stage.lastShifts);
    expect(shifts).toHaveLength(80);
    expect(shifts.every((v) => Math.abs(v) <= 2)).toBe(true);
    expect(shifts.some((v) => v !== 0)).toBe(true);
    // Row r is digit r moved by its recorded shift, then averaged.
    const plain = new InputStage(new Sequential(new Identity()), { side: 28, maxShift: 0, rng: new Random(1) });
    for (const r of [0, 7, 39]) {
      const moved = new Float32Array(784);
      shiftImage(data.train.x.data, 28, shifts[2 * r], shifts[2 * r + 1], moved, r * 784);
      const expected = Array.from(plain.forward({ data: moved, shape: [1, 784] }).data);
      expect(out.slice(r * 196, (r + 1) * 196)).toEqual(expected);
    }
    expect(Array.from(data.train.y.data)).toEqual(labels);
    // The same seed gives the same shifts.
    const again = make();
    again.forward(batch(40));
    expect(Array.from(again.lastShifts)).toEqual(shifts);
    stage.eval();
    const evalOut = Array.from(stage.forward(batch(40)).data);
    expect(stage.lastShifts).toHaveLength(0);
    expect(evalOut).toEqual(Array.from(plain.forward(batch(40)).data));
  });

  it('rejects images of the wrong size and impossible bounds', () => {
    const stage = new InputStage(new Sequential(new Identity()), { side: 28, maxShift: 2, rng: new Random(1) });
    expect(() => stage.forward({ data: new Float32Array(196), shape: [1, 196] })).toThrow(/28×28/);
    expect(() => new InputStage(new Identity(), { side: 28, maxShift: -1, rng: new Random(1) })).toThrow(RangeError);
    expect(() => new InputStage(new Identity(), { side: 27, maxShift: 1, rng: new Random(1) })).toThrow(RangeError);
  });

  it('the shifted variants draw shifts only from the augment stream: the network weights and masks are untouched', () => {
    const plain = buildNetwork('neither', DEFAULT_CONFIG, 4);
    const shifted = buildNetwork('augment', DEFAULT_CONFIG, 4);
    expect(shifted.model.options.maxShift).toBe(2);
    expect(plain.model.options.maxShift).toBe(0);
    const a = plain.net.parameters();
    const b = shifted.net.parameters();
    a.forEach((p, i) => expect(Array.from(b[i].data)).toEqual(Array.from(p.data)));
  });
});
