/**
 * localStorage that never throws.
 *
 * Why: storage can be missing (old browsers, some embeds), throw on *access* (Safari with
 * cookies blocked throws a SecurityError just for reading `window.localStorage`), throw on write
 * (QuotaExceededError when full, or private modes with zero quota), or hold corrupt text. None of
 * that may break the lesson or print errors: a remembered quiz or theme is a nicety, not a need.
 */

/** The two methods we need from the Web Storage API. */
export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** A storage that swallows every failure: reads give null, writes report success as a boolean. */
export interface SafeStorage {
  /** The stored text, or null when absent or unreadable. */
  get(key: string): string | null;
  /** Stores text; false if the write failed (full, blocked, missing storage). */
  set(key: string, value: string): boolean;
  /** Removes a key; false if that failed. */
  remove(key: string): boolean;
}

/**
 * Wraps a storage. `getStorage` is a function, not a value, because merely evaluating
 * `window.localStorage` can throw; we call it lazily, inside try/catch, on every use.
 */
export function safeStorage(getStorage: () => StorageLike | null | undefined): SafeStorage {
  const attempt = <T>(fn: (s: StorageLike) => T, failed: T): T => {
    try {
      const s = getStorage();
      return s ? fn(s) : failed;
    } catch {
      return failed;
    }
  };
  return {
    get: (key) =>
      attempt((s) => {
        const v = s.getItem(key);
        return typeof v === 'string' ? v : null;
      }, null),
    set: (key, value) =>
      attempt((s) => {
        s.setItem(key, value);
        return true;
      }, false),
    remove: (key) =>
      attempt((s) => {
        s.removeItem(key);
        return true;
      }, false)
  };
}

/** The browser's localStorage, safely; on the server (prerendering) every read is null. */
export function browserStorage(): SafeStorage {
  return safeStorage(() => (typeof window === 'undefined' ? null : window.localStorage));
}

/** Parses JSON text without throwing: corrupt or absent text gives undefined. */
export function parseJson(text: string | null): unknown {
  if (text === null) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
