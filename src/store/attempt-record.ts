import { z } from 'zod';
import { callModeSchema, callResponseSchema } from '../domain/call-response-schema';
import { scoreReportSchema } from '../domain/score-report-schema';
import { slugSchema } from '../domain/scenario-schema';
import { isoTimestampSchema } from './timestamp-schema';

/**
 * Attempt record v1: one completed call as saved in IndexedDB (and, later, in backups). It keeps
 * the scenario's title and incident type and the full score report, so history and debrief show
 * what the trainee was told even after the scenario or force policy changes.
 *
 * Bump `ATTEMPT_RECORD_VERSION` only together with a Dexie `version(n).upgrade()` that rewrites
 * stored attempts to the new shape (see `call-trainer-db.ts`).
 */
export const ATTEMPT_RECORD_VERSION = 1;

/** Practice or assessment: the call's own mode (a call in progress records the same). */
export const attemptModeSchema = callModeSchema;

export const attemptRecordSchema = z.strictObject({
  recordVersion: z.literal(ATTEMPT_RECORD_VERSION, {
    error: (issue) =>
      typeof issue.input === 'number' && issue.input > ATTEMPT_RECORD_VERSION
        ? `this attempt was saved by a newer version of call-trainer (record version ${issue.input}; this version reads ${ATTEMPT_RECORD_VERSION})`
        : `expected record version ${ATTEMPT_RECORD_VERSION}`,
  }),
  /** `crypto.randomUUID()`, made when the call is answered. */
  id: z.uuid(),
  profileId: z.uuid(),
  scenarioId: slugSchema,
  /** The scenario's content version: the attempt stays tied to the version it used. */
  scenarioVersion: z.number().int().min(1),
  scenarioTitle: z.string().min(1),
  /**
   * Deliberately a plain string rather than the domain's incident-type enum, so retiring or
   * renaming an incident type later does not make old attempts unreadable.
   */
  incidentType: z.string().min(1),
  mode: attemptModeSchema,
  startedAt: isoTimestampSchema,
  completedAt: isoTimestampSchema,
  response: callResponseSchema,
  report: scoreReportSchema,
});

export type AttemptMode = z.infer<typeof attemptModeSchema>;
export type AttemptRecord = z.infer<typeof attemptRecordSchema>;
