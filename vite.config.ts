import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';
import { buildTimeMath } from './src/lib/ui/math/vite-plugin.ts';
import { buildTimeReading } from './src/lib/ui/layout/vite-plugin.ts';
import { buildTimeQuiz } from './src/lib/ui/widgets/quiz-vite-plugin.ts';

export default defineConfig({
  plugins: [buildTimeMath(), buildTimeReading(), buildTimeQuiz(), sveltekit()],
  worker: { format: 'es' },
  server: { host: '127.0.0.1', port: 5173 },
  preview: { host: '127.0.0.1', port: 4173 }
});
