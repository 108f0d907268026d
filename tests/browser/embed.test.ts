// The embed pages (/embed/<example>), in Chromium against the built site, framed by a course page that a
// second tiny server answers on another loopback port (another origin):
// - every embed page loads in the frame, runs, and posts its content height to the host page, which then
//   fits the frame without an inner scrollbar; it asks nothing of any origin but its own;
// - hide= removes controls, lock= disables them, an example's own settings start it where the link says;
// - hostile flag values give a visible note, never a crash or a console error;
// - axe finds nothing on any embed page, light and dark;
// - the lesson itself still refuses to be framed by the other origin, while the embed pages may be.
import type { Frame } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { EMBEDS, EMBED_NAMES, type EmbedName } from '../../src/lib/ui/embed/registry';
import { drawnQuery } from '../../src/lib/lab/user-data/drawn';
import {
  browser,
  checkA11y,
  formatViolations,
  openPage,
  site,
  useSiteAndBrowser,
  type Page,
  type PageLog
} from './harness';
import { startHost } from './course-host';

useSiteAndBrowser();

/** The course page: one iframe of `src`, sized by the height messages it hears, which it also records. */
function coursePage(src: string): string {
  const attr = src.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A course page</title></head>
<body><main><h1>Week 4: dropout</h1>
<iframe id="lab" src="${attr}" title="Dropout Lab example" width="100%" height="400" style="border: 0"></iframe>
</main><script>
window.__heights = [];
window.__loads = 0;
document.getElementById('lab').addEventListener('load', () => window.__loads++);
addEventListener('message', (e) => {
  const d = e.data;
  if (!d || d.type !== 'dropout-lab:height') return;
  window.__heights.push({ origin: e.origin, example: d.example, height: d.height });
  if (e.source === document.getElementById('lab').contentWindow) document.getElementById('lab').style.height = d.height + 'px';
});
</script></body></html>`;
}

/** Starts the course site on another port of 127.0.0.1: `/?src=<url>` answers the course page framing it. */
const startCourse = () => startHost((q) => coursePage(q.get('src') ?? 'about:blank'));

/** The embed page's frame inside the course page, once it is there. */
async function embedFrame(page: Page): Promise<Frame> {
  await expect.poll(() => page.frames().some((f) => f.url().includes('/embed/')), { timeout: 30_000 }).toBe(true);
  return page.frames().find((f) => f.url().includes('/embed/'))!;
}

/** Requests to anything but the two sites (the site itself and the course page's server). */
function strayRequests(log: PageLog, hostUrl: string): string[] {
  const allowed = new Set([new URL(site.url).origin, new URL(hostUrl).origin]);
  return log.requests
    .filter((r) => !/^(data|blob|about):/.test(r.url) && !allowed.has(new URL(r.url).origin))
    .map((r) => `${r.method} ${r.url}`);
}

/** What proves each example did work in the frame beyond its first picture (a click, then a state). */
const RUN: Record<EmbedName, (frame: Frame) => Promise<void>> = {
  twin: async (f) => {
    await f.getByRole('button', { name: 'Play', exact: true }).click();
    await f.waitForFunction(
      () =>
        /Without dropout: epoch [1-9]/.test(document.querySelector('[data-testid="twin-status"]')?.textContent ?? ''),
      null,
      { timeout: 90_000 }
    );
  },
  explorer: async (f) => {
    await f.getByRole('button', { name: 'Sample a mask' }).click();
    await f.waitForFunction(() =>
      /^[1-9]\d* of/.test(document.querySelector('[data-testid="summary"]')?.textContent ?? '')
    );
  },
  ensemble: async (f) => {
    await f.waitForFunction(() => document.querySelector('[data-testid="ensemble-status"]')?.textContent === 'Done.');
  },
  walkthrough: async (f) => {
    await f.getByTestId('play').click();
    await f.waitForFunction(() => !/^0:00 \//.test(document.querySelector('[data-testid="time"]')?.textContent ?? ''));
  },
  rates: async (f) => {
    // The whole grid takes a while: the first finished networks show it runs.
    await f.getByTestId('rates-run').click();
    await f.waitForFunction(
      () => /[1-9]\d* of \d+/.test(document.querySelector('[data-testid="rates-status"]')?.textContent ?? ''),
      null,
      {
        timeout: 90_000
      }
    );
    await f.getByTestId('rates-stop').click();
  },
  spatial: async (f) => {
    await f.waitForSelector('[data-testid="masked-maps"]');
  },
  augmentation: async (f) => {
    // Four networks over several seeds take minutes: the first epochs arriving show it runs.
    await f.getByRole('button', { name: 'Train the four networks' }).click();
    await f.waitForFunction(
      () => /epoch [1-9]/.test(document.querySelector('[role="status"].status')?.textContent ?? ''),
      null,
      {
        timeout: 90_000
      }
    );
    await f.getByRole('button', { name: 'Stop' }).click();
  },
  refresher: async (f) => {
    await f.getByRole('button', { name: 'Flip 10×' }).click();
    await f.waitForFunction(() => document.querySelector('[data-testid="flip-count"]')?.textContent === '10');
  }
};

describe('embed pages in a frame on another origin', () => {
  it('every one loads, runs, reports its height and fits, asking nothing of other origins', async () => {
    const host = await startCourse();
    try {
      for (const name of EMBED_NAMES) {
        const { page, log, close } = await openPage(browser, site);
        try {
          await page.goto(`${host.url}/?src=${encodeURIComponent(`${site.url}/embed/${name}`)}`);
          const frame = await embedFrame(page);
          await frame.waitForSelector(EMBEDS[name].ready, { timeout: 120_000 });
          await RUN[name](frame);
          // The course page heard the frame's height, from the site's origin, for this example.
          await expect
            .poll(() => page.evaluate(() => (window as unknown as { __heights: { example: string }[] }).__heights), {
              timeout: 30_000,
              message: `${name} posts its height`
            })
            .toContainEqual(expect.objectContaining({ origin: new URL(site.url).origin, example: name }));
          const heights = await page.evaluate(
            () => (window as unknown as { __heights: { height: number }[] }).__heights
          );
          expect(heights.every((h) => Number.isInteger(h.height) && h.height > 100)).toBe(true);
          // Sized by the last message, the frame shows all of its content: no inner scrollbar.
          await expect
            .poll(
              () => frame.evaluate(() => document.documentElement.scrollHeight - document.documentElement.clientHeight),
              { timeout: 30_000, message: `${name} fits its frame` }
            )
            .toBeLessThanOrEqual(1);
          // Nor does it scroll sideways, at any viewport (DL_VIEWPORT=360x800 runs this at phone width).
          expect(
            await frame.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
          ).toBeLessThanOrEqual(0);
          expect(await frame.locator('[data-state="mounted"]').count()).toBe(1);
          // The link back lands on the example's section of the lesson (in a new tab: the lesson cannot be framed).
          const back = frame.getByRole('link', { name: /From the lesson/ });
          const href = new URL((await back.getAttribute('href')) ?? '', frame.url());
          expect(href.href).toBe(`${site.url}/#${EMBEDS[name].section}`);
          expect(await back.getAttribute('target')).toBe('_blank');
          expect(log.consoleErrors, name).toEqual([]);
          expect(log.pageErrors, name).toEqual([]);
          expect(strayRequests(log, host.url), name).toEqual([]);
          // The frame itself asked only its own origin.
          const frameRequests = log.requests.filter(
            (r) => !r.url.startsWith(host.url) && !/^(data|blob|about):/.test(r.url)
          );
          expect(frameRequests.length).toBeGreaterThan(3);
          expect(frameRequests.filter((r) => new URL(r.url).origin !== new URL(site.url).origin)).toEqual([]);
        } finally {
          await close();
        }
      }
    } finally {
      await host.close();
    }
  }, 900_000);

  it('the lesson refuses the other origin, the embed pages do not', async () => {
    const host = await startCourse();
    const { page, close } = await openPage(browser, site);
    try {
      // The lesson: the frame loads something (an error page), never the lesson.
      await page.goto(`${host.url}/?src=${encodeURIComponent(`${site.url}/`)}`);
      await page.waitForFunction(() => (window as unknown as { __loads: number }).__loads > 0, null, {
        timeout: 60_000
      });
      const lesson = page.frames().find((f) => f !== page.mainFrame());
      const framed = lesson
        ? await lesson.evaluate(() => Boolean(document.querySelector('main#main'))).catch(() => false)
        : false;
      expect(framed).toBe(false);
      const lessonHeaders = (await fetch(`${site.url}/`)).headers;
      expect(lessonHeaders.get('content-security-policy')).toMatch(/frame-ancestors 'self'$/);
      expect(lessonHeaders.get('x-frame-options')).toBe('SAMEORIGIN');
      for (const name of EMBED_NAMES) {
        const headers = (await fetch(`${site.url}/embed/${name}`)).headers;
        expect(headers.get('content-security-policy'), name).toMatch(/; frame-ancestors \*$/);
        expect(headers.get('x-frame-options'), name).toBeNull();
      }
    } finally {
      await close();
      await host.close();
    }
  });
});

