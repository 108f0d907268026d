// The static server behind `npm start` and the browser tests: MIME types, index/route resolution, 404s,
// caching, service-worker headers, gzip, and above all that no request can read a file outside the root.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { cacheControl, mimeType, resolveInside, serve } from '../../scripts/serve.mjs';

/** A raw GET/HEAD that sends the path byte-for-byte (fetch would normalise `/../` away before sending). */
function rawRequest(
  url: string,
  path: string,
  { method = 'GET', headers = {} as Record<string, string> } = {}
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

let parent: string;
let root: string;
let site: { url: string; close: () => Promise<void> };
const SECRET = 'top secret, outside the root';

beforeAll(async () => {
  // parent/secret.txt sits next to the served root: traversal attempts aim at it.
  parent = mkdtempSync(join(tmpdir(), 'serve-test-'));
  root = join(parent, 'build');
  mkdirSync(join(root, '_app', 'immutable', 'chunks'), { recursive: true });
  mkdirSync(join(root, 'docs'), { recursive: true });
  writeFileSync(join(parent, 'secret.txt'), SECRET);
  // Siblings whose names start with the root's name: a naive startsWith(root) check would let these through.
  writeFileSync(join(parent, 'build-secret.txt'), SECRET);
  writeFileSync(join(parent, 'build.html'), SECRET);
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>home</title>' + 'x'.repeat(2000));
  writeFileSync(join(root, 'about.html'), '<!doctype html><title>about</title>');
  writeFileSync(join(root, 'docs', 'index.html'), '<!doctype html><title>docs</title>');
  writeFileSync(join(root, '_app', 'immutable', 'chunks', 'app.abc123.js'), 'export const x = 1;\n'.repeat(200));
  writeFileSync(join(root, 'service-worker.js'), 'self.addEventListener("install", () => {});');
  writeFileSync(join(root, 'kernel.wasm'), Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]));
  writeFileSync(join(root, 'mnist.bin'), Buffer.from([1, 2, 3, 4]));
  writeFileSync(join(root, 'manifest.webmanifest'), '{"name":"Dropout Lab"}');
  site = await serve({ root, port: 0 });
});

afterAll(async () => {
  await site?.close();
  rmSync(parent, { recursive: true, force: true });
});

