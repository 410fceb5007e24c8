import type { z } from 'zod';
import { jsonPath, plainWords } from '../domain/problem';
import { StoreError } from './store-error';

/** A stored row read back as a record: the record, or the schema error (or one like it) saying why not. */
export type RecordParse<Row> = { readonly success: true; readonly data: Row } | { readonly success: false; readonly error: z.ZodError };

/** One reason a record does not fit its schema: where (`$.report.percent`) and why. */
export interface RecordIssue {
  readonly path: string;
  readonly message: string;
}

/**
 * A stored record that failed its schema when read back. Repositories report these next to the
 * readable records instead of dropping them, so the UI can say "1 attempt could not be read".
 */
export interface UnreadableRecord {
  /** The record's primary key, as text. */
  readonly id: string;
  /** Plain English, naming the record and every field at fault. */
  readonly reason: string;
  readonly issues: readonly RecordIssue[];
}

/** Located issues from a schema error, in the JSON-path form the rest of call-trainer uses. */
export function issuesFromSchemaError(error: z.ZodError): RecordIssue[] {
  return error.issues.map((issue) => ({ path: jsonPath(issue.path), message: plainWords(issue) }));
}

function listIssues(issues: readonly RecordIssue[]): string {
  return issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ');
}

/**
 * Describes a stored record that failed its schema.
 *
 * @param what the kind of record, e.g. `"attempt"`.
 * @param id the record's primary key (anything IndexedDB allows; shown as text).
 */
export function unreadableRecord(what: string, id: unknown, error: z.ZodError): UnreadableRecord {
  const issues = issuesFromSchemaError(error);
  const key = typeof id === 'string' ? id : JSON.stringify(id) ?? String(id);
  return { id: key, issues, reason: `Saved ${what} ${key} could not be read: ${listIssues(issues)}` };
}

/**
 * The error a repository throws when asked to write a record that fails its schema.
 *
 * @param failed what did not happen, e.g. `"this attempt was not saved"`.
 * @param what the kind of record, e.g. `"attempt record"`.
 */
export function invalidRecordError(failed: string, what: string, error: z.ZodError): StoreError {
  const issues = issuesFromSchemaError(error);
  return StoreError.because('invalid-record', failed, `it is not a valid ${what}. ${listIssues(issues)}`, {
    cause: error,
  });
}
