import { liveQuery } from 'dexie';
import type { CallTrainerDb, StoredRow } from './call-trainer-db';
import { LRS_CONNECTION_KEY, lrsConnectionRecordSchema, type LrsConnectionRecord } from './lrs-connection-record';
import { invalidRecordError } from './record-issues';
import { toStoreError, withStoreErrors, type StoreError } from './store-error';
import { xapiOutboxRecordSchema, type XapiOutboxRecord } from './xapi-outbox-record';

export { outboxRowsFor, queueOutboxRows } from './xapi-outbox-queue';

/** What the LRS connection form submits. */
export interface LrsConnectionInput {
  readonly endpoint: string;
  readonly username: string;
  readonly password: string;
  readonly activityBase: string;
}

/** The outbox as the "Your data" screen shows it. The secret is never part of it. */
export interface OutboxSummary {
  /** The configured LRS, without its secret; undefined when none is configured. */
  readonly connection?: { readonly endpoint: string; readonly username: string; readonly activityBase: string };
  readonly waiting: number;
  readonly sent: number;
  /** The error of the most recent failed try of a waiting statement, if any. */
  readonly lastError?: string;
  readonly lastTriedAt?: string;
  /** Stored outbox rows that failed their schema (never sent, never dropped). */
  readonly unreadable: number;
}

export interface XapiOutboxRepo {
  getConnection(): Promise<LrsConnectionRecord | undefined>;
  /** Validates and stores the LRS connection; rejects with `invalid-record` naming each field. */
  saveConnection(input: LrsConnectionInput, now: Date): Promise<LrsConnectionRecord>;
  /** Forgets the LRS connection (statements already queued stay queued). */
  removeConnection(): Promise<void>;
  /** Waiting statements, oldest first (then in their attempt's order), at most `limit`. */
  listWaiting(limit: number): Promise<XapiOutboxRecord[]>;
  markSent(ids: readonly string[], at: Date): Promise<void>;
  markFailed(ids: readonly string[], error: string, at: Date): Promise<void>;
  summary(): Promise<OutboxSummary>;
  observeSummary(onChange: (summary: OutboxSummary) => void, onError: (error: StoreError) => void): () => void;
}

function parseRows(rows: readonly StoredRow[]): { records: XapiOutboxRecord[]; unreadable: number } {
  const records: XapiOutboxRecord[] = [];
  let unreadable = 0;
  for (const row of rows) {
    const parsed = xapiOutboxRecordSchema.safeParse(row);
    if (parsed.success) records.push(parsed.data);
    else unreadable += 1;
  }
  return { records, unreadable };
}

/** Creates the outbox and LRS-connection repository. */
export function createXapiOutboxRepo(db: CallTrainerDb): XapiOutboxRepo {
  async function readConnection(): Promise<LrsConnectionRecord | undefined> {
    const parsed = lrsConnectionRecordSchema.safeParse(await db.lrsConnection.get(LRS_CONNECTION_KEY));
    return parsed.success ? parsed.data : undefined;
  }

  async function readSummary(): Promise<OutboxSummary> {
    return db.transaction('r', db.xapiOutbox, db.lrsConnection, async () => {
      const connection = await readConnection();
      const waiting = parseRows(await db.xapiOutbox.where('state').equals('waiting').toArray());
      const sent = await db.xapiOutbox.where('state').equals('sent').count();
      const unreadable = (await db.xapiOutbox.count()) - sent - waiting.records.length;
      const lastFailed = waiting.records
        .filter((r) => r.lastError !== undefined && r.lastTriedAt !== undefined)
        .sort((a, b) => (a.lastTriedAt! < b.lastTriedAt! ? 1 : -1))[0];
      return {
        ...(connection ? { connection: { endpoint: connection.endpoint, username: connection.username, activityBase: connection.activityBase } } : {}),
        waiting: waiting.records.length,
        sent,
        ...(lastFailed ? { lastError: lastFailed.lastError, lastTriedAt: lastFailed.lastTriedAt } : {}),
        unreadable,
      };
    });
  }

  async function update(ids: readonly string[], change: (row: XapiOutboxRecord) => XapiOutboxRecord, failed: string): Promise<void> {
    await withStoreErrors(failed, () =>
      db.transaction('rw', db.xapiOutbox, async () => {
        const rows = parseRows((await db.xapiOutbox.bulkGet([...ids])).filter((row): row is StoredRow => row !== undefined)).records;
        await db.xapiOutbox.bulkPut(rows.map((row) => xapiOutboxRecordSchema.parse(change(row))));
      }),
    );
  }

  return {
    getConnection: () => withStoreErrors('the LRS connection could not be read', readConnection),

    async saveConnection(input, now) {
      const failed = 'the LRS connection was not saved';
      const result = lrsConnectionRecordSchema.safeParse({ key: LRS_CONNECTION_KEY, ...input, savedAt: now.toISOString() });
      if (!result.success) throw invalidRecordError(failed, 'LRS connection', result.error);
      await withStoreErrors(failed, () => db.transaction('rw', db.lrsConnection, () => db.lrsConnection.put(result.data)));
      return result.data;
    },

    removeConnection: () =>
      withStoreErrors('the LRS connection was not removed', () => db.transaction('rw', db.lrsConnection, () => db.lrsConnection.clear())),

    listWaiting(limit) {
      return withStoreErrors('the statements waiting to be sent could not be read', async () => {
        const { records } = parseRows(await db.xapiOutbox.where('state').equals('waiting').toArray());
        records.sort((a, b) => (a.queuedAt !== b.queuedAt ? (a.queuedAt < b.queuedAt ? -1 : 1) : a.attemptId !== b.attemptId ? (a.attemptId < b.attemptId ? -1 : 1) : a.sequence - b.sequence));
        return records.slice(0, limit);
      });
    },

    markSent: (ids, at) =>
      update(
        ids,
        (row) => {
          const { lastError: _dropped, ...rest } = row;
          return { ...rest, state: 'sent', tries: row.tries + 1, lastTriedAt: at.toISOString(), sentAt: at.toISOString() };
        },
        'the statements were sent but could not be marked as sent',
      ),

    markFailed: (ids, error, at) =>
      update(ids, (row) => ({ ...row, tries: row.tries + 1, lastTriedAt: at.toISOString(), lastError: error.slice(0, 2000) }), 'the failed try could not be recorded'),

    summary: () => withStoreErrors('the outbox could not be read', readSummary),

    observeSummary(onChange, onError) {
      const subscription = liveQuery(readSummary).subscribe({
        next: onChange,
        error: (error: unknown) => onError(toStoreError(error, 'the outbox could not be read')),
      });
      return () => subscription.unsubscribe();
    },
  };
}
