/**
 * Hands the build-time math from the page's load function to every component that shows a
 * formula, without threading it through each section's props.
 */
import { getContext, setContext } from 'svelte';
import type { RenderedMath } from './formulas';

const KEY = Symbol('rendered-math');

/** Makes the rendered math available to descendants; call once, in the page. */
export function provideMath(math: RenderedMath): void {
  setContext(KEY, math);
}

/** The rendered math provided by the page. */
export function useMath(): RenderedMath {
  const math = getContext<RenderedMath | undefined>(KEY);
  if (!math) throw new Error('useMath() needs provideMath() in an ancestor component');
  return math;
}
