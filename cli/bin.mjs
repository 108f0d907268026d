#!/usr/bin/env node
/**
 * The `dropout-lab` executable (package.json "bin"). The CLI is TypeScript, like the engine it
 * drives, so this shim registers the tsx loader and then runs cli/main.ts. The WebAssembly kernel
 * module it loads is committed, so `npx dropout-lab` works straight after `npm ci`.
 */
import { register } from 'tsx/esm/api';

register();
const { run } = await import('./main.ts');
await run(process.argv.slice(2));
