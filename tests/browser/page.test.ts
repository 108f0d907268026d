// Generic checks of the built lesson page, independent of any one widget: the content is there
// without JavaScript, no KaTeX code ships to the client, the page is quiet (no errors, no other origins), it
// never scrolls sideways, reduced motion is honoured, and the skip link and table of contents work.
// Runs against build/ (npx vite build first; `npm run test:browser` does it).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { QUESTIONS } from '../../src/lib/lab/quiz-questions';
import { browser, BUILD_DIR, openPage, scrollThrough, site, useSiteAndBrowser } from './harness';

/** The lesson's sections, in reading order (the page's contract with the other tests and with the ToC). */
const SECTION_IDS = [
  'refresher',
  'intuition',
  'mechanism',
  'why',
  'ensemble',
  'test-time',
  'rates',
  'augmentation',
  'quiz'
];

/**
 * Strings that exist only in KaTeX's own JavaScript (error messages survive minification), so finding one in
 * our client chunks means the KaTeX renderer was bundled.
 */
const KATEX_CODE_MARKERS = ['KaTeX parse error', 'Unknown column alignment', "KaTeX doesn't work in quirks mode"];

/** Text with `code` marks dropped and whitespace collapsed, to compare source strings with rendered text. */
function normalise(text: string): string {
  return text.replace(/`/g, '').replace(/\s+/g, ' ').trim();
}

/** Every .js file under `dir`, recursively. */
function jsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.js'))
    .map((entry) => join(entry.parentPath, entry.name));
}

useSiteAndBrowser();

describe('content without JavaScript', () => {
  it('the served HTML holds every section in order, each with an h2, and typeset formulas', async () => {
    const html = await (await fetch(site.url + '/')).text();
    const positions = SECTION_IDS.map((id) => html.search(new RegExp(`<section[^>]*\\sid="${id}"`)));
    for (const [i, id] of SECTION_IDS.entries())
      expect(positions[i], `<section id="${id}"> in the HTML`).toBeGreaterThan(-1);
    expect(positions, 'sections in reading order').toEqual([...positions].sort((a, b) => a - b));
    expect(html).toMatch(/class="katex"/);
    // KaTeX's MathML twin is what screen readers read: the prerendered math must carry it.
    expect(html).toMatch(/<math[\s>]/);
  });

  it('with JavaScript disabled the page shows sections, headings, formulas and the quiz questions', async () => {
    const { page, close } = await openPage(browser, site, { javaScriptEnabled: false });
    try {
      await page.goto(site.url + '/');
      const found = await page.evaluate((ids) => {
        return ids.map((id) => {
          const el = document.getElementById(id);
          return { id, tag: el?.tagName ?? null, h2: el?.querySelector('h2')?.textContent?.trim() ?? '' };
        });
      }, SECTION_IDS);
      for (const section of found) {
        expect(section.tag, `#${section.id}`).toBe('SECTION');
        expect(section.h2.length, `h2 of #${section.id}`).toBeGreaterThan(0);
      }
      const order = await page.evaluate(
        (ids) => Array.from(document.querySelectorAll('section[id]'), (s) => s.id).filter((id) => ids.includes(id)),
        SECTION_IDS
      );
      expect(order).toEqual(SECTION_IDS);
      expect(await page.locator('main#main').count()).toBe(1);
      expect(await page.locator('.katex').count()).toBeGreaterThan(0);
      expect(await page.locator('#mechanism .katex').count(), 'the mechanism section has its formulas').toBeGreaterThan(
        0
      );
      // Every quiz question is readable without JavaScript (checking answers may need it).
      const quizText = normalise(await page.locator('#quiz').innerText());
      expect(QUESTIONS.length).toBeGreaterThan(0);
      for (const question of QUESTIONS) expect(quizText).toContain(normalise(question.prompt));
      expect(await page.title()).toMatch(/dropout/i);
    } finally {
      await close();
    }
  });
});

