// Shared helpers for the browser tests: start the built site, launch Debian's Chromium through playwright-core,
// record what a page does (console errors, uncaught errors, every request) and run axe-core on it.
//
// Typical use in a test file:
//   let browser: Browser; let site: Site;
//   beforeAll(async () => { site = await startSite(); browser = await launchBrowser(); });
//   afterAll(async () => { await browser?.close(); await site?.close(); });
//   const { page, log, close } = await openPage(browser, site, { colorScheme: 'dark' });
//   await page.goto(site.url + '/'); ... expect(log.problems()).toEqual([]); await close();
// (Use openPage or browser.newContext() rather than browser.newPage(): axe-core refuses pages made by newPage.)

import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type LaunchOptions,
  type Page
} from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { AxeBuilder } from '@axe-core/playwright';
import { findChromium, missingChromiumMessage } from '../../scripts/ensure-chromium.mjs';
import { serve } from '../../scripts/serve.mjs';

export type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';

/**
 * The built site's folder, which every browser test runs against: build/ at the repository root, or
 * DL_BUILD_DIR (relative to the root) when set, so engineers building side by side test their own build.
 */
export const BUILD_DIR = process.env.DL_BUILD_DIR
  ? resolve(fileURLToPath(new URL('../../', import.meta.url)), process.env.DL_BUILD_DIR)
  : fileURLToPath(new URL('../../build/', import.meta.url));

/**
 * Chromium flags for a quiet, deterministic, offline-friendly headless run: no sandbox (tests run as root in
 * CI), no GPU (there is none), and none of the background traffic (QUIC probes, component updates, sync)
 * that would otherwise show up as requests to other origins.
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync'
];

/** Launches headless Chromium (the binary `scripts/ensure-chromium.mjs` finds); close it in afterAll. */
export async function launchBrowser(options: LaunchOptions = {}): Promise<Browser> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error(missingChromiumMessage(process.env));
  return chromium.launch({ headless: true, ...options, executablePath, args: [...CHROMIUM_ARGS, ...(options.args ?? [])] });
}

/** A running static server: `url` is its origin without a trailing slash (e.g. http://127.0.0.1:40123). */
export interface Site {
  /** Origin of the server, e.g. `http://127.0.0.1:40123`; append paths such as `/` to it. */
  url: string;
  /** Stops the server and drops its open connections. */
  close: () => Promise<void>;
}

/**
 * Serves the built site (build/ by default) on a free port of 127.0.0.1. Fails with a clear message when
 * the site has not been built, rather than letting every test time out on a 404.
 */
export async function startSite(root: string = BUILD_DIR): Promise<Site> {
  const index = join(root, 'index.html');
  if (!existsSync(index)) {
    throw new Error(`${index} not found: build the site first (npx vite build, or npm run test:browser).`);
  }
  return serve({ root, port: 0, host: '127.0.0.1' });
}

/**
 * The set-up every browser test file shares: before its tests, serve the built site and launch one Chromium,
 * and hand both to `use`; after them, close both (whatever part of the start-up succeeded).
 * Usage: `let site: Site; let browser: Browser; useSiteAndBrowser((s, b) => ((site = s), (browser = b)));`
 */
export function useSiteAndBrowser(use: (site: Site, browser: Browser) => void): void {
  let site: Site | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    site = await startSite();
    browser = await launchBrowser();
    use(site, browser);
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });
}

/** One request the page made, as recorded by `watchPage`. */
export interface RequestRecord {
  /** Full URL requested. */
  url: string;
  /** Playwright's resource type: document, script, stylesheet, fetch, image, font, ... */
  resourceType: string;
  /** HTTP method. */
  method: string;
}

/** What a page did since `watchPage` started watching it. Arrays fill in as events arrive. */
export interface PageLog {
  /** Text of every console message of type "error" (includes failed resource loads Chromium reports). */
  consoleErrors: string[];
  /** Message of every uncaught exception or unhandled rejection in the page. */
  pageErrors: string[];
  /** Every request the page (and its workers) made, in order. */
  requests: RequestRecord[];
  /** Requests to any origin other than the site's own: must stay empty (the lesson works offline). */
  foreignRequests: () => RequestRecord[];
  /** All of the above that indicate a problem, as readable lines; `expect(log.problems()).toEqual([])`. */
  problems: () => string[];
}

