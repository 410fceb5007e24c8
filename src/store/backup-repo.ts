import type { Table } from 'dexie';
import type { Problem } from '../domain/problem';
import {
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  BackupRefusedError,
  backupChecksum,
  readBackupFile,
  type BackupFile,
} from './backup-schema';
import { BACKUP_TABLES, type AnyBackupTable } from './backup-tables';
import type { CallTrainerDb, StoredRow } from './call-trainer-db';
import { ACTIVE_PROFILE_SETTING } from './profiles-repo';
import { unreadableRecord, type UnreadableRecord } from './record-issues';
import { loadReportTextBook, saveAppendedReportTexts, type ReportTextBook } from './report-text-book';
import { toStoreError, withStoreErrors } from './store-error';

/** Like `withStoreErrors`, but a refusal found inside the transaction reaches the caller as it is. */
async function rethrowRefusal<T>(failed: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof BackupRefusedError) throw error;
    throw toStoreError(error, failed);
  }
}

/** What an export produced: the file to download and what went into it. */
export interface BackupExport {
  /** `call-trainer-backup-YYYY-MM-DD.json` (the export's UTC date). */
  readonly fileName: string;
  readonly json: string;
  /** Rows per table label, e.g. `{ profiles: 1, attempts: 3, settings: 1 }`. */
  readonly counts: Readonly<Record<string, number>>;
  /** Stored rows that failed their schema and were left out of the file (the file stays importable). */
  readonly leftOut: readonly UnreadableRecord[];
}

/** Per table, what an import did with each row of the file. */
export interface TableImportCounts {
  readonly table: string;
  readonly label: string;
  /** New here: written. */
  readonly added: number;
  /** Older here: the backup's newer copy replaced it. */
  readonly updated: number;
  /** Identical here: nothing to do. */
  readonly unchanged: number;
  /** Newer here (or a setting of this PC): this PC's copy kept. */
  readonly keptNewerLocal: number;
  /** Different here and neither newer (e.g. an attempt edited somewhere): this PC's copy kept, the row refused. */
  readonly refused: number;
}

export interface BackupImportReport {
  readonly file: string;
  readonly exportedAt: string;
  readonly tables: readonly TableImportCounts[];
  /** Each refused row: which, and why. */
  readonly refusedRows: readonly Problem[];
  /**
   * The profile that was open when the backup was made, when it is not the one open here: the
   * screen offers to open it (switching is explicit).
   */
  readonly backupActiveProfile?: { readonly id: string; readonly name: string };
}

export interface BackupRepo {
  /** Reads every backed-up table in one read transaction and builds the checksummed file. */
  exportBackup(options: { appVersion: string; now: Date }): Promise<BackupExport>;
  /**
   * Validates the whole file first ({@link readBackupFile}); then, in ONE read-write transaction
   * over every backed-up table, compares each row with the stored row of the same key and writes
   * only new rows and newer copies. Rejects with `BackupRefusedError` (nothing written) when the
   * file or any row is refused, or when an attempt names a profile that is in neither the file
   * nor this PC; with `StoreError` when the browser's storage fails (the transaction is rolled back).
   */
  importBackup(file: { readonly name: string; readonly size: number; text(): Promise<string> }): Promise<BackupImportReport>;
  /**
   * Deletes every row of every table in one transaction: LRS connection, outbox and the expert
   * texts attempts refer to (`reportTexts`) included.
   */
  deleteAllData(): Promise<void>;
}

function tableOf(db: CallTrainerDb, table: AnyBackupTable): Table<StoredRow, string> {
  return db.table(table.name) as Table<StoredRow, string>;
}

/** `YYYY-MM-DD` of a moment, in UTC. */
export function backupFileName(at: Date): string {
  return `call-trainer-backup-${at.toISOString().slice(0, 10)}.json`;
}

/** A stored row read back as the table's record (unpacked where the table stores another shape). */
function readStored(table: AnyBackupTable, row: StoredRow, book: ReportTextBook) {
  return table.parseStored ? table.parseStored(row, book) : table.schema.safeParse(row);
}

