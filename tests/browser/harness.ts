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
// To reach a live example: `await showExample(page, 'Live example: the twin run')` (never a section anchor:
// where an example sits depends on fonts, viewport and what mounted above it). DL_VIEWPORT=360x800 sets the
// viewport of every openPage that does not choose one.

import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type LaunchOptions,
  type Locator,
  type Page
} from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { AxeBuilder } from '@axe-core/playwright';
import { findChromium, missingChromiumMessage } from '../../scripts/ensure-chromium.mjs';
import { serve } from '../../scripts/serve.mjs';

export type { Browser, BrowserContext, BrowserContextOptions, Locator, Page } from 'playwright-core';

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
  return chromium.launch({
    headless: true,
    ...options,
    executablePath,
    args: [...CHROMIUM_ARGS, ...(options.args ?? [])]
  });
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

/** The built site the test file's `useSiteAndBrowser()` serves (a live binding: set before its tests run). */
export let site: Site;
/** The Chromium the test file's `useSiteAndBrowser()` launched (a live binding, like `site`). */
export let browser: Browser;

/**
 * The set-up every browser test file shares: before its tests, serve the built site and launch one Chromium
 * (imported as `site` and `browser`; `use`, if given, gets them too); after them, close both (whatever part of
 * the start-up succeeded). Each test file has its own copy of this module, so its own site and browser.
 * Usage: `import { browser, site, useSiteAndBrowser } from './harness'; useSiteAndBrowser();`
 */
