import type { AttemptEvidence } from '../../../src/domain/attempt-evidence';

let counter = 0;

/**
 * A small, readable AttemptEvidence for progress tests: a competent domestic-abuse call graded
 * correctly. `at` is the completion time; every other field can be overridden.
 */
export function evidenceAt(at: string, overrides: Partial<Omit<AttemptEvidence, 'grade'>> & { grade?: Partial<AttemptEvidence['grade']> } = {}): AttemptEvidence {
  counter += 1;
  const { grade, ...rest } = overrides;
  return {
    attemptId: `a${String(counter).padStart(4, '0')}`,
    scenarioId: 'dv-whispered-999',
    scenarioTitle: 'Whispered 999',
    incidentType: 'domestic-abuse',
    startedAt: at,
    completedAt: at,
    minutes: 5,
    percent: 85,
    band: { id: 'competent', label: 'Competent' },
    criticalMisses: 0,
    policyId: 'national-call-handling-standards',
    grade: { expected: 'emergency', given: 'emergency', verdict: 'expected', levelsOff: 0, confidence: undefined, ...grade },
    elements: [],
    timeToGradeMs: 60_000,
    competencies: { grading: 1, thrive: 1, safeguarding: 1, 'information-gathering': 1 },
    ...rest,
  };
}
