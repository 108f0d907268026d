import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vitest/config';

// Unit and property tests: engine, data and lab code in Node. No browser, no SvelteKit plugin; the
// Svelte plugin compiles the .svelte.ts state classes (e.g. the twin run's controller) that tests drive.
export default defineConfig({
  plugins: [svelte()],
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
