import { deflateSync, inflateSync, strFromU8, strToU8 } from 'fflate';
import { z } from 'zod';
import { attemptRecordSchema, type AttemptRecord } from './attempt-record';
import type { StoredRow } from './call-trainer-db';
import type { RecordParse } from './record-issues';
import type { ReportTextBook } from './report-text-book';

/**
 * How an attempt sits in IndexedDB. The fields lists and indexes need (id, profile, scenario,
 * times, mode) stay in the clear; the response and the score report, which are most of the
 * record, are kept as one deflated UTF-8 JSON body.
 *
 * A v2 report copies the expert's texts (reasons, rationales, key questions, cue quotes) so the
 * debrief still says what the trainee was told after the key changes. They are the same in every
 * attempt of a scenario, so the body (`deflate-json-2`) holds each as its index in the scenario's
 * append-only list (`report-text-book.ts`, table `reportTexts`); reading puts the texts back, so
 * the record read is exactly the record saved. A dv-whispered attempt takes about 30 kB on disk
 * as a plain record, 9.5 kB packed with its texts inline (`deflate-json-1`, a 7.0 kB row) and
 * 5.9 kB with them in the list (a 3.4 kB row; the list, about 10 kB, is stored once per
 * scenario); see `indexedDbBytesPerAttempt` and `attemptRowBytes` in `npm run bench`.
 *
 * Earlier rows stay readable as they are, so no upgrade rewrites stored attempts: plain records
 * (before packing) and `deflate-json-1` bodies (texts inline; still written when a scenario's
 * stored list is damaged, as it cannot be appended to). Backups always carry the plain record.
 */
export const PACKED_ATTEMPT_BODY = 'deflate-json-2';
/** Packed with the expert's texts inline: written before Dexie version 6, read forever. */
export const PACKED_ATTEMPT_BODY_TEXTS_INLINE = 'deflate-json-1';

/**
 * The report fields that hold the expert's words (from the answer key, the scenario, or a fixed
 * sentence of scoring), never the trainee's: in a `deflate-json-2` body every string under one of
 * these keys, anywhere in the report, is replaced by its index in the scenario's list. A key is in
 * the set everywhere in the report or nowhere, so a number under it is always an index.
 *
 * Left inline, and why: `givenRationale` and `givenLabel` are the trainee's own words; a
 * deviation's `description` is written for each attempt ("The pin is 412 m from the incident.")
 * and would grow the list without bound (so `description` stays inline everywhere, critical misses'
 * and the location's included); `summary` repeats those descriptions; `band.label`, the panel's
 * expert `name` and `role` and its disagreement `reasons` are short or rare.
 */
export const EXPERT_TEXT_KEYS: ReadonlySet<string> = new Set(['expertRationale', 'reason', 'question', 'quote', 'subjectLabel', 'note']);

const packedFields = ['response', 'report'] as const;

/** Deflates the response and report (level 9, small window: bodies are a few kB). */
function deflateBody(body: unknown): Uint8Array {
  return deflateSync(strToU8(JSON.stringify(body)), { level: 9, mem: 8 });
}

/** A copy of `value` with every string under an expert-text key replaced by `indexOf(text)`. */
function externalise(value: unknown, indexOf: (text: string) => number): unknown {
  if (Array.isArray(value)) return value.map((item) => externalise(item, indexOf));
  if (typeof value !== 'object' || value === null) return value;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const field = (value as Record<string, unknown>)[key];
    copy[key] = typeof field === 'string' && EXPERT_TEXT_KEYS.has(key) ? indexOf(field) : externalise(field, indexOf);
  }
  return copy;
}

/**
 * The row to store for a (validated) attempt record. The report's expert texts go into `book`
 * (appending those it has not seen for the scenario); the caller writes the book's appended lists
 * in the same transaction as the row. When the scenario's stored list is damaged, the row keeps
 * its texts inline (`deflate-json-1`) rather than rewrite the list.
 */
export function packAttemptRow(record: AttemptRecord, book: ReportTextBook): StoredRow {
  const { response, report, ...clear } = record;
  if (book.listOf(record.scenarioId).kind === 'damaged') {
    return { ...clear, bodyEncoding: PACKED_ATTEMPT_BODY_TEXTS_INLINE, body: deflateBody({ response, report }) };
  }
  const indexOf = (text: string) => book.indexOf(record.scenarioId, text)!;
  return { ...clear, bodyEncoding: PACKED_ATTEMPT_BODY, body: deflateBody({ response, report: externalise(report, indexOf) }) };
}

/** A stored body that could not be unpacked, with the reason in plain words. */
export interface UnpackProblem {
  readonly path: readonly PropertyKey[];
  readonly message: string;
}

type Unpacked = { ok: true; record: unknown } | { ok: false; problems: readonly UnpackProblem[] };

/** At most this many out-of-range indexes are reported for one attempt; the first ones say enough. */
const MAX_TEXT_PROBLEMS = 10;

/**
 * Puts the scenario's texts back in place of the indexes in a `deflate-json-2` report (the freshly
 * parsed body, changed in place). An index that is not a whole number within the list, or any
 * index when the list is missing or damaged, is a located problem.
 */
