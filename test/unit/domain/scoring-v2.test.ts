/**
 * Scoring v2: re-grades after a cue, required systems checks, AQUA-style deviations and their
 * severities, the major-deviation band cap, time to grade from the cue, the expert panel's spread
 * and disagreement flag, and the advice/recording categories. Each rule is a table.
 *
 * The v2 mini call (mini-call plus systems, an update, a re-grade and a check) is timed like
 * this in `timedResponse`: c-open starts at 0, c-safe at 5 s, c-weapon at 12 s (its line 0, the
 * weapon cue, at 12 s; the key's grade cue, offset 1 s, at 13 s); the ambulance update at 7 s.
 */
import { describe, expect, it } from 'vitest';
import type { AnswerKey } from '../../../src/domain/answer-key-schema';
import type { CallResponse, IncidentLogEntry } from '../../../src/domain/call-response-schema';
import { expertResponse } from '../../../src/domain/expert-response';
import type { Scenario } from '../../../src/domain/scenario-schema';
import { scoreReportSchema } from '../../../src/domain/score-report-schema';
import { scoreAttempt } from '../../../src/domain/scoring';
import { defaultPolicy } from '../../fixtures/default-policy';
import { miniAnswerKey, miniExpertResponse, miniScenario } from '../../fixtures/mini-call';

const policy = defaultPolicy();

function v2Scenario(): Scenario {
  return {
    ...miniScenario(),
    systems: {
      defaultDelaySeconds: 4,
      subjects: [
        { id: 'caller-number', kind: 'phone-number', label: 'Caller number' },
        { id: 'home-address', kind: 'address', label: '14 Elm Road' },
      ],
      results: [{ subject: 'caller-number', database: 'warning-markers', records: [{ kind: 'warning-marker', marker: 'domestic-abuse-high-risk', summary: 'High-risk DA.' }] }],
    },
    updates: [{ id: 'amb', kind: 'ambulance-update', from: 'Ambulance control', text: 'Crew held back: knife reported.', at: { afterClip: 'c-safe' } }],
  };
}

function v2Key(change?: (key: AnswerKey) => void): AnswerKey {
  const key: AnswerKey = {
    ...miniAnswerKey(),
    requiredChecks: [
      { id: 'markers', database: 'warning-markers', subject: 'caller-number', reason: 'A DA marker makes it Grade 1.', severity: 'major', by: { clip: 'c-safe', line: 0 }, withinSeconds: 10 },
    ],
    regrades: [
      { id: 'weapon', after: { clip: 'c-weapon', line: 0 }, expected: 'emergency', acceptable: [], withinSeconds: 30, reason: 'A knife and a threat to kill: Grade 1 now.', severity: 'critical' },
    ],
  };
  change?.(key);
  return key;
}

const TIMELINE: CallResponse['callTimeline'] = [
  { kind: 'clip-started', atMs: 0, clipId: 'c-open' },
  { kind: 'clip-started', atMs: 5_000, clipId: 'c-safe' },
  { kind: 'update-shown', atMs: 7_000, updateId: 'amb' },
  { kind: 'clip-started', atMs: 12_000, clipId: 'c-weapon' },
];

/** The mini expert's answer with a call timeline, a markers check at 3 s and the given grade log. */
function timedResponse(grades: Array<[number, string | null]> = [[13_000, 'emergency']], checks: IncidentLogEntry[] = [{ kind: 'check-requested', atMs: 3_000, checkId: 'warning-markers:caller-number' }]): CallResponse {
  const response = miniExpertResponse();
  const log: IncidentLogEntry[] = [...checks, ...grades.map(([atMs, grade]): IncidentLogEntry => ({ kind: 'grade', atMs, grade }))];
  response.incidentLog = log.sort((a, b) => a.atMs - b.atMs);
  response.callTimeline = TIMELINE;
  response.assessment.grade = grades.at(-1)?.[1] ?? null;
  response.timings = { ...response.timings, timeToGradeMs: grades[0]?.[0] ?? null, timeToSubmitMs: 90_000 };
  return response;
}

const score = (response: CallResponse, key = v2Key()) => scoreAttempt(v2Scenario(), key, response, policy);

