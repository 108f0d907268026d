import js from '@eslint/js';
import ts from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';

/*
 * Layering (docs/ARCHITECTURE.md): ui → lab → data → engine, enforced on import paths.
 * - engine imports nothing of ours outside src/lib/engine (a relative path may not climb out of it);
 * - data imports nothing of lab or ui;
 * - ui (src/lib/ui, src/routes) imports lab only: data and engine for types at most;
 * - everything outside the engine reaches it through src/lib/engine/index.ts, never a deep path
 *   (tests are exempt: they test the internals).
 * One block per group of files, because a later block's options for the same rule replace (not
 * extend) an earlier one's.
 */
const RULE = '@typescript-eslint/no-restricted-imports';
const SRC = ['ts', 'js', 'mjs', 'svelte'].map((ext) => `**/*.${ext}`);
const under = (dir) => SRC.map((glob) => `${dir}/${glob}`);

/** `$lib/x`, `$lib/x/…` or a relative path whose segment `x` follows only `.`/`..` segments and ours. */
const layer = (names) => `(^\\$lib/|^(\\.\\.?/)+(lib/)?)(${names})(/|$)`;

const deepEngine = {
  regex: '(^|/)engine/(?!index$)',
  message: 'Import the engine through src/lib/engine/index.ts (its public API), not a file inside it.'
};
const svelteKit = {
  regex: '^(\\$app|\\$env|\\$service-worker|svelte)(/|$)',
  message: 'The engine, data and lab layers run in Node and in workers: no SvelteKit or Svelte.'
};

/** The restriction block for files in `files` (each file must fall in exactly one block). */
const restrict = (files, patterns, ignores = []) => ({ files, ignores, rules: { [RULE]: ['error', { patterns }] } });

/** Engine files at depth d below src/lib/engine may not climb d+1 directories. */
const engineBlocks = [0, 1, 2].map((depth) => {
  const stars = Array.from({ length: depth }, () => '*/').join('');
  const climb = '\\.\\./'.repeat(depth + 1);
  return restrict(
    ['ts', 'js'].map((ext) => `src/lib/engine/${stars}*.${ext}`),
    [
      { regex: `^${climb}`, message: 'The engine imports nothing of ours outside src/lib/engine.' },
      { regex: '^\\$lib(/|$)', message: 'The engine imports nothing of ours outside src/lib/engine.' },
      svelteKit
    ]
  );
});

export default ts.config(
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs['flat/recommended'],
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } }
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: ts.parser } }
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-constant-condition': ['error', { checkLoops: false }]
    }
  },
  ...engineBlocks,
  restrict(under('src/lib/data'), [
    {
      regex: layer('lab|ui|routes'),
      message: 'The data layer imports nothing of lab or ui (ui → lab → data → engine).'
    },
    deepEngine,
    svelteKit
  ]),
  restrict(under('src/lib/lab'), [
    { regex: layer('ui|routes'), message: 'The lab layer imports nothing of ui (ui → lab → data → engine).' },
    deepEngine
  ]),
  restrict(
    [...under('src/lib/ui'), ...under('src/routes')],
    [
      deepEngine,
      {
        // The engine's index only: a pattern that allows type imports lets a type import through
        // every other pattern too, so a deep engine path must not match this one (deepEngine reports it).
        regex: `${layer('data')}|${layer('engine').replace('(/|$)', '(/index)?$')}`,
        allowTypeImports: true,
        message:
          'ui imports lab, not data or engine values (types are fine: `import type`); have lab re-export what ui needs.'
      }
    ]
  ),
  restrict([...under('cli'), ...under('bench'), ...under('scripts'), 'src/*.ts'], [deepEngine]),
  {
    ignores: [
      'build/',
      'build-*/',
      '.svelte-kit/',
      '.svelte-kit-*/',
      'node_modules/',
      'static/data/',
      'src/lib/engine/kernels/generated/'
    ]
  }
);
