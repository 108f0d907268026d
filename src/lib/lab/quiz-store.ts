/**
 * The quiz's state and how it survives a reload.
 *
 * Pure functions over a small immutable state, so the Svelte component only renders and the
 * rules (one checked answer per question, scoring, what counts as valid stored data) are tested
 * in isolation. Storage faults of every kind fall back to a fresh quiz, silently.
 */
import { parseJson, type SafeStorage } from './safe-storage';

/** Storage key for the quiz state. */
export const QUIZ_KEY = 'dropout-lab:quiz';

/** Everything the quiz needs to resume where the reader left off. */
export interface QuizState {
  /** Which question set the answers belong to (see QUIZ_ID). */
  quizId: string;
  /** The checked option for each question, or null while unanswered. Locked once checked. */
  answers: (number | null)[];
  /** The question on screen; equal to answers.length when the score is shown. */
  current: number;
}

/** A fresh quiz with `questionCount` unanswered questions, on the first one. */
export function freshQuiz(quizId: string, questionCount: number): QuizState {
  return { quizId, answers: new Array<number | null>(questionCount).fill(null), current: 0 };
}

/**
 * Checks untrusted stored data against the quiz's shape: right id, one answer slot per question,
 * each answer null or a valid option index, and a current position no further than the first
 * unanswered question. Returns null when anything is off.
 */
export function validateQuiz(raw: unknown, quizId: string, optionCounts: number[]): QuizState | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const r = raw as Record<string, unknown>;
  if (r.quizId !== quizId) return null;
  const answers = r.answers;
  if (!Array.isArray(answers) || answers.length !== optionCounts.length) return null;
  const clean: (number | null)[] = [];
  for (let i = 0; i < answers.length; i++) {
    const a: unknown = answers[i];
    if (a === null) clean.push(null);
    else if (Number.isInteger(a) && (a as number) >= 0 && (a as number) < optionCounts[i]) clean.push(a as number);
    else return null;
  }
  const current = r.current;
  if (!Number.isInteger(current) || (current as number) < 0) return null;
  // You can only be past a question you answered.
  const firstOpen = clean.indexOf(null);
  const limit = firstOpen === -1 ? clean.length : firstOpen;
  if ((current as number) > limit) return null;
  return { quizId, answers: clean, current: current as number };
}

/** Reads the stored quiz, or a fresh one if none is stored or it is unreadable or corrupt. */
export function loadQuiz(storage: SafeStorage, quizId: string, optionCounts: number[]): QuizState {
  const stored = validateQuiz(parseJson(storage.get(QUIZ_KEY)), quizId, optionCounts);
  return stored ?? freshQuiz(quizId, optionCounts.length);
}

/** Stores the quiz; false when storage refused (the quiz carries on in memory). */
export function saveQuiz(storage: SafeStorage, state: QuizState): boolean {
  return storage.set(QUIZ_KEY, JSON.stringify(state));
}

/** Records the checked option for question `q`. A question already answered stays as it was. */
export function answer(state: QuizState, q: number, option: number): QuizState {
  if (q < 0 || q >= state.answers.length || state.answers[q] !== null) return state;
  const answers = state.answers.slice();
  answers[q] = option;
  return { ...state, answers };
}

/** Moves to the next question (or to the score), only once the current one is answered. */
export function next(state: QuizState): QuizState {
  if (state.current >= state.answers.length || state.answers[state.current] === null) return state;
  return { ...state, current: state.current + 1 };
}

/** True when every question is answered and the score is on screen. */
export function isFinished(state: QuizState): boolean {
  return state.current >= state.answers.length;
}

/** Number of answers equal to the correct option. */
export function score(state: QuizState, correct: number[]): number {
  return state.answers.reduce<number>((s, a, i) => s + (a !== null && a === correct[i] ? 1 : 0), 0);
}
