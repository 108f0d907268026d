import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { QUESTIONS } from '../../src/lib/lab/quiz-questions';
import { staticQuizHtml } from '../../src/lib/ui/widgets/quiz-static';

describe('the static quiz', () => {
  it('lists every question, its options, and each answer folded with every explanation', () => {
    const html = staticQuizHtml(QUESTIONS);
    for (const [i, q] of QUESTIONS.entries()) {
      expect(html).toContain(`${i + 1} / ${QUESTIONS.length}</span> ${q.prompt.replace(/&/g, '&amp;')}`);
      for (const o of q.options) expect(html).toContain(o.explanation.replace(/&/g, '&amp;'));
    }
    expect(html.match(/<details>/g)).toHaveLength(QUESTIONS.length);
    expect(html.match(/<li>/g)?.length).toBe(QUESTIONS.reduce((n, q) => n + 1 + 2 * q.options.length - 1, 0));
  });

  it('escapes text, so a question can never inject markup', () => {
    const html = staticQuizHtml([
      {
        id: 'x',
        prompt: '<img src=x onerror=alert(1)> & more',
        correct: 0,
        options: [
          { text: '</details><script>', explanation: 'a < b' },
          { text: 'plain', explanation: 'fine' }
        ]
      }
    ]);
    expect(html).not.toMatch(/<img|<script|<\/details><script/);
    expect(html).toContain('&lt;img src=x onerror=alert(1)> &amp; more');
    expect(html).toContain('<strong>A.</strong> a &lt; b');
  });

  it('whatever the texts hold, the only markup is its own', () => {
    const OWN = /<\/?(ol|li|p|span|details|summary|strong|ul)(?: class="[a-z]+"| type="A")*>/g;
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string(), fc.string(), (prompt, a, b, why) => {
        const html = staticQuizHtml([
          {
            id: 'q',
            prompt,
            correct: 1,
            options: [
              { text: a, explanation: why },
              { text: b, explanation: why }
            ]
          }
        ]);
        expect(html.replace(OWN, '')).not.toContain('<');
      })
    );
  });
});
