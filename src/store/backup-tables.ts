import { z } from 'zod';
import { sameJson } from '../domain/canonical-json';
import { attemptRecordSchema, type AttemptRecord } from './attempt-record';
import { packAttemptRow, parseStoredAttempt } from './attempt-row';
import type { StoredRow } from './call-trainer-db';
import type { RecordParse } from './record-issues';
import type { ReportTextBook } from './report-text-book';
import { cpdActivityRecordSchema, reflectionRecordSchema } from './cpd-records';
import { profileRecordSchema } from './profile-record';

/**
 * The registry of tables a backup carries: for each, its Dexie table name (also its key under
 * `tables` in the file), the record schema every row must pass on export and import, how to read
 * its primary key, extra consistency checks, and how an incoming row compares with a stored row
 * of the same key. Adding a table to backups is one entry here (see `src/store/README.md`).
 *
 * Tables NOT listed are never exported or imported. {@link LOCAL_ONLY_TABLES} names each such
 * table with the reason, and a unit test fails when a Dexie table is in neither list, so a new
 * table cannot slip into (or out of) backups unnoticed.
 */

/**
 * How an incoming row compares with the stored row of the same key:
 * - `same`: identical content; nothing to write.
 * - `incoming-newer`: the backup's copy is newer; it replaces the stored one.
 * - `stored-newer`: this PC's copy is newer; it is kept.
 * - `conflict`: they differ and neither is newer (e.g. an immutable attempt edited somewhere);
 *   this PC's copy is kept and the row is reported as refused.
 */
export type RowComparison = 'same' | 'incoming-newer' | 'stored-newer' | 'conflict';

export interface BackupTable<Row> {
  /** Dexie table name and the key under `tables` in a backup file. */
  readonly name: string;
  /** Plural noun for people, e.g. "attempts". */
  readonly label: string;
  /** Every row passes this, on export and on import. */
  readonly schema: z.ZodType<Row>;
  readonly keyOf: (row: Row) => string;
  /** Problems that a schema cannot see (e.g. a total that does not add up); [] when consistent. */
  readonly check?: (row: Row) => readonly { path: readonly PropertyKey[]; message: string }[];
  readonly compare: (incoming: Row, stored: Row) => RowComparison;
  /**
   * How a stored row is read back, when the table stores rows in another shape (default: the
   * schema). `book` holds every stored list of expert texts, loaded in the same transaction.
   */
  readonly parseStored?: (row: StoredRow, book: ReportTextBook) => RecordParse<Row>;
  /**
   * The row to store for a record, when the table stores rows in another shape (default: as is).
   * What it appends to `book` is written back in the same transaction.
   */
  readonly toStored?: (row: Row, book: ReportTextBook) => StoredRow;
}

/** A registry entry with its row type erased, for code that loops over every table. */
export type AnyBackupTable = BackupTable<unknown>;

/** Typed entry point: checks the entry against its row type, then erases it for the registry. */
export function backupTable<Row>(table: BackupTable<Row>): AnyBackupTable {
  return table as unknown as AnyBackupTable;
}

/** Rows that carry their own "last changed" moment compare by it; equal moments with different content conflict. */
export function compareByTimestamp<Row>(stampOf: (row: Row) => string) {
  return (incoming: Row, stored: Row): RowComparison => {
    if (sameJson(incoming, stored)) return 'same';
    const a = stampOf(incoming);
    const b = stampOf(stored);
    if (a === b) return 'conflict';
    return a > b ? 'incoming-newer' : 'stored-newer';
  };
}

/** Rows that never change once written: identical is `same`, anything else a conflict. */
export function compareImmutable(incoming: unknown, stored: unknown): RowComparison {
  return sameJson(incoming, stored) ? 'same' : 'conflict';
}

