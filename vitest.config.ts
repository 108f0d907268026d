import { defineConfig } from 'vitest/config';

// Unit and property tests: engine, data and lab code in Node. No browser, no SvelteKit plugin.
export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    exclude: ['tests/browser/**', 'node_modules/**'],
    environment: 'node',
    globalSetup: ['tests/setup/generate.ts'],
    setupFiles: ['tests/setup/fast-check.ts'],
    testTimeout: 60_000,
    reporters: ['default']
  }
});
