/**
 * "Predict, then run": the learner may commit a guess before an experiment runs, and the
 * verdict then says whether it held.
 *
 * Why a guess first: people learn more from a result they predicted wrongly than from one they
 * were simply shown, and a committed guess makes the comparison honest. The guess is optional
 * and never blocks a run. Guesses survive a reload the way the quiz does (lab/safe-storage.ts):
 * unavailable, full, throwing or corrupt storage means the guess is not remembered, nothing more.
 */
import { parseJson, type SafeStorage } from './safe-storage';

/** Storage key holding every experiment's guess, as one JSON object `{ [id]: value }`. */
export const PREDICTIONS_KEY = 'dropout-lab:predictions';

/** Longest id or value kept: stored data is untrusted, and an id is a short name. */
const MAX_LENGTH = 64;

/**
 * How a guess compares with the run's own verdict:
 * - `'held'`: the run picked the option guessed;
 * - `'missed'`: the run picked another option;
 * - `'unclear'`: the run shows no clear difference, so no guess can hold or miss;
 * - `'none'`: no guess was made, or the run has not finished.
 */
export type PredictionOutcome = 'held' | 'missed' | 'unclear' | 'none';

function isShortString(v: unknown): v is string {
  return typeof v === 'string' && v.length > 0 && v.length <= MAX_LENGTH;
}

/** Every stored guess that is well formed; anything else in storage is ignored. */
function readAll(storage: SafeStorage): Record<string, string> {
  const raw = parseJson(storage.get(PREDICTIONS_KEY));
  const clean: Record<string, string> = {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return clean;
  for (const [id, value] of Object.entries(raw as Record<string, unknown>)) {
    if (isShortString(id) && isShortString(value)) clean[id] = value;
  }
  return clean;
}

/**
 * The stored guess for experiment `id`, or null when there is none, when storage fails, or when
 * the stored value is not one of `values` (the options may have changed since it was stored).
 */
export function loadPrediction(storage: SafeStorage, id: string, values: readonly string[]): string | null {
  const value = readAll(storage)[id];
  return value !== undefined && values.includes(value) ? value : null;
}

/**
 * Stores (or, with null, forgets) the guess for experiment `id`, keeping the other experiments'
 * guesses. Returns false when storage refused the write: the guess then lasts until the reload.
 */
export function savePrediction(storage: SafeStorage, id: string, value: string | null): boolean {
  if (!isShortString(id) || (value !== null && !isShortString(value))) return false;
  const all = readAll(storage);
  if (value === null) delete all[id];
  else all[id] = value;
  return storage.set(PREDICTIONS_KEY, JSON.stringify(all));
}

/**
 * Compares a guess with what the run showed. `outcome` is undefined while the run has not
 * finished, null when the run shows no clear difference, and otherwise the option value that the
 * run's own verdict picked.
 */
export function predictionOutcome(choice: string | null, outcome: string | null | undefined): PredictionOutcome {
  if (choice === null || outcome === undefined) return 'none';
  if (outcome === null) return 'unclear';
  return choice === outcome ? 'held' : 'missed';
}
