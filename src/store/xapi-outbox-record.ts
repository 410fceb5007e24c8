import { z } from 'zod';
import { isoTimestampSchema } from './timestamp-schema';

/**
 * One xAPI statement in the outbox: queued with its attempt (same transaction), posted to the
 * LRS by the sender, then marked `sent`. A row that failed keeps `lastError`, so the trainee can
 * see why. The statement itself is kept as the JSON object that will be posted; the domain's
 * `buildAttemptStatements` made it and the unit tests validate its shape against the xAPI spec.
 */
export const outboxStates = ['waiting', 'sent'] as const;

const jsonObjectSchema = z.record(z.string(), z.unknown());

export const xapiOutboxRecordSchema = z.strictObject({
  /** The statement id (a UUID derived from attempt, verb and position, so retries are idempotent). */
  id: z.uuid(),
  attemptId: z.uuid(),
  /** Order within the attempt: launched first, completed last. */
  sequence: z.number().int().min(0),
  statement: jsonObjectSchema.refine((statement) => typeof statement.id === 'string', 'a queued statement needs its id'),
  state: z.enum(outboxStates),
  queuedAt: isoTimestampSchema,
  /** How many times sending it has been tried. */
  tries: z.number().int().min(0),
  lastTriedAt: isoTimestampSchema.optional(),
  lastError: z.string().max(2000).optional(),
  sentAt: isoTimestampSchema.optional(),
});

export type XapiOutboxRecord = z.infer<typeof xapiOutboxRecordSchema>;
