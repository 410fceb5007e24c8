import type { CallInProgressRecord } from '../../../src/store/call-in-progress-record';
import { TEST_PROFILE_ID } from './attempt-builder';

/** A valid call-in-progress record of the whispered 999 call, with any fields overridden. */
export function buildCall(overrides: Partial<CallInProgressRecord> = {}): CallInProgressRecord {
  return {
    recordVersion: 1,
    id: crypto.randomUUID(),
    profileId: TEST_PROFILE_ID,
    scenarioId: 'dv-whispered-999',
    scenarioVersion: 1,
    scenarioTitle: 'Whispered 999 call',
    mode: 'practice',
    startedAt: '2025-03-01T09:00:00.000Z',
    updatedAt: '2025-03-01T09:00:30.000Z',
    progress: {
      stage: 'connected',
      nodeId: 'opening',
      heard: [],
      questionsAsked: [{ nodeId: 'first', optionId: 'ask-safe', atMs: 4000 }],
      elapsedMs: 30_000,
      timeToAnswerMs: 1500,
      timeToGradeMs: null,
      callDurationMs: null,
      grade: null,
      location: null,
      ending: null,
      assessmentDraft: null,
    },
    ...overrides,
  };
}
