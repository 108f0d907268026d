import { launchBrowser, showExample, startSite } from './tests/browser/harness';
const site = await startSite();
const browser = await launchBrowser();
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.on('console', (m) => console.log('console:', m.text()));
  page.on('pageerror', (e) => console.log('pageerror:', e.message));
  await page.goto(site.url + '/');
  await showExample(page, /spatial dropout/, { ready: '[data-testid="masked-maps"]' });
  await page.waitForTimeout(3000);
  console.log(await page.locator('[data-testid="masked-maps"]').evaluate((e) => [e.outerHTML.slice(0, 400), e.children.length]));
} finally { await browser.close(); await site.close(); }
