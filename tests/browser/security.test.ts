// Security and privacy of the built lesson, in Chromium against the real site:
// - the Content-Security-Policy is present (as a <meta> tag and, with frame-ancestors, as a header) and strict:
//   no 'unsafe-eval', no un-hashed inline script, connect-src 'self', frame-ancestors 'self';
// - while every live example mounts and runs, no policy violation is reported and no request leaves the origin;
// - the policy is really enforced (eval is refused) and another origin cannot frame the lesson.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { browser, openPage, showExample, site, useSiteAndBrowser, type Locator, type Page } from './harness';

useSiteAndBrowser();

/** A policy as a map from directive to its sources. */
function parsePolicy(policy: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) out.set(name.toLowerCase(), sources);
  }
  return out;
}

/** Collects securitypolicyviolation events from the first byte of every document of the context. */
const RECORD_VIOLATIONS = () => {
  const w = window as unknown as { __cspViolations: string[] };
  w.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    w.__cspViolations.push(
      `${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`
    );
  });
};

/** The violations recorded in the page so far. */
function violations(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations);
}

/**
 * Every live example of the lesson: its region's name, what shows it has started working, the button that
 * sets it running (if any) and a check that proves it then did run (its worker answered, its clock moved).
 */
const EXAMPLES: { region: string; ready: string; run: string | null; ran: (region: Locator) => Promise<boolean> }[] = [
  {
    region: 'Live example: drop neurons by hand',
    ready: '[data-testid="output-plain"]',
    run: 'Keep sampling',
    ran: async (r) => (await r.locator('button[aria-pressed="true"]').count()) > 0 // a sampled mask dropped neurons
  },
  {
    region: 'Live example: the twin run',
    ready: '[data-testid="twin-charts"]',
    run: 'Play',
    ran: async (r) => /Without dropout: epoch [1-9]/.test(await r.locator('[data-testid="twin-status"]').innerText())
  },
  {
    region: 'Live example: animated walkthrough of dropout',
    ready: '[data-testid="caption"]',
    run: 'Play',
    ran: async (r) => !/^0:00 \//.test(await r.locator('[data-testid="time"]').innerText())
  },
  // These two train by themselves; their ready markers are drawn from what their workers sent.
  {
    region: 'Live example: inside the exponential ensemble',
    ready: '[data-testid="curve-text"]',
    run: null,
    ran: async () => true
  },
  {
    region: 'Live example: element-wise vs spatial dropout on a convolutional network',
    ready: '[data-testid="masked-maps"]',
    run: null,
    ran: async () => true
  }
];

