import type { z } from 'zod';
import { FormatError, problemsFromSchemaError } from './problem';

/**
 * Every file call-trainer reads carries `formatVersion`. Migrations are append-only: the step at
 * index n turns a version n+1 document into version n+2. A file newer than the code knows is
 * refused, never guessed at.
 */
export type MigrationStep = (document: Record<string, unknown>) => Record<string, unknown>;

export interface VersionedFormat {
  /** What the file is, in a trainer's words: "scenario", "answer key", "force policy". */
  readonly name: string;
  readonly currentVersion: number;
  /** steps[0] migrates v1 to v2, steps[1] v2 to v3, ... (length = currentVersion - 1). */
  readonly steps: readonly MigrationStep[];
}

/**
 * Reads `formatVersion`, refuses a missing or newer one with a clear message, and migrates an
 * older document up to the current version. Returns the document ready for schema parsing.
 */
export function upgradeToCurrent(
  format: VersionedFormat,
  file: string,
  input: unknown,
): Record<string, unknown> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new FormatError([{ file, path: '$', message: `expected a JSON object holding a ${format.name}` }]);
  }
  const document = input as Record<string, unknown>;
  const version = document.formatVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new FormatError([
      {
        file,
        path: '$.formatVersion',
        message: `missing or invalid formatVersion: a ${format.name} must say which format version it uses (this version of call-trainer writes ${format.currentVersion})`,
      },
    ]);
  }
  if (version > format.currentVersion) {
    throw new FormatError([
      {
        file,
        path: '$.formatVersion',
        message: `this ${format.name} uses format version ${version}, newer than this version of call-trainer understands (${format.currentVersion}); update call-trainer to open it`,
      },
    ]);
  }
  let migrated = document;
  for (let from = version; from < format.currentVersion; from += 1) {
    const step = format.steps[from - 1];
    if (!step) throw new Error(`${format.name}: no migration from format version ${from}`);
    migrated = { ...step(migrated), formatVersion: from + 1 };
  }
  return migrated;
}

/**
 * Reads an untrusted file of a versioned format: refuses a newer version, migrates an older one,
 * then validates it against the current schema. Throws FormatError naming the file, every field
 * at fault and why.
 */
export function parseVersionedFile<T>(format: VersionedFormat, schema: z.ZodType<T>, input: unknown, file: string): T {
  const result = schema.safeParse(upgradeToCurrent(format, file, input));
  if (!result.success) throw new FormatError(problemsFromSchemaError(file, result.error));
  return result.data;
}
