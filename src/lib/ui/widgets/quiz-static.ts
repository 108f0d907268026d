/**
 * The quiz as plain HTML: every question, its options and its answer folded into <details>. It is what
 * the prerendered page shows before the interactive quiz arrives (and all it shows without JavaScript),
 * written at build time so the browser bundle carries no copy of it (see quiz-vite-plugin.ts).
 */
import type { QuizQuestion } from '../../lab/quiz-questions';

const LETTERS = 'ABCDEFGH';

/** Text as HTML text content: the two characters that could start markup or an entity. */
function text(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
}

/** The static quiz for `questions`. */
export function staticQuizHtml(questions: readonly QuizQuestion[]): string {
  const items = questions.map((q, i) => {
    const options = q.options.map((o) => `<li>${text(o.text)}</li>`).join('');
    const others = q.options
      .map((o, j) => (j === q.correct ? '' : `<li><strong>${LETTERS[j]}.</strong> ${text(o.explanation)}</li>`))
      .join('');
    return (
      `<li><p class="prompt"><span class="progress">${i + 1} / ${questions.length}</span> ${text(q.prompt)}</p>` +
      `<ol class="options" type="A">${options}</ol>` +
      `<details><summary>Show the answer</summary>` +
      `<p><strong>${LETTERS[q.correct]}.</strong> ${text(q.options[q.correct].explanation)}</p><ul>${others}</ul></details></li>`
    );
  });
  return `<ol class="static">${items.join('')}</ol>`;
}
