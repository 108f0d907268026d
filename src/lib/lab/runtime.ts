import { loadWasmKernels, useKernels } from '../engine';
import { loadMnistFetch, type MnistSet } from '../data';

/**
 * What every experiment does once when its Web Worker (or the CLI) starts: install the fastest
 * matrix kernels this runtime has, and load the real digits at most once. Framework-free, so a
 * worker, Node and the CLI share it.
 */

let kernelName: Promise<string> | null = null;

/** Installs the WebAssembly SIMD kernels when available; resolves to the kernels' name. */
export function prepareKernels(): Promise<string> {
  kernelName ??= loadWasmKernels()
    .then((k) => {
      if (k) useKernels(k);
      return k ? k.name : 'js';
    })
    .catch(() => 'js');
  return kernelName;
}

const mnistCache = new Map<string, Promise<MnistSet>>();

/**
 * Fetches and parses the MNIST binary once per URL (in a worker: same origin, served from
 * static/data/). A failed load is not cached, so a retry can succeed.
 */
export function fetchMnistOnce(url: string): Promise<MnistSet> {
  let p = mnistCache.get(url);
  if (!p) {
    p = loadMnistFetch(url);
    p.catch(() => mnistCache.delete(url));
    mnistCache.set(url, p);
  }
  return p;
}
