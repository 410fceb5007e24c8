/**
 * Persistence failures, in words a trainee can act on. Every repository function rejects with a
 * `StoreError` (never a raw Dexie or DOM error), so the UI can show `error.message` as it is and
 * branch on `error.code` when it needs to (for example to offer a backup when storage is full).
 */

/** Why a store operation failed. */
export type StoreErrorCode =
  /** The browser refused the write because its storage quota is used up. Nothing was written. */
  | 'storage-full'
  /** The record handed to the repository failed its schema; nothing was written. */
  | 'invalid-record'
  /** A stored record failed its schema when read back. */
  | 'unreadable-record'
  /** The record asked for does not exist. */
  | 'not-found'
  /** The database in this browser was written by a newer version of call-trainer. */
  | 'newer-database'
  /** The database was closed under us, usually because another tab upgraded it. */
  | 'database-closed'
  /** A schema upgrade (Dexie `version(n).upgrade`) failed; the old data is untouched. */
  | 'upgrade-failed'
  /** IndexedDB is missing or blocked (some private windows, some privacy settings). */
  | 'storage-unavailable'
  /** Anything else; the message carries the browser's own error name and text. */
  | 'unexpected';

/** A persistence failure with a plain-English `message`; `cause` keeps the original error. */
export class StoreError extends Error {
  override readonly name = 'StoreError';

  constructor(
    readonly code: StoreErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  /**
   * Builds the usual message shape, "<what did not happen>: <why>".
   *
   * @param failed what did not happen, a lower-case sentence fragment such as
   *   `"this attempt was not saved"`.
   * @param reason why, in words the trainee can act on.
   */
  static because(code: StoreErrorCode, failed: string, reason: string, options?: { cause?: unknown }): StoreError {
    return new StoreError(code, `${failed.charAt(0).toUpperCase()}${failed.slice(1)}: ${reason}`, options);
  }
}

/** Dexie wraps DOM errors in its own (with `inner`); standard errors chain through `cause`. */
function errorNames(error: unknown): string[] {
  const names: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 6 && typeof current === 'object' && current !== null; depth += 1) {
    const { name, inner, cause } = current as { name?: unknown; inner?: unknown; cause?: unknown };
    if (typeof name === 'string') names.push(name);
    current = inner ?? cause;
  }
  return names;
}

/** Old engines report a full disk only as DOMException code 22 (QUOTA_EXCEEDED_ERR). */
function hasQuotaCode(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 6 && typeof current === 'object' && current !== null; depth += 1) {
    const { code, inner, cause } = current as { code?: unknown; inner?: unknown; cause?: unknown };
    if (code === 22) return true;
    current = inner ?? cause;
  }
  return false;
}

function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

/**
 * Turns whatever a Dexie call threw into a `StoreError`.
 *
 * @param error what was thrown (a Dexie error, a DOMException, anything).
 * @param failed what did not happen, as a sentence fragment starting in lower case, e.g.
 *   `"this attempt was not saved"`; it opens the message.
 * @returns `error` itself when it already is a `StoreError`. Wrapped errors are looked through
 *   (Dexie's `inner`, the standard `cause`), so a transaction aborted by a full disk still reads
 *   as `storage-full`.
 */
export function toStoreError(error: unknown, failed: string): StoreError {
  if (error instanceof StoreError) return error;
  const names = errorNames(error);
  const has = (...candidates: string[]) => candidates.some((name) => names.includes(name));

  if (has('QuotaExceededError', 'NS_ERROR_DOM_QUOTA_REACHED') || hasQuotaCode(error)) {
    return StoreError.because(
      'storage-full',
      failed,
      'this device is out of storage. Earlier attempts are safe. Free some space (or export a backup), then try again.',
      { cause: error },
    );
  }
  const because = (code: StoreErrorCode, reason: string) => StoreError.because(code, failed, reason, { cause: error });
  if (has('VersionError')) {
    return because(
      'newer-database',
      'this browser holds call-trainer data saved by a newer version of the app. Reload the page to get the newer version.',
    );
  }
  if (has('DatabaseClosedError', 'VersionChangeError')) {
    return because(
      'database-closed',
      "call-trainer's storage was closed, probably because the app was updated in another tab. Reload this page.",
    );
  }
  if (has('UpgradeError')) {
    return because(
      'upgrade-failed',
      'saved data could not be upgraded to this version of call-trainer. Nothing was changed; export a backup and report the problem.',
    );
  }
  if (has('MissingAPIError', 'InvalidStateError', 'OpenFailedError')) {
    return because(
      'storage-unavailable',
      'this browser is not letting call-trainer use its storage. Private windows and some privacy settings block it.',
    );
  }
  return because('unexpected', `the browser's storage reported an error (${describeError(error)}).`);
}

/**
 * Runs store work and turns anything it throws into a `StoreError` (see {@link toStoreError}).
 *
 * @param failed what did not happen if the work fails, e.g. `"this attempt was not saved"`.
 */
export async function withStoreErrors<T>(failed: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw toStoreError(error, failed);
  }
}
