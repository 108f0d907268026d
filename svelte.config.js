import adapter from '@sveltejs/adapter-static';

/** @type {import('@sveltejs/kit').Config} */
// DL_BUILD_DIR / DL_KIT_DIR let engineers build side by side in one checkout without clobbering
// each other's output (the browser-test harness reads DL_BUILD_DIR too). Defaults: build/, .svelte-kit/.
const out = process.env.DL_BUILD_DIR || 'build';

const config = {
  kit: {
    outDir: process.env.DL_KIT_DIR || '.svelte-kit',
    adapter: adapter({ pages: out, assets: out, fallback: undefined, strict: true }),
    prerender: { entries: ['*'], handleHttpError: 'fail' }
  }
};

export default config;
