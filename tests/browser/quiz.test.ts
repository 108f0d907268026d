// The quiz in the built page: one question at a time, feedback with explanations, a score that survives a
// reload, and a quiz that still works when localStorage throws. Run against build/ (npx vite build first).
import { describe, expect, it } from 'vitest';
import { browser, openPage, showQuiz, site, useSiteAndBrowser, type Page } from './harness';
import { QUESTIONS } from '../../src/lib/lab/quiz-questions';

useSiteAndBrowser();

/** The interactive quiz has taken over from the static list (it loads when scrolled near). */
const waitForQuiz = (page: Page): Promise<void> => showQuiz(page);

/** Picks option `j` of the current question with the keyboard-operable radio and checks it. */
async function answerWith(page: Page, j: number): Promise<void> {
  const quiz = page.locator('#quiz');
  await quiz.getByRole('radio').nth(j).check();
  await quiz.getByRole('button', { name: 'Check answer' }).click();
}

const wrongOf = (q: (typeof QUESTIONS)[number]) => (q.correct + 1) % q.options.length;

describe('quiz', () => {
  it('the prerendered HTML carries every question and its answer without JavaScript', async () => {
    const html = await (await fetch(site.url + '/')).text();
    const quizHtml = html.slice(html.indexOf('id="quiz"'));
    for (const q of QUESTIONS) {
      expect(quizHtml).toContain(q.prompt);
      expect(quizHtml).toContain(q.options[q.correct].explanation);
    }
    expect(quizHtml).toContain('<details');
  });

  it('answers right and wrong with explanations, finishes, and keeps the result across a reload', async () => {
    const { page, log, close } = await openPage(browser, site);
    await page.goto(site.url + '/');
    await waitForQuiz(page);
    const quiz = page.locator('#quiz');

    // Question 1: right.
    await expect.poll(() => quiz.getByTestId('quiz-progress').textContent()).toBe('1 / 3');
    await expect(quiz.getByRole('button', { name: 'Check answer' }).isDisabled()).resolves.toBe(true);
    await answerWith(page, QUESTIONS[0].correct);
    const feedback1 = await quiz.getByTestId('quiz-feedback').textContent();
    expect(feedback1).toContain('Correct.');
    expect(feedback1).toContain(QUESTIONS[0].options[QUESTIONS[0].correct].explanation);
    // A checked answer is locked.
    await expect(quiz.getByRole('radio').first().isDisabled()).resolves.toBe(true);
    await quiz.getByRole('button', { name: 'Next question' }).click();

    // Question 2: wrong, with the chosen option's explanation and the right answer.
    await expect.poll(() => quiz.getByTestId('quiz-progress').textContent()).toBe('2 / 3');
    const w = wrongOf(QUESTIONS[1]);
    await answerWith(page, w);
    const feedback2 = await quiz.getByTestId('quiz-feedback').textContent();
    expect(feedback2).toContain('Not quite.');
    expect(feedback2).toContain(QUESTIONS[1].options[w].explanation);
    expect(feedback2).toContain(QUESTIONS[1].options[QUESTIONS[1].correct].text);
    await quiz.getByRole('button', { name: 'Next question' }).click();

    // Question 3: right, then the score.
    await expect.poll(() => quiz.getByTestId('quiz-progress').textContent()).toBe('3 / 3');
    await answerWith(page, QUESTIONS[2].correct);
    await quiz.getByRole('button', { name: 'See your score' }).click();
    await expect.poll(() => quiz.getByTestId('quiz-score').textContent()).toContain('2 of 3');

    // Reload: the score is still there.
    await page.reload();
    await page.locator('#quiz [data-testid="quiz-score"]').waitFor();
    expect(await quiz.getByTestId('quiz-score').textContent()).toContain('2 of 3');

    // Retry starts again at question 1, and that too survives a reload.
    await quiz.getByRole('button', { name: 'Try again' }).click();
    await expect.poll(() => quiz.getByTestId('quiz-progress').textContent()).toBe('1 / 3');
    await page.reload();
    await waitForQuiz(page);
    expect(await quiz.getByTestId('quiz-progress').textContent()).toBe('1 / 3');

    expect(log.problems()).toEqual([]);
    await close();
  });

  it('resumes mid-quiz after a reload', async () => {
    const { page, close } = await openPage(browser, site);
    await page.goto(site.url + '/');
    await waitForQuiz(page);
    await answerWith(page, QUESTIONS[0].correct);
    await page.locator('#quiz').getByRole('button', { name: 'Next question' }).click();
    await page.reload();
    await waitForQuiz(page);
    expect(await page.locator('#quiz').getByTestId('quiz-progress').textContent()).toBe('2 / 3');
    await close();
  });

  it('still works, silently, when localStorage throws on access', async () => {
    const { context, page, log, close } = await openPage(browser, site);
    await context.addInitScript(() => {
      Object.defineProperty(window, 'localStorage', {
        configurable: true,
        get() {
          throw new DOMException('The operation is insecure.', 'SecurityError');
        }
      });
    });
    await page.goto(site.url + '/');
    await waitForQuiz(page);
    const quiz = page.locator('#quiz');
    for (let i = 0; i < QUESTIONS.length; i++) {
      await answerWith(page, QUESTIONS[i].correct);
      await quiz.getByRole('button', { name: i + 1 < QUESTIONS.length ? 'Next question' : 'See your score' }).click();
    }
    await expect.poll(() => quiz.getByTestId('quiz-score').textContent()).toContain('3 of 3');
    expect(log.problems()).toEqual([]);
    await close();
  });

  it('still works when storage is full (setItem throws) or holds corrupt JSON', async () => {
    const { context, page, log, close } = await openPage(browser, site);
    await context.addInitScript(() => {
      localStorage.setItem('dropout-lab:quiz', '{"quizId": corrupt');
      Storage.prototype.setItem = function () {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      };
    });
    await page.goto(site.url + '/');
    await waitForQuiz(page);
    const quiz = page.locator('#quiz');
    expect(await quiz.getByTestId('quiz-progress').textContent()).toBe('1 / 3');
    await answerWith(page, wrongOf(QUESTIONS[0]));
    expect(await quiz.getByTestId('quiz-feedback').textContent()).toContain('Not quite.');
    expect(log.problems()).toEqual([]);
    await close();
  });
});
