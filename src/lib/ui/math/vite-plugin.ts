/**
 * The formulas as a build-time module, `virtual:dropout-lab/math`.
 *
 * Server side (prerendering) it exports every formula typeset by KaTeX, so the static HTML holds the
 * finished math. The production browser bundle gets `null`: the math is already in the page, and
 * during hydration Svelte keeps the server's nodes of an {@html} block rather than rebuilding them,
 * so the browser needs no second copy. (Passed as page data, that copy was 85 kB of inline script,
 * parsed on every load before the page could paint.) The dev server sends the math to the browser
 * too, so components created there on the client still show it.
 */
import type { Plugin } from 'vite';
import { renderAllMath } from './katex.server.ts';

export const MATH_MODULE = 'virtual:dropout-lab/math';
const RESOLVED = '\0' + MATH_MODULE;

export function buildTimeMath(): Plugin {
  let dev = false;
  let code: string | null = null;
  return {
    name: 'dropout-lab:build-time-math',
    configResolved(config) {
      dev = config.command === 'serve';
    },
    resolveId(source) {
      return source === MATH_MODULE ? RESOLVED : null;
    },
    load(id, options) {
      if (id !== RESOLVED) return null;
      const server = this.environment ? this.environment.config.consumer === 'server' : Boolean(options?.ssr);
      if (!server && !dev) return 'export default null;';
      code ??= `export default ${JSON.stringify(renderAllMath())};`;
      return code;
    }
  };
}
