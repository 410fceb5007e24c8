import { describe, expect, it } from 'vitest';
import { scoreAttempt } from '../../../src/domain/scoring';
import type { CallResponse } from '../../../src/domain/call-response-schema';
import { scoreReportSchema } from '../../../src/domain/score-report-schema';
import { defaultPolicy } from '../../fixtures/default-policy';
import { miniAnswerKey, miniExpertResponse, miniScenario } from '../../fixtures/mini-call';

const policy = defaultPolicy();
const scenario = miniScenario();
const key = miniAnswerKey();

function respond(change: (response: CallResponse) => void): CallResponse {
  const response = miniExpertResponse();
  change(response);
  return response;
}
const score = (response: CallResponse) => scoreAttempt(scenario, key, response, policy);

describe('scoreAttempt', () => {
  it('gives the expert answer full marks, no critical miss and the top band', () => {
    const report = score(miniExpertResponse());
    expect(report.percent).toBe(100);
    expect(report.criticalMisses).toEqual([]);
    expect(report.band).toEqual({ id: 'high', label: 'High compliance' });
    expect(scoreReportSchema.parse(report)).toEqual(report);
  });

  describe('THRIVE+ element ratings', () => {
    it.each([
      // element, given, verdict, credit
      ['threat', 'high', 'expected', 1],
      ['investigation', 'high', 'acceptable', 1],
      ['threat', 'medium', 'one-step-off', 0.5],
      ['threat', 'low', 'wrong', 0],
      ['engagement', 'low', 'one-step-off', 0.5],
      ['investigation', 'low', 'one-step-off', 0.5],
      ['threat', null, 'not-rated', 0],
    ] as const)('%s rated %s is %s (credit %s)', (element, given, verdict, credit) => {
      const report = score(respond((r) => (r.assessment.thrive[element] = { rating: given, rationale: 'x' })));
      const result = report.elements.find((e) => e.element === element);
      expect(result?.verdict).toBe(verdict);
      expect(result?.credit).toBe(credit);
    });

    it('weights threat, risk and vulnerability above investigation and engagement', () => {
      const threatWrong = score(respond((r) => (r.assessment.thrive.threat = { rating: 'low', rationale: '' })));
      const engagementWrong = score(respond((r) => (r.assessment.thrive.engagement = { rating: 'high', rationale: '' })));
      expect(engagementWrong.categories.thrive.fraction).toBeGreaterThan(threatWrong.categories.thrive.fraction);
    });

    it('keeps the trainee rationale beside the expert rationale', () => {
      const report = score(miniExpertResponse());
      expect(report.elements.find((e) => e.element === 'threat')).toMatchObject({ givenRationale: 'knife', expertRationale: 'Expert says high.' });
    });
  });

  describe('grade', () => {
    it.each([
      // given, verdict, levelsOff, credit
      ['emergency', 'expected', 0, 1],
      ['priority', 'under-graded', 1, 0.25],
      ['scheduled', 'under-graded', 2, 0],
      ['resolution-without-deployment', 'under-graded', 3, 0],
      [null, 'not-graded', 0, 0],
    ] as const)('given %s on an emergency call: %s by %s level(s), credit %s', (given, verdict, levelsOff, credit) => {
      const report = score(respond((r) => (r.assessment.grade = given)));
      expect(report.grade).toMatchObject({ verdict, levelsOff, credit });
    });

    it('costs more to under-grade than to over-grade by the same number of levels', () => {
      const priorityKey = { ...key, grade: { ...key.grade, expected: 'priority' } };
      const over = scoreAttempt(scenario, priorityKey, respond((r) => (r.assessment.grade = 'emergency')), policy);
      const under = scoreAttempt(scenario, priorityKey, respond((r) => (r.assessment.grade = 'scheduled')), policy);
      expect(over.grade).toMatchObject({ verdict: 'over-graded', levelsOff: 1, credit: 0.75 });
      expect(under.grade).toMatchObject({ verdict: 'under-graded', levelsOff: 1, credit: 0.25 });
      expect(over.percent).toBeGreaterThan(under.percent);
    });

    it('gives full credit for an acceptable alternative and measures distance from the nearest one', () => {
      const flexibleKey = { ...key, grade: { ...key.grade, expected: 'emergency', acceptable: ['priority'] } };
      expect(scoreAttempt(scenario, flexibleKey, respond((r) => (r.assessment.grade = 'priority')), policy).grade).toMatchObject({ verdict: 'acceptable', credit: 1 });
      expect(scoreAttempt(scenario, flexibleKey, respond((r) => (r.assessment.grade = 'scheduled')), policy).grade).toMatchObject({ verdict: 'under-graded', levelsOff: 1 });
    });
  });

  describe('safeguarding actions', () => {
    it.each([
      // chosen actions, fraction, required missed, harmful chosen
      [['keep-caller-on-line', 'pass-threats-verbatim', 'refer-idva-marac'], 1, [], []],
      [['keep-caller-on-line', 'pass-threats-verbatim'], 4 / 5, [], []],
      [['keep-caller-on-line'], 2 / 5, ['pass-threats-verbatim'], []],
      [['keep-caller-on-line', 'pass-threats-verbatim', 'refer-idva-marac', 'crime-prevention-advice'], 1, [], []],
      // A harmful piece of advice costs the advice category under v2 weights, not safeguarding (see below).
      [['keep-caller-on-line', 'pass-threats-verbatim', 'refer-idva-marac', 'advise-call-back-if-returns'], 1, [], ['advise-call-back-if-returns']],
      [['advise-call-back-if-returns'], 0, ['keep-caller-on-line', 'pass-threats-verbatim'], ['advise-call-back-if-returns']],
      [[], 0, ['keep-caller-on-line', 'pass-threats-verbatim'], []],
    ] as const)('choosing %j earns %s', (chosen, fraction, requiredMissed, harmfulChosen) => {
      const report = score(respond((r) => (r.assessment.safeguardingActions = [...chosen])));
      expect(report.categories.safeguarding.fraction).toBeCloseTo(fraction, 10);
      expect(report.safeguarding.requiredMissed).toEqual(requiredMissed);
      expect(report.safeguarding.harmfulChosen).toEqual(harmfulChosen);
    });
  });

  describe('key questions', () => {
    it('counts a key question asked when any of its options was chosen', () => {
      const report = score(respond((r) => (r.questionsAsked = [{ nodeId: 'q-first', optionId: 'o-safe', atMs: 1 }])));
      expect(report.keyQuestions.map((q) => [q.id, q.asked])).toEqual([
        ['kq-safe', true],
        ['kq-weapon', false],
      ]);
      expect(report.categories.keyQuestions.fraction).toBe(0.5);
    });
  });

  describe('critical misses and bands', () => {
    it.each([
      ['emergency', []],
      ['priority', ['cm-not-emergency']],
      [null, ['cm-not-emergency']],
    ] as const)('grade %s triggers %j', (grade, misses) => {
      const report = score(respond((r) => (r.assessment.grade = grade)));
      expect(report.criticalMisses.map((m) => m.id)).toEqual(misses);
    });

    it('puts any critical miss in the not-yet-competent band whatever the total', () => {
      const report = score(respond((r) => (r.assessment.grade = 'priority')));
      expect(report.percent).toBeGreaterThan(70);
      expect(report.band.id).toBe('not-yet-competent');
    });

    it.each([
      ['actionNotTaken', { kind: 'actionNotTaken', action: 'pass-threats-verbatim' }, ['keep-caller-on-line'], true],
      ['actionNotTaken', { kind: 'actionNotTaken', action: 'pass-threats-verbatim' }, ['pass-threats-verbatim'], false],
      ['actionTaken', { kind: 'actionTaken', action: 'advise-call-back-if-returns' }, ['advise-call-back-if-returns'], true],
      ['actionTaken', { kind: 'actionTaken', action: 'advise-call-back-if-returns' }, [], false],
    ] as const)('rule %s with actions %j: triggered %s', (_name, rule, actions, triggered) => {
      const ruleKey = { ...key, criticalMisses: [{ id: 'cm', description: 'd', reason: 'r', rule }] };
      const report = scoreAttempt(scenario, ruleKey, respond((r) => (r.assessment.safeguardingActions = [...actions])), policy);
      expect(report.criticalMisses.length > 0).toBe(triggered);
    });

    it('applies keyQuestionNotAsked and ratingBelow rules', () => {
      const ruleKey = {
        ...key,
        criticalMisses: [
          { id: 'cm-weapon', description: 'd', reason: 'r', rule: { kind: 'keyQuestionNotAsked' as const, keyQuestion: 'kq-weapon' } },
          { id: 'cm-vulnerability', description: 'd', reason: 'r', rule: { kind: 'ratingBelow' as const, element: 'vulnerability', rating: 'high' } },
        ],
      };
      const report = scoreAttempt(
        scenario,
        ruleKey,
        respond((r) => {
          r.questionsAsked = [{ nodeId: 'q-first', optionId: 'o-safe', atMs: 1 }];
          r.assessment.thrive.vulnerability = { rating: 'medium', rationale: '' };
        }),
        policy,
      );
      expect(report.criticalMisses.map((m) => m.id)).toEqual(['cm-weapon', 'cm-vulnerability']);
      expect(scoreAttempt(scenario, ruleKey, miniExpertResponse(), policy).criticalMisses).toEqual([]);
    });

    it.each([
      [95, 'high'],
      [90, 'high'],
      [85, 'competent'],
      [72, 'partial'],
      [61, 'low'],
      [10, 'not-yet-competent'],
    ] as const)('a total of %s%% without critical misses is %s', (percent, band) => {
      // Vary only the key-questions category weight so the total lands where the row says.
      // Every other category the mini call scores (all at full marks here) counts towards the total.
      const expert = score(miniExpertResponse());
      const others = Object.entries(expert.categories)
        .filter(([id]) => id !== 'keyQuestions')
        .reduce((sum, [, category]) => sum + (category?.weight ?? 0), 0);
      const keyQuestionsWeight = (others * (100 - percent)) / percent;
      const tuned = { ...policy, scoring: { ...policy.scoring, categoryWeights: { ...policy.scoring.categoryWeights, keyQuestions: keyQuestionsWeight } } };
      const report = scoreAttempt(scenario, key, respond((r) => (r.questionsAsked = [])), tuned);
      expect(report.percent).toBeCloseTo(percent, 6);
      expect(report.band.id).toBe(band);
    });
  });

  it('is pure: scoring twice gives equal reports and does not change its inputs', () => {
    const response = miniExpertResponse();
    const frozen = JSON.stringify(response);
    expect(score(response)).toEqual(score(response));
    expect(JSON.stringify(response)).toBe(frozen);
  });
});
