import { z } from 'zod';
import { cpdActivityInputSchema, reflectionInputSchema } from '../domain/cpd-log';
import { isoTimestampSchema } from './timestamp-schema';

/**
 * CPD records v1 (Dexie version 2): the trainee's reflection on an attempt, and other CPD
 * activity they record. Attempts themselves are not copied: the CPD log derives their entries
 * (date, minutes) from the attempts table.
 */
export const CPD_RECORD_VERSION = 1;

const recordVersion = z.literal(CPD_RECORD_VERSION, {
  error: (issue) =>
    typeof issue.input === 'number' && issue.input > CPD_RECORD_VERSION
      ? `this record was saved by a newer version of call-trainer (record version ${issue.input}; this version reads ${CPD_RECORD_VERSION})`
      : `expected record version ${CPD_RECORD_VERSION}`,
});

/** One reflection per attempt, keyed by the attempt's id. */
export const reflectionRecordSchema = z.strictObject({
  recordVersion,
  attemptId: z.uuid(),
  profileId: z.uuid(),
  ...reflectionInputSchema.shape,
  createdAt: isoTimestampSchema,
  updatedAt: isoTimestampSchema,
});

export const cpdActivityRecordSchema = z.strictObject({
  recordVersion,
  id: z.uuid(),
  profileId: z.uuid(),
  ...cpdActivityInputSchema.shape,
  createdAt: isoTimestampSchema,
  updatedAt: isoTimestampSchema,
});

export type ReflectionRecord = z.infer<typeof reflectionRecordSchema>;
export type CpdActivityRecord = z.infer<typeof cpdActivityRecordSchema>;
