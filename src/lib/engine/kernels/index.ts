import { jsKernels } from './js';
import type { FloatStore, LinearKernels } from './types';

export type { AdamStep, FloatStore, LinearKernels } from './types';
export { VELOCITY_FLOOR } from './types';
export { jsKernels } from './js';

/** The kernels every Linear layer uses; pure TypeScript until `useKernels` installs faster ones. */
let current: LinearKernels = jsKernels;

/** The kernels in use now. */
export function kernels(): LinearKernels {
  return current;
}

/** Installs a kernel implementation for every Linear layer (e.g. WebAssembly SIMD once compiled). */
export function useKernels(k: LinearKernels): void {
  current = k;
}

/** n zeroed floats from the kernels in use now (in wasm memory for the SIMD kernels; see FloatStore). */
export function floats(n: number): FloatStore {
  return current.allocate?.(n) ?? { array: new Float32Array(n) };
}
