import type { CallResponse } from '../../../src/domain/call-response-schema';
import type { ScoreReport } from '../../../src/domain/score-report-schema';
import type { AttemptRecord } from '../../../src/store/attempt-record';

/**
 * Realistic attempt records for store tests: a whispered domestic-abuse 999 call, rated on the six
 * THRIVE elements of the default NCHS policy and scored. Every field can be overridden.
 */

export const THRIVE_ELEMENTS = ['threat', 'harm', 'risk', 'investigation', 'vulnerability', 'engagement'] as const;

export function buildCallResponse(overrides: Partial<CallResponse> = {}): CallResponse {
  return {
    questionsAsked: [
      { nodeId: 'opening', optionId: 'ask-are-you-safe', atMs: 4_200 },
      { nodeId: 'safety', optionId: 'ask-where-is-he-now', atMs: 11_800 },
      { nodeId: 'location', optionId: 'confirm-address', atMs: 19_500 },
      { nodeId: 'children', optionId: 'ask-anyone-else-in-house', atMs: 31_000 },
    ],
    endNodeId: 'line-goes-dead',
    assessment: {
      thrive: {
        threat: { rating: 'high', rationale: 'He is in the house and has threatened her tonight.' },
        harm: { rating: 'high', rationale: 'Previous injuries mentioned; risk of serious harm.' },
        risk: { rating: 'high', rationale: 'Whispering, hiding in the bathroom, line cut.' },
        investigation: { rating: 'medium', rationale: 'Suspect on scene; first account to capture.' },
        vulnerability: { rating: 'high', rationale: 'Two children in the house.' },
        engagement: { rating: 'medium', rationale: 'Keep her on the line, yes/no questions.' },
      },
      grade: 'emergency',
      safeguardingActions: ['keep-caller-on-line', 'yes-no-questions', 'confirm-location', 'flag-domestic-abuse'],
    },
    timings: { timeToAnswerMs: 2_300, callDurationMs: 95_000, timeToGradeMs: 61_000, timeToSubmitMs: 140_000 },
    ...overrides,
  };
}

export function buildScoreReport(overrides: Partial<ScoreReport> = {}): ScoreReport {
  const expected: Record<(typeof THRIVE_ELEMENTS)[number], string> = {
    threat: 'high',
    harm: 'high',
    risk: 'high',
    investigation: 'medium',
    vulnerability: 'high',
    engagement: 'high',
  };
  return {
    policyId: 'national-call-handling-standards',
    elements: THRIVE_ELEMENTS.map((element) => {
      const given = element === 'engagement' ? 'medium' : expected[element];
      const matches = given === expected[element];
      return {
        element,
        given,
        givenRationale: 'See the trainee assessment.',
        expected: expected[element],
        acceptable: [],
        verdict: matches ? ('expected' as const) : ('one-step-off' as const),
        credit: matches ? 1 : 0.5,
        expertRationale: `Expert view on ${element}.`,
        cues: [{ clip: 'caller-whispers', line: 2, quote: "He's downstairs, he's got the kids" }],
      };
    }),
    grade: {
      given: 'emergency',
      expected: 'emergency',
      acceptable: [],
      verdict: 'expected',
      levelsOff: 0,
      credit: 1,
      expertRationale: 'Threat of violence in progress with children present.',
      cues: [{ clip: 'caller-whispers', line: 0 }],
    },
    safeguarding: {
      actions: [
        { action: 'keep-caller-on-line', verdict: 'required', chosen: true, reason: 'Keeps an open line.', cues: [] },
        { action: 'refer-childrens-services', verdict: 'required', chosen: false, reason: 'Children present.', cues: [] },
      ],
      requiredMissed: ['refer-childrens-services'],
      harmfulChosen: [],
    },
    keyQuestions: [
      { id: 'where-is-suspect', question: 'Where is he now?', asked: true, reason: 'Locates the threat.' },
      { id: 'any-weapons', question: 'Does he have any weapons?', asked: false, reason: 'Officer safety.' },
    ],
    criticalMisses: [],
    categories: {
      thrive: { fraction: 0.93, weight: 40 },
      grade: { fraction: 1, weight: 25 },
      safeguarding: { fraction: 0.5, weight: 20 },
      keyQuestions: { fraction: 0.5, weight: 15 },
    },
    percent: 79.7,
    band: { id: 'competent', label: 'Competent' },
    ...overrides,
  };
}

/** The profile id attempts belong to unless overridden. */
export const TEST_PROFILE_ID = '6a0e8f2c-4b1d-4c3e-9f5a-2d7b8c9e0a11';

export function buildAttempt(overrides: Partial<AttemptRecord> = {}): AttemptRecord {
  return {
    recordVersion: 1,
    id: crypto.randomUUID(),
    profileId: TEST_PROFILE_ID,
    scenarioId: 'dv-whispered-999',
    scenarioVersion: 2,
    scenarioTitle: 'Whispered 999: she cannot talk freely',
    incidentType: 'domestic-abuse',
    mode: 'practice',
    startedAt: '2025-03-01T14:03:20.000Z',
    completedAt: '2025-03-01T14:05:40.000Z',
    response: buildCallResponse(),
    report: buildScoreReport(),
    ...overrides,
  };
}
