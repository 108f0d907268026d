import { execFileSync } from 'node:child_process';

/**
 * Vitest global setup: make sure the build-time files exist (the assembled WebAssembly kernels and
 * the MNIST binary), so `npx vitest run` works on a fresh checkout too. Both scripts skip their
 * work when the output is up to date.
 */
export default function setup(): void {
  for (const script of ['scripts/build-wasm.mjs', 'scripts/build-mnist.mjs']) {
    execFileSync(process.execPath, [script], { stdio: 'inherit' });
  }
}
