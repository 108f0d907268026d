import type { Parameter } from '../module';

/**
 * The max-norm constraint of the dropout paper (Srivastava et al., 2014, §5.1): after each
 * optimiser step, every hidden unit's INCOMING weight vector w is projected back onto the ball
 * ‖w‖₂ ≤ c. For a Linear weight `[out, in]` that vector is one row; rows already inside the ball
 * are left untouched, longer ones are scaled by c/‖w‖ (same direction, length exactly c).
 * (For higher-rank weights such as `[out, C, kh, kw]`, each unit's block after dimension 0 counts
 * as its row.)
 *
 * Why: dropout plus a large learning rate and high momentum can push weights to grow without bound;
 * capping the norm lets you use those aggressive settings safely. The paper used c ≈ 3–4.
 *
 * Returns the number of rows that were rescaled (useful to show how often the constraint binds).
 */
export function applyMaxNorm(weight: Parameter, c: number): number {
  if (!(c > 0) || !Number.isFinite(c)) throw new RangeError(`applyMaxNorm: c must be a positive number, got ${c}`);
  if (weight.shape.length < 2) {
    throw new RangeError(
      `applyMaxNorm: "${weight.name}" has shape [${weight.shape.join(', ')}]; expected a weight [out, in]`
    );
  }
  const rows = weight.shape[0];
  const len = rows === 0 ? 0 : weight.data.length / rows;
  const w = weight.data;
  let rescaled = 0;
  for (let r = 0; r < rows; r++) {
    const start = r * len;
    let sq = 0;
    for (let i = start; i < start + len; i++) sq += w[i] * w[i];
    const norm = Math.sqrt(sq);
    if (norm > c) {
      const scale = c / norm;
      for (let i = start; i < start + len; i++) w[i] *= scale;
      rescaled++;
    }
  }
  return rescaled;
}

/**
 * Applies `applyMaxNorm` to every weight matrix among `params` (rank ≥ 2); biases are skipped
 * because the constraint is on incoming weights. Returns the total number of rows rescaled.
 */
export function applyMaxNormAll(params: readonly Parameter[], c: number): number {
  let rescaled = 0;
  for (const p of params) if (p.shape.length >= 2) rescaled += applyMaxNorm(p, c);
  return rescaled;
}
