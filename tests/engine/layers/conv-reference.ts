/**
 * A direct, loop-by-loop convolution in float64: the definition, with no im2col trick. The tests
 * compare Conv2d (im2col + matrix kernels) against it.
 */
export function referenceConv(
  x: Float32Array,
  [n, c, h, w]: readonly number[],
  weight: Float32Array,
  bias: Float32Array,
  outC: number,
  k: number,
  stride: number,
  padding: number
): { data: Float64Array; shape: number[] } {
  const oh = Math.floor((h + 2 * padding - k) / stride) + 1;
  const ow = Math.floor((w + 2 * padding - k) / stride) + 1;
  const out = new Float64Array(n * outC * oh * ow);
  for (let img = 0; img < n; img++)
    for (let o = 0; o < outC; o++)
      for (let oy = 0; oy < oh; oy++)
        for (let ox = 0; ox < ow; ox++) {
          let s = bias[o];
          for (let ch = 0; ch < c; ch++)
            for (let ky = 0; ky < k; ky++)
              for (let kx = 0; kx < k; kx++) {
                const y = oy * stride - padding + ky;
                const xx = ox * stride - padding + kx;
                if (y < 0 || y >= h || xx < 0 || xx >= w) continue;
                s += x[((img * c + ch) * h + y) * w + xx] * weight[((o * c + ch) * k + ky) * k + kx];
              }
          out[((img * outC + o) * oh + oy) * ow + ox] = s;
        }
  return { data: out, shape: [n, outC, oh, ow] };
}
