import adapter from '@sveltejs/adapter-static';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

// DL_BUILD_DIR / DL_KIT_DIR let engineers build side by side in one checkout without clobbering
// each other's output (the browser-test harness reads DL_BUILD_DIR too). Defaults: build/, .svelte-kit/.
const out = process.env.DL_BUILD_DIR || 'build';

/**
 * sha256 hashes (CSP source form) of the inline <script>s in src/app.html. SvelteKit hashes the
 * scripts IT writes, but not the ones in app.html (the theme-before-first-paint script), so we hash
 * them here, from the file itself: edit that script and the policy follows, no hash to copy by hand.
 * @returns {`sha256-${string}`[]}
 */
function appHtmlScriptHashes() {
  const html = readFileSync(new URL('./src/app.html', import.meta.url), 'utf8');
  return [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map(
    (m) => /** @type {`sha256-${string}`} */ (`sha256-${createHash('sha256').update(m[1], 'utf8').digest('base64')}`)
  );
}

/**
 * The Content-Security-Policy of the built site (issue #9). SvelteKit writes it into every
 * prerendered page as a <meta> tag, adding a hash for each inline script it generates, so:
 * - script-src: our own files, the hashed inline scripts, and 'wasm-unsafe-eval' (compiling our
 *   WebAssembly kernels needs it; it allows WebAssembly only, NOT eval or new Function).
 * - style-src 'unsafe-inline': KaTeX's build-time HTML and Svelte's style: directives set inline
 *   style attributes. Styles cannot run code; scripts stay strict.
 * - connect-src 'self': the MNIST binary and the service worker's fetches go to our origin only.
 * - frame-ancestors 'self': only our own pages may embed the lesson. A <meta> policy cannot carry
 *   this directive (SvelteKit drops it there), so scripts/serve.mjs sends it as an HTTP header;
 *   it stays listed here as the single statement of intent. See FRAME_ANCESTORS in serve.mjs.
 *   The embed pages (/embed/<example>) are the one exception: any origin may frame them, so the
 *   server sends `frame-ancestors *` for them instead (EMBED_FRAME_ANCESTORS; README, "Embedding").
 * @type {import('@sveltejs/kit').Config['kit']['csp']}
 */
const csp = {
  mode: 'hash',
  directives: {
    'default-src': ['self'],
    'script-src': ['self', 'wasm-unsafe-eval', ...appHtmlScriptHashes()],
    'style-src': ['self', 'unsafe-inline'],
    'img-src': ['self', 'data:', 'blob:'],
    'font-src': ['self'],
    'connect-src': ['self'],
    'worker-src': ['self'],
    'manifest-src': ['self'],
    'object-src': ['none'],
    'base-uri': ['self'],
    'form-action': ['self'],
    'frame-ancestors': ['self']
  }
};

/** @type {import('@sveltejs/kit').Config} */
const config = {
  kit: {
    outDir: process.env.DL_KIT_DIR || '.svelte-kit',
    adapter: adapter({ pages: out, assets: out, fallback: undefined, strict: true }),
    prerender: { entries: ['*'], handleHttpError: 'fail' },
    // All CSS goes inline into the page's <head> (~13 kB gzipped). As ten <link>ed files it was ten
    // render-blocking requests queued behind the module preloads (six connections per host), and the
    // first paint waited for the last of them.
    inlineStyleThreshold: Infinity,
    csp
  }
};

export default config;