export function useSiteAndBrowser(use?: (site: Site, browser: Browser) => void): void {
  let started: { site?: Site; browser?: Browser } = {};
  beforeAll(async () => {
    started = { site: await startSite() };
    started.browser = await launchBrowser();
    site = started.site!;
    browser = started.browser;
    use?.(site, browser);
  });
  afterAll(async () => {
    await started.browser?.close();
    await started.site?.close();
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
 * Parses a viewport written as `<width>x<height>` in CSS pixels (e.g. "360x800"); undefined for an empty
 * value; throws on anything else, so a mistyped DL_VIEWPORT stops the run instead of being ignored.
 */
export function parseViewport(value: string | undefined): { width: number; height: number } | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const m = /^\s*(\d{2,5})\s*[x×]\s*(\d{2,5})\s*$/i.exec(value);
  if (!m || Number(m[1]) < 100 || Number(m[2]) < 100) {
    throw new Error(
      `DL_VIEWPORT="${value}": expected <width>x<height> in CSS pixels, at least 100x100, e.g. 360x800 or 1600x1000`
    );
  }
  return { width: Number(m[1]), height: Number(m[2]) };
}

/**
 * The viewport every page gets unless its test sets one on purpose: DL_VIEWPORT (e.g. `DL_VIEWPORT=360x800`)
 * when set, so the whole suite can be run at phone and at wide-screen width; Playwright's 1280x720 otherwise.
 */
export const DEFAULT_VIEWPORT = parseViewport(process.env.DL_VIEWPORT);

/**
 * Opens a page in a new context (`options` sets viewport, colorScheme, reducedMotion, javaScriptEnabled...)
 * and starts watching it. Each test gets clean storage, so a theme saved by one test cannot leak into another.
 * Without `options.viewport` the page gets DEFAULT_VIEWPORT (DL_VIEWPORT).
 */
export async function openPage(browser: Browser, site: Site, options: BrowserContextOptions = {}): Promise<OpenedPage> {
  const viewport = options.viewport === undefined && DEFAULT_VIEWPORT ? { viewport: DEFAULT_VIEWPORT } : {};
  const context = await browser.newContext({ ...options, ...viewport });
  const page = await context.newPage();
  const log = watchPage(page, site.url);
  return { context, page, log, close: () => context.close() };
}

/**
 * The lesson's live examples, top to bottom: the accessible name of the region LazyExample renders for each
 * (`<section aria-label="Live example: …">`) and a selector, inside that region, of what shows the example
 * has mounted and produced its first result.
 */
export const LIVE_EXAMPLES = [
  { label: 'Live example: flip the mask coin', ready: '[data-testid="flip-count"]' },
  { label: 'Live example: drop neurons by hand', ready: '[data-testid="output-plain"]' },
  { label: 'Live example: the twin run', ready: '[data-testid="twin-charts"]' },
  { label: 'Live example: animated walkthrough of dropout', ready: '[data-testid="caption"]' },
  { label: 'Live example: inside the exponential ensemble', ready: '[data-testid="curve-text"]' },
  {
    label: 'Live example: element-wise vs spatial dropout on a convolutional network',
    // The mask view draws its maps over a few frames: ready once all 8 masked maps are there.
    ready: '[data-testid="masked-maps"][data-complete="true"]'
  },
  { label: 'Live example: dropout and data augmentation, four networks', ready: '[data-testid="augment-example"]' },
  { label: 'Live example: a sweep of drop probabilities over layer widths', ready: '[data-testid="rates-run"]' }
] as const satisfies readonly LiveExample[];

/**
 * One entry of LIVE_EXAMPLES. `finished` (optional): a selector shown once the example's first run has ended,
 * for examples that keep adding to the page after `ready` (scripts/measure-heights.ts waits for it).
 */
export interface LiveExample {
  label: string;
  ready: string;
  finished?: string;
}

/** Options of `showExample`. */
export interface ShowExampleOptions {
  /**
   * Selector (inside the example's region) to wait for. Default: the example's entry in LIVE_EXAMPLES, or, for
   * an example not listed there, any element other than the no-JavaScript note (the component has mounted).
   */
  ready?: string;
  /** How long to wait in all, in ms (default 120 s: examples train a network first on a busy machine). */
  timeout?: number;
}

/**
 * Brings the quiz into view and waits until the interactive quiz has taken over from the static one (it loads
 * when the reader comes near it). Scrolls again on each poll, so sections above that grow cannot push it away.
 */
export async function showQuiz(page: Page, timeout = 60_000): Promise<void> {
  const legend = page.locator('#quiz fieldset legend').first();
  await expect
    .poll(
      async () => {
        if (await legend.isVisible()) return true;
        await page.locator('#quiz').evaluate((el) => el.scrollIntoView({ block: 'end', behavior: 'instant' }));
        return false;
      },
      { timeout, interval: 250, message: 'the interactive quiz shows' }
    )
    .toBe(true);
}

/**
 * Brings a live example into view and waits until it has mounted and shows `ready`; returns its region.
 * `label` is the region's accessible name ("Live example: the twin run"), or a RegExp matching it.
 *
 * LazyExample mounts an example when its region comes within 800 px of the viewport, and examples above it
 * grow as they mount, which pushes this one down (by how much depends on fonts, text metrics and viewport
 * width). So instead of trusting a section anchor or one scroll, this scrolls the example's own region into
 * view whenever it is off screen, until `ready` is there: a state, not a position.
 */
export async function showExample(
  page: Page,
  label: string | RegExp,
  options: ShowExampleOptions = {}
): Promise<Locator> {
  const known =
    typeof label === 'string'
      ? LIVE_EXAMPLES.find((e) => e.label === label)
      : LIVE_EXAMPLES.find((e) => label.test(e.label));
  const ready = options.ready ?? known?.ready ?? null;
  const timeout = options.timeout ?? 120_000;
  const name =
    typeof label === 'string'
      ? { source: null, flags: '', text: label }
      : { source: label.source, flags: label.flags, text: null };
  try {
    await page.waitForFunction(
      ({ name, ready }) => {
        // (No named helpers in here: tsx would wrap them in a __name() call the page does not have.)
        const region = Array.from(document.querySelectorAll<HTMLElement>('section[aria-label]')).find((s) => {
          const l = s.getAttribute('aria-label') ?? '';
          return name.text !== null ? l === name.text : new RegExp(name.source!, name.flags).test(l);
        });
        if (!region) return false;
        const done = ready
          ? region.querySelector(ready) !== null
          : region.querySelector(':scope > :not(noscript)') !== null;
        if (done) return true;
        const box = region.getBoundingClientRect();
        // Off screen (never reached, or pushed away by content above that grew): bring it back. 'instant':
        // the page's smooth scrolling would turn each jump into an animation the next one cancels.
        if (box.bottom <= 0 || box.top >= window.innerHeight)
          region.scrollIntoView({ block: 'start', behavior: 'instant' });
        return false;
      },
      { name, ready },
      { polling: 200, timeout }
    );
  } catch (e) {
    const what = ready ? `"${ready}"` : 'its component';
    throw new Error(
      `${String(label)}: ${what} did not appear within ${timeout} ms of scrolling to it (${(e as Error).message.split('\n')[0]})`,
      { cause: e }
    );
  }
  return page.getByRole('region', typeof label === 'string' ? { name: label, exact: true } : { name: label });
}

/**
 * Mounts every live example on the page (each with `showExample`, top to bottom, waiting for its ready
 * marker when LIVE_EXAMPLES lists it), then scrolls to the end of the page and back to the top, so
 * everything that loads "when scrolled near" has loaded. Returns how many examples were mounted.
 */
export async function scrollThrough(page: Page, { timeout = 120_000 } = {}): Promise<number> {
  const labels = await page
    .locator('section[aria-label^="Live example"]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
  for (const label of labels) await showExample(page, label, { timeout });
  await page.evaluate(async () => {
    window.scrollTo({ top: document.documentElement.scrollHeight, behavior: 'instant' });
    await new Promise((resolve) => requestAnimationFrame(resolve));
    window.scrollTo({ top: 0, behavior: 'instant' });
    await new Promise((resolve) => requestAnimationFrame(resolve));
  });
  return labels.length;
}

/**
 * Resolves once the page's main thread has been idle: a requestIdleCallback period with (nearly) the full
 * 50 ms to spare, meaning no task, frame or timer was due. Gives up quietly after `timeout` ms (a page
 * that trains in the background may never be that idle) and says whether it saw one.
 */
export async function mainThreadIdle(page: Page, timeout = 10_000): Promise<boolean> {
  const started = Date.now();
  while (Date.now() - started < timeout) {
    // (Inline arrows only inside evaluate: tsx would wrap a named helper in a __name() the page lacks.)
    const spare = await page.evaluate(
      () => new Promise<number>((resolve) => requestIdleCallback((d) => resolve(d.timeRemaining()), { timeout: 1000 }))
    );
    if (spare >= 45) return true;
  }
  return false;
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

/** What `layoutShifts` reports: the page's layout shifts since it was opened, inputs excluded. */
export interface LayoutShifts {
  /** Sum of every layout-shift value without recent input (the strictest reading of CLS). */
  total: number;
  /**
   * Core Web Vitals' CLS: the largest session window (shifts less than 1 s apart, at most 5 s long). Never more
   * than `total`.
   */
  cls: number;
  /** How many shifts were counted. */
  count: number;
  /** The largest shifts, largest first, each with what moved (tag#id.class of up to three sources). */
  largest: { value: number; time: number; sources: string[] }[];
}

/**
 * Starts recording layout shifts on `page` before any of its scripts run (call before `goto`). Read them with
 * `layoutShifts(page)`. Shifts within 500 ms of a click or key press are excluded, as Chromium marks them.
 */
export async function watchLayoutShifts(page: Page): Promise<void> {
  await page.addInitScript(() => {
    type Shift = PerformanceEntry & {
      value: number;
      hadRecentInput: boolean;
      sources?: { node?: Node | null }[];
    };
    const shifts: { value: number; time: number; sources: string[] }[] = [];
    (window as unknown as { __layoutShifts: typeof shifts }).__layoutShifts = shifts;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as Shift[]) {
        if (entry.hadRecentInput) continue;
        const sources = (entry.sources ?? []).slice(0, 3).map((s) => {
          const el = s.node instanceof Element ? s.node : (s.node?.parentElement ?? null);
          if (!el) return '?';
          const label = el.closest('[aria-label]')?.getAttribute('aria-label');
          return `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${[...el.classList].map((c) => '.' + c).join('')}${label ? ` in "${label}"` : ''}`;
        });
        shifts.push({ value: entry.value, time: entry.startTime, sources });
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });
}

/** The layout shifts recorded since `watchLayoutShifts` (after two frames, so pending entries are delivered). */
export async function layoutShifts(page: Page): Promise<LayoutShifts> {
  const shifts = await page.evaluate(async () => {
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    return (window as unknown as { __layoutShifts?: { value: number; time: number; sources: string[] }[] })
      .__layoutShifts;
  });
  if (!shifts) throw new Error('layoutShifts: call watchLayoutShifts(page) before page.goto');
  let cls = 0;
  let session = 0;
  let start = -Infinity;
  let last = -Infinity;
  for (const s of shifts) {
    if (s.time - last >= 1000 || s.time - start >= 5000) {
      session = 0;
      start = s.time;
    }
    session += s.value;
    last = s.time;
    cls = Math.max(cls, session);
  }
  return {
    total: shifts.reduce((sum, s) => sum + s.value, 0),
    cls,
    count: shifts.length,
    largest: [...shifts].sort((a, b) => b.value - a.value).slice(0, 5)
  };
}

/**
 * Waits until the element `selector` is wholly inside the viewport (polling every frame) and returns the time
 * since navigation start when it first was, in ms (performance.now()). Throws after `timeout` ms.
 */
export async function whenInViewport(page: Page, selector: string, timeout = 30_000): Promise<number> {
  const handle = await page.waitForFunction(
    (selector) => {
      const el = document.querySelector(selector);
      if (!el) return false;
      const r = el.getBoundingClientRect();
      const inside = r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight && r.left >= 0;
      return inside && r.right <= document.documentElement.clientWidth ? performance.now() : false;
    },
    selector,
    { polling: 'raf', timeout }
  );
  return (await handle.jsonValue()) as number;
}

/** Whether the element `selector` is wholly inside the viewport now. */
export function inViewport(page: Page, selector: string): Promise<boolean> {
  return page.evaluate((selector) => {
    const el = document.querySelector(selector);
    if (!el) return false;
    const r = el.getBoundingClientRect();
    return r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight;
  }, selector);
}

/** The twin run's first setting (its preset menu): what "the twin run's controls are in view" looks for. */
export const TWIN_CONTROLS = 'section[aria-label="Live example: the twin run"] fieldset select';

/**
 * Opens every visible closed <details> in the page (the tables under the charts, the code panel…), one by
 * one, and lists what then sticks out sideways: the page wider than its viewport, or an open fold wider than
 * the section (or main) it sits in. An empty list means wide content scrolls inside its own box. `within`
 * (a selector) limits the folds opened, e.g. to the live examples.
 */
export async function openFoldsAndMeasure(page: Page, within = 'body'): Promise<{ opened: number; wide: string[] }> {
  const summaries = page.locator(within).locator('details:not([open]) > summary').filter({ visible: true });
  let opened = 0;
  for (let guard = 0; guard < 40 && (await summaries.count()) > 0; guard++) {
    const summary = summaries.first();
    await summary.scrollIntoViewIfNeeded();
    await summary.click();
    opened++;
  }
  await mainThreadIdle(page, 5000);
  const wide = await page.evaluate(() => {
    const out: string[] = [];
    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth) out.push(`page ${root.scrollWidth} > ${root.clientWidth}`);
    for (const d of document.querySelectorAll('details[open]')) {
      const host = d.closest('section, main') ?? document.body;
      const r = d.getBoundingClientRect();
      const box = host.getBoundingClientRect();
      const name = (d.querySelector('summary')?.textContent ?? '').trim().slice(0, 40);
      if (r.right > box.right + 1) out.push(`"${name}" ends at ${Math.round(r.right)} past ${Math.round(box.right)}`);
      if (d.scrollWidth > d.clientWidth + 1) out.push(`"${name}" overflows ${d.scrollWidth} > ${d.clientWidth}`);
    }
    return out;
  });
  return { opened, wide };
}
