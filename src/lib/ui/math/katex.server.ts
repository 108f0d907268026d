/**
 * Build-time typesetting. The `.server` suffix makes SvelteKit refuse any import of this file
 * from browser code, which is how we guarantee KaTeX never lands in the client bundle.
 */
import katex from 'katex';
import { DISPLAY, INLINE, type DisplayName, type InlineName, type RenderedMath } from './formulas.ts';

/** Typesets one TeX string; throws on a TeX error so a typo fails the build instead of the page. */
export function typeset(tex: string, displayMode: boolean): string {
  return katex.renderToString(tex, { displayMode, throwOnError: true, output: 'htmlAndMathml', strict: 'error' });
}

/** Typesets every formula of the lesson. */
export function renderAllMath(): RenderedMath {
  const display = {} as Record<DisplayName, string>;
  for (const name of Object.keys(DISPLAY) as DisplayName[]) display[name] = typeset(DISPLAY[name], true);
  const inline = {} as Record<InlineName, string>;
  for (const name of Object.keys(INLINE) as InlineName[]) inline[name] = typeset(INLINE[name], false);
  return { display, inline };
}
