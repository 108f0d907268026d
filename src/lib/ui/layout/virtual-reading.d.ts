/** See vite-plugin.ts: the lesson's words, reading minutes and live experiments, counted at build time. */
declare module 'virtual:dropout-lab/reading' {
  import type { ReadingSummary } from './reading-time';
  const reading: ReadingSummary;
  export default reading;
}
