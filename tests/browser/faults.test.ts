// Faults, in Chromium against the built lesson:
// - localStorage missing, throwing, full or holding corrupt JSON: the page works, the quiz, a prediction and the theme
//   toggle work (progress defaults), and nothing reaches the console;
// - a training worker that throws, or is ended silently (terminated: no event at all): every example that trains in a worker says what happened and offers a
//   restart, the rest of the page keeps working, and the restart really brings the example back;
// - an example's worker fed a poisoned message reports it and recovers with "Try again";
// - a diverging run (huge learning rate) stops with a message and never renders NaN.
import { describe, expect, it } from 'vitest';
import { browser, openPage, showExample, showQuiz, site, useSiteAndBrowser, type Page } from './harness';

useSiteAndBrowser();

/** Storage faults, each installed before any script of the page runs. */
const STORAGE_FAULTS: { name: string; install: () => void }[] = [
  {
    name: 'missing (no localStorage at all)',
    install: () => Object.defineProperty(window, 'localStorage', { configurable: true, get: () => undefined })
  },
  {
    name: 'throwing on every use',
    install: () => {
      const fail = () => {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      };
      Storage.prototype.getItem = fail;
      Storage.prototype.setItem = fail;
      Storage.prototype.removeItem = fail;
    }
  },
  {
    name: 'full (every write throws QuotaExceededError)',
    install: () => {
      Storage.prototype.setItem = () => {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      };
    }
  },
  {
    name: 'holding corrupt JSON and hostile values',
    install: () => {
      if (sessionStorage.getItem('seeded')) return; // corrupt once; later writes by the page must then work
      sessionStorage.setItem('seeded', '1');
      localStorage.setItem(
        'dropout-lab:quiz',
        '{"quizId":"dropout-quiz-1","answers":[99,"<img src=x onerror=alert(1)>"],"current":-5'
      );
      localStorage.setItem('dropout-lab:theme', '"><script>alert(1)</script>');
      localStorage.setItem('dropout-lab:predictions', '{"twin":"<img src=x onerror=alert(1)>","rates":[1');
    }
  }
];

/** The interactive quiz has taken over from the static list (it loads when scrolled near). */
const waitForQuiz = (page: Page): Promise<void> => showQuiz(page);

describe('storage faults', () => {
  for (const fault of STORAGE_FAULTS) {
    it(`localStorage ${fault.name}: the quiz, a prediction and the theme toggle work, nothing is thrown`, async () => {
      const { context, page, log, close } = await openPage(browser, site);
      await context.addInitScript(fault.install);
      await page.goto(site.url + '/');
      await waitForQuiz(page);
      const quiz = page.locator('#quiz');
      // Progress defaults to the first question.
      expect(await quiz.getByTestId('quiz-progress').textContent()).toBe('1 / 3');
      await quiz.getByRole('radio').first().check();
      await quiz.getByRole('button', { name: 'Check answer' }).click();
      await expect.poll(() => quiz.getByTestId('quiz-feedback').textContent()).toMatch(/\S/);
      // The theme toggle flips the page's theme, whatever storage does with the choice.
      const toggle = page.getByRole('button', { name: 'Dark theme' });
      const before = await toggle.getAttribute('aria-pressed');
      await toggle.click();
      await expect.poll(() => toggle.getAttribute('aria-pressed')).not.toBe(before);
      expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe(
        before === 'true' ? 'light' : 'dark'
      );
      // An experiment's prediction can still be made: it lasts at least until the reload.
      await showExample(page, 'Live example: the twin run', { ready: '[data-testid="prediction-twin"]' });
      const guess = page.locator('[data-testid="prediction-twin"]').getByRole('radio', { name: 'With dropout' });
      expect(await guess.isChecked()).toBe(false);
      await guess.check();
      expect(await guess.isChecked()).toBe(true);
      // A reload still gives a working page, with progress either remembered or fresh.
      await page.reload();
      await waitForQuiz(page);
      expect(await quiz.getByTestId('quiz-progress').textContent()).toMatch(/^[1-3] \/ 3$/);
      expect(await page.locator('main').innerText()).not.toMatch(/\bNaN\b|undefined|<script>|onerror/);
      expect(log.problems()).toEqual([]);
      await close();
    });
  }
});

