import { liveQuery } from 'dexie';
import { attemptRecordSchema, type AttemptRecord } from './attempt-record';
import { packAttemptRow, parseStoredAttempt, reportTextScenarios } from './attempt-row';
import type { CallTrainerDb, StoredRow } from './call-trainer-db';
import { invalidRecordError, unreadableRecord, type UnreadableRecord } from './record-issues';
import { loadReportTextBook, saveAppendedReportTexts, type ReportTextBook } from './report-text-book';
import { toStoreError, withStoreErrors, type StoreError } from './store-error';
import { queueOutboxRows } from './xapi-outbox-queue';
import type { XapiOutboxRecord } from './xapi-outbox-record';

/** Stops an observation; safe to call more than once. */
export type Unsubscribe = () => void;

/** A profile's attempts, newest first, and any stored attempts that failed their schema. */
export interface AttemptList {
  readonly attempts: readonly AttemptRecord[];
  readonly unreadable: readonly UnreadableRecord[];
}

/** The result of looking up one attempt by id. */
export type AttemptLookup =
  | { readonly kind: 'found'; readonly attempt: AttemptRecord }
  | { readonly kind: 'missing'; readonly id: string }
  | { readonly kind: 'unreadable'; readonly unreadable: UnreadableRecord };

/** How a save relates to other records. */
export interface SaveAttemptOptions {
  /**
   * The id of the call in progress this attempt finishes: it is deleted in the same transaction
   * as the attempt is written, so a crash leaves either the unfinished call or the attempt, never
   * neither and never both.
   */
  readonly finishesCallInProgress?: string;
  /**
   * The attempt's xAPI statements (see `outboxRowsFor`), queued in the same transaction: the
   * attempt and its statements are saved together or not at all.
   */
  readonly outbox?: readonly XapiOutboxRecord[];
}

/** Saving, reading and watching completed attempts. Every failure rejects with a `StoreError`. */
export interface AttemptsRepo {
  /**
   * Validates the record, then writes it (replacing any attempt with the same id) in its own
   * transaction. Rejects with code `invalid-record` (message naming each field at fault) without
   * writing anything, or `storage-full` when the browser's quota is used up; either way earlier
   * attempts are untouched.
   *
   * With `outbox` (the attempt's xAPI statements, see `outboxRowsFor`), the statements are queued
   * in the same transaction: the attempt and its statements are saved together or not at all.
   * Statements already queued (the same attempt saved again) keep their state.
   *
   * @returns the record as stored.
   */
  saveAttempt(record: AttemptRecord, options?: SaveAttemptOptions): Promise<AttemptRecord>;
  /** One attempt by id: found, missing, or stored but unreadable (with the fields at fault). */
  getAttempt(id: string): Promise<AttemptLookup>;
  /**
   * A profile's attempts, newest `completedAt` first. Stored attempts of that profile that fail
   * their schema are listed in `unreadable`, not dropped.
   */
  listAttempts(profileId: string): Promise<AttemptList>;
  /**
   * Calls `onChange` with the profile's attempts now and after every change to them (in this tab
   * or another), until unsubscribed. Each call passes a new object, so a React
   * `useSyncExternalStore` wrapper should keep the latest value and return it from `getSnapshot`.
   * After `onError` the observation stops; subscribe again to retry.
   */
  observeAttempts(
    profileId: string,
    onChange: (list: AttemptList) => void,
    onError: (error: StoreError) => void,
  ): Unsubscribe;
  /** Like `observeAttempts`, for one attempt. */
  observeAttempt(
    id: string,
    onChange: (lookup: AttemptLookup) => void,
    onError: (error: StoreError) => void,
  ): Unsubscribe;
}

const SAVE_FAILED = 'this attempt was not saved';
const READ_ONE_FAILED = 'this attempt could not be read';
const READ_LIST_FAILED = 'your attempts could not be read';

type Parsed = { ok: true; attempt: AttemptRecord } | { ok: false; unreadable: UnreadableRecord };

