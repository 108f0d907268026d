/**
 * `virtual:dropout-lab/reading`: the lesson's reading time and number of live experiments, counted at build time
 * from the sources the lesson page imports (reading-time.ts), so the header never goes stale as text is added.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from 'vite';
import { QUESTIONS } from '../../lab/quiz-questions.ts';
import { lessonImports, summarise, type ReadingSummary } from './reading-time.ts';

export const READING_MODULE = 'virtual:dropout-lab/reading';
const RESOLVED = '\0' + READING_MODULE;

/** The lesson's summary from the sources under `root` (the repository), and the files it read. */
export function lessonSummary(root: string): { summary: ReadingSummary; files: string[] } {
  const page = join(root, 'src/routes/+page.svelte');
  const files = lessonImports(readFileSync(page, 'utf8')).map((f) => join(root, 'src/lib/ui/lesson', f));
  // The quiz's questions, options and the explanations shown after an answer are read too.
  const quiz = QUESTIONS.flatMap((q) => [q.prompt, ...q.options.flatMap((o) => [o.text, o.explanation])]);
  return {
    summary: summarise(
      files.map((f) => readFileSync(f, 'utf8')),
      quiz
    ),
    files: [page, ...files]
  };
}

export function buildTimeReading(): Plugin {
  let root = process.cwd();
  return {
    name: 'dropout-lab:reading-time',
    configResolved(config) {
      root = config.root;
    },
    resolveId(source) {
      return source === READING_MODULE ? RESOLVED : null;
    },
    load(id) {
      if (id !== RESOLVED) return null;
      const { summary, files } = lessonSummary(root);
      for (const f of files) this.addWatchFile(f);
      return `export default ${JSON.stringify(summary)};`;
    }
  };
}
