import { z } from 'zod';
import { isoTimestampSchema } from './timestamp-schema';

/**
 * Profile record: one trainee using this browser. Attempts point at it by `profileId`; the
 * active profile's id lives in the settings table.
 */
export const profileNameSchema = z
  .string()
  .trim()
  .min(1, 'a profile needs a name')
  .max(60, 'keep the profile name to 60 characters or fewer');

export const profileRecordSchema = z.strictObject({
  /** `crypto.randomUUID()`. */
  id: z.uuid(),
  name: profileNameSchema,
  createdAt: isoTimestampSchema,
});

export type ProfileRecord = z.infer<typeof profileRecordSchema>;
