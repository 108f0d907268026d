import { renderAllMath } from '$lib/ui/math/katex.server';
import type { PageServerLoad } from './$types';

// Runs only at build time (prerendering): the formulas are typeset here, so KaTeX's JavaScript
// stays out of the browser bundle and the HTML already contains the math.
export const prerender = true;

export const load: PageServerLoad = () => ({ math: renderAllMath() });
