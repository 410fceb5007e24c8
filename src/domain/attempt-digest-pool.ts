import type { z } from 'zod';
import { attemptDigestSchema, type AttemptDigest } from './attempt-evidence';

/**
 * One shared copy of what many attempt digests have in common, checked once.
 *
 * A trainee's 10,000 digests repeat themselves: the same few scenarios, titles, grades, THRIVE+
 * verdicts and safeguarding lists, but IndexedDB hands each row back as its own objects and
 * strings (about 60 strings and 30 objects a digest, some 25 MB for 10,000), and checking each
 * row whole against its schema made some 12 KB of garbage a row. A pool gives back an equal
 * digest whose repeated parts are one frozen object or string shared by every digest that has
 * them; only the attempt's id and times stay its own. Each distinct part, and each distinct value
 * of an attempt's own fields, is checked against its piece of {@link attemptDigestSchema} the
 * first time it is seen, so a row is accepted exactly when the whole schema would accept it (a
 * property test holds the two to that). Shared parts are
 * frozen: a part shared by thousands of attempts must never be changed through one of them.
 *
 * One pool serves one read of a profile's digests; it keeps everything it has seen until dropped.
 */
export interface AttemptDigestPool {
  /**
   * The row as a digest sharing the parts earlier rows in this pool had, or undefined when the
   * row is not a valid digest. Fields named in `otherFields` (a stored row's profile id, say)
   * are allowed and left out.
   */
  share(row: unknown, otherFields?: readonly string[]): AttemptDigest | undefined;
}

/** A path through a part's field values (compared as Map keys, so nothing is built to look one up). */
interface PartNode {
  readonly next: Map<unknown, PartNode>;
  /** The shared part at the end of this path; null: these values fail the schema. */
  part?: object | null;
}

const newNode = (): PartNode => ({ next: new Map() });

function step(node: PartNode, value: unknown): PartNode {
  let next = node.next.get(value);
  if (!next) node.next.set(value, (next = newNode()));
  return next;
}

type Fields = Readonly<Record<string, unknown>>;

/** An object that is not an array, as a schema object accepts. */
const isFields = (value: unknown): value is Fields => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Whether every field of `value` is one of `known` (a strict object rejects any other). */
function onlyKnownFields(value: Fields, known: readonly string[], other: readonly string[] = []): boolean {
  for (const field in value) if (!known.includes(field) && !other.includes(field)) return false;
  return true;
}

const shape = attemptDigestSchema.shape;
type Elements = AttemptDigest['elements'];
type Actions = AttemptDigest['actions'];
const elementSchema = shape.elements.element;
const actionSchema = shape.actions.element;

const digestFields = Object.keys(shape);
/** The fields that are not shared parts: each attempt's own values, checked value by value. */
const ownFields = ['digestVersion', 'attemptId', 'scenarioId', 'scenarioTitle', 'incidentType', 'startedAt', 'completedAt', 'percent', 'criticalMisses', 'policyId', 'timeToGradeMs'] as const;
const bandFields = Object.keys(shape.band.shape);
const gradeFields = Object.keys(shape.grade.shape);
const shareFields = Object.keys(shape.shares.shape);
const elementFields = Object.keys(elementSchema.shape);
const actionFields = Object.keys(actionSchema.shape);

export function createAttemptDigestPool(): AttemptDigestPool {
  const strings = new Map<string, string>();
  const text = (value: string): string => {
    const known = strings.get(value);
    if (known !== undefined) return known;
    strings.set(value, value);
    return value;
  };

  /** The shared object for these field values: checked against `schema` when first seen. */
  function sharedObject<T extends object>(root: PartNode, value: unknown, fields: readonly string[], schema: z.ZodType<T>, make: (valid: T) => T): T | undefined {
    if (!isFields(value) || !onlyKnownFields(value, fields)) return undefined;
    let node = root;
    for (const field of fields) node = step(node, value[field]);
    if (node.part === undefined) {
      const parsed = schema.safeParse(value);
      node.part = parsed.success ? Object.freeze(make(parsed.data)) : null;
    }
    return (node.part ?? undefined) as T | undefined;
  }

  /** The shared list of these shared entries (each entry checked as it is shared). */
  function sharedList<T extends object>(root: PartNode, value: unknown, entry: (item: unknown) => T | undefined): readonly T[] | undefined {
    if (!Array.isArray(value)) return undefined;
    let node = root;
    for (const item of value as unknown[]) {
      const shared = entry(item);
      if (!shared) return undefined;
      node = step(node, shared);
    }
    if (node.part === undefined) node.part = Object.freeze((value as unknown[]).map((item) => entry(item) as T));
    return node.part as readonly T[];
  }

  const bands = newNode();
  const grades = newNode();
  const shares = newNode();
  const elements = newNode();
  const elementLists = newNode();
  const actions = newNode();
  const actionLists = newNode();

  const makeBand = (b: AttemptDigest['band']) => ({ id: text(b.id), label: text(b.label) });
  const makeGrade = (g: AttemptDigest['grade']) => ({
    expected: text(g.expected),
    given: g.given === null ? null : text(g.given),
    verdict: g.verdict,
    levelsOff: g.levelsOff,
    ...(g.confidence ? { confidence: g.confidence } : {}),
  });
  const makeShares = (s: AttemptDigest['shares']) => s;
  const makeElement = (e: Elements[number]) => ({ ...e, element: text(e.element) });
  const makeAction = (a: Actions[number]) => ({ ...a, action: text(a.action) });
  const element = (value: unknown) => sharedObject(elements, value, elementFields, elementSchema, makeElement);
  const action = (value: unknown) => sharedObject(actions, value, actionFields, actionSchema, makeAction);

  /** Each own field's values already checked, with the answer (ids and times are checked once each too). */
  const checkedValues = new Map<(typeof ownFields)[number], Map<unknown, boolean>>(ownFields.map((field) => [field, new Map()]));
  function ownFieldsValid(row: Fields): boolean {
    for (const field of ownFields) {
      const checked = checkedValues.get(field)!;
      const value = row[field];
      let valid = checked.get(value);
      if (valid === undefined) checked.set(value, (valid = shape[field].safeParse(value).success));
      if (!valid) return false;
    }
    return true;
  }

  return {
    share(row, otherFields = []) {
      if (!isFields(row) || !onlyKnownFields(row, digestFields, otherFields)) return undefined;
      if (!ownFieldsValid(row)) return undefined;
      const parts = {
        band: sharedObject(bands, row.band, bandFields, shape.band, makeBand),
        grade: sharedObject(grades, row.grade, gradeFields, shape.grade, makeGrade),
        elements: sharedList(elementLists, row.elements, element) as Elements | undefined,
        shares: sharedObject(shares, row.shares, shareFields, shape.shares, makeShares),
        actions: sharedList(actionLists, row.actions, action) as Actions | undefined,
      };
      if (!parts.band || !parts.grade || !parts.elements || !parts.shares || !parts.actions) return undefined;
      const own = row as Pick<AttemptDigest, (typeof ownFields)[number]>;
      return {
        digestVersion: own.digestVersion,
        attemptId: own.attemptId,
        scenarioId: text(own.scenarioId),
        scenarioTitle: text(own.scenarioTitle),
        incidentType: text(own.incidentType),
        startedAt: own.startedAt,
        completedAt: own.completedAt,
        percent: own.percent,
        band: parts.band,
        criticalMisses: own.criticalMisses,
        policyId: text(own.policyId),
        grade: parts.grade,
        elements: parts.elements,
        timeToGradeMs: own.timeToGradeMs,
        shares: parts.shares,
        actions: parts.actions,
      };
    },
  };
}
