/**
 * Softmax of each row of `k` logits into `into` (`into.length` values, row-major), shifted by the
 * row's maximum so exp never overflows. The one implementation behind every K-class probability
 * the labs show: the twin run's and the explorer's decision maps, the ensemble's thinned networks.
 */
export function softmaxRows(logits: ArrayLike<number>, k: number, into: Float32Array): Float32Array {
  for (let o = 0; o < into.length; o += k) {
    let max = -Infinity;
    for (let j = 0; j < k; j++) max = Math.max(max, logits[o + j]);
    let sum = 0;
    for (let j = 0; j < k; j++) sum += into[o + j] = Math.exp(logits[o + j] - max);
    for (let j = 0; j < k; j++) into[o + j] /= sum;
  }
  return into;
}
