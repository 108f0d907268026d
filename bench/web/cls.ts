// Layout shift of the built lesson in headless Chromium, at a phone width (360×800) and a laptop one (1280×800):
//   - deep link: a twin-run link (`/?lr=0.003#why`, the form older copies of "Copy a link" carry) opened cold;
//     how long until the twin run's controls are inside the viewport, whether they still are once the twin has
//     trained its first epochs, and the layout shift until then;
//   - scroll-through: the page from the top, every live example scrolled to and shown (tests/browser/harness.ts
//     scrollThrough), and the layout shift of the whole visit.
// CLS is reported two ways: Core Web Vitals' (largest session window) and the plain sum of every shift; both
// exclude shifts right after input. Good is ≤ 0.1, our target ≤ 0.05. Run alone: `npx tsx bench/web/cls.ts`
// (after a build); `npm run bench:web` runs it too.
import { fileURLToPath } from 'node:url';
import {
  TWIN_CONTROLS,
  inViewport,
  launchBrowser,
  layoutShifts,
  mainThreadIdle,
  scrollThrough,
  showExample,
  startSite,
  watchLayoutShifts,
  whenInViewport,
  type Browser,
  type LayoutShifts,
  type Site
} from '../../tests/browser/harness';

/** The screen sizes measured. */
export const CLS_VIEWPORTS = [
  { width: 360, height: 800 },
  { width: 1280, height: 800 }
] as const;

/** The deep link opened: a twin-run setting plus the section hash older copied links carry. */
export const DEEP_LINK = '/?lr=0.003#why';

/** The figures at one screen size. */
export interface ClsRow {
  /** Viewport, e.g. "360×800". */
  viewport: string;
  /** Milliseconds from navigation start until the twin run's controls were wholly in view (null: never). */
  controlsInViewMs: number | null;
  /** Whether they were still in view after the twin's first epochs were drawn. */
  controlsStayed: boolean;
  /** Layout shift of the deep link, up to the twin's first result and an idle main thread. */
  deepLink: LayoutShifts;
  /** Layout shift of a full scroll-through from the top. */
  scrollThrough: LayoutShifts;
}

/** Opens the deep link at `viewport` and measures it. */
async function deepLink(browser: Browser, site: Site, viewport: { width: number; height: number }) {
  const context = await browser.newContext({ viewport });
  try {
    const page = await context.newPage();
    await watchLayoutShifts(page);
    await page.goto(site.url + DEEP_LINK, { waitUntil: 'load' });
    const controlsInViewMs = await whenInViewport(page, TWIN_CONTROLS, 30_000).catch(() => null);
    await page.waitForSelector('section[aria-label="Live example: the twin run"] [data-testid="twin-charts"]', {
      timeout: 120_000
    });
    await mainThreadIdle(page, 10_000);
    const shifts = await layoutShifts(page);
    return { controlsInViewMs, controlsStayed: await inViewport(page, TWIN_CONTROLS), shifts };
  } finally {
    await context.close();
  }
}

/** Scrolls through the page from the top at `viewport` and returns its layout shift. */
async function scrolled(browser: Browser, site: Site, viewport: { width: number; height: number }) {
  const context = await browser.newContext({ viewport });
  try {
    const page = await context.newPage();
    await watchLayoutShifts(page);
    await page.goto(site.url + '/', { waitUntil: 'load' });
    await scrollThrough(page);
    // Back at the top: the twin (the one example that keeps working when off screen) is left to finish drawing.
    await showExample(page, 'Live example: the twin run');
    await mainThreadIdle(page, 10_000);
    return await layoutShifts(page);
  } finally {
    await context.close();
  }
}

/** Measures every viewport. */
export async function measureCls(browser: Browser, site: Site): Promise<ClsRow[]> {
  const rows: ClsRow[] = [];
  for (const viewport of CLS_VIEWPORTS) {
    const d = await deepLink(browser, site, viewport);
    rows.push({
      viewport: `${viewport.width}×${viewport.height}`,
      controlsInViewMs: d.controlsInViewMs,
      controlsStayed: d.controlsStayed,
      deepLink: d.shifts,
      scrollThrough: await scrolled(browser, site, viewport)
    });
  }
  return rows;
}

/** The report lines. */
export function formatCls(rows: ClsRow[]): string {
  const f = (s: LayoutShifts) => `CLS ${s.cls.toFixed(3)} (sum ${s.total.toFixed(3)}, ${s.count} shifts)`;
  const top = (s: LayoutShifts) =>
    s.largest.length
      ? `\n      largest: ${s.largest.map((l) => `${l.value.toFixed(3)} ${l.sources[0] ?? ''}`).join('; ')}`
      : '';
  return rows
    .map((r) => {
      const seen =
        r.controlsInViewMs === null
          ? 'twin controls never in view'
          : `twin controls in view ${(r.controlsInViewMs / 1000).toFixed(1)} s after navigation${r.controlsStayed ? ', still there after its first epochs' : ', then pushed away'}`;
      return `  ${r.viewport}: deep link ${DEEP_LINK}: ${seen}; ${f(r.deepLink)}${top(r.deepLink)}\n  ${r.viewport}: scroll-through: ${f(r.scrollThrough)}${top(r.scrollThrough)}`;
    })
    .join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const site = await startSite();
  const browser = await launchBrowser();
  try {
    console.log(`Layout shift (target ≤ 0.05), headless Chromium ${browser.version()}:`);
    console.log(formatCls(await measureCls(browser, site)));
  } finally {
    await browser.close();
    await site.close();
  }
}
