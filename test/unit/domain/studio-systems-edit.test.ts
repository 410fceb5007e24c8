import { describe, expect, it } from 'vitest';
import type { AnswerKey } from '../../../src/domain/answer-key-schema';
import { checkScenarioPackage } from '../../../src/domain/scenario-check';
import type { Scenario, SystemsRecords } from '../../../src/domain/scenario-schema';
import { twoBranchTemplate } from '../../../src/domain/scenario-template';
import {
  DEFAULT_SYSTEMS_DELAY_SECONDS,
  acceptableBeside,
  emptyCallUpdate,
  emptyRegrade,
  emptyRequiredCheck,
  emptySystemsRecord,
  emptySystemsResult,
  nextFreeId,
  withRecordAdded,
  withRecordKind,
  withRecordRemoved,
  withResultAdded,
  withSubjectAdded,
  withSubjectRemoved,
  withoutItem,
} from '../../../src/domain/studio-systems-edit';
import { defaultPolicy } from '../../fixtures/default-policy';

const policy = defaultPolicy();

/** Two subjects, a result for each, the first holding two records. */
const twoSubjects: SystemsRecords = {
  defaultDelaySeconds: 4,
  subjects: [
    { id: 'subject-1', kind: 'phone-number', label: 'Caller\u2019s number' },
    { id: 'subject-2', kind: 'person', label: 'Sam (ex-partner)' },
  ],
  results: [
    { subject: 'subject-1', database: 'warning-markers', records: [{ kind: 'warning-marker', marker: 'domestic-abuse', summary: 'a' }, { kind: 'intelligence', summary: 'b' }] },
    { subject: 'subject-2', database: 'orders-and-bail', records: [{ kind: 'court-order', summary: 'c' }] },
  ],
};

describe('new items get the next free id of their kind', () => {
  it.each([
    [[], 'subject-1'],
    [['subject-1', 'subject-3'], 'subject-2'],
    [['subject-1', 'subject-2'], 'subject-3'],
  ] as const)('among %j: %s', (ids, expected) => {
    expect(nextFreeId('subject', ids)).toBe(expected);
  });
});

describe('force systems: subjects', () => {
  it('adding a subject to a scenario without systems adds the systems, with the default delay and no results', () => {
    expect(withSubjectAdded(undefined)).toEqual({
      defaultDelaySeconds: DEFAULT_SYSTEMS_DELAY_SECONDS,
      subjects: [{ id: 'subject-1', kind: 'phone-number', label: '' }],
      results: [],
    });
  });

  it('adding another subject keeps the others and takes the next id', () => {
    const added = withSubjectAdded(twoSubjects);
    expect(added.subjects.map((s) => s.id)).toEqual(['subject-1', 'subject-2', 'subject-3']);
    expect(added.results).toBe(twoSubjects.results);
  });

  it('removing a subject removes the results for it', () => {
    const removed = withSubjectRemoved(twoSubjects, 0);
    expect(removed?.subjects.map((s) => s.id)).toEqual(['subject-2']);
    expect(removed?.results.map((r) => r.subject)).toEqual(['subject-2']);
  });

  it('removing the last subject removes the systems', () => {
    const one = withSubjectRemoved(twoSubjects, 1);
    expect(one).toBeDefined();
    expect(withSubjectRemoved(one as SystemsRecords, 0)).toBeUndefined();
  });
});

describe('force systems: results and records', () => {
  it.each([
    ['incident-history', 'previous-incident'],
    ['warning-markers', 'warning-marker'],
    ['orders-and-bail', 'court-order'],
    ['missing-person-history', 'missing-episode'],
    ['vehicle-records', 'vehicle-keeper'],
  ] as const)('an empty record in %s is a %s with its summary to write', (database, kind) => {
    expect(emptySystemsRecord(database)).toEqual({ kind, summary: '' });
  });

  it('a new result takes the first subject and database without one, and holds one empty record', () => {
    const systems = withSubjectAdded(undefined);
    expect(emptySystemsResult(systems)).toEqual({ subject: 'subject-1', database: 'incident-history', records: [{ kind: 'previous-incident', summary: '' }] });
    const once = withResultAdded(systems);
    expect(emptySystemsResult(once)).toMatchObject({ subject: 'subject-1', database: 'warning-markers' });
  });

  it('adding a record adds one of the result database\u2019s usual kind', () => {
    expect(withRecordAdded(twoSubjects, 1).results[1]?.records.at(-1)).toEqual({ kind: 'court-order', summary: '' });
    expect(withRecordAdded(twoSubjects, 1).results[0]).toBe(twoSubjects.results[0]);
  });

  it('removing a record keeps the result while it holds others, and removes the result with its last record', () => {
    expect(withRecordRemoved(twoSubjects, 0, 0).results[0]?.records.map((r) => r.summary)).toEqual(['b']);
    expect(withRecordRemoved(twoSubjects, 1, 0).results.map((r) => r.subject)).toEqual(['subject-1']);
  });

  it('a marker stays only on a warning-marker record', () => {
    const marker = { kind: 'warning-marker' as const, marker: 'stalking' as const, summary: 's' };
    expect(withRecordKind(marker, 'intelligence')).toEqual({ kind: 'intelligence', summary: 's' });
    expect(withRecordKind(marker, 'warning-marker')).toEqual(marker);
    expect(withRecordKind({ kind: 'intelligence', summary: 's' }, 'warning-marker')).toEqual({ kind: 'warning-marker', summary: 's' });
  });
});

