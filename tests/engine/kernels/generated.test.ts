// The assembled kernel module is committed (so the CLI, the tests and a fresh clone need no build
// step before they run). This test keeps it honest: it assembles kernels/linear.wat with wabt, the
// same way scripts/build-wasm.mjs does, and requires the committed bytes to be exactly those.
// After editing the .wat, `npm run gen` rewrites the module.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import initWabt from 'wabt';
import { linearWasmBase64 } from '../../../src/lib/engine/kernels/generated/linear-wasm';

const watPath = fileURLToPath(new URL('../../../src/lib/engine/kernels/linear.wat', import.meta.url));
const modulePath = fileURLToPath(new URL('../../../src/lib/engine/kernels/generated/linear-wasm.ts', import.meta.url));
const scriptPath = fileURLToPath(new URL('../../../scripts/build-wasm.mjs', import.meta.url));

describe('generated linear-wasm module', () => {
  it('holds exactly the binary that linear.wat assembles to (run `npm run gen` after editing the .wat)', async () => {
    const wabt = await initWabt();
    const module = wabt.parseWat('linear.wat', readFileSync(watPath, 'utf8'), { simd: true });
    try {
      module.validate();
      const expected = Buffer.from(module.toBinary({ canonicalize_lebs: true }).buffer);
      const committed = Buffer.from(linearWasmBase64, 'base64');
      expect(committed.length).toBe(expected.length);
      expect(committed.equals(expected)).toBe(true);
    } finally {
      module.destroy();
    }
  });

  it('records the source hash build-wasm.mjs computes, so `npm run gen` leaves the committed file as it is', () => {
    const hash = createHash('sha256')
      .update(readFileSync(watPath, 'utf8'))
      .update(readFileSync(scriptPath))
      .digest('hex')
      .slice(0, 16);
    expect(readFileSync(modulePath, 'utf8').split('\n')[0]).toContain(`source-hash: ${hash}`);
  });

  it('is a valid WebAssembly module with the exports the kernels use', () => {
    const bytes = Buffer.from(linearWasmBase64, 'base64');
    expect(WebAssembly.validate(bytes)).toBe(true);
    const names = WebAssembly.Module.exports(new WebAssembly.Module(bytes)).map((e) => e.name);
    expect(names).toEqual(expect.arrayContaining(['memory', 'pack', 'spmm', 'transpose', 'copyRows', 'tanh']));
  });
});
