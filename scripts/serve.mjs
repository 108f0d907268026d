// A small, dependency-free static server for the built site (build/), used by `npm start`, the browser tests
// and `npm run bench:web`. It serves only files under `root`, with correct MIME types (WebAssembly must be
// `application/wasm` for streaming compilation), caching that matches SvelteKit's file naming, and the
// headers a service worker needs.

import { createServer } from 'node:http';
import { createReadStream, existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** Content-Type for each file extension we ship; anything else is served as bytes. */
export const MIME_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.bin': 'application/octet-stream'
};

/** Extensions worth compressing (text); images, fonts and our binary data are already dense or tiny. */
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.webmanifest', '.svg', '.txt', '.wasm']);

/**
 * Content-Type for a path, by extension.
 * @param {string} path
 * @returns {string}
 */
export function mimeType(path) {
  return MIME_TYPES[/** @type {keyof typeof MIME_TYPES} */ (extname(path).toLowerCase())] ?? 'application/octet-stream';
}

/**
 * Cache-Control for a URL path. SvelteKit puts content-hashed files under /_app/immutable/, so they can be
 * cached forever; HTML, the service worker and the manifest must be revalidated every time or a deploy would
 * never reach returning visitors; everything else (data files, icons) may be reused for an hour.
 * @param {string} urlPath
 * @returns {string}
 */
export function cacheControl(urlPath) {
  if (urlPath.startsWith('/_app/immutable/')) return 'public, max-age=31536000, immutable';
  if (/\.(html|webmanifest)$/.test(urlPath) || urlPath.endsWith('/') || !extname(urlPath)) return 'no-cache';
  if (urlPath === '/service-worker.js' || urlPath === '/_app/version.json') return 'no-cache';
  return 'public, max-age=3600';
}

/**
 * Maps a request path to a file path inside `root`, or null when the path is malformed or would escape
 * `root` (e.g. `/../secret`, `/%2e%2e/secret`, `/..%2fsecret`). Decoding happens before the check, so encoded
 * dots and slashes cannot sneak past it.
 * @param {string} root absolute directory
 * @param {string} urlPath the request path without query string
 * @returns {string | null}
 */
export function resolveInside(root, urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const full = resolve(root, '.' + (decoded.startsWith('/') ? decoded : '/' + decoded));
  return full === root || full.startsWith(root + sep) ? full : null;
}

/**
 * The file to send for a request path: the file itself, `dir/index.html` for a directory, or `path.html`
 * for an extension-less route (how adapter-static writes prerendered pages). Null when nothing matches.
 * @param {string} root
 * @param {string} urlPath
 */
async function findFile(root, urlPath) {
  const base = resolveInside(root, urlPath);
  if (!base) return null;
  // `root + '.html'` would sit outside root, so the root itself only ever maps to its index.html.
  const candidates = base === root ? [join(root, 'index.html')] : [base, join(base, 'index.html'), base + '.html'];
  for (const candidate of candidates) {
    const info = await stat(candidate).catch(() => null);
    if (info?.isFile()) return { path: candidate, info };
  }
  return null;
}

/**
 * Who may embed the lesson in a frame: only our own pages. It belongs to the site's Content-Security-
 * Policy (svelte.config.js), but a <meta> policy cannot carry `frame-ancestors`, so it travels as a header.
 * X-Frame-Options says the same to browsers that predate CSP level 2.
 */
export const FRAME_ANCESTORS = "frame-ancestors 'self'";

/**
 * Who may frame an embed page (/embed/<example>): anyone. They exist to sit in course pages on other
 * origins; the rest of their policy is the lesson's, and they show one example and post only its height.
 */
export const EMBED_FRAME_ANCESTORS = 'frame-ancestors *';

/** Folder of the embed pages in the build (src/routes/embed/[example] → embed/<example>.html). */
export const EMBED_DIR = 'embed';

/**
 * The frame-ancestors directive for a file about to be sent: `*` for the embed pages, `'self'` for
 * everything else. Decided on the resolved file, not on the request path, so `/embed/../` (the lesson)
 * cannot borrow the embed pages' policy.
 * @param {string} root absolute build folder
 * @param {string} filePath absolute path of the file, inside root
 * @returns {string}
 */
export function frameAncestorsFor(root, filePath) {
  return filePath.startsWith(join(root, EMBED_DIR) + sep) ? EMBED_FRAME_ANCESTORS : FRAME_ANCESTORS;
}

/**
 * The Content-Security-Policy header for a page: the policy SvelteKit wrote into the page's <meta> tag
 * (with the hashes of its inline scripts) plus `frame-ancestors`. Sent as a header, the policy covers the
 * page from its first byte, including anything placed before the <meta> tag in the <head>.
 * @param {string} html the page's text
 * @param {string} [frameAncestors] the directive to add (default: our own pages only)
 * @returns {string}
 */
export function pageCsp(html, frameAncestors = FRAME_ANCESTORS) {
  const meta = /<meta\s+http-equiv="content-security-policy"\s+content="([^"]*)"/i.exec(html);
  return meta ? `${meta[1].replace(/&#39;/g, "'").replace(/&amp;/g, '&')}; ${frameAncestors}` : frameAncestors;
}

/**
 * Policies of pages keyed by path and modification time, so each page is read once per change.
 * @type {Map<string, string>}
 */
const cspCache = new Map();

/** Headers sent with every response. */
const COMMON_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Content-Security-Policy': FRAME_ANCESTORS,
  'X-Frame-Options': 'SAMEORIGIN'
};

