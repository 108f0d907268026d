// The animated walkthrough in the real built site: it plays, pauses, seeks to a chapter and by
// the timeline slider, and the caption follows; with prefers-reduced-motion it is a step-through with the
// same captions; keyboard-operable; axe finds nothing wrong with it.
// Run: DL_BUILD_DIR=build-<you> npx vitest run --config vitest.browser.config.ts tests/browser/walkthrough.test.ts
import { describe, expect, it } from 'vitest';
import { AxeBuilder } from '@axe-core/playwright';
import { CHAPTERS } from '../../src/lib/lab/walkthrough/script';
import { browser, formatViolations, openPage, showExample, site, useSiteAndBrowser, type Page } from './harness';

const WALK = 'section[aria-label="Live example: animated walkthrough of dropout"]';

useSiteAndBrowser();

async function openWalkthrough(page: Page): Promise<void> {
  await page.goto(site.url + '/');
  await showExample(page, 'Live example: animated walkthrough of dropout', {
    ready: '[data-testid="caption"]',
    timeout: 60_000
  });
}

/** The caption's text with placeholders turned into "anything", to compare with the script. */
function pattern(text: string): RegExp {
  const escaped = text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\\\{\w+\\\}/g, '.+');
  return new RegExp(`^${escaped}$`);
}

const seconds = (clock: string) => {
  const [m, s] = clock.split(' / ')[0].split(':').map(Number);
  return m * 60 + s;
};

describe('walkthrough', () => {
  it('plays, pauses, seeks to a chapter and along the timeline; the caption follows', async () => {
    const { page, log, close } = await openPage(browser, site);
    await openWalkthrough(page);
    const w = page.locator(WALK);
    const caption = w.locator('[data-testid="caption"]');
    const time = w.locator('[data-testid="time"]');
    expect(await caption.innerText()).toMatch(pattern(CHAPTERS[0].cues[0].text));
    expect(await time.innerText()).toMatch(/^0:00 \/ 4:05$/);

    // Play at 2× speed: the clock runs.
    await w.getByLabel('Speed').selectOption('2');
    await w.locator('[data-testid="play"]').click();
    await expect.poll(async () => seconds(await time.innerText()), { timeout: 20_000 }).toBeGreaterThanOrEqual(3);
    // Pause: the clock stops.
    await w.locator('[data-testid="play"]').click();
    const paused = await time.innerText();
    // Let the page render 90 more animation frames: the walkthrough advances its clock in animation frames,
    // by the time elapsed (90 frames are at least 1.5 s at 60 Hz, 3 s of clock at 2×), so a clock still
    // running would have moved on by then.
    await page.evaluate(
      () =>
        new Promise<void>((resolve) => {
          let frames = 0;
          const tick = () => (++frames >= 90 ? resolve() : requestAnimationFrame(tick));
          requestAnimationFrame(tick);
        })
    );
    expect(await time.innerText()).toBe(paused);
    expect(await w.locator('[data-testid="play"]').getAttribute('aria-pressed')).toBe('false');

    // Seek to chapter 4 from the chapter list: title, caption and clock follow.
    await w.getByRole('button', { name: new RegExp(CHAPTERS[3].title) }).click();
    expect(await w.locator('[data-testid="chapter-title"]').innerText()).toBe(`Chapter 4 of 6: ${CHAPTERS[3].title}`);
    expect(await caption.innerText()).toMatch(pattern(CHAPTERS[3].cues[0].text));
    expect(await w.getByRole('button', { name: new RegExp(CHAPTERS[3].title) }).getAttribute('aria-current')).toBe(
      'step'
    );

    // Scrub with the keyboard on the timeline slider: End jumps to the last caption.
    await w.locator('[data-testid="timeline"]').focus();
    await page.keyboard.press('End');
    expect(await caption.innerText()).toMatch(pattern(CHAPTERS[5].cues.at(-1)!.text));
    expect(await w.locator('[data-testid="timeline"]').getAttribute('aria-valuetext')).toMatch(
      /^4:05 of 4:05, chapter 6: Averaging the ensemble$/
    );
    expect(await w.innerText()).not.toMatch(/NaN|undefined|\{\w+\}/);
    expect(log.problems()).toEqual([]);
    await close();
  });

  it('with reduced motion it is a step-through: no Play, the same captions one step at a time', async () => {
    const { page, close } = await openPage(browser, site, { reducedMotion: 'reduce' });
    await openWalkthrough(page);
    const w = page.locator(WALK);
    expect(await w.locator('[data-testid="play"]').count()).toBe(0);
    const total = CHAPTERS.reduce((n, c) => n + c.cues.length, 0);
    expect(await w.locator('[data-testid="step"]').innerText()).toBe(`Step 1 of ${total}`);
    await w.getByRole('button', { name: 'Next step' }).click();
    expect(await w.locator('[data-testid="step"]').innerText()).toBe(`Step 2 of ${total}`);
    expect(await w.locator('[data-testid="caption"]').innerText()).toMatch(pattern(CHAPTERS[0].cues[1].text));
    // Keyboard: Tab to "Previous step" and press Enter.
    await w.getByRole('button', { name: 'Previous step' }).focus();
    await page.keyboard.press('Enter');
    expect(await w.locator('[data-testid="caption"]').innerText()).toMatch(pattern(CHAPTERS[0].cues[0].text));
    await w.getByRole('button', { name: new RegExp(CHAPTERS[5].title) }).click();
    expect(await w.locator('[data-testid="caption"]').innerText()).toMatch(pattern(CHAPTERS[5].cues[0].text));
    await close();
  });

  it('fits 360 px in dark mode and has no axe violations', async () => {
    const { page, log, close } = await openPage(browser, site, {
      viewport: { width: 360, height: 800 },
      colorScheme: 'dark'
    });
    await openWalkthrough(page);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth
    );
    expect(overflow).toBeLessThanOrEqual(0);
    const results = await new AxeBuilder({ page })
      .include(WALK)
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
      .analyze();
    expect(results.violations, formatViolations(results.violations)).toEqual([]);
    expect(log.problems()).toEqual([]);
    await close();
  });
});
