// Measures one cold first load of the lesson in headless Chromium: the JavaScript it fetches (gzipped, as a
// server would send it) and its paint timings. Nothing is scrolled or clicked, so lazily loaded interactive
// examples stay out of the count, as the budget intends.
import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import type { LoadSample } from './summary';

/** True when a response carries JavaScript (scripts, module preloads and workers alike). */
function isJavaScript(url: string, contentType: string | undefined): boolean {
  return /javascript|ecmascript/.test(contentType ?? '') || /\.m?js(\?|$)/.test(new URL(url).pathname);
}

/** Loads `url` in a fresh context (empty cache) and returns what first load cost. */
export async function measureLoad(browser: Browser, url: string): Promise<LoadSample> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    const page = await context.newPage();
    const bodies = new Map<string, Promise<Buffer | null>>();
    page.on('response', (response) => {
      if (response.status() !== 200 || !isJavaScript(response.url(), response.headers()['content-type'])) return;
      // body() is the decoded payload; we gzip it ourselves so the figure does not depend on the server.
      if (!bodies.has(response.url())) bodies.set(response.url(), response.body().catch(() => null));
    });
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForLoadState('networkidle');
    const paints = await page.evaluate(
      () =>
        new Promise<{ fcp: number; lcp: number }>((resolve) => {
          const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN;
          let lcp = Number.NaN;
          // buffered: true replays the LCP candidates recorded before we started observing.
          const observer = new PerformanceObserver((list) => {
            for (const entry of list.getEntries()) lcp = entry.startTime;
          });
          observer.observe({ type: 'largest-contentful-paint', buffered: true });
          setTimeout(() => {
            observer.disconnect();
            resolve({ fcp, lcp });
          }, 100);
        })
    );
    const payloads = (await Promise.all(bodies.values())).filter((b): b is Buffer => b !== null);
    return {
      jsGzipBytes: payloads.reduce((sum, b) => sum + gzipSync(b).length, 0),
      jsRawBytes: payloads.reduce((sum, b) => sum + b.length, 0),
      jsFiles: payloads.length,
      fcpMs: paints.fcp,
      lcpMs: paints.lcp
    };
  } finally {
    await context.close();
  }
}
