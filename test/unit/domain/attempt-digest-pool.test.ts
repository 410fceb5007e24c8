import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createAttemptDigestPool, type AttemptDigestPool } from '../../../src/domain/attempt-digest-pool';
import { attemptDigest, attemptDigestSchema, evidenceFromDigest, evidenceFromDigestsOldestFirst, type ActionGroup, type AttemptDigest } from '../../../src/domain/attempt-evidence';
import { buildAttempt, buildCallResponse } from '../store/attempt-builder';
import { locate } from './malformed-input';

const groups: Record<string, ActionGroup> = { 'keep-caller-on-line': 'immediate', 'refer-childrens-services': 'referral', 'flag-domestic-abuse': 'recording-and-flagging' };
const groupOf = (id: string) => groups[id];

/** A digest as IndexedDB would hand it back: every part its own object and string. */
const fromStorage = (digest: AttemptDigest): AttemptDigest => structuredClone(digest);

function shared(pool: AttemptDigestPool, digest: unknown): AttemptDigest {
  const result = pool.share(digest);
  if (!result) throw new Error('the pool refused a valid digest');
  return result;
}

describe('attempt digest pool', () => {
  const first = attemptDigest(buildAttempt({ completedAt: '2025-03-01T14:07:31.000Z' }));
  const second = attemptDigest(buildAttempt({ completedAt: '2025-03-02T09:00:00.000Z' }));

  it('gives back an equal digest', () => {
    const pool = createAttemptDigestPool();
    expect(shared(pool, fromStorage(first))).toEqual(first);
    // A digest without a grade confidence keeps it absent, not undefined.
    expect(Object.keys(shared(pool, fromStorage(first)).grade)).toEqual(Object.keys(first.grade));
  });

  it('shares the repeated parts of two attempts and keeps each attempt its own id and times', () => {
    const pool = createAttemptDigestPool();
    const a = shared(pool, fromStorage(first));
    const b = shared(pool, fromStorage(second));
    expect(b).toEqual(second);
    for (const part of ['band', 'grade', 'elements', 'shares', 'actions'] as const) expect(b[part], part).toBe(a[part]);
    expect(b.elements[0]).toBe(a.elements[0]);
    expect([b.attemptId, b.completedAt]).not.toEqual([a.attemptId, a.completedAt]);
  });

  it('shares nothing between digests that differ in a part', () => {
    const pool = createAttemptDigestPool();
    const certain = attemptDigest(buildAttempt({ response: buildCallResponse({ assessment: { ...buildCallResponse().assessment, gradeConfidence: 'certain' } }) }));
    const a = shared(pool, fromStorage(first));
    const b = shared(pool, fromStorage(certain));
    expect(b.grade).not.toBe(a.grade);
    expect(b.grade.confidence).toBe('certain');
    const notChosen = { ...first, actions: first.actions.map((action, n) => (n === 0 ? { ...action, chosen: !action.chosen } : action)) };
    const c = shared(pool, fromStorage(notChosen));
    expect(c.actions).not.toBe(a.actions);
    expect(c.actions).toEqual(notChosen.actions);
    expect(c.actions[1]).toBe(a.actions[1]);
    const absentShare = { ...first, shares: { grade: first.shares.grade } };
    expect(shared(pool, fromStorage(absentShare)).shares).toEqual({ grade: first.shares.grade });
  });

  it('tells an ungraded call apart from a grade whose id reads "null"', () => {
    const pool = createAttemptDigestPool();
    const ungraded = shared(pool, { ...first, grade: { ...first.grade, given: null } });
    const odd = shared(pool, { ...first, grade: { ...first.grade, given: 'null' } });
    expect(ungraded.grade.given).toBeNull();
    expect(odd.grade.given).toBe('null');
  });

  it('freezes what it shares, so no attempt can change another through it', () => {
    const digest = shared(createAttemptDigestPool(), fromStorage(first));
    expect(Object.isFrozen(digest.grade) && Object.isFrozen(digest.elements) && Object.isFrozen(digest.actions[0])).toBe(true);
    expect(() => {
      (digest.grade as { given: string | null }).given = 'scheduled';
    }).toThrow(TypeError);
  });

  it('lets the evidence of pooled digests share its competencies and grade, with the same figures as one at a time', () => {
    const pool = createAttemptDigestPool();
    const digests = [first, second].map((d) => shared(pool, fromStorage(d)));
    const evidence = evidenceFromDigestsOldestFirst(digests, groupOf);
    expect(evidence[1]!.competencies).toBe(evidence[0]!.competencies);
    expect(evidence[1]!.grade).toBe(evidence[0]!.grade);
    expect(evidence).toEqual([first, second].map((d) => evidenceFromDigest(d, groupOf)));
  });

  it('leaves out the fields it is told to, and refuses any other field the schema does not have', () => {
    const pool = createAttemptDigestPool();
    const stored = { ...first, profileId: 'someone' };
    expect(pool.share(stored, ['profileId'])).toEqual(first);
    expect(pool.share(stored)).toBeUndefined();
    expect(pool.share({ ...first, band: { ...first.band, colour: 'green' } })).toBeUndefined();
    // The same values without the stray field are still accepted: the refusal was not remembered as theirs.
    expect(pool.share(fromStorage(first))).toEqual(first);
  });

  // Every stored row is checked, but each distinct part only when first seen: rows that share a
  // part with a refused row, or follow one, must get the schema's answer all the same.
  const samples = [first, second, attemptDigest(buildAttempt({ response: buildCallResponse({ assessment: { ...buildCallResponse().assessment, grade: 'priority', gradeConfidence: 'unsure' } }) }))];
  const anyValue = fc.oneof(
    fc.string({ maxLength: 12 }),
    fc.integer({ min: -5, max: 120 }),
    fc.double({ min: -1, max: 2, noNaN: false }).filter((n) => !Object.is(n, -0)),
    fc.constantFrom(null, undefined, true, false, '', 'expected', 'required', 'emergency', 1, 0),
    fc.constant([]),
    fc.constant({}),
  );
  const row = fc
    .record({
      sample: fc.nat(samples.length - 1),
      change: fc.oneof(
        fc.record({ kind: fc.constant('none' as const) }),
        fc.record({ kind: fc.constantFrom('set' as const, 'delete' as const, 'add' as const), at: fc.nat(), value: anyValue, name: fc.constantFrom('extra', 'id', 'credit', 'grade', 'toString') }),
      ),
    })
    .map(({ sample, change }) => {
      const digest = structuredClone(samples[sample]!) as unknown;
      if (change.kind === 'none') return digest;
      const places = locate(digest).filter((p) => p.path.length > 0);
      const place = places[change.at % places.length]!;
      let parent = digest as Record<string | number, unknown>;
      for (const segment of place.path.slice(0, -1)) parent = parent[segment] as Record<string | number, unknown>;
      const key = place.path.at(-1)!;
      if (change.kind === 'set') parent[key] = change.value;
      else if (change.kind === 'delete') delete parent[key];
      else if (typeof place.value === 'object' && place.value !== null && !Array.isArray(place.value)) (place.value as Record<string, unknown>)[change.name] = change.value;
      else parent[key] = { [change.name]: change.value };
      return digest;
    });

  it('accepts a row exactly when the digest schema does, and gives back what the schema reads (600 batches of changed rows)', () => {
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 20 }), (rows) => {
        const pool = createAttemptDigestPool();
        for (const candidate of rows) {
          const expected = attemptDigestSchema.safeParse(candidate);
          const got = pool.share(candidate);
          expect(got !== undefined, JSON.stringify(candidate)).toBe(expected.success);
          if (expected.success) expect(got).toEqual(expected.data);
        }
      }),
      { numRuns: 600 },
    );
  });
});