/** The examples that train in a Web Worker (through WorkerHandle) and what shows each is working. */
const WORKER_EXAMPLES = [
  { region: 'Live example: drop neurons by hand', ready: '[data-testid="output-plain"]' },
  { region: 'Live example: the twin run', ready: '[data-testid="twin-charts"]' },
  { region: 'Live example: inside the exponential ensemble', ready: '[data-testid="curve-text"]' },
  {
    region: 'Live example: element-wise vs spatial dropout on a convolutional network',
    ready: '[data-testid="masked-maps"]'
  },
  { region: 'Live example: dropout and data augmentation, four networks', ready: '[data-testid="augment-example"]' }
];

/** Every worker script of the build (Vite names them `<name>.worker-<hash>.js`). */
const WORKER_SCRIPTS = /\/_app\/immutable\/workers\/[^/]+\.worker-[^/]+\.js$/;

/** Clicks each worker example's Restart and waits until it is back: ready again, no alert left. */
async function restartEach(page: Page): Promise<void> {
  for (const example of WORKER_EXAMPLES) {
    const region = page.getByRole('region', { name: example.region, exact: true });
    await region
      .getByRole('button', { name: /^Restart/ })
      .first()
      .click();
    await showExample(page, example.region, { ready: example.ready });
    await expect.poll(() => region.getByRole('alert').count(), { timeout: 30_000 }).toBe(0);
  }
}