/** A report whose total does not follow from its categories has been edited by hand. */
function checkAttempt(attempt: AttemptRecord) {
  const parts = Object.values(attempt.report.categories).filter((c) => c !== undefined);
  const totalWeight = parts.reduce((sum, c) => sum + c.weight, 0);
  const expected = totalWeight === 0 ? 0 : (100 * parts.reduce((sum, c) => sum + c.weight * c.fraction, 0)) / totalWeight;
  const problems: { path: PropertyKey[]; message: string }[] = [];
  if (Math.abs(expected - attempt.report.percent) > 0.05) {
    problems.push({
      path: ['report', 'percent'],
      message: `the score ${attempt.report.percent}% does not follow from the report's categories (${Math.round(expected * 10) / 10}%): the attempt was edited`,
    });
  }
  if (attempt.completedAt < attempt.startedAt) {
    problems.push({ path: ['completedAt'], message: 'the attempt is completed before it started' });
  }
  return problems;
}

/** A setting as backed up: a name and any JSON value. */
export const settingRowSchema = z.strictObject({
  key: z.string().min(1).max(100),
  value: z.json(),
});
export type SettingRow = z.infer<typeof settingRowSchema>;

/** Every table a backup carries, in the order they are written. */
export const BACKUP_TABLES: readonly AnyBackupTable[] = [
  backupTable({
    name: 'profiles',
    label: 'profiles',
    schema: profileRecordSchema,
    keyOf: (row) => row.id,
    // A profile changes (its name); the later `updatedAt` wins, `createdAt` when it has none.
    compare: compareByTimestamp((row) => (row as { updatedAt?: string }).updatedAt ?? row.createdAt),
  }),
  backupTable({
    name: 'attempts',
    label: 'attempts',
    schema: attemptRecordSchema,
    keyOf: (row) => row.id,
    check: checkAttempt,
    // An attempt is a record of what happened: it never changes after it is saved.
    compare: compareImmutable,
    // Stored packed, the expert's texts in their scenario's list (see attempt-row.ts); a backup
    // carries the plain record.
    parseStored: parseStoredAttempt,
    toStored: packAttemptRow,
  }),
  backupTable({
    name: 'settings',
    label: 'settings',
    schema: settingRowSchema,
    keyOf: (row) => row.key,
    // Settings say how this PC is set up: a backup adds missing ones and never overrides this PC's.
    compare: (incoming, stored) => (sameJson(incoming, stored) ? 'same' : 'stored-newer'),
  }),
  backupTable({
    name: 'reflections',
    label: 'reflections',
    schema: reflectionRecordSchema,
    keyOf: (row) => row.attemptId,
    // A reflection can be edited: the later edit wins.
    compare: compareByTimestamp((row) => row.updatedAt),
  }),
  backupTable({
    name: 'cpdActivities',
    label: 'other CPD activities',
    schema: cpdActivityRecordSchema,
    keyOf: (row) => row.id,
    compare: compareByTimestamp((row) => row.updatedAt),
  }),
];

/** Tables deliberately left out of backups, and why. */
export const LOCAL_ONLY_TABLES: Readonly<Record<string, string>> = {
  lrsConnection: 'the LRS endpoint and credentials stay on the PC they were typed on',
  xapiOutbox: 'statements waiting for this PC\u2019s LRS are delivery state, not training records',
  attemptSummaries: 'each attempt\u2019s progress digest is derived from the attempt and rebuilt on this PC whenever it is missing',
  scenarioDrafts: 'a trainer\u2019s drafts carry their audio as bytes, which a JSON backup does not hold: drafts stay on the PC, and finished scenarios travel as packs',
  authoredScenarios: 'authored scenarios are shared as packs (Studio, Export a pack), which carry their audio and pass the same checks on import',
  authoredMedia: 'clip audio travels in packs with its scenario, not in the JSON backup',
  callsInProgress: 'an unfinished call is resumed or discarded on the PC it was taken on; only finished attempts are training records',
  reportTexts: 'the expert\u2019s texts that stored attempts refer to are derived from the attempts: a backup carries each attempt as a plain record with its texts in place, and an import lists them again',
};
