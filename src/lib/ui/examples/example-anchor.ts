import { getContext, setContext } from 'svelte';

/**
 * The anchor (element id) of the live example a component is mounted in, set by LazyExample, so an example's
 * "Copy a link" can point at the example itself rather than wherever the reader happened to be.
 */
const KEY = Symbol('example-anchor');

/** Called by LazyExample during its initialisation. */
export function setExampleAnchor(id: string): void {
  setContext(KEY, id);
}

/** The anchor of the example being rendered, or null outside a LazyExample (e.g. an embed page). */
export function exampleAnchor(): string | null {
  return getContext<string | undefined>(KEY) ?? null;
}
