import { execFileSync } from 'node:child_process';

/**
 * Vitest global setup: make sure the MNIST binary exists (static/data is generated, not committed),
 * so `npx vitest run` works on a fresh checkout too. The script skips its work when the output is
 * up to date. The WebAssembly kernel module is committed and needs no step here.
 */
export default function setup(): void {
  execFileSync(process.execPath, ['scripts/build-mnist.mjs'], { stdio: 'inherit' });
}
