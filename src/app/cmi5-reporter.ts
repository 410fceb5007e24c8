// The cmi5 runtime, small and in one module: read the launch parameters, fetch the auth token,
// read LMS.LaunchData, and send the cmi5-defined statements (initialized; then, for the first
// completed attempt, completed, passed or failed with the score, and terminated). Loaded only
// when the URL carries cmi5 launch parameters (see lms-launch.ts). Statements are built by pure
// functions, exported for unit tests.
import { z } from 'zod';
import { iso8601Duration, lmsOutcome } from '../domain/lms-outcome';
import type { Cmi5LaunchQuery, LmsReporter } from './lms-launch';

const XAPI_VERSION = '1.0.3';
const CMI5_CATEGORY = { id: 'https://w3id.org/xapi/cmi5/context/categories/cmi5', objectType: 'Activity' } as const;
const MOVEON_CATEGORY = { id: 'https://w3id.org/xapi/cmi5/context/categories/moveon', objectType: 'Activity' } as const;
const MASTERY_SCORE_EXTENSION = 'https://w3id.org/xapi/cmi5/context/extensions/masteryscore';

export type Cmi5Verb = 'initialized' | 'completed' | 'passed' | 'failed' | 'terminated';

const agentSchema = z.looseObject({
  objectType: z.literal('Agent').optional(),
  name: z.string().optional(),
  account: z.strictObject({ homePage: z.string().min(1), name: z.string().min(1) }),
});

const launchSchema = z.strictObject({
  endpoint: z.url(),
  fetch: z.url(),
  actor: z.string().transform((text, ctx) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'is not JSON' });
      return z.NEVER;
    }
  }).pipe(agentSchema),
  registration: z.uuid(),
  activityId: z.string().min(1),
});

const contextActivitySchema = z.looseObject({ id: z.string().min(1) });
/** The part of LMS.LaunchData the AU uses; other fields pass through untouched. */
const launchDataSchema = z.looseObject({
  contextTemplate: z.looseObject({
    contextActivities: z
      .looseObject({ grouping: z.array(contextActivitySchema).optional(), category: z.array(contextActivitySchema).optional() })
      .optional(),
    extensions: z.record(z.string(), z.unknown()).optional(),
  }),
  launchMode: z.enum(['Normal', 'Browse', 'Review']),
  masteryScore: z.number().min(0).max(1).optional(),
  moveOn: z.string().optional(),
});

export type Cmi5Launch = z.infer<typeof launchSchema>;
export type Cmi5LaunchData = z.infer<typeof launchDataSchema>;

/** The parsed launch parameters, or an error naming the parameter and what is wrong with it. */
export function parseCmi5Launch(query: Cmi5LaunchQuery): Cmi5Launch {
  const parsed = launchSchema.safeParse(query);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new Error(`cmi5 launch parameter ${String(issue?.path[0] ?? '?')}: ${issue?.message ?? 'invalid'}`);
}

export interface Cmi5StatementInput {
  readonly launch: Cmi5Launch;
  readonly launchData: Cmi5LaunchData;
  readonly id: string;
  readonly timestamp: string;
  /** Milliseconds since initialized, for result.duration (not on initialized). */
  readonly durationMs?: number;
  readonly score?: { readonly scaled: number; readonly raw: number; readonly min: number; readonly max: number };
}

/**
 * One cmi5-defined statement: the launch's actor and activity, the LMS's context template with
 * the registration and the cmi5 category (and the moveon category for completed, passed and
 * failed), and the result each verb requires.
 */
export function cmi5Statement(verb: Cmi5Verb, input: Cmi5StatementInput): Record<string, unknown> {
  const template = input.launchData.contextTemplate;
  const moveOn = verb === 'completed' || verb === 'passed' || verb === 'failed';
  const extensions = { ...template.extensions };
  if ((verb === 'passed' || verb === 'failed') && input.launchData.masteryScore !== undefined) extensions[MASTERY_SCORE_EXTENSION] = input.launchData.masteryScore;
  const result: Record<string, unknown> = {};
  if (verb === 'completed') result.completion = true;
  if (verb === 'passed' || verb === 'failed') {
    result.success = verb === 'passed';
    if (input.score) result.score = { ...input.score };
  }
  if (verb !== 'initialized' && input.durationMs !== undefined) result.duration = iso8601Duration(input.durationMs);
  return {
    id: input.id,
    timestamp: input.timestamp,
    actor: input.launch.actor,
    verb: { id: `http://adlnet.gov/expapi/verbs/${verb}`, display: { 'en-US': verb } },
    object: { id: input.launch.activityId, objectType: 'Activity' },
    ...(Object.keys(result).length > 0 ? { result } : {}),
    context: {
      ...template,
      registration: input.launch.registration,
      contextActivities: {
        ...template.contextActivities,
        category: [...(template.contextActivities?.category ?? []), CMI5_CATEGORY, ...(moveOn ? [MOVEON_CATEGORY] : [])],
      },
      ...(Object.keys(extensions).length > 0 ? { extensions } : {}),
    },
  };
}

