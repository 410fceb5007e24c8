import type { CallTrainerDb } from './call-trainer-db';
import { xapiOutboxRecordSchema, type XapiOutboxRecord } from './xapi-outbox-record';

// Queueing statements with their attempt: kept apart from the outbox repository so that saving
// an attempt does not pull the LRS connection and the sender's queries into the first load.

/**
 * Outbox rows for one attempt's statements, ready to be written with the attempt (see
 * `AttemptsRepo.saveAttempt`'s `outbox` option). `statements` are plain JSON objects with an `id`.
 */
export function outboxRowsFor(attemptId: string, statements: readonly { readonly id?: string }[], queuedAt: Date): XapiOutboxRecord[] {
  return statements.map((statement, sequence) =>
    xapiOutboxRecordSchema.parse({
      id: statement.id,
      attemptId,
      sequence,
      statement: JSON.parse(JSON.stringify(statement)) as Record<string, unknown>,
      state: 'waiting',
      queuedAt: queuedAt.toISOString(),
      tries: 0,
    }),
  );
}

/**
 * Writes outbox rows that are not there yet, inside the caller's transaction: a statement that is
 * already queued or sent (the same attempt saved twice) keeps its state.
 */
export async function queueOutboxRows(db: CallTrainerDb, rows: readonly XapiOutboxRecord[]): Promise<void> {
  if (rows.length === 0) return;
  const existing = await db.xapiOutbox.bulkGet(rows.map((row) => row.id));
  const fresh = rows.filter((_, index) => existing[index] === undefined);
  if (fresh.length > 0) await db.xapiOutbox.bulkAdd(fresh);
}

