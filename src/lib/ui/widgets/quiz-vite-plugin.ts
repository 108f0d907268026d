/**
 * The static quiz as a build-time module, `virtual:dropout-lab/quiz`: its HTML for the prerenderer, and
 * `null` in the production browser bundle. As with the math (ui/math/vite-plugin.ts), hydration keeps the
 * server's nodes of an {@html} block, so the browser needs no second copy of the questions until the
 * interactive quiz itself is loaded, when the reader comes near it. The dev server sends the HTML too.
 */
import type { Plugin } from 'vite';
import { QUESTIONS } from '../../lab/quiz-questions.ts';
import { staticQuizHtml } from './quiz-static.ts';

export const QUIZ_MODULE = 'virtual:dropout-lab/quiz';
const RESOLVED = '\0' + QUIZ_MODULE;

export function buildTimeQuiz(): Plugin {
  let dev = false;
  return {
    name: 'dropout-lab:build-time-quiz',
    configResolved(config) {
      dev = config.command === 'serve';
    },
    resolveId(source) {
      return source === QUIZ_MODULE ? RESOLVED : null;
    },
    load(id, options) {
      if (id !== RESOLVED) return null;
      const server = this.environment ? this.environment.config.consumer === 'server' : Boolean(options?.ssr);
      if (!server && !dev) return 'export default null;';
      return `export default ${JSON.stringify(staticQuizHtml(QUESTIONS))};`;
    }
  };
}
