// Works offline: after a first visit, the service worker (src/service-worker.ts) has cached the
// built lesson, so with the network off a reload still shows the page, and a live example still trains.
// The cache is versioned by the build and old versions are deleted; the MNIST binary is cached on first use.
import { describe, expect, it } from 'vitest';
import { browser, openPage, showExample, site, useSiteAndBrowser, type Page } from './harness';

useSiteAndBrowser();

/** Waits until the service worker is active and controls the page (its install cached the shell). */
async function waitForServiceWorker(page: Page): Promise<void> {
  await page.waitForFunction(() => navigator.serviceWorker?.controller?.state === 'activated', null, {
    timeout: 90_000,
    polling: 250
  });
}

/** The build's version string (what names the cache), read from the built site. */
async function buildVersion(): Promise<string> {
  const res = await fetch(site.url + '/_app/version.json');
  return ((await res.json()) as { version: string }).version;
}

/** Names of the Cache Storage caches this origin holds. */
function cacheNames(page: Page): Promise<string[]> {
  return page.evaluate(() => caches.keys());
}

describe('offline', () => {
  it('after the first visit, a reload with the network off shows the lesson and the twin run still trains', async () => {
    const { context, page, log, close } = await openPage(browser, site);
    await page.goto(site.url + '/');
    await waitForServiceWorker(page);
    expect(await cacheNames(page)).toContain(`dropout-lab-${await buildVersion()}`);

    await context.setOffline(true);
    expect(await page.evaluate(() => navigator.onLine)).toBe(false);
    // A deep link with a query string: the cached page is served for it too.
    await page.goto(site.url + '/?seed=7');
    expect(await page.locator('main#main').innerText()).toMatch(/dropout/i);
    // The twin run is a lazily loaded chunk plus two Web Workers with WebAssembly: all must come from the cache.
    await showExample(page, 'Live example: the twin run', { timeout: 90_000 });
    await expect
      .poll(() => page.locator('[data-testid="twin-status"]').innerText(), { timeout: 90_000 })
      .toMatch(/Without dropout: epoch 0[\s\S]*With dropout: epoch 0/);
    const twin = page.locator('section[aria-label="Live example: the twin run"]');
    await twin.getByRole('button', { name: 'Play' }).click();
    await expect
      .poll(() => page.locator('[data-testid="twin-status"]').innerText(), { timeout: 90_000, interval: 500 })
      .toMatch(/Without dropout: epoch [1-9]/);
    expect(await twin.innerText()).not.toMatch(/NaN|could not be loaded|stopped with an error/);
    // Offline, the only failures allowed are none: every request was answered from the cache.
    expect(log.problems()).toEqual([]);
    await close();
  });

  it('caches the MNIST binary on first use, not at install', async () => {
    const { context, page, close } = await openPage(browser, site);
    await page.goto(site.url + '/');
    await waitForServiceWorker(page);
    const name = `dropout-lab-${await buildVersion()}`;
    const cachedMnist = () =>
      page.evaluate(async (n) => Boolean(await (await caches.open(n)).match('/data/mnist-10k.bin')), name);
    expect(await cachedMnist()).toBe(false);
    // First use (as a worker would fetch it), online: now it is in the cache...
    const bytesOnline = await page.evaluate(
      async () => (await (await fetch('/data/mnist-10k.bin')).arrayBuffer()).byteLength
    );
    expect(bytesOnline).toBeGreaterThan(1_000_000);
    expect(await cachedMnist()).toBe(true);
    // ...and offline it comes back whole.
    await context.setOffline(true);
    const bytesOffline = await page.evaluate(
      async () => (await (await fetch('/data/mnist-10k.bin')).arrayBuffer()).byteLength
    );
    expect(bytesOffline).toBe(bytesOnline);
    await close();
  });

  it('a new service worker deletes the caches of older versions', async () => {
    const { page, close } = await openPage(browser, site);
    await page.goto(site.url + '/');
    await waitForServiceWorker(page);
    // Pretend an older build left its cache behind, then let a fresh install (as after a deploy) activate.
    await page.evaluate(async () => {
      await (await caches.open('dropout-lab-older-build')).put('/stale', new Response('old'));
      const registration = await navigator.serviceWorker.getRegistration();
      await registration?.unregister();
    });
    expect(await cacheNames(page)).toContain('dropout-lab-older-build');
    await page.reload();
    await waitForServiceWorker(page);
    const names = await cacheNames(page);
    expect(names).not.toContain('dropout-lab-older-build');
    expect(names).toContain(`dropout-lab-${await buildVersion()}`);
    await close();
  });
});