describe('updates, required checks and re-grades', () => {
  const { answerKey } = twoBranchTemplate('x', policy);

  it('a new update arrives after the first clip (or 30 s in without clips), its words to write', () => {
    expect(emptyCallUpdate([], 'c-opening')).toEqual({ id: 'update-1', kind: 'officer-update', from: '', text: '', at: { afterClip: 'c-opening' } });
    expect(emptyCallUpdate([emptyCallUpdate([], undefined)], undefined)).toMatchObject({ id: 'update-2', at: { atSeconds: 30 } });
  });

  it('an optional list left empty is removed', () => {
    expect(withoutItem(['a', 'b'], 0)).toEqual(['b']);
    expect(withoutItem(['a'], 0)).toBeUndefined();
  });

  it('a new required check searches the first result\u2019s database and subject, else the first subject\u2019s incident history', () => {
    expect(emptyRequiredCheck(answerKey, twoSubjects)).toEqual({ id: 'check-1', database: 'warning-markers', subject: 'subject-1', reason: '', severity: 'major' });
    expect(emptyRequiredCheck(answerKey, withSubjectAdded(undefined))).toMatchObject({ database: 'incident-history', subject: 'subject-1' });
  });

  it('a new re-grade expects the key\u2019s grade after its moment', () => {
    const after = { clip: 'c-answer-safe', line: 0 };
    expect(emptyRegrade(answerKey, after)).toEqual({ id: 'regrade-1', after, expected: answerKey.grade.expected, acceptable: [], withinSeconds: 60, reason: '', severity: 'major' });
    expect(emptyRegrade({ ...answerKey, regrades: [emptyRegrade(answerKey, after)] }, after).id).toBe('regrade-2');
  });

  it('the expected value is taken out of the accepted alternatives', () => {
    expect(acceptableBeside(['priority', 'emergency'], 'emergency')).toEqual(['priority']);
  });
});

describe('a template with systems, an update, a required check and a re-grade built this way', () => {
  const check = (scenario: Scenario, answerKey: AnswerKey) =>
    checkScenarioPackage({ scenarioFile: 'scenario.json', scenario, answerKeyFile: 'answer-key.json', answerKey, policies: new Map([[policy.id, policy]]), audioExists: () => true });
  const { scenario: template, answerKey: templateKey } = twoBranchTemplate('systems-call', policy);
  const clips = template.clips.map((clip) => ({ ...clip, audio: { sources: [{ src: `audio/systems-call/${clip.id}.webm`, type: 'audio/webm' as const }], durationSeconds: clip.captions.at(-1)?.end ?? 1 } }));
  const systems = withResultAdded(withSubjectAdded(undefined));

  it('asks for the words left empty, each at its own path', () => {
    const scenario: Scenario = { ...template, clips, systems, updates: [emptyCallUpdate([], 'c-opening')] };
    const answerKey: AnswerKey = { ...templateKey, requiredChecks: [emptyRequiredCheck(templateKey, systems)], regrades: [emptyRegrade(templateKey, { update: 'update-1' })] };
    expect(check(scenario, answerKey).problems.map((p) => p.path).sort()).toEqual(
      ['$.regrades[0].reason', '$.requiredChecks[0].reason', '$.systems.results[0].records[0].summary', '$.systems.subjects[0].label', '$.updates[0].from', '$.updates[0].text'].sort(),
    );
  });

  it('once they are written, passes every check and the expert answer still scores 100%', () => {
    const written: SystemsRecords = {
      ...systems,
      subjects: systems.subjects.map((s) => ({ ...s, label: 'Caller\u2019s number 07700 900000' })),
      results: systems.results.map((r) => ({ ...r, records: r.records.map((rec) => ({ ...rec, summary: 'Two calls this month' })) })),
    };
    const scenario: Scenario = { ...template, clips, systems: written, updates: [{ ...emptyCallUpdate([], 'c-opening'), from: 'Officer', text: 'On the way' }] };
    const answerKey: AnswerKey = {
      ...templateKey,
      requiredChecks: [{ ...emptyRequiredCheck(templateKey, written), by: { clip: 'c-opening', line: 0 }, reason: 'History at the number' }],
      regrades: [{ ...emptyRegrade(templateKey, { update: 'update-1' }), reason: 'Officers confirm the threat' }],
    };
    const result = check(scenario, answerKey);
    expect(result.problems).toEqual([]);
    expect(result.expertPercent).toBe(100);
  });
});
