import { z } from 'zod';
import { callProgressSchema } from '../domain/call-progress-schema';
import { callModeSchema } from '../domain/call-response-schema';
import { slugSchema } from '../domain/scenario-schema';
import { isoTimestampSchema } from './timestamp-schema';

/**
 * Call-in-progress record v1 (Dexie table `callsInProgress`, from database version 4): a call
 * answered and not yet submitted, rewritten as it advances, so a reload or a crash does not lose
 * it. It is deleted in the same transaction that saves the finished attempt, or when the trainee
 * chooses to start the call again.
 */
export const CALL_IN_PROGRESS_RECORD_VERSION = 1;

export const callInProgressRecordSchema = z.strictObject({
  recordVersion: z.literal(CALL_IN_PROGRESS_RECORD_VERSION, {
    error: (issue) =>
      typeof issue.input === 'number' && issue.input > CALL_IN_PROGRESS_RECORD_VERSION
        ? `this call in progress was saved by a newer version of call-trainer (record version ${issue.input}; this version reads ${CALL_IN_PROGRESS_RECORD_VERSION})`
        : `expected record version ${CALL_IN_PROGRESS_RECORD_VERSION}`,
  }),
  /** `crypto.randomUUID()`, made when the call is answered. */
  id: z.uuid(),
  profileId: z.uuid(),
  scenarioId: slugSchema,
  scenarioVersion: z.number().int().min(1),
  scenarioTitle: z.string().min(1),
  mode: callModeSchema,
  startedAt: isoTimestampSchema,
  updatedAt: isoTimestampSchema,
  progress: callProgressSchema,
});

export type CallInProgressRecord = z.infer<typeof callInProgressRecordSchema>;
