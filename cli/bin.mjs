#!/usr/bin/env node
/**
 * The `dropout-lab` executable (package.json "bin"). The CLI is TypeScript, like the engine it
 * drives, so this shim registers the tsx loader and then runs cli/main.ts. It also builds the
 * generated WebAssembly kernel module on first use (it is not committed; `npm run gen` makes it),
 * so `npx dropout-lab` works straight after `npm ci`.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

const generated = fileURLToPath(new URL('../src/lib/engine/kernels/generated/linear-wasm.ts', import.meta.url));
if (!existsSync(generated)) {
  process.stderr.write('dropout-lab: building the WebAssembly kernels once (npm run gen)…\n');
  execFileSync(process.execPath, [fileURLToPath(new URL('../scripts/build-wasm.mjs', import.meta.url))], { stdio: ['ignore', 'ignore', 'inherit'] });
}

register();
const { run } = await import('./main.ts');
await run(process.argv.slice(2));