function parseRow(row: StoredRow, book: ReportTextBook): Parsed {
  const result = parseStoredAttempt(row, book);
  return result.success
    ? { ok: true, attempt: result.data }
    : { ok: false, unreadable: unreadableRecord('attempt', row.id, result.error) };
}

/** Newest first; ties (same millisecond) by id so the order is stable. */
function newestFirst(a: AttemptRecord, b: AttemptRecord): number {
  if (a.completedAt !== b.completedAt) return a.completedAt < b.completedAt ? 1 : -1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Creates the attempts repository over an open (or lazily opening) database. */
export function createAttemptsRepo(db: CallTrainerDb): AttemptsRepo {
  function readAttempt(id: string): Promise<AttemptLookup> {
    return withStoreErrors(READ_ONE_FAILED, () =>
      // The row and the expert texts it refers to, read together (`report-text-book.ts`).
      db.transaction('r', db.attempts, db.reportTexts, async (): Promise<AttemptLookup> => {
        const row = await db.attempts.get(id);
        if (row === undefined) return { kind: 'missing', id };
        const parsed = parseRow(row, await loadReportTextBook(db, reportTextScenarios([row])));
        return parsed.ok
          ? { kind: 'found', attempt: parsed.attempt }
          : { kind: 'unreadable', unreadable: parsed.unreadable };
      }),
    );
  }

  function readAttempts(profileId: string): Promise<AttemptList> {
    return withStoreErrors(READ_LIST_FAILED, () =>
      db.transaction('r', db.attempts, db.reportTexts, async (): Promise<AttemptList> => {
        // The profileId index rather than [profileId+completedAt]: IndexedDB leaves a row out of an
        // index whose key it cannot build, so a corrupt completedAt would hide the row from the
        // compound index; here it is still found and reported as unreadable.
        const rows = await db.attempts.where('profileId').equals(profileId).toArray();
        const book = await loadReportTextBook(db, reportTextScenarios(rows));
        const attempts: AttemptRecord[] = [];
        const unreadable: UnreadableRecord[] = [];
        for (const row of rows) {
          const parsed = parseRow(row, book);
          if (parsed.ok) attempts.push(parsed.attempt);
          else unreadable.push(parsed.unreadable);
        }
        attempts.sort(newestFirst);
        return { attempts, unreadable };
      }),
    );
  }

  function observe<T>(
    read: () => Promise<T>,
    failed: string,
    onChange: (value: T) => void,
    onError: (error: StoreError) => void,
  ): Unsubscribe {
    const subscription = liveQuery(read).subscribe({
      next: onChange,
      error: (error: unknown) => onError(toStoreError(error, failed)),
    });
    return () => subscription.unsubscribe();
  }

  return {
    async saveAttempt(record, options = {}) {
      const result = attemptRecordSchema.safeParse(record);
      if (!result.success) throw invalidRecordError(SAVE_FAILED, 'attempt record', result.error);
      const attempt = result.data;
      const finishes = options.finishesCallInProgress;
      const outbox = options.outbox ?? [];
      await withStoreErrors(SAVE_FAILED, () =>
        db.transaction('rw', [db.attempts, db.reportTexts, db.callsInProgress, db.xapiOutbox], async () => {
          // The scenario's expert texts are read, appended to and written back with the attempt.
          const book = await loadReportTextBook(db, [attempt.scenarioId]);
          await db.attempts.put(packAttemptRow(attempt, book));
          await saveAppendedReportTexts(db, book);
          if (finishes !== undefined) await db.callsInProgress.delete(finishes);
          await queueOutboxRows(db, outbox);
        }),
      );
      return attempt;
    },
    getAttempt: readAttempt,
    listAttempts: readAttempts,
    observeAttempts: (profileId, onChange, onError) =>
      observe(() => readAttempts(profileId), READ_LIST_FAILED, onChange, onError),
    observeAttempt: (id, onChange, onError) => observe(() => readAttempt(id), READ_ONE_FAILED, onChange, onError),
  };
}
