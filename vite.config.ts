import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';
import { buildTimeMath } from './src/lib/ui/math/vite-plugin.ts';
import { buildTimeReading } from './src/lib/ui/layout/vite-plugin.ts';
import { buildTimeQuiz } from './src/lib/ui/widgets/quiz-vite-plugin.ts';

export default defineConfig({
  plugins: [buildTimeMath(), buildTimeReading(), buildTimeQuiz(), sveltekit()],
  worker: { format: 'es' },
  // Prerendering every page runs inside SvelteKit's writeBundle hook, so the
  // build is, by design, mostly plugin time; Rolldown's timing warning about it
  // would print on every build and tell us nothing we can act on.
  build: { rolldownOptions: { checks: { bundlerTimings: false } } },
  server: { host: '127.0.0.1', port: 5173 },
  preview: { host: '127.0.0.1', port: 4173 }
});