function restoreTexts(report: unknown, scenarioId: string, book: ReportTextBook): UnpackProblem[] {
  const list = book.listOf(scenarioId);
  const problems: UnpackProblem[] = [];
  const scenario = JSON.stringify(scenarioId);
  // One path stack for the walk, copied only into a problem (reports have hundreds of fields).
  const path: PropertyKey[] = ['report'];
  const done = () => problems.length >= MAX_TEXT_PROBLEMS || (list.kind !== 'list' && problems.length > 0);
  const visit = (value: unknown): void => {
    if (typeof value !== 'object' || value === null || done()) return;
    if (Array.isArray(value)) {
      for (let index = 0; index < value.length; index += 1) {
        path.push(index);
        visit(value[index]);
        path.pop();
      }
      return;
    }
    const fields = value as Record<string, unknown>;
    for (const key of Object.keys(fields)) {
      const field = fields[key];
      path.push(key);
      if (typeof field !== 'number' || !EXPERT_TEXT_KEYS.has(key)) visit(field);
      else if (list.kind === 'missing') {
        problems.push({ path: ['body'], message: `the expert's texts of scenario ${scenario} that this attempt's report refers to are not stored on this device` });
      } else if (list.kind === 'damaged') {
        problems.push({ path: ['body'], message: `the expert's texts of scenario ${scenario} that this attempt's report refers to are damaged (${list.message})` });
      } else if (Number.isInteger(field) && field >= 0 && field < list.texts.length) {
        fields[key] = list.texts[field];
      } else {
        problems.push({ path: [...path], message: `refers to expert text ${field} of scenario ${scenario}, but ${list.texts.length} are stored` });
      }
      path.pop();
      if (done()) return;
    }
  };
  try {
    visit(report);
  } catch (error) {
    // Only a body nested deeper than the call stack gets here.
    return [{ path: ['body'], message: `the packed report could not be read (${error instanceof Error ? error.message : String(error)})` }];
  }
  return problems;
}

/**
 * The record a stored row holds, ready for `attemptRecordSchema`: a packed row is inflated (and
 * its expert texts looked up in `book`, which must be loaded for the row's scenario), a plain
 * (older) row is returned as it is. A body that cannot be inflated or parsed, a missing or damaged
 * list, an index out of range: each is a located problem, never an exception.
 */
export function unpackAttemptRow(row: StoredRow, book: ReportTextBook): Unpacked {
  if (!('body' in row) && !('bodyEncoding' in row)) return { ok: true, record: row };
  const { body, bodyEncoding, ...clear } = row;
  const fail = (path: PropertyKey, message: string): Unpacked => ({ ok: false, problems: [{ path: [path], message }] });
  if (bodyEncoding !== PACKED_ATTEMPT_BODY && bodyEncoding !== PACKED_ATTEMPT_BODY_TEXTS_INLINE) {
    return fail('bodyEncoding', `unknown body encoding ${JSON.stringify(bodyEncoding)}: saved by a newer version of call-trainer?`);
  }
  if (!(body instanceof Uint8Array)) return fail('body', 'the packed response and report are missing');
  let unpacked: unknown;
  try {
    unpacked = JSON.parse(strFromU8(inflateSync(body)));
  } catch (error) {
    return fail('body', `the packed response and report could not be read (${error instanceof Error ? error.message : String(error)})`);
  }
  if (typeof unpacked !== 'object' || unpacked === null) return fail('body', 'the packed body is not an object');
  const record: Record<string, unknown> = { ...clear };
  for (const field of packedFields) record[field] = (unpacked as Record<string, unknown>)[field];
  if (bodyEncoding === PACKED_ATTEMPT_BODY) {
    if (typeof clear.scenarioId !== 'string') return fail('scenarioId', 'a packed attempt needs its scenario id to find its expert texts');
    const problems = restoreTexts(record.report, clear.scenarioId, book);
    if (problems.length > 0) return { ok: false, problems };
  }
  return { ok: true, record };
}

/**
 * A stored row read back as an attempt record: unpacked, then checked against its schema. `book`
 * must be loaded for the row's scenario (in the transaction that read the row).
 */
export function parseStoredAttempt(row: StoredRow, book: ReportTextBook): RecordParse<AttemptRecord> {
  const unpacked = unpackAttemptRow(row, book);
  if (!unpacked.ok) {
    return {
      success: false,
      error: new z.ZodError(unpacked.problems.map(({ path, message }) => ({ code: 'custom' as const, path: [...path], message, input: row[String(path[0])] }))),
    };
  }
  return attemptRecordSchema.safeParse(unpacked.record);
}

/** The scenarios whose lists reading `rows` needs: those of `deflate-json-2` rows. */
export function reportTextScenarios(rows: Iterable<StoredRow | undefined>): Set<string> {
  const ids = new Set<string>();
  for (const row of rows) if (row?.bodyEncoding === PACKED_ATTEMPT_BODY && typeof row.scenarioId === 'string') ids.add(row.scenarioId);
  return ids;
}
