// Hostile links: the twin run keeps its configuration in the query string, and anyone can send a
// link. The parser's property test (tests/lab/twin/url.test.ts, 10,000 runs) proves it never throws and
// always yields a valid configuration; here a seeded sample of such links — plus the worst hand-written ones,
// a 100 kB value included — is opened in Chromium: the page loads, the twin run gets ready with valid
// settings, and there is no console error, no uncaught error and no NaN anywhere on the page.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { browser, openPage, showExample, site, useSiteAndBrowser, type Page } from './harness';
import { TWIN_URL_KEYS } from '../../src/lib/lab/twin';

useSiteAndBrowser();

/** Hand-written worst cases. */
const HOSTILE = [
  'lr=' + '9'.repeat(100_000), // a 100 kB value
  'lr=NaN&width=Infinity&depth=-Infinity&epochs=1e309&batch=-0&seed=1e-400',
  'p=0.5,NaN,1e999,-3,<svg/onload=alert(1)>&pin=2&n=-5&val=0',
  'data=<script>alert(document.cookie)</script>&act=constructor&opt=__proto__',
  'preset=__proto__&preset=digits&preset=overfit&preset=%00',
  'width=%F0%9F%99%82&depth=%E0%A4%A&lr=%&seed=%%%',
  'lr=1e-5&lr=10&lr=1e3&lr=0&lr=-1',
  'noise=0x10&flip=1,2,3&mom=[1]&batch={"a":1}&epochs=true',
  '&&&==&=&lr&lr=&?lr=1'
];

const keys = Object.values(TWIN_URL_KEYS);
const value = fc.oneof(
  fc.constantFrom(
    'NaN',
    'Infinity',
    '-1e309',
    '1e-400',
    '',
    '-0',
    '<b>x</b>',
    '"><img src=x>',
    '%',
    '🙂🙂',
    '\u202e',
    '0.5,0.5,0.5,0.5,0.5'
  ),
  fc.double().map(String),
  fc.integer().map(String),
  fc.string({ unit: 'grapheme', maxLength: 20 })
);
/** Random links: known and unknown keys, duplicated, sometimes encoded, sometimes raw. */
const query = fc
  .array(fc.tuple(fc.oneof(fc.constantFrom(...keys), fc.string({ maxLength: 6 })), value, fc.boolean()), {
    minLength: 1,
    maxLength: 12
  })
  .map((pairs) =>
    pairs.map(([k, v, enc]) => (enc ? `${encodeURIComponent(k)}=${encodeURIComponent(v)}` : `${k}=${v}`)).join('&')
  );

/** The sample opened in the browser: the hand-written cases and a fixed-seed random sample. */
const SAMPLE = [...HOSTILE, ...fc.sample(query, { seed: 9, numRuns: 16 })];

/** Every number shown in the twin run's form controls. */
function controlValues(page: Page): Promise<string[]> {
  return page
    .getByRole('region', { name: 'Live example: the twin run', exact: true })
    .locator('input[type="number"], input[type="range"], select')
    .evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
}

describe('hostile links in Chromium', () => {
  it(`${SAMPLE.length} random and adversarial query strings: the lesson loads, the twin run is ready, no error, no NaN`, async () => {
    const { page, log, close } = await openPage(browser, site);
    const alerts: string[] = [];
    page.on('dialog', (d) => {
      alerts.push(d.message());
      void d.dismiss();
    });
    for (const q of SAMPLE) {
      const label = q.length > 80 ? `${q.slice(0, 80)}… (${q.length} chars)` : q;
      const response = await page.goto(`${site.url}/?${q}`);
      expect(response?.status(), label).toBe(200);
      const region = await showExample(page, 'Live example: the twin run', { timeout: 90_000 }).catch((e: Error) => {
        throw new Error(`${label}: ${e.message}`);
      });
      await expect
        .poll(() => page.locator('[data-testid="twin-status"]').innerText(), { timeout: 90_000, message: label })
        .toMatch(/Without dropout: epoch 0[\s\S]*With dropout: epoch 0/);
      // The notes may quote what the link said ("NaN" is not a number): everything else must be clean.
      const text = await page.locator('main').evaluate((main) => {
        const copy = main.cloneNode(true) as HTMLElement;
        copy.querySelectorAll('[data-testid="twin-notes"]').forEach((n) => n.remove());
        return copy.textContent ?? '';
      });
      const bad = /.{0,60}(\bNaN\b|\bundefined\b|could not be loaded|went wrong).{0,60}/.exec(text);
      expect(bad?.[0] ?? null, label).toBeNull();
      for (const v of await controlValues(page)) expect(v, label).not.toMatch(/NaN|Infinity|^$/);
      // Whatever was ignored is said in a few short notes, never echoed at length.
      const notes = region.locator('[data-testid="twin-notes"] li');
      for (const note of await notes.allInnerTexts()) expect(note.length, label).toBeLessThan(300);
    }
    expect(alerts).toEqual([]);
    expect(log.problems()).toEqual([]);
    await close();
  }, 900_000); // one full page load per link on a shared, busy machine
});
