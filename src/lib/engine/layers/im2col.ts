/**
 * im2col and col2im: the trick that turns a convolution into ONE matrix product.
 *
 * A 3×3 convolution slides a small window over the image. Copy the pixels under the window at
 * every position into one row ("image to columns"), and every output pixel becomes a dot product
 * of that row with a filter — exactly what a Linear layer computes. So a Conv2d is a Linear layer
 * applied to the rows of im2col, and it runs on the same fast (SIMD, zero-skipping) kernels.
 *
 * Layout (all row-major):
 *   image  x    [N, C, H, W]
 *   rows   cols [N·outH·outW, C·k·k]   row r = (n, oy, ox); column j = (c, ky, kx)
 * Pixels that fall in the zero padding are written as 0 (and the kernels skip zeros for free).
 */

/** The geometry of one convolution: everything im2col and col2im need to agree on. */
export interface ConvGeometry {
  /** Input channels C. */
  channels: number;
  /** Input height H and width W. */
  height: number;
  width: number;
  /** Window side k (square windows). */
  kernel: number;
  /** Step between window positions. */
  stride: number;
  /** Zero rows/columns added on every side. */
  padding: number;
  /** Output height and width: ⌊(H + 2·padding − k) / stride⌋ + 1. */
  outHeight: number;
  outWidth: number;
}

/** Output size along one axis; below 1 means the window does not fit. */
export function convOutSize(size: number, kernel: number, stride: number, padding: number): number {
  return Math.floor((size + 2 * padding - kernel) / stride) + 1;
}

/**
 * Copies every window of `x` (N images) into a row of `cols` (length N·outH·outW·C·k·k).
 * Row order: image, then output row, then output column; within a row: channel, ky, kx —
 * the same order as a filter's weights [C, k, k], so row · filter = one output pixel.
 */
export function im2col(x: Float32Array, n: number, g: ConvGeometry, cols: Float32Array): void {
  const { channels: C, height: H, width: W, kernel: k, stride: s, padding: pad, outHeight: OH, outWidth: OW } = g;
  const rowLen = C * k * k;
  let r = 0;
  for (let img = 0; img < n; img++) {
    const base = img * C * H * W;
    for (let oy = 0; oy < OH; oy++) {
      for (let ox = 0; ox < OW; ox++, r += rowLen) {
        let j = r;
        for (let c = 0; c < C; c++) {
          const plane = base + c * H * W;
          for (let ky = 0; ky < k; ky++) {
            const y = oy * s - pad + ky;
            const inside = y >= 0 && y < H;
            const line = plane + y * W;
            for (let kx = 0; kx < k; kx++, j++) {
              const xx = ox * s - pad + kx;
              cols[j] = inside && xx >= 0 && xx < W ? x[line + xx] : 0;
            }
          }
        }
      }
    }
  }
}

/**
 * The reverse of im2col for gradients: every entry of `cols` is added back onto the pixel it was
 * copied from (a pixel under several windows collects several contributions; padding entries are
 * dropped). `gx` (length N·C·H·W) is overwritten.
 */
export function col2im(cols: Float32Array, n: number, g: ConvGeometry, gx: Float32Array): void {
  const { channels: C, height: H, width: W, kernel: k, stride: s, padding: pad, outHeight: OH, outWidth: OW } = g;
  gx.fill(0, 0, n * C * H * W);
  let j = 0;
  for (let img = 0; img < n; img++) {
    const base = img * C * H * W;
    for (let oy = 0; oy < OH; oy++) {
      for (let ox = 0; ox < OW; ox++) {
        for (let c = 0; c < C; c++) {
          const plane = base + c * H * W;
          for (let ky = 0; ky < k; ky++) {
            const y = oy * s - pad + ky;
            const inside = y >= 0 && y < H;
            const line = plane + y * W;
            for (let kx = 0; kx < k; kx++, j++) {
              const xx = ox * s - pad + kx;
              if (inside && xx >= 0 && xx < W) gx[line + xx] += cols[j];
            }
          }
        }
      }
    }
  }
}
