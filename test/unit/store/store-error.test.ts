import { describe, expect, it } from 'vitest';
import { CallTrainerDb } from '../../../src/store/call-trainer-db';
import { StoreError, toStoreError, withStoreErrors } from '../../../src/store/store-error';

// Dexie's error classes, reached through the subclass's inherited statics (only src/store may
// import dexie), so these are the errors Dexie itself throws.
const Dexie = CallTrainerDb;

const SAVE = 'this attempt was not saved';

describe('toStoreError', () => {
  it.each([
    ['a DOMException', new DOMException('quota', 'QuotaExceededError')],
    ["Dexie's own QuotaExceededError", new Dexie.QuotaExceededError('quota')],
    ['an AbortError wrapping the quota error', new Dexie.AbortError(new DOMException('quota', 'QuotaExceededError'))],
    ['an Error whose cause is the quota error', new Error('write failed', { cause: new DOMException('q', 'QuotaExceededError') })],
    ["Dexie's AbortError wrapping Dexie's QuotaExceededError", new Dexie.AbortError('aborted', new Dexie.QuotaExceededError('quota'))],
    ["Firefox's legacy quota error", new DOMException('quota', 'NS_ERROR_DOM_QUOTA_REACHED')],
    ['an error carrying only the legacy code 22', Object.assign(new Error('quota'), { code: 22 })],
  ])('turns %s into the storage-full message', (_label, error) => {
    const storeError = toStoreError(error, SAVE);
    expect(storeError.code).toBe('storage-full');
    expect(storeError.message).toBe(
      'This attempt was not saved: this device is out of storage. Earlier attempts are safe. Free some space (or export a backup), then try again.',
    );
    expect(storeError.cause).toBe(error);
  });

  it.each([
    [new Dexie.VersionError('newer'), 'newer-database', /^This attempt was not saved: .*newer version of the app/],
    [new Dexie.DatabaseClosedError(), 'database-closed', /Reload this page\.$/],
    [new Dexie.UpgradeError('boom'), 'upgrade-failed', /could not be upgraded/],
    [new Dexie.MissingAPIError(), 'storage-unavailable', /Private windows/],
    [new TypeError('x is undefined'), 'unexpected', /\(TypeError: x is undefined\)\.$/],
    ['a string', 'unexpected', /\(a string\)\.$/],
  ] as const)('maps %s to %s', (error, code, message) => {
    const storeError = toStoreError(error, SAVE);
    expect(storeError).toBeInstanceOf(StoreError);
    expect(storeError.name).toBe('StoreError');
    expect(storeError.code).toBe(code);
    expect(storeError.message).toMatch(message);
  });

  it('passes a StoreError through unchanged', () => {
    const original = new StoreError('not-found', 'gone');
    expect(toStoreError(original, SAVE)).toBe(original);
  });
});

describe('withStoreErrors', () => {
  it('returns what the work returns and converts what it throws', async () => {
    await expect(withStoreErrors(SAVE, async () => 42)).resolves.toBe(42);
    await expect(
      withStoreErrors(SAVE, async () => {
        throw new DOMException('quota', 'QuotaExceededError');
      }),
    ).rejects.toMatchObject({ name: 'StoreError', code: 'storage-full' });
  });
});
