/** Flatten: a reshape that copies nothing, and its backward restores the shape. */
import { describe, expect, it } from 'vitest';
import { gradCheck } from '../gradcheck';
import { Flatten } from '../../../src/lib/engine/layers';
import { tensor } from '../../../src/lib/engine/tensor';

describe('Flatten', () => {
  it('[N, C, H, W] → [N, C·H·W] sharing the same numbers', () => {
    const x = tensor(
      Array.from({ length: 24 }, (_, i) => i),
      [2, 3, 2, 2]
    );
    const f = new Flatten();
    const y = f.forward(x);
    expect(y.shape).toEqual([2, 12]);
    expect(y.data).toBe(x.data); // no copy: row-major [N, C, H, W] already is [N, C·H·W]
    const g = f.backward(
      tensor(
        Array.from({ length: 24 }, (_, i) => -i),
        [2, 12]
      )
    );
    expect(g.shape).toEqual([2, 3, 2, 2]);
    expect(g.data[5]).toBe(-5);
  });

  it('passes the gradient check (it is the identity on the numbers)', () => {
    expect(gradCheck(new Flatten(), [3, 2, 2, 3]).passed).toBe(true);
  });

  it('reuses its tensors while nothing changes; follows a new batch size', () => {
    const f = new Flatten();
    const x = tensor(new Float32Array(8), [2, 1, 2, 2]);
    expect(f.forward(x)).toBe(f.forward(x));
    expect(f.forward(tensor(new Float32Array(4), [1, 1, 2, 2])).shape).toEqual([1, 4]);
  });

  it('rejects a mismatched gradient and backward before forward', () => {
    const f = new Flatten();
    expect(() => f.backward(tensor([1], [1, 1]))).toThrow(/before forward/);
    f.forward(tensor(new Float32Array(8), [2, 4]));
    expect(() => f.backward(tensor([1, 2], [1, 2]))).toThrow(/expects \[2, 4\]/);
    expect(String(f)).toBe('Flatten()');
  });
});