describe('scoring v2', () => {
  it('gives the expert response (replayed path, checks at once, grade at the first cue) 100%, no deviations, High', () => {
    const expert = expertResponse(v2Scenario(), v2Key(), policy);
    expect(expert).not.toBeNull();
    const report = score(expert as CallResponse);
    expect(report.percent).toBeCloseTo(100, 9);
    expect(report.deviations).toEqual([]);
    expect(report.band.id).toBe('high');
    expect(report.regrades?.[0]?.verdict).toMatch(/in-time|already-there/);
    expect(report.checks?.[0]?.verdict).toBe('on-time');
    expect(scoreReportSchema.parse(report)).toEqual(report);
  });

  describe('re-grade after the weapon cue (at 12 s, 30 s allowed)', () => {
    it.each([
      // grade log, verdict, credit, seconds after cue, deviation severity
      ['raised 8 s after the cue', [[0, 'priority'], [20_000, 'emergency']], 'in-time', 1, 8, null],
      ['raised on the 30th second', [[0, 'priority'], [42_000, 'emergency']], 'in-time', 1, 30, null],
      ['already emergency before the cue', [[0, 'emergency']], 'already-there', 1, 0, null],
      ['raised 38 s after the cue', [[0, 'priority'], [50_000, 'emergency']], 'late', 0.5, 38, 'moderate'],
      ['raised, lowered, raised again too late', [[0, 'emergency'], [20_000, 'priority'], [60_000, 'emergency']], 'late', 0.5, 48, 'moderate'],
      ['never raised', [[0, 'priority']], 'missed', 0, null, 'critical'],
      ['never graded', [], 'missed', 0, null, 'critical'],
    ] as const)('%s: %s, credit %s', (_name, grades, verdict, credit, seconds, severity) => {
      const report = score(timedResponse(grades.map(([at, grade]) => [at, grade])));
      const regrade = report.regrades?.[0];
      expect(regrade).toMatchObject({ verdict, credit, cueAtMs: 12_000, secondsAfterCue: seconds });
      const deviation = report.deviations?.find((d) => d.id === 'regrade:weapon');
      expect(deviation?.severity ?? null).toBe(severity);
      if (deviation) expect(deviation).toMatchObject({ category: 'grade', cue: { clip: 'c-weapon', line: 0 }, cueAtMs: 12_000 });
    });

    it('is not scored when the trainee never reached the cue (or the attempt has no timeline)', () => {
      const response = timedResponse([[0, 'priority']]);
      delete response.callTimeline;
      const report = score(response);
      expect(report.regrades?.[0]).toMatchObject({ verdict: 'cue-not-reached', cueAtMs: null });
      expect(report.deviations?.some((d) => d.id === 'regrade:weapon')).toBe(false);
    });

    it('a re-grade after an update is timed from when the update was shown', () => {
      const key = v2Key((k) => (k.regrades = [{ id: 'amb', after: { update: 'amb' }, expected: 'emergency', acceptable: [], withinSeconds: 5, reason: 'r', severity: 'major' }]));
      expect(score(timedResponse([[0, 'priority'], [11_000, 'emergency']]), key).regrades?.[0]).toMatchObject({ verdict: 'in-time', cueAtMs: 7_000, secondsAfterCue: 4 });
      expect(score(timedResponse([[0, 'priority'], [13_000, 'emergency']]), key).regrades?.[0]).toMatchObject({ verdict: 'late', secondsAfterCue: 6 });
    });

    it('lowers the grade category: a missed re-grade costs half of it, beside a correct final grade', () => {
      const key = v2Key((k) => (k.regrades = [{ id: 'weapon', after: { clip: 'c-weapon', line: 0 }, expected: 'emergency', acceptable: [], withinSeconds: 30, reason: 'r', severity: 'major' }]));
      const report = score(timedResponse([[0, 'priority'], [80_000, 'emergency']]), key);
      expect(report.grade.credit).toBe(1);
      expect(report.categories.grade.fraction).toBeCloseTo((1 + 0.5) / 2, 9);
    });
  });

  describe('required systems checks (markers on the caller number, by c-safe + 10 s = 15 s)', () => {
    it.each([
      ['asked for at 3 s', 3_000, 'on-time', 1, null],
      ['asked for at 15 s', 15_000, 'on-time', 1, null],
      ['asked for at 20 s', 20_000, 'late', 0.5, 'minor'],
      ['never asked for', null, 'missed', 0, 'major'],
    ] as const)('%s: %s (credit %s)', (_name, atMs, verdict, credit, severity) => {
      const checks: IncidentLogEntry[] = atMs === null ? [] : [{ kind: 'check-requested', atMs, checkId: 'warning-markers:caller-number' }];
      const report = score(timedResponse(undefined, checks));
      expect(report.checks?.[0]).toMatchObject({ verdict, credit, dueAtMs: 15_000, requestedAtMs: atMs, subjectLabel: 'Caller number' });
      expect(report.deviations?.find((d) => d.id === 'check:warning-markers:caller-number')?.severity ?? null).toBe(severity);
    });

    it('a check with no moment is on time whenever it was asked for; a different check does not count', () => {
      const key = v2Key((k) => (k.requiredChecks = [{ id: 'history', database: 'incident-history', subject: 'home-address', reason: 'r', severity: 'critical' }]));
      const asked = score(timedResponse(undefined, [{ kind: 'check-requested', atMs: 80_000, checkId: 'incident-history:home-address' }]), key);
      expect(asked.checks?.[0]).toMatchObject({ verdict: 'on-time', dueAtMs: null });
      const wrong = score(timedResponse(undefined, [{ kind: 'check-requested', atMs: 1_000, checkId: 'warning-markers:home-address' }]), key);
      expect(wrong.checks?.[0]?.verdict).toBe('missed');
      expect(wrong.band.id).toBe('not-yet-competent');
    });

    it('counts in "information and checks" beside the key questions', () => {
      const report = score(timedResponse(undefined, []));
      // Two key questions asked, one check missed: 2 of 3.
      expect(report.categories.keyQuestions.fraction).toBeCloseTo(2 / 3, 9);
    });
  });

  describe('deviations and their severities', () => {
    it.each([
      ['under-graded', (r: CallResponse): void => void (r.assessment.grade = 'priority'), 'grade', 'major'],
      ['graded as the key says', (r: CallResponse): void => void (r.assessment.grade = 'emergency'), null, null],
      ['a rating one step off', (r: CallResponse): void => void (r.assessment.thrive.threat = { rating: 'medium', rationale: 'x' }), 'thrive:threat', 'minor'],
      ['a rating two steps off', (r: CallResponse): void => void (r.assessment.thrive.threat = { rating: 'low', rationale: 'x' }), 'thrive:threat', 'moderate'],
      ['a rating missing', (r: CallResponse): void => void (r.assessment.thrive.threat = { rating: null, rationale: 'x' }), 'thrive:threat', 'moderate'],
      ['a required action missed', (r: CallResponse): void => void (r.assessment.safeguardingActions = ['pass-threats-verbatim', 'refer-idva-marac']), 'action:keep-caller-on-line', 'major'],
      ['a recommended action missed', (r: CallResponse): void => void (r.assessment.safeguardingActions = ['keep-caller-on-line', 'pass-threats-verbatim']), 'action:refer-idva-marac', 'minor'],
      ['a harmful action taken', (r: CallResponse): void => void r.assessment.safeguardingActions.push('advise-call-back-if-returns'), 'action:advise-call-back-if-returns', 'major'],
      ['a key question not asked', (r: CallResponse): void => void (r.questionsAsked = r.questionsAsked.slice(0, 1)), 'question:kq-weapon', 'moderate'],
      ['a rationale not written', (r: CallResponse): void => void (r.assessment.thrive.harm = { rating: 'high', rationale: ' ' }), 'rationale:harm', 'minor'],
    ] as const)('%s: %s %s', (_name, change, id, severity) => {
      const response = miniExpertResponse();
      change(response);
      const report = scoreAttempt(miniScenario(), miniAnswerKey(), response, policy);
      if (id === null) expect(report.deviations).toEqual([]);
      else expect(report.deviations?.find((d) => d.id === id)?.severity).toBe(severity);
    });

    it('lists a critical miss as a critical deviation first, with its category', () => {
      const response = miniExpertResponse();
      response.assessment.grade = 'scheduled';
      const report = scoreAttempt(miniScenario(), miniAnswerKey(), response, policy);
      expect(report.deviations?.[0]).toMatchObject({ id: 'critical:cm-not-emergency', category: 'grade', severity: 'critical' });
      expect(report.deviations?.[1]).toMatchObject({ id: 'grade', severity: 'major' });
    });

    it('takes a severity the key sets on an action or key question', () => {
      const key = miniAnswerKey();
      key.safeguardingActions = key.safeguardingActions.map((a) => (a.action === 'refer-idva-marac' ? { ...a, severity: 'major' as const } : a));
      key.keyQuestions = key.keyQuestions.map((q) => (q.id === 'kq-weapon' ? { ...q, severity: 'critical' as const } : q));
      const response = miniExpertResponse();
      response.assessment.safeguardingActions = ['keep-caller-on-line', 'pass-threats-verbatim'];
      response.questionsAsked = response.questionsAsked.slice(0, 1);
      const report = scoreAttempt(miniScenario(), key, response, policy);
      expect(report.deviations?.find((d) => d.id === 'action:refer-idva-marac')?.severity).toBe('major');
      expect(report.deviations?.find((d) => d.id === 'question:kq-weapon')?.severity).toBe('critical');
      expect(report.band.id).toBe('not-yet-competent');
    });
  });

  describe('bands', () => {
    it.each([
      // severity of a missed recommended action, band
      ['minor', 'high'],
      ['moderate', 'high'],
      ['major', 'competent'],
      ['critical', 'not-yet-competent'],
    ] as const)('one %s deviation on an otherwise perfect answer (over 90 per cent): %s', (severity, band) => {
      const key = miniAnswerKey();
      key.safeguardingActions = key.safeguardingActions.map((a) => (a.action === 'refer-idva-marac' ? { ...a, severity } : a));
      const response = miniExpertResponse();
      response.assessment.safeguardingActions = ['keep-caller-on-line', 'pass-threats-verbatim'];
      const report = scoreAttempt(miniScenario(), key, response, policy);
      expect(report.percent).toBeGreaterThanOrEqual(90);
      expect(report.band.id).toBe(band);
    });

    it('without majorDeviationBand in the policy, a major deviation does not cap the band', () => {
      const { majorDeviationBand: _cap, ...scoring } = policy.scoring;
      const response = miniExpertResponse();
      const key = miniAnswerKey();
      key.safeguardingActions = key.safeguardingActions.map((a) => (a.action === 'refer-idva-marac' ? { ...a, severity: 'major' as const } : a));
      response.assessment.safeguardingActions = ['keep-caller-on-line', 'pass-threats-verbatim'];
      expect(scoreAttempt(miniScenario(), key, response, { ...policy, scoring }).band.id).toBe('high');
    });
  });

  describe('time to grade', () => {
    it.each([
      // grade log, acceptedAtMs, fromCueMs
      ['graded emergency 2 s after the cue', [[15_000, 'emergency']], 15_000, 2_000],
      ['graded priority first, emergency at 40 s', [[5_000, 'priority'], [40_000, 'emergency']], 40_000, 27_000],
      ['graded emergency before the cue', [[4_000, 'emergency']], 4_000, 0],
      ['never graded emergency', [[4_000, 'priority']], null, null],
    ] as const)('%s', (_name, grades, acceptedAtMs, fromCueMs) => {
      const report = score(timedResponse(grades.map(([at, grade]) => [at, grade])));
      expect(report.timeToGrade).toMatchObject({ fromAnswerMs: grades[0][0], acceptedAtMs, cueAtMs: 13_000, fromCueMs, cue: { clip: 'c-weapon', line: 0, offset: 1 } });
    });

    it('an attempt recorded before the incident log holds its grade from timeToGradeMs', () => {
      const report = scoreAttempt(miniScenario(), miniAnswerKey(), miniExpertResponse(), policy);
      expect(report.timeToGrade).toMatchObject({ fromAnswerMs: 15_000, acceptedAtMs: 15_000, cueAtMs: null, fromCueMs: null });
    });
  });

  describe('several experts', () => {
    const panelKey = (grades: string[], threat: string[]) =>
      v2Key((k) => {
        k.panel = grades.map((grade, i) => ({
          expert: { name: `Expert ${i + 2}`, role: 'Trainer' },
          grade,
          thrive: { threat: threat[i] ?? 'high', harm: 'high', risk: 'high', investigation: 'medium', vulnerability: 'high', engagement: 'medium' },
        }));
      });

    it.each([
      // panel grades, panel threat ratings, trainee grade, position, flagged
      [['emergency', 'emergency'], ['high', 'high'], 'emergency', 'within', false],
      [['emergency', 'priority'], ['high', 'high'], 'priority', 'within', false],
      [['emergency', 'priority'], ['high', 'high'], 'scheduled', 'adjacent', false],
      [['emergency'], ['high'], 'resolution-without-deployment', 'outside', false],
      [['scheduled'], ['high'], 'emergency', 'within', true],
      [['emergency'], ['low'], 'emergency', 'within', true],
    ] as const)('panel %j (threat %j), trainee %s: %s, flagged %s', (grades, threat, given, position, flagged) => {
      const response = timedResponse([[13_000, given]]);
      const report = score(response, panelKey([...grades], [...threat]));
      expect(report.panel?.grade).toMatchObject({ given, position });
      expect(report.panel?.grade.answers).toEqual(['emergency', ...grades]);
      expect(report.panel?.disagreement.flagged).toBe(flagged);
      expect(report.panel?.experts).toHaveLength(grades.length + 1);
    });

    it('places each rating against the panel too, and does not change the total', () => {
      const withPanel = score(timedResponse(), panelKey(['priority'], ['medium']));
      expect(withPanel.panel?.elements.find((e) => e.element === 'threat')).toMatchObject({ min: 'medium', max: 'high', given: 'high', position: 'within' });
      expect(withPanel.percent).toBe(score(timedResponse()).percent);
    });

    it('has no panel result when the key has no panel', () => {
      expect(score(timedResponse()).panel).toBeUndefined();
    });
  });

  describe('advice and recording categories (policy weights set)', () => {
    it('a harmful piece of advice costs the advice category, not safeguarding', () => {
      const response = miniExpertResponse();
      response.assessment.safeguardingActions.push('advise-call-back-if-returns');
      const report = scoreAttempt(miniScenario(), miniAnswerKey(), response, policy);
      expect(report.categories.safeguarding.fraction).toBe(1);
      expect(report.categories.advice).toEqual({ fraction: 0, weight: 10 });
    });

    it('recording counts a written rationale per THRIVE+ element', () => {
      const response = miniExpertResponse();
      response.assessment.thrive.harm = { rating: 'high', rationale: '' };
      response.assessment.thrive.risk = { rating: 'high', rationale: '' };
      const report = scoreAttempt(miniScenario(), miniAnswerKey(), response, policy);
      expect(report.categories.recording?.fraction).toBeCloseTo(4 / 6, 9);
    });

    it('without those weights, advice and recording actions stay under safeguarding (scoring v1)', () => {
      const { advice: _a, recording: _r, ...weights } = policy.scoring.categoryWeights;
      const v1 = { ...policy, scoring: { ...policy.scoring, categoryWeights: weights } };
      const response = miniExpertResponse();
      response.assessment.safeguardingActions.push('advise-call-back-if-returns');
      const report = scoreAttempt(miniScenario(), miniAnswerKey(), response, v1);
      expect(report.categories.advice).toBeUndefined();
      expect(report.categories.safeguarding.fraction).toBeCloseTo(3 / 5, 9);
    });
  });

  it('summarises what went well and the one or two most severe things to work on', () => {
    const response = timedResponse([[0, 'priority']], []);
    const report = score(response);
    expect(report.summary?.workOn).toHaveLength(2);
    expect(report.summary?.workOn[0]).toBe(report.deviations?.[0]?.description);
    expect(report.deviations?.[0]?.severity).toBe('critical');
    expect(report.summary?.wentWell).toContain('THRIVE+ assessment');
  });

  it('carries the mode through to the report', () => {
    const response = timedResponse();
    response.mode = 'assessment';
    expect(score(response).mode).toBe('assessment');
  });
});