/** Creates the backup repository over an open (or lazily opening) database. */
export function createBackupRepo(db: CallTrainerDb, tables: readonly AnyBackupTable[] = BACKUP_TABLES): BackupRepo {
  // The registered tables, and the expert texts that stored attempts refer to (never in a file
  // themselves: read to unpack attempts, appended to when an import packs them).
  const dexieTables = () => [...tables.map((table) => tableOf(db, table)), db.reportTexts];

  return {
    exportBackup({ appVersion, now }) {
      return withStoreErrors('the backup was not made', async () => {
        const contents: Record<string, unknown[]> = {};
        const counts: Record<string, number> = {};
        const leftOut: UnreadableRecord[] = [];
        await db.transaction('r', dexieTables(), async () => {
          const book = await loadReportTextBook(db);
          for (const table of tables) {
            const rows: { key: string; row: unknown }[] = [];
            for (const stored of await tableOf(db, table).toArray()) {
              const parsed = readStored(table, stored, book);
              if (parsed.success) rows.push({ key: table.keyOf(parsed.data), row: parsed.data });
              else leftOut.push(unreadableRecord(table.label.replace(/s$/, ''), stored.id ?? stored.key, parsed.error));
            }
            rows.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
            contents[table.name] = rows.map((r) => r.row);
            counts[table.label] = rows.length;
          }
        });
        const file: BackupFile = {
          format: BACKUP_FORMAT,
          formatVersion: BACKUP_FORMAT_VERSION,
          exportedAt: now.toISOString(),
          appVersion,
          checksum: { algorithm: 'SHA-256', value: await backupChecksum(contents) },
          tables: contents,
        };
        return { fileName: backupFileName(now), json: `${JSON.stringify(file, null, 2)}\n`, counts, leftOut };
      });
    },

    async importBackup(file) {
      const { content, envelope } = await readBackupFile(file, tables);
      const failed = 'the backup was not imported';
      return rethrowRefusal(failed, () =>
        db.transaction('rw', dexieTables(), async () => {
          const book = await loadReportTextBook(db);
          const refusedRows: Problem[] = [];
          const plans: { table: AnyBackupTable; writes: unknown[]; counts: TableImportCounts }[] = [];
          for (const table of tables) {
            const rows = content.get(table) ?? [];
            const stored = await tableOf(db, table).bulkGet(rows.map((row) => table.keyOf(row)));
            const counts = { table: table.name, label: table.label, added: 0, updated: 0, unchanged: 0, keptNewerLocal: 0, refused: 0 };
            const writes: unknown[] = [];
            rows.forEach((row, index) => {
              const existing = stored[index];
              if (existing === undefined) {
                counts.added += 1;
                writes.push(row);
                return;
              }
              const storedParsed = readStored(table, existing, book);
              // A stored row this version cannot read is never overwritten: it may hold newer data.
              const verdict = storedParsed.success ? table.compare(row, storedParsed.data) : 'stored-newer';
              if (verdict === 'same') counts.unchanged += 1;
              else if (verdict === 'incoming-newer') {
                counts.updated += 1;
                writes.push(row);
              } else if (verdict === 'stored-newer') counts.keptNewerLocal += 1;
              else {
                counts.refused += 1;
                refusedRows.push({
                  file: file.name,
                  path: `$.tables.${table.name}[${index}]`,
                  message: `${table.label.replace(/s$/, '')} ${table.keyOf(row)} differs from the copy on this PC and neither is newer; this PC's copy was kept`,
                });
              }
            });
            plans.push({ table, writes, counts });
          }

          // Every attempt must belong to a profile that exists once the import is done.
          const profiles = plans.find((p) => p.table.name === 'profiles');
          const attempts = plans.find((p) => p.table.name === 'attempts');
          if (profiles && attempts) {
            const fileProfiles = new Set((content.get(profiles.table) ?? []).map((row) => profiles.table.keyOf(row)));
            const problems: Problem[] = [];
            for (const [index, row] of (content.get(attempts.table) ?? []).entries()) {
              const profileId = (row as { profileId: string }).profileId;
              if (!fileProfiles.has(profileId) && (await tableOf(db, profiles.table).get(profileId)) === undefined) {
                problems.push({ file: file.name, path: `$.tables.attempts[${index}].profileId`, message: `no profile ${profileId} in the backup or on this PC` });
              }
            }
            if (problems.length > 0) throw new BackupRefusedError(file.name, problems.slice(0, 50), Math.max(0, problems.length - 50));
          }

          for (const plan of plans) if (plan.writes.length > 0) await tableOf(db, plan.table).bulkPut(plan.writes.map((row) => (plan.table.toStored ? plan.table.toStored(row, book) : (row as StoredRow))));
          await saveAppendedReportTexts(db, book);

          const report: BackupImportReport = {
            file: file.name,
            exportedAt: envelope.exportedAt,
            tables: plans.map((p) => p.counts),
            refusedRows,
          };
          const backupActive = envelope.tables.settings?.find(
            (row): row is { key: string; value: string } => typeof row === 'object' && row !== null && (row as { key?: unknown }).key === ACTIVE_PROFILE_SETTING,
          )?.value;
          const localActive = (await db.table('settings').get(ACTIVE_PROFILE_SETTING))?.value;
          const profile = typeof backupActive === 'string' && backupActive !== localActive ? await db.table('profiles').get(backupActive) : undefined;
          return profile ? { ...report, backupActiveProfile: { id: String(profile.id), name: String(profile.name) } } : report;
        }),
      );
    },

    deleteAllData() {
      return withStoreErrors('your data was not deleted', () =>
        db.transaction('rw', db.tables, async () => {
          for (const table of db.tables) await table.clear();
        }),
      );
    },
  };
}
