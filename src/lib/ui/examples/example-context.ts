import { setContext } from 'svelte';

/**
 * What LazyExample hands to the live example it mounts: the example's anchor, its link, and the reserved
 * heights of its later parts (Reserve). Given through Svelte context rather than imported, so the examples'
 * lazily loaded code shares no module with the page's first load (a shared module would be one more file the
 * first load fetches). Outside a LazyExample (e.g. an example on a page of its own) there is no context.
 */
export interface ExampleContext {
  /** The example region's id: its link anchor. */
  anchor: string;
  /** The address to share for the example, from the address bar's `href` (its settings, at its anchor). */
  shareHref(href: string): string;
  /** The style that reserves `key`'s measured height (reserved-heights.ts), `fallback` while unmeasured. */
  reserveStyle(key: string, fallback: string): string;
  /**
   * Names the example's row of controls: a link to the example that lands with them off screen (they sit
   * lower than a screen below the example's top) brings them into view instead of the top.
   */
  landAt(controls: HTMLElement): void;
}

/** The context key: a registered symbol, so an example can read it without importing this module's code. */
export const EXAMPLE_CONTEXT = Symbol.for('dropout-lab:example');

/** Called by LazyExample during its initialisation. */
export function provideExampleContext(context: ExampleContext): void {
  setContext(EXAMPLE_CONTEXT, context);
}

// An example reads it with `getContext<ExampleContext | undefined>(Symbol.for('dropout-lab:example'))`, importing
// this module for its type only (TwinRun, Reserve).
