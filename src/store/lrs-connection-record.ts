import { z } from 'zod';
import { isoTimestampSchema } from './timestamp-schema';

/**
 * The learning record store (LRS) this PC sends xAPI statements to: its endpoint and the key and
 * secret (HTTP Basic credentials) the LRS issued. It lives in its own table, `lrsConnection`,
 * which is deliberately not in the backup registry (`backup-tables.ts`): credentials stay on the
 * machine they were typed on and never travel in a backup file.
 */
export const LRS_CONNECTION_KEY = 'default';

/** Hosts allowed over plain http: the LRS is then this very PC, so nothing crosses a network. */
// Kept in step with the Content-Security-Policy's connect-src in index.html.
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1']);

/**
 * An xAPI endpoint: an absolute https URL (http only for localhost or 127.0.0.1), with no
 * user name, password, query or fragment in it. Normalised to end with `/`, so the statements
 * resource is `${endpoint}statements`.
 */
export const lrsEndpointSchema = z
  .string()
  .trim()
  .min(1, 'enter the LRS endpoint, e.g. https://lrs.example.org/xapi/')
  .transform((text, ctx) => {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'enter a full web address starting with https://, e.g. https://lrs.example.org/xapi/' });
      return z.NEVER;
    }
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname))) {
      ctx.addIssue({ code: 'custom', message: 'the endpoint must use https:// (plain http:// is allowed only for localhost and 127.0.0.1)' });
      return z.NEVER;
    }
    if (url.username || url.password) {
      ctx.addIssue({ code: 'custom', message: 'put the key and secret in their own fields, not in the address' });
      return z.NEVER;
    }
    if (url.search || url.hash) {
      ctx.addIssue({ code: 'custom', message: 'the endpoint must not have a query (?…) or fragment (#…)' });
      return z.NEVER;
    }
    const path = url.pathname.endsWith('/') ? url.pathname : `${url.pathname}/`;
    return `${url.origin}${path}`;
  });

/** The base under which activity ids and the trainee's account home page are minted. */
export const DEFAULT_ACTIVITY_BASE = 'https://call-trainer.invalid';

export const activityBaseSchema = z
  .string()
  .trim()
  .regex(/^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/, 'use an absolute http(s) address without a query, e.g. https://training.example.police.uk/call-trainer')
  .transform((text) => text.replace(/\/+$/, ''));

export const lrsConnectionRecordSchema = z.strictObject({
  key: z.literal(LRS_CONNECTION_KEY),
  endpoint: lrsEndpointSchema,
  /** The LRS key (HTTP Basic user name). */
  username: z.string().min(1, 'enter the key (user name) the LRS gave you').max(500),
  /** The LRS secret (HTTP Basic password). */
  password: z.string().min(1, 'enter the secret (password) the LRS gave you').max(500),
  activityBase: activityBaseSchema,
  savedAt: isoTimestampSchema,
});

export type LrsConnectionRecord = z.infer<typeof lrsConnectionRecordSchema>;