describe('URL flags', () => {
  it('hide removes controls and lock disables them; the twin starts from the settings in the link', async () => {
    const { page, log, close } = await openPage(browser, site);
    await page.goto(`${site.url}/embed/twin?preset=overfit&lr=0.003&hide=preset,data,seed,code&lock=p,pin`);
    await page.waitForSelector(EMBEDS.twin.ready);
    expect(await page.getByLabel('Preset').count()).toBe(0);
    expect(await page.getByLabel('Data', { exact: true }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'New seed' }).count()).toBe(0);
    expect(await page.getByText('Show the code (PyTorch or Keras)').count()).toBe(0);
    // Each slider is named by its label's words alone (the <output> beside them is not the name).
    const slider = (text: string) => page.getByRole('slider', { name: text, exact: true });
    expect(await slider('Dropout p, hidden layer 1').isDisabled()).toBe(true);
    expect(await slider('Dropout p, hidden layer 2').isDisabled()).toBe(true);
    expect(await slider('Dropout p, inputs').isDisabled()).toBe(true);
    expect(await slider('Input noise').isDisabled()).toBe(false);
    // Everything not named stays as it was, and the link's own setting was used.
    expect(await page.getByLabel('Learning rate').isDisabled()).toBe(false);
    expect(await page.getByLabel('Learning rate').inputValue()).toBe('0.003');
    expect(await page.getByRole('button', { name: 'Reset' }).isEnabled()).toBe(true);
    expect(await page.getByTestId('embed-notes').count()).toBe(0);
    expect(await page.getByTestId('twin-notes').count()).toBe(0);
    // The Embed button copies the snippet for these settings, flags included.
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: site.url });
    await page.getByTestId('embed-button').click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Embed code copied' }).count()).toBe(1);
    const snippet = await page.evaluate(() => navigator.clipboard.readText());
    expect(snippet).toMatch(
      /^<iframe src="http:\/\/127\.0\.0\.1:\d+\/embed\/twin\?[^"]+" title="Dropout Lab: The twin run/
    );
    const src = new URL(/src="([^"]+)"/.exec(snippet)![1].replace(/&amp;/g, '&'));
    expect(src.searchParams.get('lr')).toBe('0.003');
    expect(src.searchParams.get('hide')).toBe('preset,data,seed,code');
    expect(src.searchParams.get('lock')).toBe('pin,p');
    expect(snippet).toMatch(/width="100%" height="\d+" loading="lazy"/);
    expect(log.problems()).toEqual([]);
    await close();
  });

  it('the other examples take their own settings, hide and lock', async () => {
    const { page, log, close } = await openPage(browser, site);
    await page.goto(`${site.url}/embed/refresher?h=3&p=0.25&lock=h&hide=reset`);
    await page.waitForSelector(EMBEDS.refresher.ready);
    expect(await page.getByLabel('Activation h').inputValue()).toBe('3');
    expect(await page.getByLabel('Activation h').isDisabled()).toBe(true);
    expect(await page.getByLabel('Drop probability p').inputValue()).toBe('0.25');
    expect(await page.getByLabel('Drop probability p').isDisabled()).toBe(false);
    expect(await page.getByRole('button', { name: 'Start over' }).count()).toBe(0);
    expect(await page.getByTestId('expected-plain').innerText()).toBe('2.250');

    await page.goto(`${site.url}/embed/ensemble?data=circle&width=8&lock=data&hide=width,resample`);
    await page.waitForSelector('[data-testid="census"]', { timeout: 120_000 });
    expect(await page.getByLabel('Data').inputValue()).toBe('circle');
    expect(await page.getByLabel('Data').isDisabled()).toBe(true);
    expect(await page.getByLabel('Units per hidden layer').count()).toBe(0);
    expect(await page.getByTestId('census').innerText()).toMatch(/→ 8 → 8 →/);
    // Its Embed button copies these settings and flags.
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: site.url });
    await page.getByTestId('embed-button').click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Embed code copied' }).count()).toBe(1);
    expect(await page.evaluate(() => navigator.clipboard.readText())).toMatch(
      /^<iframe src="http:\/\/127\.0\.0\.1:\d+\/embed\/ensemble\?data=circle&amp;width=8&amp;hide=width,resample&amp;lock=data" title="Dropout Lab: Inside the ensemble/
    );

    await page.goto(`${site.url}/embed/augmentation?lock=prediction`);
    await page.waitForSelector(EMBEDS.augmentation.ready);
    expect(await page.getByTestId('prediction-augment').getByRole('radio').first().isDisabled()).toBe(true);
    await page.goto(`${site.url}/embed/augmentation?hide=prediction`);
    await page.waitForSelector(EMBEDS.augmentation.ready);
    expect(await page.getByTestId('prediction-augment').count()).toBe(0);

    await page.goto(`${site.url}/embed/walkthrough?hide=chapters&lock=timeline`);
    await page.waitForSelector(EMBEDS.walkthrough.ready, { timeout: 120_000 });
    expect(await page.getByRole('list', { name: 'Chapters' }).count()).toBe(0);
    expect(await page.getByTestId('timeline').isDisabled()).toBe(true);
    expect(log.problems()).toEqual([]);
    await close();
  });

  it('spatial hides or locks its predictions and its CSV download', async () => {
    const { page, log, close } = await openPage(browser, site);
    const predictions = page.locator('[data-testid^="prediction-spatial"]');
    const csv = page.getByRole('button', { name: 'Download the numbers (CSV)' });
    await page.goto(`${site.url}/embed/spatial?p=0.3&hide=prediction,download`);
    await page.waitForSelector(EMBEDS.spatial.ready, { timeout: 120_000 });
    expect(await page.getByLabel('p for both kinds').inputValue()).toBe('0.3');
    expect(await predictions.count()).toBe(0);
    expect(await csv.count()).toBe(0);
    expect(await page.getByTestId('embed-notes').count()).toBe(0);
    await page.goto(`${site.url}/embed/spatial?lock=prediction,download`);
    await page.waitForSelector(EMBEDS.spatial.ready, { timeout: 120_000 });
    expect(await predictions.count()).toBe(2);
    for (const radio of await predictions.getByRole('radio').all()) expect(await radio.isDisabled()).toBe(true);
    expect(await csv.isDisabled()).toBe(true);
    expect(log.problems()).toEqual([]);
    await close();
  });

  it('the explorer trains on the drawn points its address carries, or says in words it has none', async () => {
    const { page, log, close } = await openPage(browser, site);
    const points = [
      ...[-1, -0.5, 0, 0.5].map((x) => ({ x, y: 0.8, c: 0 })),
      ...[-1, 0, 1].map((x) => ({ x, y: -0.8, c: 1 }))
    ];
    await page.goto(`${site.url}/embed/explorer?data=drawn&${drawnQuery(points)}`);
    await page.waitForSelector(EMBEDS.explorer.ready, { timeout: 120_000 });
    const menu = page.getByRole('combobox', { name: /Data set/ });
    expect(await menu.inputValue()).toBe('drawn');
    expect(await menu.locator('option:checked').innerText()).toBe('Your drawn points (7)');
    await expect.poll(() => page.getByTestId('summary').count(), { timeout: 60_000 }).toBe(1);
    expect(await page.getByTestId('embed-notes').count()).toBe(0);
    expect(await page.getByTestId('explorer-notes').count()).toBe(0);

    await page.goto(`${site.url}/embed/explorer?data=drawn`);
    await page.waitForSelector(EMBEDS.explorer.ready, { timeout: 120_000 });
    expect(await menu.inputValue()).toBe('moons');
    // On an embed page the example's notes join the flags' notes in the one box at the top.
    expect(await page.getByTestId('embed-notes').innerText()).toMatch(
      'The link names drawn points but carries none, so the example starts from two moons.'
    );
    expect(await page.getByTestId('explorer-notes').count()).toBe(0);
    expect(log.problems()).toEqual([]);
    await close();
  });

  it('hostile values give a note in words, never a crash, and inject nothing', async () => {
    const junk = 'x'.repeat(6000);
    const hostile: [EmbedName, string][] = [
      ['twin', `hide=<script>alert(1)</script>,preset,preset&lock=%00%FF%FE,"onload=&lr=abc&hide=${junk}`],
      ['ensemble', `data=<img src=x onerror="window.__pwned=1">&width=1e999&width=8&__proto__=1&constructor=x`],
      ['refresher', `h=NaN&p=-0.5&hide=${'h,'.repeat(200)}&lock=javascript:alert(1)`],
      ['spatial', `p=0.9&hide=p%00&lock=${encodeURIComponent('"><svg onload=alert(1)>')}`]
    ];
    for (const [name, query] of hostile) {
      const { page, log, close } = await openPage(browser, site);
      await page.goto(`${site.url}/embed/${name}?${query}`);
      await page.waitForSelector(EMBEDS[name].ready, { timeout: 120_000 });
      const notes = page.getByTestId('embed-notes');
      await expect.poll(() => notes.count(), { message: `${name} shows a note` }).toBe(1);
      expect(await notes.innerText()).toMatch(/could not be used/);
      // The spatial example draws its feature maps as blob: images; anything else would be injected.
      expect(await page.locator('.embed img:not([src^="blob:"]), .embed svg[onload], .embed script').count()).toBe(0);
      expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
      expect(await page.locator('[data-state="mounted"]').count()).toBe(1);
      // (The notes may quote what the link said, "NaN" included; the example itself never shows it.)
      expect(await page.locator('main').innerText()).not.toMatch(/\bNaN\b/);
      // The note itself is accessible too.
      const violations = await checkA11y(page);
      expect(violations, `${name}:\n${formatViolations(violations)}`).toEqual([]);
      expect(log.problems(), name).toEqual([]);
      await close();
    }
  }, 600_000);
});