/**
 * Gzipped bodies keyed by path and modification time, so each file is compressed once per change.
 * @type {Map<string, Buffer>}
 */
const gzipCache = new Map();

/**
 * Gzipped bytes of a file, cached.
 * @param {string} path
 * @param {number} mtimeMs
 * @returns {Promise<Buffer>}
 */
async function gzipped(path, mtimeMs) {
  const key = `${path}:${mtimeMs}`;
  let body = gzipCache.get(key);
  if (!body) {
    body = gzipSync(await readFile(path));
    gzipCache.set(key, body);
  }
  return body;
}

/**
 * The 404 body: the site's own 404.html when it has one, else a minimal page.
 * @param {string} root
 * @returns {Promise<Buffer>}
 */
async function notFoundBody(root) {
  const custom = join(root, '404.html');
  if (existsSync(custom)) return readFile(custom);
  return Buffer.from(
    '<!doctype html><html lang="en"><meta charset="utf-8"><title>Not found · Dropout Lab</title>' +
      '<h1>Not found</h1><p>There is no page here. <a href="/">Back to the lesson</a>.</p></html>'
  );
}

/**
 * Handles one request against `root`.
 * @param {string} root
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 */
async function handle(root, req, res) {
  for (const [name, value] of Object.entries(COMMON_HEADERS)) res.setHeader(name, value);
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('Method not allowed\n');
    return;
  }
  const urlPath = (req.url ?? '/').split('?')[0].split('#')[0];
  const file = await findFile(root, urlPath);
  if (!file) {
    const body = await notFoundBody(root);
    res.writeHead(404, {
      'Content-Type': MIME_TYPES['.html'],
      'Cache-Control': 'no-cache',
      'Content-Length': body.length
    });
    res.end(req.method === 'HEAD' ? undefined : body);
    return;
  }

  const { path, info } = file;
  const etag = `"${info.size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}"`;
  res.setHeader('Content-Type', mimeType(path));
  res.setHeader('Cache-Control', cacheControl(urlPath));
  res.setHeader('ETag', etag);
  res.setHeader('Last-Modified', info.mtime.toUTCString());
  if (path.endsWith('.html')) {
    const frameAncestors = frameAncestorsFor(root, path);
    const key = `${path}:${info.mtimeMs}:${frameAncestors}`;
    if (!cspCache.has(key)) cspCache.set(key, pageCsp(await readFile(path, 'utf8'), frameAncestors));
    res.setHeader('Content-Security-Policy', /** @type {string} */ (cspCache.get(key)));
    // X-Frame-Options has no "anyone" value: an embed page simply does not send it.
    if (frameAncestors === EMBED_FRAME_ANCESTORS) res.removeHeader('X-Frame-Options');
  }
  if (path.endsWith(sep + 'service-worker.js')) {
    // Lets the worker (served from the root) control the whole site, and keeps it from being served stale.
    res.setHeader('Service-Worker-Allowed', '/');
  }
  const compress = COMPRESSIBLE.has(extname(path).toLowerCase());
  if (compress) res.setHeader('Vary', 'Accept-Encoding');

  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304);
    res.end();
    return;
  }
  if (compress && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
    const body = await gzipped(path, info.mtimeMs);
    res.writeHead(200, { 'Content-Encoding': 'gzip', 'Content-Length': body.length });
    res.end(req.method === 'HEAD' ? undefined : body);
    return;
  }
  res.writeHead(200, { 'Content-Length': info.size });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  createReadStream(path).pipe(res);
}

/**
 * Starts serving `root` on `host:port` (port 0 picks a free port). Resolves once listening.
 * @param {{ root?: string, port?: number, host?: string }} [options]
 * @returns {Promise<{ url: string, close: () => Promise<void> }>} `url` has no trailing slash
 */
export function serve({ root = 'build', port = 4173, host = '127.0.0.1' } = {}) {
  const absoluteRoot = resolve(root);
  // Node refuses request lines over 16 kB by default (431, an empty browser error page). A shared lesson
  // link can be longer than that (or be made so by hand); the page reads at most 4 kB of it and says so.
  const server = createServer({ maxHeaderSize: 256 * 1024 }, (req, res) => {
    handle(absoluteRoot, req, res).catch((error) => {
      console.error('serve:', error);
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Internal server error\n');
    });
  });
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const address = server.address();
      const actualPort = typeof address === 'object' && address ? address.port : port;
      resolvePromise({
        url: `http://${host}:${actualPort}`,
        close: () =>
          new Promise((done) => {
            server.closeAllConnections();
            server.close(() => done());
          })
      });
    });
  });
}

/** The script: serve build/ (or DL_BUILD_DIR, both relative to the repository root) on PORT or 4173. */
async function main() {
  const root = resolve(fileURLToPath(new URL('../', import.meta.url)), process.env.DL_BUILD_DIR || 'build');
  if (!existsSync(join(root, 'index.html'))) {
    console.error('build/index.html not found: run `npm run build` first (or `npm start`, which builds and serves).');
    process.exit(1);
  }
  const port = Number(process.env.PORT ?? 4173);
  const { url, close } = await serve({ root, port, host: '127.0.0.1' });
  console.log(`Dropout Lab is running at ${url}`);
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, () => close().then(() => process.exit(0)));
  }
}

// Run only when executed directly (`node scripts/serve.mjs`), not when imported by tests or the harness.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
