// The learner's data store survives every way storage fails without throwing or rejecting: a factory
// that throws on access, an open() that throws, no IndexedDB at all; and a stored value that is not
// ours reads as nothing. (The real IndexedDB path runs in tests/browser/user-data-store.test.ts.)
import { describe, expect, it } from 'vitest';
import { idbUserStore, parseStored } from '../../../src/lib/lab/user-data/store';

const data = { name: 'a.csv', text: 'x,label\n1,a\n2,b\n', label: 'label' };

describe('user data store', () => {
  const broken: [string, () => IDBFactory | null][] = [
    ['no IndexedDB', () => null],
    [
      'reading indexedDB throws (blocked cookies)',
      () => {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      }
    ],
    [
      'open() throws',
      () =>
        ({
          open: () => {
            throw new DOMException('quota', 'QuotaExceededError');
          }
        }) as unknown as IDBFactory
    ],
    ['open() never answers', () => ({ open: () => ({}) }) as unknown as IDBFactory]
  ];
  for (const [what, factory] of broken) {
    it(`${what}: load gives null, save and forget give false, nothing throws`, async () => {
      const store = idbUserStore(factory, 50);
      await expect(store.load()).resolves.toBeNull();
      await expect(store.save(data)).resolves.toBe(false);
      await expect(store.forget()).resolves.toBe(false);
      await expect(store.loadDrawn()).resolves.toBeNull();
      await expect(store.saveDrawn('aAAAB')).resolves.toBe(false);
    });
  }

  it('parseStored accepts our records only', () => {
    expect(parseStored({ version: 1, ...data, savedAt: 5 })).toEqual({ version: 1, ...data, savedAt: 5 });
    for (const bad of [null, 'text', 42, [], { ...data }, { version: 2, ...data }, { version: 1, ...data, text: 7 }]) {
      expect(parseStored(bad)).toBeNull();
    }
    expect(parseStored({ version: 1, ...data, text: 'x'.repeat(5 * 1024 * 1024 + 1) })).toBeNull();
  });
});