describe('serve', () => {
  it('listens on a free port of 127.0.0.1 when asked for port 0', () => {
    expect(site.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(site.url).not.toMatch(/:0$/);
  });

  it('serves index.html for / and for a directory, and route.html for an extension-less route', async () => {
    expect(await (await fetch(site.url + '/')).text()).toContain('<title>home</title>');
    expect(await (await fetch(site.url + '/docs/')).text()).toContain('<title>docs</title>');
    expect(await (await fetch(site.url + '/docs')).text()).toContain('<title>docs</title>');
    expect(await (await fetch(site.url + '/about')).text()).toContain('<title>about</title>');
    expect(await (await fetch(site.url + '/about?x=1')).text()).toContain('<title>about</title>');
  });

  it('sends the right Content-Type for each kind of file', async () => {
    const cases: [string, string][] = [
      ['/', 'text/html'],
      ['/_app/immutable/chunks/app.abc123.js', 'text/javascript'],
      ['/kernel.wasm', 'application/wasm'],
      ['/mnist.bin', 'application/octet-stream'],
      ['/manifest.webmanifest', 'application/manifest+json']
    ];
    for (const [path, type] of cases) {
      const res = await fetch(site.url + path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type'), path).toContain(type);
    }
  });

  it('returns the exact bytes of binary files', async () => {
    const bytes = new Uint8Array(await (await fetch(site.url + '/mnist.bin')).arrayBuffer());
    expect([...bytes]).toEqual([1, 2, 3, 4]);
  });

  it('answers 404 with an HTML page for a missing file', async () => {
    const res = await fetch(site.url + '/no/such/file.js');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(await res.text()).toMatch(/not found/i);
  });

  it('never serves a file outside the root, however the path is spelled', async () => {
    const attempts = [
      '/../secret.txt',
      '/../../secret.txt',
      '/%2e%2e/secret.txt',
      '/%2E%2E/secret.txt',
      '/..%2fsecret.txt',
      '/docs/..%2f..%2fsecret.txt',
      '/%2e%2e%2fsecret.txt',
      '/..%5csecret.txt',
      '/%00/../secret.txt',
      '/%E0%A4%A/secret.txt',
      '/..%2fbuild-secret.txt',
      '/%2e%2e/build-secret.txt',
      '/%2e%2e/build.html'
    ];
    for (const path of attempts) {
      const res = await rawRequest(site.url, path);
      expect(res.status, path).toBeGreaterThanOrEqual(400);
      expect(res.body.toString(), path).not.toContain(SECRET);
    }
  });

  it('maps / to nothing outside the root when the root has no index.html', async () => {
    const bare = await serve({ root: join(root, '_app'), port: 0 });
    try {
      // root/_app.html is the sibling a naive `root + '.html'` lookup for / would read.
      writeFileSync(join(root, '_app.html'), SECRET);
      const res = await rawRequest(bare.url, '/');
      expect(res.status).toBe(404);
      expect(res.body.toString()).not.toContain(SECRET);
    } finally {
      await bare.close();
      rmSync(join(root, '_app.html'));
    }
  });

  it('resolveInside maps paths into the root and rejects escapes and malformed encodings', () => {
    expect(resolveInside(root, '/a/b.js')).toBe(join(root, 'a', 'b.js'));
    expect(resolveInside(root, '/a/../b.js')).toBe(join(root, 'b.js'));
    expect(resolveInside(root, '/../x')).toBeNull();
    expect(resolveInside(root, '/%2e%2e/x')).toBeNull();
    expect(resolveInside(root, '/../build-secret.txt')).toBeNull();
    expect(resolveInside(root, '/%zz')).toBeNull();
    expect(resolveInside(root, '/a%00.js')).toBeNull();
  });

  it('caches hashed assets forever and revalidates HTML and the service worker', async () => {
    const immutable = await fetch(site.url + '/_app/immutable/chunks/app.abc123.js');
    expect(immutable.headers.get('cache-control')).toContain('immutable');
    expect(immutable.headers.get('cache-control')).toContain('max-age=31536000');
    for (const path of ['/', '/about', '/service-worker.js', '/manifest.webmanifest']) {
      expect((await fetch(site.url + path)).headers.get('cache-control'), path).toBe('no-cache');
    }
    expect(cacheControl('/mnist.bin')).toMatch(/max-age=\d+/);
    expect(cacheControl('/mnist.bin')).not.toContain('immutable');
  });

  it('lets a service worker at the root control the whole site', async () => {
    const res = await fetch(site.url + '/service-worker.js');
    expect(res.headers.get('service-worker-allowed')).toBe('/');
    expect(res.headers.get('content-type')).toContain('javascript');
  });

  it('answers 304 to a matching If-None-Match', async () => {
    const first = await fetch(site.url + '/about');
    const etag = first.headers.get('etag');
    expect(etag).toBeTruthy();
    const again = await rawRequest(site.url, '/about', { headers: { 'If-None-Match': etag! } });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
  });

  it('gzips text when the client accepts it, and not otherwise', async () => {
    const zipped = await rawRequest(site.url, '/_app/immutable/chunks/app.abc123.js', {
      headers: { 'Accept-Encoding': 'gzip, br' }
    });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(zipped.body).toString()).toBe('export const x = 1;\n'.repeat(200));
    expect(zipped.body.length).toBeLessThan(4000);
    const plain = await rawRequest(site.url, '/_app/immutable/chunks/app.abc123.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe('export const x = 1;\n'.repeat(200));
  });

  it('answers HEAD without a body and refuses other methods', async () => {
    const head = await rawRequest(site.url, '/about', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    expect(Number(head.headers['content-length'])).toBeGreaterThan(0);
    const post = await rawRequest(site.url, '/about', { method: 'POST' });
    expect(post.status).toBe(405);
  });

  it('mimeType falls back to bytes for unknown extensions', () => {
    expect(mimeType('a/b.woff2')).toBe('font/woff2');
    expect(mimeType('a/b.svg')).toBe('image/svg+xml');
    expect(mimeType('a/b.PNG')).toBe('image/png');
    expect(mimeType('a/b.css')).toContain('text/css');
    expect(mimeType('a/b.json')).toContain('application/json');
    expect(mimeType('a/b.unknown')).toBe('application/octet-stream');
  });
});