describe('client bundle', () => {
  it('the markers used below really identify KaTeX code (checked against the minified KaTeX build)', () => {
    const require = createRequire(import.meta.url);
    const katexMin = readFileSync(require.resolve('katex/dist/katex.min.js'), 'utf8');
    for (const marker of KATEX_CODE_MARKERS) expect(katexMin, marker).toContain(marker);
  });

  it('contains no KaTeX JavaScript (formulas are typeset at build time)', () => {
    const files = jsFiles(join(BUILD_DIR, '_app'));
    expect(files.length, 'client JS files under build/_app').toBeGreaterThan(0);
    const offenders = files.flatMap((file) => {
      const code = readFileSync(file, 'utf8');
      return KATEX_CODE_MARKERS.filter((m) => code.includes(m)).map((m) => `${file.slice(BUILD_DIR.length)}: "${m}"`);
    });
    expect(offenders).toEqual([]);
  });
});

describe('behaviour in the browser', () => {
  it('loads and scrolls through with no console errors, no page errors and no request to another origin', async () => {
    const { page, log, close } = await openPage(browser, site);
    try {
      await page.goto(site.url + '/', { waitUntil: 'load' });
      await scrollThrough(page);
      await page.waitForLoadState('networkidle');
      expect(log.requests.length, 'the watcher saw the page load').toBeGreaterThan(0);
      expect(log.problems()).toEqual([]);
    } finally {
      await close();
    }
  });

  it('keeps every prerendered formula through hydration (the browser bundle carries no copy of the math)', async () => {
    const page0 = readFileSync(join(BUILD_DIR, 'index.html'), 'utf8');
    const html = page0.slice(page0.indexOf('<body')); // the <head> holds the (inlined) KaTeX stylesheet
    const prerendered = html.match(/<span class="katex">/g)?.length ?? 0;
    expect(prerendered, 'formulas in the static HTML').toBeGreaterThan(40);
    // The math is not also shipped as hydration data or in a script (it was once, doubling the page).
    expect(html.match(/katex-mathml/g)?.length ?? 0).toBe(prerendered);
    const { page, log, close } = await openPage(browser, site);
    try {
      await page.goto(site.url + '/', { waitUntil: 'load' });
      await scrollThrough(page);
      // Hydration has run: the theme toggle answers.
      const before = await page.locator('html').getAttribute('data-theme');
      await page.getByRole('button', { name: /theme/i }).first().click();
      await expect.poll(() => page.locator('html').getAttribute('data-theme')).not.toBe(before);
      const after = await page.evaluate(() => ({
        katex: document.querySelectorAll('.katex').length,
        mathml: document.querySelectorAll('.katex math').length,
        text: document.body.innerText
      }));
      expect(after.katex).toBe(prerendered);
      expect(after.mathml).toBe(prerendered);
      expect(after.text).not.toContain('typeset at build time');
      expect(log.problems()).toEqual([]);
    } finally {
      await close();
    }
  });

  for (const width of [360, 768, 1280]) {
    it(`never scrolls sideways at ${width} px`, async () => {
      const { page, close } = await openPage(browser, site, { viewport: { width, height: 800 } });
      try {
        await page.goto(site.url + '/', { waitUntil: 'load' });
        await scrollThrough(page);
        const { scrollWidth, innerWidth } = await page.evaluate(() => ({
          scrollWidth: document.documentElement.scrollWidth,
          innerWidth: window.innerWidth
        }));
        expect(innerWidth).toBe(width);
        if (scrollWidth > innerWidth) {
          // Name the culprits so the failure is actionable.
          const wide = await page.evaluate(() =>
            Array.from(document.querySelectorAll('body *'))
              .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 0.5)
              .slice(0, 5)
              .map((el) => `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}.${[...el.classList].join('.')}`)
          );
          expect.fail(`scrollWidth ${scrollWidth} > ${innerWidth}; elements past the right edge: ${wide.join(', ')}`);
        }
      } finally {
        await close();
      }
    });
  }

  it('honours prefers-reduced-motion: no smooth scrolling, no running animations, instant theme switch', async () => {
    const { page, close } = await openPage(browser, site, { reducedMotion: 'reduce' });
    try {
      await page.goto(site.url + '/', { waitUntil: 'load' });
      expect(await page.evaluate(() => matchMedia('(prefers-reduced-motion: reduce)').matches)).toBe(true);
      await scrollThrough(page);
      const motion = await page.evaluate(() => ({
        scrollBehavior: getComputedStyle(document.documentElement).scrollBehavior,
        running: document
          .getAnimations()
          .filter((a) => a.playState === 'running')
          .map((a) => Number(a.effect?.getComputedTiming().duration ?? 0))
          .filter((duration) => duration > 10)
      }));
      expect(motion.scrollBehavior).not.toBe('smooth');
      expect(motion.running, 'animations longer than 10 ms still running').toEqual([]);
      // A theme switch changes colours everywhere: any transition it starts must be (near) instant too.
      await page.getByRole('button', { name: /theme/i }).click();
      const transitions = await page.evaluate(() =>
        document
          .getAnimations()
          .map((a) => Number(a.effect?.getComputedTiming().duration ?? 0))
          .filter((duration) => duration > 10)
      );
      expect(transitions, 'transitions longer than 10 ms after switching theme').toEqual([]);
    } finally {
      await close();
    }
  });

  it('the skip link is the first stop on Tab, becomes visible, and moves focus into the main content', async () => {
    const { page, close } = await openPage(browser, site, { viewport: { width: 1280, height: 800 } });
    try {
      await page.goto(site.url + '/', { waitUntil: 'networkidle' });
      // Keyboard focus goes to the front page only; several contexts share this browser.
      await page.bringToFront();
      await page.keyboard.press('Tab');
      const skip = await page.evaluate(() => {
        const el = document.activeElement as HTMLAnchorElement | null;
        const box = el?.getBoundingClientRect();
        return {
          tag: el?.tagName,
          href: el?.getAttribute('href'),
          visible: !!box && box.width > 1 && box.height > 1 && box.bottom > 0 && box.top < window.innerHeight
        };
      });
      expect(skip).toEqual({ tag: 'A', href: '#main', visible: true });
      await page.keyboard.press('Enter');
      await expect.poll(() => page.evaluate(() => location.hash)).toBe('#main');
      // Focus (or the sequential-navigation starting point) is now in <main>: the next Tab lands inside it,
      // skipping the header and the table of contents.
      await page.keyboard.press('Tab');
      const inMain = await page.evaluate(() => !!document.activeElement?.closest('main#main'));
      expect(inMain).toBe(true);
    } finally {
      await close();
    }
  });

  it('the table of contents links every section and marks the one being read', async () => {
    const { page, close } = await openPage(browser, site, { viewport: { width: 1280, height: 800 } });
    try {
      await page.goto(site.url + '/', { waitUntil: 'load' });
      const toc = page.locator('nav[aria-label="Contents"]');
      expect(await toc.count()).toBe(1);
      const hrefs = await toc.locator('a').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
      expect(hrefs.filter((h) => SECTION_IDS.includes(h?.replace(/^.*#/, '') ?? ''))).toEqual(
        SECTION_IDS.map((id) => expect.stringMatching(new RegExp(`#${id}$`)))
      );
      /** The section ids whose ToC links are currently marked with aria-current. */
      const current = () =>
        toc
          .locator('a[aria-current]:not([aria-current="false"])')
          .evaluateAll((links) => links.map((a) => a.getAttribute('href')?.replace(/^.*#/, '')));
      for (const id of ['ensemble', 'rates', 'intuition']) {
        // Scrolled to again on every poll: live examples mounting near the section grow and move it away.
        const readAt = async () => {
          await page.locator(`#${id}`).evaluate((el) => el.scrollIntoView({ block: 'start', behavior: 'instant' }));
          return current();
        };
        await expect.poll(readAt, { timeout: 30_000, message: `ToC marks #${id}` }).toEqual([id]);
      }
    } finally {
      await close();
    }
  });
});
