import { Dexie, liveQuery } from 'dexie';
import { createAttemptDigestPool } from '../domain/attempt-digest-pool';
import { attemptDigest, type AttemptDigest } from '../domain/attempt-evidence';
import { parseStoredAttempt, reportTextScenarios } from './attempt-row';
import type { Unsubscribe } from './attempts-repo';
import type { CallTrainerDb } from './call-trainer-db';
import { unreadableRecord, type UnreadableRecord } from './record-issues';
import { loadReportTextBook } from './report-text-book';
import { toStoreError, withStoreErrors, type StoreError } from './store-error';

/**
 * Attempt summary record (Dexie version 2): an attempt's digest (see `attemptDigest` in the
 * domain) with its profile. Derived data: the attempts table stays the record, and a summary that
 * is missing (an attempt saved before version 2, or written by an import) is rebuilt from its
 * attempt on the next read, so any writer of attempts stays correct without knowing about it.
 * A stored row is checked by the digest pool as it is read (its profile id by the index query).
 */
export type AttemptSummaryRecord = AttemptDigest & { readonly profileId: string };

/** A profile's attempt digests (any order) and the attempts that could not be read. */
export interface DigestList {
  readonly digests: readonly AttemptDigest[];
  readonly unreadable: readonly UnreadableRecord[];
}

/** Progress figures' source: one small digest per attempt instead of the full record. */
export interface ProgressRepo {
  listDigests(profileId: string): Promise<DigestList>;
  /** Live: calls `onChange` now and after every change to the profile's attempts. */
  observeDigests(profileId: string, onChange: (list: DigestList) => void, onError: (error: StoreError) => void): Unsubscribe;
}

const READ_FAILED = 'your progress could not be read';
/** How many attempts without a digest are read at once to rebuild theirs. */
const REBUILD_BATCH = 200;
/** How many summaries are read at once (each page starts after the last attempt id read). */
const SUMMARY_PAGE = 500;

export function createProgressRepo(db: CallTrainerDb): ProgressRepo {
  /** Reads digests; returns those it had to rebuild so the caller can store them. */
  function read(profileId: string): Promise<{ list: DigestList; rebuilt: AttemptSummaryRecord[] }> {
    // One read transaction: the attempts rebuilt from are read with the expert texts they refer to.
    return db.transaction('r', db.attempts, db.attemptSummaries, db.reportTexts, async () => {
      const attemptIds = await db.attempts.where('profileId').equals(profileId).primaryKeys();
      const current = new Set(attemptIds);
      // Repeated parts (titles, grades, verdict lists) are kept once for all digests: see the pool.
      const pool = createAttemptDigestPool();
      const digests: AttemptDigest[] = [];
      const found = new Set<string>();
      // A page at a time: IndexedDB hands back every row as fresh objects, and 10,000 rows at
      // once took the page's heap up by 26 MB before any could be shared or dropped.
      for (let after: string | undefined, full = true; full; ) {
        const rows = await db.attemptSummaries
          .where('[profileId+attemptId]')
          .between([profileId, after ?? Dexie.minKey], [profileId, Dexie.maxKey], after === undefined, true)
          .limit(SUMMARY_PAGE)
          .toArray();
        full = rows.length === SUMMARY_PAGE;
        after = String(rows.at(-1)?.attemptId);
        for (const row of rows) {
          // Checked as the pool shares it (the index query has already matched the profile id).
          // A summary that fails its schema, or whose attempt is gone, is ignored and rebuilt.
          const digest = pool.share(row, ['profileId']);
          if (!digest || !current.has(digest.attemptId)) continue;
          digests.push(digest);
          found.add(digest.attemptId);
        }
      }
      const missing = attemptIds.filter((id) => !found.has(id));
      const unreadable: UnreadableRecord[] = [];
      const rebuilt: AttemptSummaryRecord[] = [];
      // A few hundred full attempts at a time: after a restore or an upgrade thousands may lack a
      // digest, and holding every full record at once took the page to hundreds of MB.
      for (let from = 0; from < missing.length; from += REBUILD_BATCH) {
        const attempts = await db.attempts.bulkGet(missing.slice(from, from + REBUILD_BATCH));
        const book = await loadReportTextBook(db, reportTextScenarios(attempts));
        for (const row of attempts) {
          if (!row) continue;
          const parsed = parseStoredAttempt(row, book);
          if (!parsed.success) {
            unreadable.push(unreadableRecord('attempt', row.id, parsed.error));
            continue;
          }
          const built = attemptDigest(parsed.data);
          const digest = pool.share(built) ?? built;
          digests.push(digest);
          rebuilt.push({ ...digest, profileId });
        }
      }
      return { list: { digests, unreadable }, rebuilt };
    });
  }

  let storing: Promise<void> | undefined;
  function store(rebuilt: readonly AttemptSummaryRecord[]): void {
    if (rebuilt.length === 0 || storing) return;
    // Outside the live query's read-only zone; a failure just means rebuilding again next time.
    storing = Dexie.ignoreTransaction(() => db.transaction('rw', db.attemptSummaries, () => db.attemptSummaries.bulkPut([...rebuilt])))
      .then(
        () => undefined,
        () => undefined,
      )
      .finally(() => {
        storing = undefined;
      });
  }

  return {
    async listDigests(profileId) {
      const { list, rebuilt } = await withStoreErrors(READ_FAILED, () => read(profileId));
      store(rebuilt);
      return list;
    },
    observeDigests(profileId, onChange, onError) {
      const subscription = liveQuery(() => withStoreErrors(READ_FAILED, () => read(profileId))).subscribe({
        next: ({ list, rebuilt }) => {
          onChange(list);
          store(rebuilt);
        },
        error: (error: unknown) => onError(toStoreError(error, READ_FAILED)),
      });
      return () => subscription.unsubscribe();
    },
  };
}
