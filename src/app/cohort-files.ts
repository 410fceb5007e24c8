import type { AttemptRecord } from '../store/attempt-record';
import { BackupRefusedError, readBackupFile } from '../store/backup-schema';
import type { ProfileRecord } from '../store/profile-record';
import type { CohortFileOutcome } from '../ui/app-services';

/**
 * The cohort view's file reading: each trainee's backup is checked by the backup format's own
 * reader (`readBackupFile`: size, JSON, format and version, checksum, every row against its
 * record schema) and only its profiles and attempts are handed to the screen. Nothing is written
 * to the database: the trainer's PC keeps no other trainee's record. Loaded with `import()` when
 * the cohort screen first reads files.
 */
export async function readCohortFiles(files: readonly File[]): Promise<CohortFileOutcome[]> {
  const outcomes: CohortFileOutcome[] = [];
  // One at a time: a cohort of 50 MB files read together would hold them all in memory at once.
  for (const file of files) outcomes.push(await readCohortFile(file));
  return outcomes;
}

async function readCohortFile(file: File): Promise<CohortFileOutcome> {
  try {
    const { content } = await readBackupFile(file);
    const rowsOf = (name: string) => [...content].find(([table]) => table.name === name)?.[1] ?? [];
    const profiles = (rowsOf('profiles') as ProfileRecord[]).map((p) => ({ id: p.id, name: p.name }));
    return { kind: 'read', file: file.name, profiles, attempts: rowsOf('attempts') as AttemptRecord[] };
  } catch (error) {
    if (error instanceof BackupRefusedError) return { kind: 'refused', file: error.file, problems: error.problems, more: error.more };
    return { kind: 'failed', file: file.name, message: error instanceof Error ? error.message : String(error) };
  }
}
