import { afterEach, describe, expect, it, vi } from 'vitest';
import { safeStorage, type StorageLike } from '../../src/lib/lab/safe-storage';
import {
  QUIZ_KEY,
  answer,
  freshQuiz,
  isFinished,
  loadQuiz,
  next,
  saveQuiz,
  score,
  validateQuiz
} from '../../src/lib/lab/quiz-store';
import { QUESTIONS, QUIZ_ID } from '../../src/lib/lab/quiz-questions';
import { THEME_KEY, otherTheme, readTheme, writeTheme } from '../../src/lib/lab/theme';

const counts = QUESTIONS.map((q) => q.options.length);
const correct = QUESTIONS.map((q) => q.correct);

/** An in-memory Storage, with optional faults. */
function memoryStorage(opts: { failSet?: Error; failGet?: Error } = {}): StorageLike & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    map,
    getItem(k) {
      if (opts.failGet) throw opts.failGet;
      return map.has(k) ? (map.get(k) as string) : null;
    },
    setItem(k, v) {
      if (opts.failSet) throw opts.failSet;
      map.set(k, v);
    },
    removeItem(k) {
      map.delete(k);
    }
  };
}

function quotaError(): Error {
  const e = new Error('The quota has been exceeded.');
  e.name = 'QuotaExceededError';
  return e;
}

afterEach(() => vi.restoreAllMocks());

describe('quiz questions', () => {
  it('are three, each with one valid correct option and an explanation for every option', () => {
    expect(QUESTIONS).toHaveLength(3);
    expect(new Set(QUESTIONS.map((q) => q.id)).size).toBe(3);
    for (const q of QUESTIONS) {
      expect(q.options.length).toBeGreaterThanOrEqual(3);
      expect(q.correct).toBeGreaterThanOrEqual(0);
      expect(q.correct).toBeLessThan(q.options.length);
      for (const o of q.options) expect(o.explanation.length).toBeGreaterThan(20);
    }
    // The first question is about what happens to each neuron at p = 0.5.
    expect(QUESTIONS[0].prompt).toMatch(/each neuron/);
    expect(QUESTIONS[0].prompt).toMatch(/p = 0\.5/);
  });
});

describe('quiz rules', () => {
  it('locks an answer once checked and only advances past answered questions', () => {
    let s = freshQuiz(QUIZ_ID, 3);
    expect(next(s)).toBe(s); // cannot skip
    s = answer(s, 0, 2);
    expect(answer(s, 0, 0).answers[0]).toBe(2); // locked
    s = next(s);
    expect(s.current).toBe(1);
    s = next(answer(s, 1, correct[1]));
    s = next(answer(s, 2, correct[2]));
    expect(isFinished(s)).toBe(true);
    expect(next(s)).toBe(s);
    expect(score(s, correct)).toBe(correct[0] === 2 ? 3 : 2);
  });

  it('scores every combination by counting matches', () => {
    for (let a = 0; a < counts[0]; a++)
      for (let b = 0; b < counts[1]; b++) {
        const s = { quizId: QUIZ_ID, answers: [a, b, null], current: 2 };
        expect(score(s, correct)).toBe(Number(a === correct[0]) + Number(b === correct[1]));
      }
  });

  it('ignores answers for questions that do not exist', () => {
    const s = freshQuiz(QUIZ_ID, 3);
    expect(answer(s, 5, 0)).toBe(s);
    expect(answer(s, -1, 0)).toBe(s);
  });
});

describe('validateQuiz', () => {
  const good = { quizId: QUIZ_ID, answers: [0, 1, null], current: 2 };
  it('accepts well-formed state', () => {
    expect(validateQuiz(good, QUIZ_ID, counts)).toEqual(good);
  });
  it.each([
    ['null', null],
    ['a number', 42],
    ['a string', 'hello'],
    ['another quiz', { ...good, quizId: 'old' }],
    ['too few answers', { ...good, answers: [0, 1] }],
    ['an out-of-range option', { ...good, answers: [0, 9, null] }],
    ['a fractional option', { ...good, answers: [0.5, 1, null] }],
    ['a string option', { ...good, answers: ['0', 1, null] }],
    ['a negative position', { ...good, current: -1 }],
    ['a position past an open question', { ...good, current: 3 }],
    ['a missing position', { quizId: QUIZ_ID, answers: [0, 1, null] }]
  ])('rejects %s', (_name, raw) => {
    expect(validateQuiz(raw, QUIZ_ID, counts)).toBeNull();
  });
});

