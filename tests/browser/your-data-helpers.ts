// What the "your data" browser tests share: tapping the drawing pad at plane coordinates, and waiting for
// the ensemble lab's error-vs-k sentence (the last thing it computes) to name the data it trained on.
import { expect } from 'vitest';
import type { Locator, Page } from './harness';

/** Taps the drawing pad inside `scope` (default: the page) at plane coordinates (x, y) in [-1.5, 1.5]. */
export async function tapPad(page: Page, x: number, y: number, scope: Locator | Page = page): Promise<void> {
  const pad = scope.getByRole('application', { name: /Drawing pad/ });
  await pad.scrollIntoViewIfNeeded();
  const box = (await pad.boundingBox())!;
  await page.touchscreen.tap(box.x + ((x + 1.5) / 3) * box.width, box.y + ((1.5 - y) / 3) * box.height);
}

/** Waits until the ensemble lab's error-vs-k sentence matches `text` (its curve is done). */
export async function ensembleCurveSays(ensemble: Locator, text: RegExp, timeout = 150_000): Promise<void> {
  await expect
    .poll(
      () =>
        ensemble
          .locator('[data-testid="curve-text"]')
          .innerText()
          .catch(() => ''),
      { timeout }
    )
    .toMatch(text);
}
