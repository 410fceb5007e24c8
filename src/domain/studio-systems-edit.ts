import type { AnswerKey, KeyMoment, RequiredCheck, RequiredRegrade } from './answer-key-schema';
import {
  systemsDatabases,
  type CallUpdate,
  type SystemsDatabase,
  type SystemsRecord,
  type SystemsRecords,
  type SystemsResult,
  type SystemsSubject,
} from './scenario-schema';

/**
 * What the trainer studio adds and removes in the parts of a scenario and its answer key that
 * are lists of their own: the force systems (subjects, results, records), the mid-call updates,
 * the required systems checks and the re-grades. Each function returns a new value and leaves
 * its input alone. New items get the next free id of their kind (`subject-1`, `update-2`...), so
 * the trainer never types an id, and start with their words empty, for the live checks to ask
 * for them at their fields. An optional list left empty is removed, as a hand-written file
 * would leave it out.
 */

/** Seconds a systems check takes when a scenario's systems are first added (a realistic 3 to 8). */
export const DEFAULT_SYSTEMS_DELAY_SECONDS = 5;

/** How long after its cue a new re-grade allows the grade to change, in seconds. */
export const DEFAULT_REGRADE_WITHIN_SECONDS = 60;

/** The first `prefix-N` (N from 1) not among `ids`. */
export function nextFreeId(prefix: string, ids: readonly string[]): string {
  for (let n = 1; ; n += 1) if (!ids.includes(`${prefix}-${n}`)) return `${prefix}-${n}`;
}

/** The kind of record a search of each database usually finds: what a new record starts as. */
export const usualRecordKind: Record<SystemsDatabase, SystemsRecord['kind']> = {
  'incident-history': 'previous-incident',
  'warning-markers': 'warning-marker',
  'orders-and-bail': 'court-order',
  'missing-person-history': 'missing-episode',
  'vehicle-records': 'vehicle-keeper',
};

/** An empty record of the kind `database` usually holds; its summary (and a marker's marker) still to write. */
export function emptySystemsRecord(database: SystemsDatabase): SystemsRecord {
  return { kind: usualRecordKind[database], summary: '' };
}

/** A new subject (a phone number, its label to write) with the next free id. */
export function emptySystemsSubject(subjects: readonly SystemsSubject[]): SystemsSubject {
  return { id: nextFreeId('subject', subjects.map((s) => s.id)), kind: 'phone-number', label: '' };
}

/** The scenario's systems with one more subject; a scenario without systems gets them, with the default delay. */
export function withSubjectAdded(systems: SystemsRecords | undefined): SystemsRecords {
  if (!systems) return { defaultDelaySeconds: DEFAULT_SYSTEMS_DELAY_SECONDS, subjects: [emptySystemsSubject([])], results: [] };
  return { ...systems, subjects: [...systems.subjects, emptySystemsSubject(systems.subjects)] };
}

/**
 * The systems without the subject at `index` and without the results for it. Removing the last
 * subject removes the systems (undefined): systems need at least one subject to search.
 */
export function withSubjectRemoved(systems: SystemsRecords, index: number): SystemsRecords | undefined {
  const removed = systems.subjects[index];
  const subjects = systems.subjects.filter((_, i) => i !== index);
  if (subjects.length === 0) return undefined;
  // Another subject with the same id (a duplicate the checks name) keeps the results.
  const stillNamed = subjects.some((s) => s.id === removed?.id);
  return { ...systems, subjects, results: stillNamed ? systems.results : systems.results.filter((r) => r.subject !== removed?.id) };
}

/**
 * A new result holding one empty record: for the first subject and database that have no result
 * yet (a search of any other pair returns "no trace"), or the first pair when every one has.
 */
export function emptySystemsResult(systems: SystemsRecords): SystemsResult {
  const taken = new Set(systems.results.map((r) => `${r.database}:${r.subject}`));
  const pairs = systems.subjects.flatMap((s) => systemsDatabases.map((database) => ({ subject: s.id, database })));
  const pair = pairs.find((p) => !taken.has(`${p.database}:${p.subject}`)) ?? pairs[0] ?? { subject: '', database: systemsDatabases[0] };
  return { subject: pair.subject, database: pair.database, records: [emptySystemsRecord(pair.database)] };
}