describe('content security policy', () => {
  it('is strict, in the page and in the header, and hashes every inline script', async () => {
    const res = await fetch(site.url + '/');
    const html = await res.text();
    const header = res.headers.get('content-security-policy') ?? '';
    const meta = /<meta http-equiv="content-security-policy" content="([^"]*)"/.exec(html)?.[1] ?? '';
    expect(meta).not.toBe('');
    for (const policy of [parsePolicy(meta), parsePolicy(header)]) {
      const scripts = policy.get('script-src') ?? [];
      expect(scripts).toContain("'self'");
      expect(scripts).toContain("'wasm-unsafe-eval'");
      expect(scripts).not.toContain("'unsafe-eval'");
      expect(scripts).not.toContain("'unsafe-inline'");
      expect(scripts.filter((s) => !/^'(self|wasm-unsafe-eval|sha256-[A-Za-z0-9+/=]+)'$/.test(s))).toEqual([]);
      expect(policy.get('connect-src')).toEqual(["'self'"]);
      expect(policy.get('default-src')).toEqual(["'self'"]);
      expect(policy.get('object-src')).toEqual(["'none'"]);
      // Every inline script of the page is allowed by exactly its hash, and nothing else inline is.
      const inline = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map(
        (m) => `'sha256-${createHash('sha256').update(m[1]).digest('base64')}'`
      );
      expect(inline.length).toBeGreaterThan(0);
      for (const hash of inline) expect(scripts).toContain(hash);
    }
    // frame-ancestors only works as a header (a <meta> policy cannot carry it).
    expect(parsePolicy(header).get('frame-ancestors')).toEqual(["'self'"]);
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
  });

  it('reports no violation and no request to another origin while every live example runs', async () => {
    const { context, page, log, close } = await openPage(browser, site);
    await context.addInitScript(RECORD_VIOLATIONS);
    await page.goto(site.url + '/');
    for (const example of EXAMPLES) {
      const region = await showExample(page, example.region, { ready: example.ready });
      if (example.run) await region.getByRole('button', { name: example.run, exact: true }).first().click();
      // Let it run until it has visibly done work (workers, WebAssembly, canvases, charts).
      await expect.poll(() => example.ran(region), { timeout: 60_000, message: `${example.region} runs` }).toBe(true);
    }
    // Back past everything once more, so every example has been on screen while the others ran; then wait
    // until the page has fetched all it wanted (no request for 500 ms) and has rendered two more frames,
    // by when any violation of that work has been reported.
    await page.evaluate(() => window.scrollTo({ top: 0, behavior: 'instant' }));
    await page.waitForLoadState('networkidle');
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    expect(await violations(page)).toEqual([]);
    expect(log.requests.length).toBeGreaterThan(10);
    expect(log.foreignRequests()).toEqual([]);
    expect(log.problems()).toEqual([]);
    const text = await page.locator('main').innerText();
    expect(text).not.toMatch(/\bNaN\b|could not be loaded|stopped with an error/);
    await close();
  });

  it('is enforced: eval and a script injected without a hash are refused and reported', async () => {
    const { context, page, close } = await openPage(browser, site);
    await context.addInitScript(RECORD_VIOLATIONS);
    await page.goto(site.url + '/');
    // DevTools lifts the eval ban while it evaluates, so the attempt runs later, from a timer of the page.
    await page.evaluate(() => {
      const w = window as unknown as { __evalResult?: string; __injected?: boolean };
      setTimeout(() => {
        try {
          // The point of the test: the policy must refuse this.
          (0, eval)('1 + 1');
          w.__evalResult = 'allowed';
        } catch (e) {
          w.__evalResult = e instanceof Error ? e.name : String(e);
        }
        const s = document.createElement('script');
        s.textContent = 'window.__injected = true';
        document.body.append(s);
      }, 0);
    });
    await page.waitForFunction(() => (window as unknown as { __evalResult?: string }).__evalResult !== undefined);
    const result = await page.evaluate(() => {
      const w = window as unknown as { __evalResult?: string; __injected?: boolean };
      return { evalResult: w.__evalResult, injected: w.__injected === true };
    });
    expect(result).toEqual({ evalResult: 'EvalError', injected: false });
    // Each refusal is reported (once per policy that refuses it: the <meta> one and the header one).
    await expect
      .poll(async () => (await violations(page)).some((v) => /^script-src(-elem)? blocked eval/.test(v)))
      .toBe(true);
    await expect
      .poll(async () => (await violations(page)).some((v) => /^script-src(-elem)? blocked inline/.test(v)))
      .toBe(true);
    expect((await violations(page)).every((v) => /^script-src(-elem)? blocked (eval|inline)/.test(v))).toBe(true);
    await close();
  });

  it('lets our own pages frame the lesson but not another origin', async () => {
    const { context, page, close } = await openPage(browser, site);
    // Two embedding pages, answered by the test itself: one on our origin, one on a foreign origin.
    // The iframe's load event fires whether the lesson loads in it or is refused (an error page loads instead).
    const embedder = `<!doctype html><title>embedder</title><iframe src="${site.url}/" title="lesson" onload="window.__framed = (window.__framed || 0) + 1"></iframe>`;
    await context.route(`${site.url}/__embed-test.html`, (route) =>
      route.fulfill({ contentType: 'text/html', body: embedder })
    );
    await context.route('http://embedder.invalid/', (route) =>
      route.fulfill({ contentType: 'text/html', body: embedder })
    );

    const lessonInFrame = async () => {
      const frame = page.frames().find((f) => f !== page.mainFrame());
      if (!frame) return false;
      return frame.evaluate(() => Boolean(document.querySelector('main#main'))).catch(() => false);
    };
    await page.goto(`${site.url}/__embed-test.html`);
    await expect.poll(lessonInFrame, { timeout: 60_000 }).toBe(true);

    await page.goto('http://embedder.invalid/');
    // Wait until the frame has finished loading whatever it got, then check it is not the lesson.
    await page.waitForFunction(() => ((window as unknown as { __framed?: number }).__framed ?? 0) > 0, null, {
      timeout: 60_000
    });
    expect(await lessonInFrame()).toBe(false);
    await close();
  });
});
