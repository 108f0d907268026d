import { ShapeError, type Tensor } from '../tensor';

/** Argument checks shared by several layers, so every layer reports mistakes the same way. */

/**
 * The cached forward output, after checking that backward got a gradient of the same size.
 * Shared by the activations, whose derivative is cheapest to compute from their output.
 */
export function checkedOutput(output: Tensor | null, gradOut: Tensor, who: string): Tensor {
  if (output === null) throw new Error(`${who}.backward called before forward`);
  if (gradOut.data.length !== output.data.length) {
    throw new ShapeError(
      `${who}.backward expects a gradient of shape [${output.shape.join(', ')}], got [${gradOut.shape.join(', ')}]`
    );
  }
  return output;
}

/**
 * Validates a drop probability and returns it. `p` is the probability of ZEROING a unit (as in
 * PyTorch), so it must lie in [0, 1]; `upTo1: false` excludes 1 (GaussianDropout, whose noise
 * variance p/(1−p) would be infinite). The message names the offending value, because the
 * value usually comes from a slider or a config file and "invalid p" alone helps nobody.
 */
export function checkDropProbability(p: unknown, who: string, upTo1 = true): number {
  const ok = typeof p === 'number' && p >= 0 && (upTo1 ? p <= 1 : p < 1); // false for NaN
  if (ok) return p;
  const shown =
    typeof p === 'string' ? `"${p}" (a string)` : typeof p === 'number' ? String(p) : `${String(p)} (a ${typeof p})`;
  if (upTo1) throw new RangeError(`${who} p must be in [0, 1], got ${shown}`);
  const why = p === 1 ? ': p = 1 would make the noise variance p/(1−p) infinite' : '';
  throw new RangeError(`${who} p must be in [0, 1), got ${shown}${why}`);
}

/** Validates forced indices (whole numbers ≥ 0) and returns a sorted copy without duplicates. */
export function checkIndices(dropped: readonly number[] | null, who: string): readonly number[] | null {
  if (dropped === null) return null;
  for (const i of dropped) {
    if (!Number.isInteger(i) || i < 0) throw new RangeError(`${who}: indices must be whole numbers ≥ 0, got ${i}`);
  }
  return Object.freeze([...new Set(dropped)].sort((a, b) => a - b));
}

/** Validates the forced survivors' scale: any finite number. */
export function checkScale(scale: number): number {
  if (typeof scale !== 'number' || !Number.isFinite(scale))
    throw new RangeError(`forceMask scale must be a finite number, got ${String(scale)}`);
  return scale;
}
