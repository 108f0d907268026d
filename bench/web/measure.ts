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

/** Which bucket of the page weight a response belongs to. */
function kindOf(url: string, contentType: string | undefined): 'html' | 'js' | 'css' | 'font' | null {
  if (/text\/html/.test(contentType ?? '')) return 'html';
  if (isJavaScript(url, contentType)) return 'js';
  if (/text\/css/.test(contentType ?? '')) return 'css';
  if (/^font\/|woff2?$/.test(contentType ?? '') || /\.woff2?$/.test(new URL(url).pathname)) return 'font';
  return null;
}

/** One measured load, plus which element Chromium picked as the largest contentful paint. */
export interface Measurement {
  /** The numbers. */
  sample: LoadSample;
  /** The LCP element as tag#id.class (or "?" when Chromium reported none), to know what to make faster. */
  lcpElement: string;
}

/**
 * How long a just-opened window is left alone before the measured navigation. A new headless window does
 * its own start-up work for a few hundred milliseconds (it preloads the browser's omnibox UI in a separate
 * renderer); on a two-core machine that work competes with our page and once added 150-250 ms to the
 * paint times. A learner's browser has its window open already, so we measure the lesson, not the window.
 * A fixed wait, on purpose and only here: this is a benchmark, not a test (nothing is asserted), and the
 * window's own start-up work gives the page no state or event to wait on (it runs in another renderer).
 */
const WINDOW_SETTLE_MS = 1000;

/** Loads `url` in a fresh context (empty cache, settled window) and returns what first load cost. */
export async function measureLoad(browser: Browser, url: string): Promise<Measurement> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    const page = await context.newPage();
    await page.goto('about:blank');
    await page.waitForTimeout(WINDOW_SETTLE_MS);
    const bodies = { html: new Map<string, Promise<Buffer | null>>(), js: new Map(), css: new Map(), font: new Map() };
    page.on('response', (response) => {
      const kind = kindOf(response.url(), response.headers()['content-type']);
      if (response.status() !== 200 || !kind) return;
      // body() is the decoded payload; we gzip it ourselves so the figure does not depend on the server.
      if (!bodies[kind].has(response.url()))
        bodies[kind].set(
          response.url(),
          response.body().catch(() => null)
        );
    });
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForLoadState('networkidle');
    const paints = await page.evaluate(
      () =>
        new Promise<{ fcp: number; lcp: number; ttfb: number; element: string }>((resolve) => {
          const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN;
          const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
          let lcp = Number.NaN;
          let element = '?';
          // buffered: true replays the LCP candidates recorded before we started observing.
          const observer = new PerformanceObserver((list) => {
            for (const entry of list.getEntries() as (PerformanceEntry & { element?: Element | null })[]) {
              lcp = entry.startTime;
              const el = entry.element;
              if (el)
                element = `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${[...el.classList].map((c) => '.' + c).join('')}`;
            }
          });
          observer.observe({ type: 'largest-contentful-paint', buffered: true });
          // Candidates arrive after their frame is presented, so poll until one came (at most 3 s).
          // (An inline arrow, not a named helper: tsx would wrap a named one in __name, unknown in the page.)
          const started = performance.now();
          const timer = setInterval(() => {
            if (Number.isNaN(lcp) && performance.now() - started < 3000) return;
            clearInterval(timer);
            observer.disconnect();
            resolve({ fcp, lcp, ttfb: nav?.responseStart ?? Number.NaN, element });
          }, 100);
        })
    );
    const settled = async (map: Map<string, Promise<Buffer | null>>) =>
      (await Promise.all(map.values())).filter((b): b is Buffer => b !== null);
    const [html, js, css, fonts] = await Promise.all(
      [bodies.html, bodies.js, bodies.css, bodies.font].map((map) => settled(map))
    );
    const total = (buffers: Buffer[], size: (b: Buffer) => number) => buffers.reduce((sum, b) => sum + size(b), 0);
    const sample: LoadSample = {
      jsGzipBytes: total(js, (b) => gzipSync(b).length),
      jsRawBytes: total(js, (b) => b.length),
      jsFiles: js.length,
      htmlGzipBytes: total(html, (b) => gzipSync(b).length),
      cssGzipBytes: total(css, (b) => gzipSync(b).length),
      fontBytes: total(fonts, (b) => b.length),
      ttfbMs: paints.ttfb,
      fcpMs: paints.fcp,
      lcpMs: paints.lcp
    };
    return { sample, lcpElement: paints.element };
  } finally {
    await context.close();
  }
}
