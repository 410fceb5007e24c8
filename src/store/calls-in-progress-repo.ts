import { liveQuery } from 'dexie';
import type { Unsubscribe } from './attempts-repo';
import type { CallTrainerDb, StoredRow } from './call-trainer-db';
import { callInProgressRecordSchema, type CallInProgressRecord } from './call-in-progress-record';
import { invalidRecordError, unreadableRecord, type UnreadableRecord } from './record-issues';
import { toStoreError, withStoreErrors, type StoreError } from './store-error';

/** A profile's unfinished calls, most recently advanced first, and any that failed their schema. */
export interface CallInProgressList {
  readonly calls: readonly CallInProgressRecord[];
  readonly unreadable: readonly UnreadableRecord[];
}

/** Calls answered and not yet submitted. Every failure rejects with a `StoreError`. */
export interface CallsInProgressRepo {
  /** Validates and writes (replacing the record with the same id) in its own transaction. */
  saveCallInProgress(record: CallInProgressRecord): Promise<CallInProgressRecord>;
  /** The profile's most recently advanced readable unfinished call of a scenario, if any. */
  findLatest(profileId: string, scenarioId: string): Promise<CallInProgressRecord | undefined>;
  /** Every unfinished call of the profile, most recently advanced first. */
  listCallsInProgress(profileId: string): Promise<CallInProgressList>;
  /** Forgets one unfinished call; no error when it is already gone. */
  discardCallInProgress(id: string): Promise<void>;
  /** Like `listCallsInProgress`, now and after every change (in this tab or another). */
  observeCallsInProgress(
    profileId: string,
    onChange: (list: CallInProgressList) => void,
    onError: (error: StoreError) => void,
  ): Unsubscribe;
}

const SAVE_FAILED = 'the call in progress was not saved';
const READ_FAILED = 'your unfinished calls could not be read';

function newestFirst(a: CallInProgressRecord, b: CallInProgressRecord): number {
  if (a.updatedAt !== b.updatedAt) return a.updatedAt < b.updatedAt ? 1 : -1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Creates the calls-in-progress repository over an open (or lazily opening) database. */
export function createCallsInProgressRepo(db: CallTrainerDb): CallsInProgressRepo {
  async function readAll(profileId: string): Promise<CallInProgressList> {
    const rows: StoredRow[] = await db.callsInProgress.where('profileId').equals(profileId).toArray();
    const calls: CallInProgressRecord[] = [];
    const unreadable: UnreadableRecord[] = [];
    for (const row of rows) {
      const result = callInProgressRecordSchema.safeParse(row);
      if (result.success) calls.push(result.data);
      else unreadable.push(unreadableRecord('call in progress', row.id, result.error));
    }
    calls.sort(newestFirst);
    return { calls, unreadable };
  }

  const list = (profileId: string) => withStoreErrors(READ_FAILED, () => readAll(profileId));

  return {
    async saveCallInProgress(record) {
      const result = callInProgressRecordSchema.safeParse(record);
      if (!result.success) throw invalidRecordError(SAVE_FAILED, 'call in progress', result.error);
      const call = result.data;
      await withStoreErrors(SAVE_FAILED, () => db.transaction('rw', db.callsInProgress, () => db.callsInProgress.put(call)));
      return call;
    },
    async findLatest(profileId, scenarioId) {
      const { calls } = await list(profileId);
      return calls.find((call) => call.scenarioId === scenarioId);
    },
    listCallsInProgress: list,
    discardCallInProgress(id) {
      return withStoreErrors('the unfinished call was not discarded', () =>
        db.transaction('rw', db.callsInProgress, () => db.callsInProgress.delete(id)),
      );
    },
    observeCallsInProgress(profileId, onChange, onError) {
      const subscription = liveQuery(() => list(profileId)).subscribe({
        next: onChange,
        error: (error: unknown) => onError(toStoreError(error, READ_FAILED)),
      });
      return () => subscription.unsubscribe();
    },
  };
}
