/** See quiz-vite-plugin.ts: the static quiz's HTML at build time, or null in the production browser bundle. */
declare module 'virtual:dropout-lab/quiz' {
  const html: string | null;
  export default html;
}
