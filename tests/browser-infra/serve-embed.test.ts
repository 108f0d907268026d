// The static server's frame policy: embed pages (embed/<example>.html) may be framed by any origin, every
// other page only by our own, and no spelling of a path lets the lesson borrow the embed pages' policy.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EMBED_FRAME_ANCESTORS, FRAME_ANCESTORS, serve } from '../../scripts/serve.mjs';

/** A raw GET that sends the path byte-for-byte (fetch would normalise `/../` away). */
function headersOf(url: string, path: string): Promise<{ status: number; headers: Record<string, unknown> }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

const META = `<meta http-equiv="content-security-policy" content="default-src 'self'; script-src 'self'">`;
let parent: string;
let site: { url: string; close: () => Promise<void> };

beforeAll(async () => {
  parent = mkdtempSync(join(tmpdir(), 'serve-embed-'));
  const root = join(parent, 'build');
  mkdirSync(join(root, 'embed'), { recursive: true });
  mkdirSync(join(root, 'embedded'), { recursive: true });
  writeFileSync(join(root, 'index.html'), `<!doctype html>${META}<title>lesson</title>`);
  writeFileSync(join(root, 'embed', 'twin.html'), `<!doctype html>${META}<title>twin</title>`);
  // A folder whose name only starts like the embed folder must not count as one.
  writeFileSync(join(root, 'embedded', 'page.html'), `<!doctype html>${META}<title>other</title>`);
  site = await serve({ root, port: 0 });
});

afterAll(async () => {
  await site?.close();
  rmSync(parent, { recursive: true, force: true });
});

describe('frame policy by page', () => {
  it('lets any origin frame an embed page, with the rest of the page policy unchanged', async () => {
    for (const path of ['/embed/twin', '/embed/twin.html', '/embed/twin?hide=seed']) {
      const { status, headers } = await headersOf(site.url, path);
      expect(status).toBe(200);
      expect(headers['content-security-policy']).toBe(
        `default-src 'self'; script-src 'self'; ${EMBED_FRAME_ANCESTORS}`
      );
      expect(headers['x-frame-options']).toBeUndefined();
    }
  });

  it("keeps 'self' for the lesson and everything else, however the path is spelled", async () => {
    for (const path of ['/', '/index.html', '/embed/..', '/embed/../', '/embed/%2e%2e/', '/embedded/page']) {
      const { status, headers } = await headersOf(site.url, path);
      expect(status, path).toBe(200);
      expect(headers['content-security-policy'], path).toBe(
        `default-src 'self'; script-src 'self'; ${FRAME_ANCESTORS}`
      );
      expect(headers['x-frame-options'], path).toBe('SAMEORIGIN');
    }
  });
});