describe('offline', () => {
  it('the service worker caches every embed page: with the network off, one loads and its example runs', async () => {
    const { context, page, log, close } = await openPage(browser, site);
    await page.goto(`${site.url}/embed/refresher`);
    await page.waitForFunction(() => navigator.serviceWorker?.controller?.state === 'activated', null, {
      timeout: 90_000,
      polling: 250
    });
    const cached = await page.evaluate(async () => {
      const name = (await caches.keys()).find((k) => k.startsWith('dropout-lab-'));
      const cache = await caches.open(name!);
      return (await cache.keys()).map((r) => new URL(r.url).pathname).filter((p) => p.startsWith('/embed/'));
    });
    expect(cached.sort()).toEqual(EMBED_NAMES.map((n) => `/embed/${n}`).sort());
    await context.setOffline(true);
    // Another embed page than the one visited, with flags in its address.
    await page.goto(`${site.url}/embed/twin?hide=seed&lr=0.003`);
    await page.waitForSelector(EMBEDS.twin.ready, { timeout: 90_000 });
    expect(await page.getByRole('button', { name: 'New seed' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await expect
      .poll(() => page.getByTestId('twin-status').innerText(), { timeout: 90_000 })
      .toMatch(/Without dropout: epoch [1-9]/);
    expect(log.problems()).toEqual([]);
    await close();
  });
});

describe('accessibility', () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    it(`axe finds nothing on any embed page (${colorScheme})`, async () => {
      for (const name of EMBED_NAMES) {
        const { page, log, close } = await openPage(browser, site, { colorScheme });
        await page.goto(`${site.url}/embed/${name}`);
        await page.waitForSelector(EMBEDS[name].ready, { timeout: 120_000 });
        const violations = await checkA11y(page);
        expect(violations, `${name} (${colorScheme}):\n${formatViolations(violations)}`).toEqual([]);
        expect(log.problems(), name).toEqual([]);
        await close();
      }
    }, 600_000);
  }
});
