import { describe, expect, it } from 'vitest';
import { attemptEvidence, evidenceOldestFirst, type ActionGroup } from '../../../src/domain/attempt-evidence';
import { buildAttempt, buildCallResponse, buildScoreReport } from '../store/attempt-builder';

const groups: Record<string, ActionGroup> = {
  'keep-caller-on-line': 'immediate',
  'refer-childrens-services': 'referral',
  'evidence-preservation-advice': 'advice-and-evidence',
  'advise-leave-through-suspect': 'advice-and-evidence',
  'flag-domestic-abuse': 'recording-and-flagging',
};
const groupOf = (id: string) => groups[id];

describe('attemptEvidence', () => {
  it('reads the grade, elements, timings, band and minutes of a v1 report', () => {
    const attempt = buildAttempt({
      startedAt: '2025-03-01T14:00:00.000Z',
      completedAt: '2025-03-01T14:07:31.000Z',
      response: buildCallResponse({ assessment: { ...buildCallResponse().assessment, gradeConfidence: 'certain' } }),
    });
    const e = attemptEvidence(attempt, groupOf);
    expect(e).toMatchObject({
      attemptId: attempt.id,
      minutes: 8,
      percent: 79.7,
      band: { id: 'competent', label: 'Competent' },
      grade: { expected: 'emergency', given: 'emergency', verdict: 'expected', levelsOff: 0, confidence: 'certain' },
      timeToGradeMs: 61_000,
    });
    expect(e.elements).toHaveLength(6);
  });

  it.each([
    // [what, report overrides, competency, expected share (undefined = no evidence)]
    ['THRIVE+ from the thrive category', {}, 'thrive', 0.93],
    ['grading from the grade category', {}, 'grading', 1],
    ['information gathering from key questions', {}, 'information-gathering', 0.5],
    ['no key questions: no information-gathering evidence', { keyQuestions: [] }, 'information-gathering', undefined],
    ['safeguarding from immediate actions and referrals (2 of 4 units)', {}, 'safeguarding', 0.5],
    ['no location in the key: no location evidence', {}, 'location-and-call-control', undefined],
    ['v1 reports carry no systems checks', {}, 'systems-checks', undefined],
    ['v1 reports carry no re-grades', {}, 're-assessment', undefined],
    ['v1 reports carry no communication judgement', {}, 'communication', undefined],
    ['v2 checks fill systems checks in', { checks: [{ id: 'pnc', credit: 1 }, { id: 'markers', credit: 0 }] }, 'systems-checks', 0.5],
    ['v2 re-grades fill re-assessment in', { regrades: [{ afterCue: 'knife', credit: 0.75 }] }, 're-assessment', 0.75],
    ['v2 categories fill advice in', { categories: { ...buildScoreReport().categories, advice: { fraction: 0.4, weight: 5 } } }, 'advice-to-caller', 0.4],
  ] as const)('%s', (_what, overrides, competency, share) => {
    const e = attemptEvidence(buildAttempt({ report: { ...buildScoreReport(), ...(overrides as object) } }), groupOf);
    if (share === undefined) expect(e.competencies[competency]).toBeUndefined();
    else expect(e.competencies[competency]).toBeCloseTo(share);
  });

  it.each([
    ['required advice chosen', [{ action: 'evidence-preservation-advice', verdict: 'required', chosen: true }], 1],
    ['required advice missed', [{ action: 'evidence-preservation-advice', verdict: 'required', chosen: false }], 0],
    ['harmful advice chosen outweighs recommended advice', [
      { action: 'evidence-preservation-advice', verdict: 'recommended', chosen: true },
      { action: 'advise-leave-through-suspect', verdict: 'harmful', chosen: true },
    ], 0],
    ['only neutral advice: no evidence', [{ action: 'evidence-preservation-advice', verdict: 'neutral', chosen: true }], undefined],
  ] as const)('advice to the caller: %s', (_what, actions, share) => {
    const report = buildScoreReport();
    const e = attemptEvidence(
      buildAttempt({ report: { ...report, safeguarding: { ...report.safeguarding, actions: actions.map((a) => ({ ...a, reason: '', cues: [] })) } } }),
      groupOf,
    );
    expect(e.competencies['advice-to-caller']).toBe(share);
  });

  it('lists evidence oldest first whatever order the attempts come in', () => {
    const later = buildAttempt({ completedAt: '2025-03-02T10:00:00.000Z' });
    const earlier = buildAttempt({ completedAt: '2025-03-01T10:00:00.000Z' });
    expect(evidenceOldestFirst([later, earlier], groupOf).map((e) => e.attemptId)).toEqual([earlier.id, later.id]);
  });
});