describe('worker faults', () => {
  it('every worker that throws is reported with a restart; the page keeps working; restart brings the example back', async () => {
    // Service workers off, so the routed (crashing) worker scripts cannot be answered from a cache.
    const { context, page, log, close } = await openPage(browser, site, { serviceWorkers: 'block' });
    await context.route(WORKER_SCRIPTS, (route) =>
      route.fulfill({ contentType: 'text/javascript', body: 'throw new Error("simulated worker crash");' })
    );
    await page.goto(site.url + '/');
    for (const example of WORKER_EXAMPLES) {
      const region = await showExample(page, example.region, { ready: '[role="alert"]', timeout: 90_000 });
      const alert = region.getByRole('alert').first();
      expect(await alert.innerText(), example.region).toMatch(
        /simulated worker crash[\s\S]*rest of the page still works/
      );
      await expect.poll(() => region.getByRole('button', { name: /^Restart/ }).count()).toBeGreaterThan(0);
    }
    // The rest of the page: the quiz answers, the theme toggles.
    await page.locator('#quiz').scrollIntoViewIfNeeded();
    await page.locator('#quiz').getByRole('radio').first().check();
    await page.locator('#quiz').getByRole('button', { name: 'Check answer' }).click();
    await expect.poll(() => page.locator('#quiz').getByTestId('quiz-feedback').textContent()).toMatch(/\S/);

    // The network heals; each example's restart button brings it back.
    await context.unroute(WORKER_SCRIPTS);
    await restartEach(page);
    // The crash is shown on the page, never thrown at the console.
    expect(log.pageErrors).toEqual([]);
    expect(log.foreignRequests()).toEqual([]);
    await close();
  });

  it('every worker that is ended silently (no error event) is reported with a restart, which brings the example back', async () => {
    const { context, page, log, close } = await openPage(browser, site);
    // Keep every worker the page creates, so the test can end them as the browser might (to free memory).
    await context.addInitScript(() => {
      const w = window as unknown as { __workers: Worker[]; Worker: typeof Worker };
      w.__workers = [];
      const Original = w.Worker;
      w.Worker = class extends Original {
        constructor(...args: ConstructorParameters<typeof Worker>) {
          super(...args);
          w.__workers.push(this);
        }
      };
    });
    await page.goto(site.url + '/');
    for (const example of WORKER_EXAMPLES) {
      await showExample(page, example.region, { ready: example.ready });
    }
    const ended = await page.evaluate(() => {
      const workers = (window as unknown as { __workers: Worker[] }).__workers;
      for (const worker of workers) worker.terminate(); // fires no event at all
      return workers.length;
    });
    expect(ended).toBeGreaterThanOrEqual(WORKER_EXAMPLES.length);
    for (const example of WORKER_EXAMPLES) {
      const region = page.getByRole('region', { name: example.region, exact: true });
      const alert = region.getByRole('alert').first();
      await alert.waitFor({ timeout: 30_000 });
      expect(await alert.innerText(), example.region).toMatch(
        /stopped unexpectedly[\s\S]*rest of the page still works/
      );
    }
    await restartEach(page);
    // Each restart started a fresh worker (the ready markers alone could be left over from before).
    const started = await page.evaluate(() => (window as unknown as { __workers: Worker[] }).__workers.length);
    expect(started).toBeGreaterThanOrEqual(ended + WORKER_EXAMPLES.length);
    expect(log.problems()).toEqual([]);
    await close();
  });

  it('a poisoned message to the twin run is reported with "Try again", which recovers', async () => {
    const { context, page, log, close } = await openPage(browser, site);
    // Keep a handle on the page's workers and the last message each was sent, as a hostile script could.
    await context.addInitScript(() => {
      const w = window as unknown as { __workers: { worker: Worker; last: unknown }[] };
      w.__workers = [];
      const post = Worker.prototype.postMessage;
      Worker.prototype.postMessage = function (this: Worker, message: unknown, ...rest: never[]) {
        let entry = w.__workers.find((e) => e.worker === this);
        if (!entry) w.__workers.push((entry = { worker: this, last: null }));
        entry.last = message;
        return (post as (...a: unknown[]) => void).call(this, message, ...rest);
      };
    });
    await page.goto(site.url + '/');
    const region = await showExample(page, 'Live example: the twin run', { timeout: 90_000 });
    await expect
      .poll(() => page.locator('[data-testid="twin-status"]').innerText(), { timeout: 60_000 })
      .toMatch(/Without dropout: epoch 0/);
    // An init for the current run with no configuration at all.
    await page.evaluate(() => {
      const w = window as unknown as { __workers: { worker: Worker; last: { type?: string; generation?: number } }[] };
      const twin = w.__workers.find((e) => e.last?.type === 'init' || e.last?.type === 'play');
      const generation = twin?.last.generation ?? 1;
      for (const e of w.__workers) e.worker.postMessage({ type: 'init', generation, variant: 'plain', config: null });
    });
    const alert = region.getByRole('alert').first();
    await alert.waitFor({ timeout: 60_000 });
    expect(await alert.innerText()).toMatch(/\S/);
    await region.getByRole('button', { name: 'Try again' }).click();
    await expect.poll(() => region.getByRole('alert').count(), { timeout: 60_000 }).toBe(0);
    await region.getByRole('button', { name: 'Play', exact: true }).click();
    await expect
      .poll(() => page.locator('[data-testid="twin-status"]').innerText(), { timeout: 90_000, interval: 500 })
      .toMatch(/Without dropout: epoch [1-9]/);
    expect(await region.innerText()).not.toMatch(/\bNaN\b/);
    expect(log.problems()).toEqual([]);
    await close();
  });

  it('a diverging run (huge learning rate) stops with a message and shows no NaN', async () => {
    const { page, log, close } = await openPage(browser, site);
    await page.goto(site.url + '/?opt=sgd&lr=10&mom=0.99&epochs=30');
    const region = await showExample(page, 'Live example: the twin run', { timeout: 90_000 });
    await expect
      .poll(() => page.locator('[data-testid="twin-status"]').innerText(), { timeout: 60_000 })
      .toMatch(/Without dropout: epoch 0/);
    await region.getByRole('button', { name: 'Play', exact: true }).click();
    await expect
      .poll(() => page.locator('[data-testid="twin-status"]').innerText(), { timeout: 90_000, interval: 500 })
      .toMatch(/diverged/i);
    await page.locator('[data-testid="twin-charts"] summary').first().click();
    const text = await region.innerText();
    expect(text).toMatch(/learning rate/i);
    expect(text).not.toMatch(/\bNaN\b|Infinity|undefined/);
    expect(log.problems()).toEqual([]);
    await close();
  });
});
