import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';
import { buildTimeMath } from './src/lib/ui/math/vite-plugin';

export default defineConfig({
  plugins: [buildTimeMath(), sveltekit()],
  worker: { format: 'es' },
  server: { host: '127.0.0.1', port: 5173 },
  preview: { host: '127.0.0.1', port: 4173 }
});
