import { z } from 'zod';

/**
 * A moment in UTC exactly as `Date.prototype.toISOString()` writes it
 * (`2025-03-01T14:05:09.000Z`). One fixed shape means text order is time order, so IndexedDB
 * indexes such as `[profileId+completedAt]` sort chronologically.
 */
export const isoTimestampSchema = z.iso.datetime({
  precision: 3,
  error: 'use a UTC time as Date.prototype.toISOString() writes it, e.g. "2025-03-01T14:05:09.000Z"',
});
