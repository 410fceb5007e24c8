import { z } from 'zod';
import { canonicalJson } from '../domain/canonical-json';
import { jsonPath, plainWords, type Problem } from '../domain/problem';
import { BACKUP_TABLES, type AnyBackupTable } from './backup-tables';
import { isoTimestampSchema } from './timestamp-schema';

/**
 * The backup file: one JSON document holding every backed-up table (see `backup-tables.ts`),
 * versioned and checksummed. Its published shape is documented in `src/store/README.md`.
 *
 * ```json
 * { "format": "call-trainer-backup", "formatVersion": 1, "exportedAt": "…", "appVersion": "0.1.0",
 *   "checksum": { "algorithm": "SHA-256", "value": "<64 hex digits>" },
 *   "tables": { "profiles": [ … ], "attempts": [ … ], "settings": [ … ] } }
 * ```
 *
 * The checksum is SHA-256 over the canonical JSON (keys sorted, no spaces) of `tables`: a file
 * edited by hand no longer matches and is refused as changed since export. It detects edits and
 * damage, not forgery (anyone can recompute it), which is why every row also passes its record
 * schema and consistency checks.
 */
export const BACKUP_FORMAT = 'call-trainer-backup';
export const BACKUP_FORMAT_VERSION = 1;
/** Larger files are refused before they are read. */
export const BACKUP_MAX_BYTES = 50 * 1024 * 1024;
/** At most this many problems are listed; the rest are counted. */
export const BACKUP_MAX_PROBLEMS = 50;

export const backupChecksumSchema = z.strictObject({
  algorithm: z.literal('SHA-256'),
  value: z.string().regex(/^[0-9a-f]{64}$/, 'expected 64 lower-case hex digits'),
});

/** The envelope; rows are checked one by one against their table's record schema afterwards. */
export const backupEnvelopeSchema = z.strictObject({
  format: z.literal(BACKUP_FORMAT, { error: `this is not a call-trainer backup (expected "format": "${BACKUP_FORMAT}")` }),
  formatVersion: z.literal(BACKUP_FORMAT_VERSION),
  exportedAt: isoTimestampSchema,
  appVersion: z.string().min(1).max(50),
  checksum: backupChecksumSchema,
  tables: z.record(z.string(), z.array(z.unknown())),
});

export type BackupFile = z.infer<typeof backupEnvelopeSchema>;

/** A backup whose rows have all passed their schemas: table name → typed rows. */
export type BackupContent = ReadonlyMap<AnyBackupTable, readonly unknown[]>;