/** Origins a page may talk to besides its own: inline data and blob URLs never leave the machine. */
function isLocalScheme(url: string): boolean {
  return url.startsWith('data:') || url.startsWith('blob:') || url.startsWith('about:');
}

/**
 * Starts recording console errors, page errors and requests of `page`; `siteUrl` is the allowed origin.
 * Requests are recorded on the page's browser context (so service-worker traffic is seen too): watch one
 * page per context.
 */
export function watchPage(page: Page, siteUrl: string): PageLog {
  const origin = new URL(siteUrl).origin;
  const log: PageLog = {
    consoleErrors: [],
    pageErrors: [],
    requests: [],
    foreignRequests: () => log.requests.filter((r) => !isLocalScheme(r.url) && new URL(r.url).origin !== origin),
    problems: () => [
      ...log.consoleErrors.map((text) => `console error: ${text}`),
      ...log.pageErrors.map((text) => `page error: ${text}`),
      ...log.foreignRequests().map((r) => `request to another origin: ${r.method} ${r.url} (${r.resourceType})`)
    ]
  };
  page.on('console', (message) => {
    if (message.type() === 'error') log.consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => log.pageErrors.push(error.message));
  // Listening on the context too catches requests from workers and service workers of this page.
  const record = (request: { url(): string; resourceType(): string; method(): string }) =>
    log.requests.push({ url: request.url(), resourceType: request.resourceType(), method: request.method() });
  page.context().on('request', record);
  return log;
}

/** A fresh page in its own browser context, already watched by `watchPage`. */
export interface OpenedPage {
  /** The context (own cookies, storage, emulation); closed by `close`. */
  context: BrowserContext;
  /** The page, not yet navigated anywhere. */
  page: Page;
  /** What the page did: console errors, page errors, requests. */
  log: PageLog;
  /** Closes the context and with it the page. */
  close: () => Promise<void>;
}

/**
 * Opens a page in a new context (`options` sets viewport, colorScheme, reducedMotion, javaScriptEnabled...)
 * and starts watching it. Each test gets clean storage, so a theme saved by one test cannot leak into another.
 */
export async function openPage(browser: Browser, site: Site, options: BrowserContextOptions = {}): Promise<OpenedPage> {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  const log = watchPage(page, site.url);
  return { context, page, log, close: () => context.close() };
}

/**
 * Scrolls through the whole page in steps of 80% of the viewport, pausing `pauseMs` at each, then back to the
 * top, so everything that loads "when scrolled near" (the lazy live examples) gets loaded. Scrolls with
 * behavior 'instant': the page's CSS `scroll-behavior: smooth` would otherwise turn each jump into an
 * animation that the next jump cancels, and the page would barely move.
 */
export async function scrollThrough(page: Page, pauseMs = 120): Promise<void> {
  await page.evaluate(async (pause) => {
    const wait = () => new Promise((resolve) => setTimeout(resolve, pause));
    const to = (top: number) => window.scrollTo({ top, behavior: 'instant' });
    for (let y = 0; y < document.documentElement.scrollHeight; y += window.innerHeight * 0.8) {
      to(y);
      await wait();
    }
    to(document.documentElement.scrollHeight);
    await wait();
    to(0);
  }, pauseMs);
}

/** An axe-core violation, as returned by `checkA11y`. */
export type A11yViolation = Awaited<ReturnType<AxeBuilder['analyze']>>['violations'][number];

/**
 * Runs axe-core (WCAG 2.0/2.1 A and AA rules plus best practices) on the page as it is now and returns the
 * violations; a correct page returns []. The page must come from `openPage` or `browser.newContext()`
 * (axe-core refuses `browser.newPage()` pages). `exclude` takes CSS selectors to leave out (e.g. a third-party widget).
 */
export async function checkA11y(page: Page, { exclude = [] as string[] } = {}): Promise<A11yViolation[]> {
  let builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']);
  for (const selector of exclude) builder = builder.exclude(selector);
  const results = await builder.analyze();
  return results.violations;
}

/** Violations as short readable lines (rule, impact, offending elements) for assertion messages. */
export function formatViolations(violations: A11yViolation[]): string {
  return violations
    .map((v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n) => n.target.join(' ')).join('\n    ')}`)
    .join('\n');
}