/**
 * passed or failed for a scaled score: by the LMS's mastery score when it set one (cmi5 requires
 * it), else by the force policy's passing bands; null when neither decides.
 */
export function cmi5Judgement(status: 'passed' | 'failed' | 'completed', scaled: number, masteryScore: number | undefined): 'passed' | 'failed' | null {
  if (masteryScore !== undefined) return scaled >= masteryScore ? 'passed' : 'failed';
  return status === 'completed' ? null : status;
}

/** Fetches the token, reads LMS.LaunchData and sends initialized; reports the first completed attempt. */
export async function startCmi5Reporter(query: Cmi5LaunchQuery, win: Window): Promise<LmsReporter> {
  const launch = parseCmi5Launch(query);
  const endpoint = launch.endpoint.endsWith('/') ? launch.endpoint : `${launch.endpoint}/`;
  const tokenResponse = await win.fetch(launch.fetch, { method: 'POST' });
  const token = z.object({ 'auth-token': z.string().min(1) }).safeParse(await tokenResponse.json().catch(() => null));
  if (!tokenResponse.ok || !token.success) throw new Error(`cmi5: the LMS gave no auth token at ${launch.fetch} (HTTP ${tokenResponse.status}).`);
  const headers = { Authorization: `Basic ${token.data['auth-token']}`, 'X-Experience-API-Version': XAPI_VERSION };

  const stateUrl = new URL('activities/state', endpoint);
  stateUrl.search = new URLSearchParams({ stateId: 'LMS.LaunchData', activityId: launch.activityId, agent: JSON.stringify(launch.actor), registration: launch.registration }).toString();
  const stateResponse = await win.fetch(stateUrl, { headers });
  const launchData = launchDataSchema.safeParse(await stateResponse.json().catch(() => null));
  if (!stateResponse.ok || !launchData.success) throw new Error(`cmi5: LMS.LaunchData could not be read (HTTP ${stateResponse.status}).`);

  const startedAt = win.performance.now();
  const send = async (statements: Record<string, unknown>[]) => {
    const response = await win.fetch(new URL('statements', endpoint), {
      method: 'POST',
      headers: { ...headers, 'Content-Type': 'application/json' },
      body: JSON.stringify(statements),
      keepalive: true,
    });
    if (!response.ok) throw new Error(`cmi5: the LRS refused the statements (HTTP ${response.status}).`);
  };
  const input = (extra: Partial<Cmi5StatementInput> = {}): Cmi5StatementInput => ({
    launch,
    launchData: launchData.data,
    id: win.crypto.randomUUID(),
    timestamp: new Date().toISOString(),
    durationMs: win.performance.now() - startedAt,
    ...extra,
  });
  await send([cmi5Statement('initialized', input())]);

  let terminated = false;
  const terminate = () => {
    if (terminated) return Promise.resolve();
    terminated = true;
    return send([cmi5Statement('terminated', input())]);
  };
  win.addEventListener('pagehide', () => void terminate().catch(() => {}));
  return {
    async report(attempt, policy) {
      // One AU session reports one attempt: cmi5 allows completed and passed/failed once each.
      if (terminated) return;
      const outcome = lmsOutcome(attempt.report, policy);
      const statements: Record<string, unknown>[] = [];
      if (launchData.data.launchMode === 'Normal') {
        statements.push(cmi5Statement('completed', input()));
        const judgement = cmi5Judgement(outcome.status, outcome.scoreScaled, launchData.data.masteryScore);
        if (judgement) {
          statements.push(cmi5Statement(judgement, input({ score: { scaled: outcome.scoreScaled, raw: outcome.scoreRaw, min: outcome.scoreMin, max: outcome.scoreMax } })));
        }
      }
      terminated = true;
      statements.push(cmi5Statement('terminated', input()));
      await send(statements);
    },
  };
}
