/**
 * The colour theme the reader chose, remembered across visits.
 *
 * With no stored choice the page follows the system (prefers-color-scheme) through CSS alone.
 * app.html holds a tiny static inline script that applies a stored choice before first paint,
 * so a dark-theme reader never sees a white flash; it reads the same key as this module.
 */
import type { SafeStorage } from './safe-storage';

/** The storage key; app.html's inline script uses the same literal. */
export const THEME_KEY = 'dropout-lab:theme';

/** An explicit choice. Absence of a choice means "follow the system". */
export type Theme = 'light' | 'dark';

/** The stored theme, or null when none is stored or the stored text is not a theme. */
export function readTheme(storage: SafeStorage): Theme | null {
  const v = storage.get(THEME_KEY);
  return v === 'light' || v === 'dark' ? v : null;
}

/** Remembers a theme; false when storage refused (the toggle still works for this visit). */
export function writeTheme(storage: SafeStorage, theme: Theme): boolean {
  return storage.set(THEME_KEY, theme);
}

/** The other theme: what the toggle switches to. */
export function otherTheme(theme: Theme): Theme {
  return theme === 'dark' ? 'light' : 'dark';
}
