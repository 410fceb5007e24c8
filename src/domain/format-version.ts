import type { z } from 'zod';
import { FormatError, jsonPath, problemsFromSchemaError, type Problem } from './problem';

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

/** Keys that would reach an object's prototype if code ever copied them; no file needs them. */
const FORBIDDEN_KEYS = ['__proto__'];

/**
 * Located problems for every forbidden key (`__proto__`) anywhere in a parsed JSON document.
 * Schemas cannot see such a key reliably (record types drop it), so it is refused up front.
 */
export function forbiddenKeyProblems(file: string, input: unknown): Problem[] {
  const problems: Problem[] = [];
  const visit = (value: unknown, path: PropertyKey[]) => {
    if (Array.isArray(value)) value.forEach((item, index) => visit(item, [...path, index]));
    else if (typeof value === 'object' && value !== null) {
      for (const key of Object.keys(value)) {
        if (FORBIDDEN_KEYS.includes(key)) {
          problems.push({ file, path: jsonPath([...path, key]), message: `the key "${key}" is not allowed in a call-trainer file` });
        } else {
          visit((value as Record<string, unknown>)[key], [...path, key]);
        }
      }
    }
  };
  visit(input, []);
  return problems;
}

/**
 * Reads an untrusted file of a versioned format: refuses a newer version, migrates an older one,
 * then validates it against the current schema. Throws FormatError naming the file, every field
 * at fault and why.
 */
export function parseVersionedFile<T>(format: VersionedFormat, schema: z.ZodType<T>, input: unknown, file: string): T {
  const forbidden = forbiddenKeyProblems(file, input);
  if (forbidden.length > 0) throw new FormatError(forbidden);
  const result = schema.safeParse(upgradeToCurrent(format, file, input));
  if (!result.success) throw new FormatError(problemsFromSchemaError(file, result.error));
  return result.data;
}
