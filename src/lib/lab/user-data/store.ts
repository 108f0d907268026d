/**
 * The learner's own data kept across a reload, in IndexedDB (a 5 MB file is too big for
 * localStorage), on this device only. Like lab/safe-storage.ts for the quiz, it never throws and
 * never rejects: IndexedDB can be missing, throw on access (blocked cookies), refuse to open
 * (private modes), be full (QuotaExceededError), hang (another tab holding an old version) or hold
 * something that is not ours. Each of those reads as "nothing stored" or "not saved" — the lesson
 * works the same without it, and says so.
 */

/** What is kept: the file's text and how it was read, so a reload reads it again exactly so. */
export interface StoredUserData {
  /** Layout version of this record. */
  version: 1;
  /** The file's name (or "pasted text"). */
  name: string;
  /** The file's text. */
  text: string;
  /** The label column chosen. */
  label: string;
  /** When it was saved (ms since 1970), for humans. */
  savedAt: number;
}

/** The store of the learner's data. Every method settles, never rejects. */
export interface UserDataStore {
  /** The stored data, or null when none, unreadable or not ours (a bad record is also removed). */
  load(): Promise<StoredUserData | null>;
  /** Keeps `data`; false when storage is unavailable, full or failing. */
  save(data: Omit<StoredUserData, 'version' | 'savedAt'>): Promise<boolean>;
  /** Removes it (and any drawn points); false when storage failed (then there may be nothing to remove anyway). */
  forget(): Promise<boolean>;
  /** Drawn points kept from an earlier visit, as their link text (lab/user-data/drawn.ts), or null. */
  loadDrawn(): Promise<string | null>;
  /** Keeps drawn points' link text; false when storage failed. */
  saveDrawn(text: string): Promise<boolean>;
}

/** Name of the database, its one object store, and the record's key. */
export const USER_DB = 'dropout-lab';
export const USER_STORE = 'user-data';
export const USER_KEY = 'csv';
/** The key of the drawn points (their link text, at most a few kB). */
export const DRAWN_KEY = 'drawn';
/** An open or a transaction that takes longer than this is given up (another tab may block it). */
export const STORE_TIMEOUT_MS = 4000;
/** Largest text kept: the CSV loader's limit. */
const MAX_TEXT = 5 * 1024 * 1024;

/** A stored value if it is one of ours, else null. */
export function parseStored(value: unknown): StoredUserData | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  if (v.version !== 1) return null;
  if (typeof v.name !== 'string' || v.name.length > 1000) return null;
  if (typeof v.text !== 'string' || v.text.length > MAX_TEXT) return null;
  if (typeof v.label !== 'string' || v.label.length > 10_000) return null;
  const savedAt = typeof v.savedAt === 'number' && Number.isFinite(v.savedAt) ? v.savedAt : 0;
  return { version: 1, name: v.name, text: v.text, label: v.label, savedAt };
}

/** Resolves with `fallback` after `ms`, unless `work` settles first; `work` rejecting also gives `fallback`. */
function settle<T>(work: (done: (v: T) => void) => void, fallback: T, ms: number): Promise<T> {
  return new Promise<T>((resolve) => {
    let over = false;
    const done = (v: T) => {
      if (!over) {
        over = true;
        clearTimeout(timer);
        resolve(v);
      }
    };
    const timer = setTimeout(() => done(fallback), ms);
    try {
      work(done);
    } catch {
      done(fallback);
    }
  });
}

/**
 * The store over an IndexedDB factory. `getFactory` is a function because merely reading
 * `indexedDB` can throw; it is called inside try/catch on every use.
 */
export function idbUserStore(
  getFactory: () => IDBFactory | null | undefined,
  timeoutMs = STORE_TIMEOUT_MS
): UserDataStore {
  /** Opens the database (creating its store), or resolves null. */
  const open = () =>
    settle<IDBDatabase | null>(
      (done) => {
        const factory = getFactory();
        if (!factory) return done(null);
        const req = factory.open(USER_DB, 1);
        req.onupgradeneeded = () => {
          try {
            if (!req.result.objectStoreNames.contains(USER_STORE)) req.result.createObjectStore(USER_STORE);
          } catch {
            done(null);
          }
        };
        req.onsuccess = () => {
          const db = req.result;
          // Another tab upgrading the database asks us to let go.
          db.onversionchange = () => db.close();
          done(db);
        };
        req.onerror = (e) => {
          e.preventDefault?.();
          done(null);
        };
        req.onblocked = () => done(null);
      },
      null,
      timeoutMs
    );

  /** Runs one request in a transaction; resolves with its result, or `fallback` on any failure. */
  async function run<T>(
    mode: IDBTransactionMode,
    make: (store: IDBObjectStore) => IDBRequest,
    fallback: T,
    ok: (result: unknown) => T
  ): Promise<T> {
    const db = await open();
    if (!db) return fallback;
    const value = await settle<T>(
      (done) => {
        const tx = db.transaction(USER_STORE, mode);
        const req = make(tx.objectStore(USER_STORE));
        let result: T = fallback;
        req.onsuccess = () => {
          try {
            result = ok(req.result);
          } catch {
            result = fallback;
          }
        };
        // A write counts once the transaction commits (a full disk fails it here, not at put()).
        tx.oncomplete = () => done(result);
        tx.onerror = (e) => {
          e.preventDefault?.();
          done(fallback);
        };
        tx.onabort = () => done(fallback);
      },
      fallback,
      timeoutMs
    );
    try {
      db.close();
    } catch {
      // closing a database that failed is nothing to report
    }
    return value;
  }

  const forget = () =>
    run<boolean>(
      'readwrite',
      (s) => s.delete(USER_KEY),
      false,
      () => true
    );
  return {
    async load() {
      const raw = await run<unknown>(
        'readonly',
        (s) => s.get(USER_KEY),
        undefined,
        (r) => r
      );
      const parsed = parseStored(raw);
      if (raw !== undefined && parsed === null) await forget(); // not ours any more: drop it
      return parsed;
    },
    save: (data) =>
      run<boolean>(
        'readwrite',
        (s) =>
          s.put({ version: 1, name: data.name, text: data.text, label: data.label, savedAt: Date.now() }, USER_KEY),
        false,
        () => true
      ),
    forget,
    async loadDrawn() {
      const raw = await run<unknown>(
        'readonly',
        (s) => s.get(DRAWN_KEY),
        undefined,
        (r) => r
      );
      return typeof raw === 'string' && raw.length <= 2000 ? raw : null;
    },
    saveDrawn: (text) =>
      run<boolean>(
        'readwrite',
        (s) => s.put(text, DRAWN_KEY),
        false,
        () => true
      )
  };
}

/** The browser's store; on the server (prerendering) or without IndexedDB, one that keeps nothing. */
export function browserUserStore(): UserDataStore {
  return idbUserStore(() => (typeof indexedDB === 'undefined' ? null : indexedDB));
}
