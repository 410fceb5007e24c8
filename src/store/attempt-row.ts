import { deflateSync, inflateSync, strFromU8, strToU8 } from 'fflate';
import { z } from 'zod';
import { attemptRecordSchema, type AttemptRecord } from './attempt-record';
import type { StoredRow } from './call-trainer-db';
import type { RecordParse } from './record-issues';

/**
 * How an attempt sits in IndexedDB. The fields lists and indexes need (id, profile, scenario,
 * times, mode) stay in the clear; the response and the score report, which are most of the
 * record (a v2 report copies the expert's reasons so the debrief still says what the trainee was
 * told after the key changes), are kept as one deflated UTF-8 JSON body. A dv-whispered attempt
 * drops from about 30 kB on disk to under 8 kB; see `indexedDbBytesPerAttempt` in `npm run bench`.
 *
 * Rows written before packing (plain records) are read as they are: both shapes stay readable, so
 * no upgrade has to rewrite every stored attempt. Backups always carry the plain record.
 */
export const PACKED_ATTEMPT_BODY = 'deflate-json-1';

const packedFields = ['response', 'report'] as const;

/** The row to store for a (validated) attempt record. */
export function packAttemptRow(record: AttemptRecord): StoredRow {
  const { response, report, ...clear } = record;
  return { ...clear, bodyEncoding: PACKED_ATTEMPT_BODY, body: deflateSync(strToU8(JSON.stringify({ response, report })), { level: 9, mem: 8 }) };
}

/** A stored body that could not be unpacked, with the reason in plain words. */
export interface UnpackProblem {
  readonly path: readonly PropertyKey[];
  readonly message: string;
}

/**
 * The record a stored row holds, ready for `attemptRecordSchema`: a packed row is inflated, a
 * plain (older) row is returned as it is. A body that cannot be inflated or parsed is a located
 * problem, never an exception.
 */
export function unpackAttemptRow(row: StoredRow): { ok: true; record: unknown } | { ok: false; problem: UnpackProblem } {
  if (!('body' in row) && !('bodyEncoding' in row)) return { ok: true, record: row };
  const { body, bodyEncoding, ...clear } = row;
  if (bodyEncoding !== PACKED_ATTEMPT_BODY) {
    return { ok: false, problem: { path: ['bodyEncoding'], message: `unknown body encoding ${JSON.stringify(bodyEncoding)}: saved by a newer version of call-trainer?` } };
  }
  if (!(body instanceof Uint8Array)) return { ok: false, problem: { path: ['body'], message: 'the packed response and report are missing' } };
  let unpacked: unknown;
  try {
    unpacked = JSON.parse(strFromU8(inflateSync(body)));
  } catch (error) {
    return { ok: false, problem: { path: ['body'], message: `the packed response and report could not be read (${error instanceof Error ? error.message : String(error)})` } };
  }
  if (typeof unpacked !== 'object' || unpacked === null) return { ok: false, problem: { path: ['body'], message: 'the packed body is not an object' } };
  const record: Record<string, unknown> = { ...clear };
  for (const field of packedFields) record[field] = (unpacked as Record<string, unknown>)[field];
  return { ok: true, record };
}

/** A stored row read back as an attempt record: unpacked, then checked against its schema. */
export function parseStoredAttempt(row: StoredRow): RecordParse<AttemptRecord> {
  const unpacked = unpackAttemptRow(row);
  if (!unpacked.ok) {
    const { path, message } = unpacked.problem;
    return { success: false, error: new z.ZodError([{ code: 'custom', path: [...path], message, input: row[String(path[0])] }]) };
  }
  return attemptRecordSchema.safeParse(unpacked.record);
}
