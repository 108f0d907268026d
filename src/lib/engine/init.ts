import type { Random } from './rng';

/**
 * Weight initialisation. Why it matters: if the starting weights are too large, activations grow
 * layer after layer and gradients explode; too small, and they shrink to nothing. These schemes
 * pick the spread from the layer's fan-in (inputs per unit) so the signal keeps a similar scale.
 *
 * Both fill `data` in place, element 0 first, one `rng.uniform` draw per element, so the same seed
 * always gives the same network (the twin experiment relies on that).
 */

/**
 * He (Kaiming) uniform, for layers followed by ReLU: U(−a, a) with a = √(6 / fanIn), so the
 * variance is 2 / fanIn (ReLU zeroes half the signal; the factor 2 makes up for it).
 * He et al., 2015. Returns `data`.
 */
export function heUniform(data: Float32Array, fanIn: number, rng: Random): Float32Array {
  checkFan(fanIn, 'fanIn', 'heUniform');
  return fillUniform(data, Math.sqrt(6 / fanIn), rng);
}

/**
 * Glorot (Xavier) uniform, for tanh/sigmoid/linear layers: U(−a, a) with a = √(6 / (fanIn + fanOut)),
 * so the variance is 2 / (fanIn + fanOut), a compromise between keeping forward activations and
 * backward gradients at scale. Glorot & Bengio, 2010. Returns `data`.
 */
export function glorotUniform(data: Float32Array, fanIn: number, fanOut: number, rng: Random): Float32Array {
  checkFan(fanIn, 'fanIn', 'glorotUniform');
  checkFan(fanOut, 'fanOut', 'glorotUniform');
  return fillUniform(data, Math.sqrt(6 / (fanIn + fanOut)), rng);
}

/** Fills `data` with independent draws from U(−limit, limit). */
function fillUniform(data: Float32Array, limit: number, rng: Random): Float32Array {
  for (let i = 0; i < data.length; i++) data[i] = rng.uniform(-limit, limit);
  return data;
}

function checkFan(n: number, name: string, who: string): void {
  if (!Number.isInteger(n) || n <= 0) throw new RangeError(`${who}: ${name} must be a positive integer, got ${n}`);
}