export function withResultAdded(systems: SystemsRecords): SystemsRecords {
  return { ...systems, results: [...systems.results, emptySystemsResult(systems)] };
}

export function withResultRemoved(systems: SystemsRecords, index: number): SystemsRecords {
  return { ...systems, results: systems.results.filter((_, i) => i !== index) };
}

/** The result at `index` with one more empty record of its database's usual kind. */
export function withRecordAdded(systems: SystemsRecords, index: number): SystemsRecords {
  return {
    ...systems,
    results: systems.results.map((r, i) => (i === index ? { ...r, records: [...r.records, emptySystemsRecord(r.database)] } : r)),
  };
}

/**
 * The result at `resultIndex` without its record at `recordIndex`. A result left with no record
 * is removed: a search with nothing to find returns "no trace" without one.
 */
export function withRecordRemoved(systems: SystemsRecords, resultIndex: number, recordIndex: number): SystemsRecords {
  const result = systems.results[resultIndex];
  if (!result) return systems;
  const records = result.records.filter((_, j) => j !== recordIndex);
  if (records.length === 0) return withResultRemoved(systems, resultIndex);
  return { ...systems, results: systems.results.map((r, i) => (i === resultIndex ? { ...r, records } : r)) };
}

/** A record changed to `kind`: a marker stays only on a warning-marker record, which needs one. */
export function withRecordKind(record: SystemsRecord, kind: SystemsRecord['kind']): SystemsRecord {
  const { marker, ...rest } = record;
  return kind === 'warning-marker' && marker ? { ...rest, kind, marker } : { ...rest, kind };
}

/**
 * A new mid-call update: an officer's update after the first clip (or 30 s into the call when
 * there is no clip), who it is from and what it says still to write.
 */
export function emptyCallUpdate(updates: readonly CallUpdate[], firstClipId: string | undefined): CallUpdate {
  return {
    id: nextFreeId('update', updates.map((u) => u.id)),
    kind: 'officer-update',
    from: '',
    text: '',
    at: firstClipId ? { afterClip: firstClipId } : { atSeconds: 30 },
  };
}

/** A list without its item at `index`; undefined once it is empty (the optional field is left out). */
export function withoutItem<T>(list: readonly T[], index: number): T[] | undefined {
  const rest = list.filter((_, i) => i !== index);
  return rest.length > 0 ? rest : undefined;
}

/**
 * A new required check: the first result's database and subject (else the first subject's
 * incident history), due any time before the call ends, a major deviation when missed; its
 * reason still to write.
 */
export function emptyRequiredCheck(key: AnswerKey, systems: SystemsRecords | undefined): RequiredCheck {
  const result = systems?.results[0];
  return {
    id: nextFreeId('check', (key.requiredChecks ?? []).map((c) => c.id)),
    database: result?.database ?? 'incident-history',
    subject: result?.subject ?? systems?.subjects[0]?.id ?? '',
    reason: '',
    severity: 'major',
  };
}

/**
 * A new re-grade after `after`: to the key's expected grade, within
 * {@link DEFAULT_REGRADE_WITHIN_SECONDS}, a major deviation when the grade never gets there; its
 * reason still to write.
 */
export function emptyRegrade(key: AnswerKey, after: KeyMoment): RequiredRegrade {
  return {
    id: nextFreeId('regrade', (key.regrades ?? []).map((r) => r.id)),
    after,
    expected: key.grade.expected,
    acceptable: [],
    withinSeconds: DEFAULT_REGRADE_WITHIN_SECONDS,
    reason: '',
    severity: 'major',
  };
}

/**
 * The accepted alternatives once the expected value is `expected`: the same list without it (an
 * expected value is never also an alternative).
 */
export function acceptableBeside(acceptable: readonly string[], expected: string): string[] {
  return acceptable.filter((value) => value !== expected);
}