/** SHA-256 of the canonical JSON of `tables`, as lower-case hex (Web Crypto: browser and Node). */
export async function backupChecksum(tables: unknown): Promise<string> {
  const bytes = new TextEncoder().encode(canonicalJson(tables));
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** Why a backup file was refused: every problem found, each with file, JSON path and reason. */
export class BackupRefusedError extends Error {
  override readonly name = 'BackupRefusedError';
  constructor(
    readonly file: string,
    readonly problems: readonly Problem[],
    /** Problems found beyond {@link BACKUP_MAX_PROBLEMS}, not listed. */
    readonly more: number,
  ) {
    super(
      `${file} was not imported and nothing was changed: ${problems[0]?.path ?? '$'}: ${problems[0]?.message ?? 'unknown problem'}` +
        (problems.length + more > 1 ? ` (and ${problems.length + more - 1} more problem(s))` : ''),
    );
  }
}

class ProblemList {
  readonly listed: Problem[] = [];
  more = 0;
  constructor(readonly file: string) {}
  add(path: string, message: string): void {
    if (this.listed.length < BACKUP_MAX_PROBLEMS) this.listed.push({ file: this.file, path, message });
    else this.more += 1;
  }
  get count(): number {
    return this.listed.length + this.more;
  }
  refuse(): BackupRefusedError {
    return new BackupRefusedError(this.file, this.listed, this.more);
  }
}

/** Turns V8's "… in JSON at position 123 …" into a line and column a person can find. */
function describeJsonError(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const match = /position (\d+)/.exec(message);
  if (!match) return `the file is not valid JSON (${message})`;
  const position = Number(match[1]);
  const before = text.slice(0, position);
  const line = before.split('\n').length;
  const column = position - before.lastIndexOf('\n');
  return `the file is not valid JSON: ${message.replace(/\s*\(line \d+ column \d+\)/, '')} (line ${line}, column ${column})`;
}

/**
 * Reads and checks a whole backup file without touching the database: size, JSON, format and
 * version, checksum, then every row against its table's record schema and checks.
 *
 * @param file the file's name (named in every problem), its size in bytes and a way to read it.
 * @returns the validated rows per registered table (tables missing from the file are empty).
 * @throws BackupRefusedError listing every problem (capped at {@link BACKUP_MAX_PROBLEMS}).
 */
export async function readBackupFile(
  file: { readonly name: string; readonly size: number; text(): Promise<string> },
  tables: readonly AnyBackupTable[] = BACKUP_TABLES,
): Promise<{ content: BackupContent; envelope: BackupFile }> {
  const problems = new ProblemList(file.name);
  if (file.size > BACKUP_MAX_BYTES) {
    problems.add('$', `the file is ${(file.size / 1024 / 1024).toFixed(1)} MB, more than the ${BACKUP_MAX_BYTES / 1024 / 1024} MB a backup may be`);
    throw problems.refuse();
  }
  const text = await file.text();
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (error) {
    problems.add('$', describeJsonError(text, error));
    throw problems.refuse();
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    problems.add('$', 'expected a JSON object holding a call-trainer backup');
    throw problems.refuse();
  }
  const document = input as Record<string, unknown>;
  if (document.format !== BACKUP_FORMAT) {
    problems.add('$.format', `this is not a call-trainer backup (expected "format": "${BACKUP_FORMAT}")`);
    throw problems.refuse();
  }
  const version = document.formatVersion;
  if (typeof version === 'number' && Number.isInteger(version) && version > BACKUP_FORMAT_VERSION) {
    problems.add(
      '$.formatVersion',
      `this backup uses format version ${version}, newer than this version of call-trainer understands (${BACKUP_FORMAT_VERSION}); update call-trainer to import it`,
    );
    throw problems.refuse();
  }
  const envelope = backupEnvelopeSchema.safeParse(document);
  if (!envelope.success) {
    for (const issue of envelope.error.issues) problems.add(jsonPath(issue.path), plainWords(issue));
    throw problems.refuse();
  }
  const backup = envelope.data;

  const checksum = await backupChecksum(backup.tables);
  if (checksum !== backup.checksum.value) {
    problems.add(
      '$.checksum',
      'the file was changed after it was exported: its SHA-256 checksum does not match its content (a hand-edited or damaged backup is never imported)',
    );
  }

  const known = new Set(tables.map((t) => t.name));
  for (const name of Object.keys(backup.tables)) {
    if (!known.has(name)) {
      problems.add(jsonPath(['tables', name]), `this version of call-trainer does not know a "${name}" table; update call-trainer to import this backup`);
    }
  }

  const content = new Map<AnyBackupTable, unknown[]>();
  for (const table of tables) {
    const rows: unknown[] = [];
    const keys = new Set<string>();
    for (const [index, raw] of (backup.tables[table.name] ?? []).entries()) {
      const at = ['tables', table.name, index];
      const parsed = table.schema.safeParse(raw);
      if (!parsed.success) {
        for (const issue of parsed.error.issues) problems.add(jsonPath([...at, ...issue.path]), plainWords(issue));
        continue;
      }
      for (const issue of table.check?.(parsed.data) ?? []) problems.add(jsonPath([...at, ...issue.path]), issue.message);
      const key = table.keyOf(parsed.data);
      if (keys.has(key)) problems.add(jsonPath(at), `the ${table.label} table lists "${key}" twice`);
      keys.add(key);
      rows.push(parsed.data);
    }
    content.set(table, rows);
  }
  if (problems.count > 0) throw problems.refuse();
  return { content, envelope: backup };
}
