/**
 * The typeset formulas for the components that show them (Formula, Tex).
 *
 * On the server and in dev: the KaTeX HTML of each formula. In the production browser: null, and the
 * components pass KEEP_PRERENDERED to {@html} instead — hydration keeps the prerendered formula
 * (Svelte never rebuilds an {@html} block's server nodes while hydrating). So a formula must only ever
 * appear in markup that is prerendered: never inside a block that first opens in the browser.
 */
import math from 'virtual:dropout-lab/math';
import type { DisplayName, InlineName } from './formulas';

/**
 * What {@html} gets in the production browser: any non-empty string keeps the server's nodes while
 * hydrating. Visible words on purpose, so a formula wrongly created in the browser shows up in a test.
 */
export const KEEP_PRERENDERED = '[formula typeset at build time]';

/** The HTML of display formula `name` (or KEEP_PRERENDERED in the production browser). */
export function displayMath(name: DisplayName): string {
  return math?.display[name] ?? KEEP_PRERENDERED;
}

/** The HTML of inline formula `name` (or KEEP_PRERENDERED in the production browser). */
export function inlineMath(name: InlineName): string {
  return math?.inline[name] ?? KEEP_PRERENDERED;
}
