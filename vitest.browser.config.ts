import { defineConfig } from 'vitest/config';

// Browser tests: playwright-core drives Debian's Chromium against the built site (build/).
// One file at a time: each starts its own static server and browser, and the machine has 2 cores.
export default defineConfig({
  test: {
    include: ['tests/browser/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    reporters: ['default']
  }
});