describe('quiz persistence under storage faults', () => {
  it('round-trips through working storage', () => {
    const mem = memoryStorage();
    const st = safeStorage(() => mem);
    const s = next(answer(freshQuiz(QUIZ_ID, 3), 0, 1));
    expect(saveQuiz(st, s)).toBe(true);
    expect(loadQuiz(st, QUIZ_ID, counts)).toEqual(s);
  });

  it('starts fresh when nothing is stored', () => {
    expect(
      loadQuiz(
        safeStorage(() => memoryStorage()),
        QUIZ_ID,
        counts
      )
    ).toEqual(freshQuiz(QUIZ_ID, 3));
  });

  it('starts fresh on corrupt JSON', () => {
    const mem = memoryStorage();
    mem.map.set(QUIZ_KEY, '{"quizId": "dropout-quiz-1", "answers": [0,');
    expect(
      loadQuiz(
        safeStorage(() => mem),
        QUIZ_ID,
        counts
      )
    ).toEqual(freshQuiz(QUIZ_ID, 3));
  });

  it('works when storage is missing', () => {
    const st = safeStorage(() => undefined);
    expect(loadQuiz(st, QUIZ_ID, counts)).toEqual(freshQuiz(QUIZ_ID, 3));
    expect(saveQuiz(st, freshQuiz(QUIZ_ID, 3))).toBe(false);
  });

  it('works when merely accessing storage throws (SecurityError)', () => {
    const st = safeStorage(() => {
      throw new DOMException('Access is denied for this document.', 'SecurityError');
    });
    expect(loadQuiz(st, QUIZ_ID, counts)).toEqual(freshQuiz(QUIZ_ID, 3));
    expect(saveQuiz(st, freshQuiz(QUIZ_ID, 3))).toBe(false);
    expect(st.remove(QUIZ_KEY)).toBe(false);
  });

  it('works when getItem throws', () => {
    const st = safeStorage(() => memoryStorage({ failGet: new Error('boom') }));
    expect(loadQuiz(st, QUIZ_ID, counts)).toEqual(freshQuiz(QUIZ_ID, 3));
  });

  it('reports a full storage (QuotaExceededError on setItem) and keeps the old value', () => {
    const mem = memoryStorage();
    const st = safeStorage(() => mem);
    const first = answer(freshQuiz(QUIZ_ID, 3), 0, 0);
    expect(saveQuiz(st, first)).toBe(true);
    const full = safeStorage(() => ({
      ...mem,
      setItem: () => {
        throw quotaError();
      }
    }));
    expect(saveQuiz(full, next(first))).toBe(false);
    expect(loadQuiz(st, QUIZ_ID, counts)).toEqual(first);
  });

  it('never logs while failing', () => {
    const error = vi.spyOn(console, 'error');
    const warn = vi.spyOn(console, 'warn');
    const st = safeStorage(() => memoryStorage({ failGet: quotaError(), failSet: quotaError() }));
    loadQuiz(st, QUIZ_ID, counts);
    saveQuiz(st, freshQuiz(QUIZ_ID, 3));
    expect(error).not.toHaveBeenCalled();
    expect(warn).not.toHaveBeenCalled();
  });

  it('treats a non-string from getItem as absent', () => {
    const odd = { getItem: () => 5 as unknown as string, setItem() {}, removeItem() {} };
    expect(safeStorage(() => odd).get('x')).toBeNull();
  });
});

describe('theme memory', () => {
  it('round-trips a choice and ignores junk', () => {
    const mem = memoryStorage();
    const st = safeStorage(() => mem);
    expect(readTheme(st)).toBeNull();
    expect(writeTheme(st, 'dark')).toBe(true);
    expect(readTheme(st)).toBe('dark');
    mem.map.set(THEME_KEY, 'purple');
    expect(readTheme(st)).toBeNull();
  });

  it('survives storage that throws', () => {
    const st = safeStorage(() => memoryStorage({ failGet: new Error('x'), failSet: quotaError() }));
    expect(readTheme(st)).toBeNull();
    expect(writeTheme(st, 'light')).toBe(false);
  });

  it('toggles between the two themes', () => {
    expect(otherTheme('light')).toBe('dark');
    expect(otherTheme('dark')).toBe('light');
  });
});
