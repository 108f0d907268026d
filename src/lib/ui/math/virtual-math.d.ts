/** See vite-plugin.ts: every formula typeset at build time, or null in the production browser bundle. */
declare module 'virtual:dropout-lab/math' {
  import type { RenderedMath } from './formulas';
  const math: RenderedMath | null;
  export default math;
}
