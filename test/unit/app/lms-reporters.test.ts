import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cmi5Judgement, cmi5Statement, parseCmi5Launch, startCmi5Reporter, type Cmi5LaunchData } from '../../../src/app/cmi5-reporter';
import { detectLmsLaunch, type Scorm12Api } from '../../../src/app/lms-launch';
import { startScorm12Reporter } from '../../../src/app/scorm12-reporter';
import { parseForcePolicy } from '../../../src/domain/force-policy-schema';
import type { ScoreReport } from '../../../src/domain/score-report-schema';

const policyFile = path.join(import.meta.dirname, '../../../scenarios/force-policies/national-call-handling-standards.json');
const policy = parseForcePolicy(JSON.parse(fs.readFileSync(policyFile, 'utf8')), policyFile);
const attempt = (percent: number, band: string) => ({ report: { percent, band: { id: band, label: band } } as ScoreReport });

const actor = { objectType: 'Agent', name: 'Sam Trainee', account: { homePage: 'https://lms.example', name: 'sam' } };
const query = {
  endpoint: 'http://127.0.0.1:9999/xapi/',
  fetch: 'http://127.0.0.1:9999/token?k=1',
  actor: JSON.stringify(actor),
  registration: '4e1d7f2c-2b6a-4c1f-9f3e-0a1b2c3d4e5f',
  activityId: 'https://call-trainer.example/course/call-trainer/au/call-trainer',
};
const launchData: Cmi5LaunchData = {
  contextTemplate: {
    contextActivities: { grouping: [{ id: 'https://call-trainer.example/course/call-trainer' }] },
    extensions: { 'https://w3id.org/xapi/cmi5/context/extensions/sessionid': 'session-1' },
  },
  launchMode: 'Normal',
  moveOn: 'CompletedOrPassed',
};

/** A window with just what the reporters use; `pagehide()` fires the page's pagehide listeners. */
function fakeWindow(options: { search?: string; fetch?: typeof fetch; parent?: unknown; api?: unknown; opener?: unknown } = {}) {
  const listeners: (() => void)[] = [];
  let now = 0;
  const win = {
    location: { search: options.search ?? '' },
    performance: { now: () => (now += 1_500) },
    crypto: { randomUUID: () => crypto.randomUUID() },
    fetch: options.fetch,
    API: options.api,
    opener: options.opener ?? null,
    addEventListener: (type: string, listener: () => void) => {
      if (type === 'pagehide') listeners.push(listener);
    },
  } as Record<string, unknown>;
  win.parent = options.parent ?? win;
  return { win: win as unknown as Window, pagehide: () => listeners.forEach((listener) => listener()) };
}

describe('detectLmsLaunch', () => {
  const api = { LMSInitialize: () => 'true' };
  /** A top-level parent frame holding `API`. */
  const parentWith = (value: unknown): { API: unknown; parent: unknown } => {
    const frame: { API: unknown; parent: unknown } = { API: value, parent: null };
    frame.parent = frame;
    return frame;
  };
  it.each([
    ['no LMS', {}, null],
    ['cmi5 launch parameters', { search: `?${new URLSearchParams(query)}` }, 'cmi5'],
    ['only some cmi5 parameters', { search: '?endpoint=x&fetch=y' }, null],
    ['a SCORM API on the parent frame', { parent: parentWith(api) }, 'scorm12'],
    ['a SCORM API on the opener', { opener: { API: api } }, 'scorm12'],
    ['an API without LMSInitialize', { parent: parentWith({}) }, null],
  ])('%s', (_name, options, kind) => {
    expect(detectLmsLaunch(fakeWindow(options).win)?.kind ?? null).toBe(kind);
  });

  it('skips a parent from another origin instead of failing', () => {
    const crossOrigin = new Proxy({}, { get: () => { throw new DOMException('Blocked a frame', 'SecurityError'); } });
    expect(detectLmsLaunch(fakeWindow({ parent: crossOrigin }).win)).toBeNull();
  });
});

describe('SCORM 1.2 reporter', () => {
  function fakeApi() {
    const calls: string[] = [];
    const values = new Map<string, string>([['cmi.core.lesson_status', 'not attempted']]);
    const api: Scorm12Api = {
      LMSInitialize: () => (calls.push('LMSInitialize'), 'true'),
      LMSFinish: () => (calls.push('LMSFinish'), 'true'),
      LMSGetValue: (element) => values.get(element) ?? '',
      LMSSetValue: (element, value) => (calls.push(`${element}=${value}`), values.set(element, value), 'true'),
      LMSCommit: () => (calls.push('LMSCommit'), 'true'),
      LMSGetLastError: () => '0',
    };
    return { api, calls, values };
  }

  it('initialises, reports each attempt with a commit, and finishes when the page goes', async () => {
    const { api, calls, values } = fakeApi();
    const { win, pagehide } = fakeWindow();
    const reporter = startScorm12Reporter(api, win);
    expect(calls).toEqual(['LMSInitialize', 'cmi.core.lesson_status=incomplete']);
    await reporter.report(attempt(85.126, 'competent'), policy);
    expect(values.get('cmi.core.lesson_status')).toBe('passed');
    expect(values.get('cmi.core.score.raw')).toBe('85.13');
    expect(values.get('cmi.core.score.min')).toBe('0');
    expect(values.get('cmi.core.score.max')).toBe('100');
    expect(values.get('cmi.core.session_time')).toMatch(/^00:00:0\d\.\d\d$/);
    expect(calls.at(-1)).toBe('LMSCommit');
    await reporter.report(attempt(40, 'not-yet-competent'), policy);
    expect(values.get('cmi.core.lesson_status')).toBe('failed');
    pagehide();
    expect(calls.at(-1)).toBe('LMSFinish');
  });

  it('says so when the LMS refuses to start the session', () => {
    const { api } = fakeApi();
    expect(() => startScorm12Reporter({ ...api, LMSInitialize: () => 'false', LMSGetLastError: () => '101' }, fakeWindow().win)).toThrow(/error 101/);
  });
});

describe('cmi5 statements', () => {
  const launch = parseCmi5Launch(query);
  const base = { launch, launchData, id: 'id-1', timestamp: '2026-11-27T10:00:00.000Z' };

  it('refuses bad launch parameters, naming the parameter', () => {
    expect(() => parseCmi5Launch({ ...query, actor: '{not json' })).toThrow(/actor/);
    expect(() => parseCmi5Launch({ ...query, registration: 'nope' })).toThrow(/registration/);
    expect(() => parseCmi5Launch({ ...query, endpoint: 'not a url' })).toThrow(/endpoint/);
  });

  it('initialized: actor, verb, activity, the context template with registration and the cmi5 category, no result', () => {
    const statement = cmi5Statement('initialized', { ...base, durationMs: 10 });
    expect(statement).toEqual({
      id: 'id-1',
      timestamp: '2026-11-27T10:00:00.000Z',
      actor,
      verb: { id: 'http://adlnet.gov/expapi/verbs/initialized', display: { 'en-US': 'initialized' } },
      object: { id: query.activityId, objectType: 'Activity' },
      context: {
        registration: query.registration,
        contextActivities: {
          grouping: [{ id: 'https://call-trainer.example/course/call-trainer' }],
          category: [{ id: 'https://w3id.org/xapi/cmi5/context/categories/cmi5', objectType: 'Activity' }],
        },
        extensions: { 'https://w3id.org/xapi/cmi5/context/extensions/sessionid': 'session-1' },
      },
    });
  });

  it.each([
    ['completed', { completion: true, duration: 'PT1M5S' }],
    ['passed', { success: true, score: { scaled: 0.85, raw: 85, min: 0, max: 100 }, duration: 'PT1M5S' }],
    ['failed', { success: false, score: { scaled: 0.85, raw: 85, min: 0, max: 100 }, duration: 'PT1M5S' }],
  ] as const)('%s carries the moveon category and its result', (verb, result) => {
    const statement = cmi5Statement(verb, { ...base, durationMs: 65_000, score: { scaled: 0.85, raw: 85, min: 0, max: 100 } }) as { result: unknown; context: { contextActivities: { category: { id: string }[] } } };
    expect(statement.result).toEqual(result);
    expect(statement.context.contextActivities.category.map((c) => c.id)).toEqual([
      'https://w3id.org/xapi/cmi5/context/categories/cmi5',
      'https://w3id.org/xapi/cmi5/context/categories/moveon',
    ]);
  });

  it('adds the mastery score to passed and failed when the LMS set one', () => {
    const statement = cmi5Statement('passed', { ...base, launchData: { ...launchData, masteryScore: 0.8 }, score: { scaled: 0.9, raw: 90, min: 0, max: 100 } }) as { context: { extensions: Record<string, unknown> } };
    expect(statement.context.extensions['https://w3id.org/xapi/cmi5/context/extensions/masteryscore']).toBe(0.8);
  });

  it.each([
    ['passed', 0.9, undefined, 'passed'],
    ['failed', 0.5, undefined, 'failed'],
    ['completed', 0.5, undefined, null],
    ['failed', 0.9, 0.85, 'passed'], // the LMS's mastery score decides
    ['passed', 0.8, 0.85, 'failed'],
  ] as const)('policy says %s, scaled %d, mastery %s: %s', (status, scaled, mastery, expected) => {
    expect(cmi5Judgement(status, scaled, mastery)).toBe(expected);
  });
});

describe('cmi5 reporter against a fake LMS', () => {
  it('fetches the token, reads LMS.LaunchData, sends initialized, then completed, passed or failed and terminated once', async () => {
    const requests: { method: string; url: string; headers: Record<string, string>; body?: unknown }[] = [];
    const fetchFake = (async (input: string | URL, init: RequestInit = {}) => {
      const url = String(input);
      requests.push({ method: init.method ?? 'GET', url, headers: (init.headers ?? {}) as Record<string, string>, ...(init.body ? { body: JSON.parse(String(init.body)) } : {}) });
      if (url === query.fetch) return Response.json({ 'auth-token': 'dG9rZW4=' });
      if (url.startsWith(`${query.endpoint}activities/state?`)) return Response.json(launchData);
      if (url === `${query.endpoint}statements`) return Response.json(['ok']);
      return new Response('not found', { status: 404 });
    }) as typeof fetch;
    const { win, pagehide } = fakeWindow({ fetch: fetchFake });
    const reporter = await startCmi5Reporter(query, win);
    expect(requests.map((r) => `${r.method} ${r.url.split('?')[0]}`)).toEqual([`POST ${query.fetch.split('?')[0]}`, `GET ${query.endpoint}activities/state`, `POST ${query.endpoint}statements`]);
    const state = new URL(requests[1]!.url).searchParams;
    expect(Object.fromEntries(state)).toEqual({ stateId: 'LMS.LaunchData', activityId: query.activityId, agent: query.actor, registration: query.registration });
    expect(requests[2]!.headers).toMatchObject({ Authorization: 'Basic dG9rZW4=', 'X-Experience-API-Version': '1.0.3' });

    await reporter.report(attempt(92, 'high'), policy);
    await reporter.report(attempt(10, 'not-yet-competent'), policy); // after terminated: nothing more
    pagehide();
    const verbs = requests.filter((r) => r.body).flatMap((r) => (r.body as { verb: { display: { 'en-US': string } } }[]).map((s) => s.verb.display['en-US']));
    expect(verbs).toEqual(['initialized', 'completed', 'passed', 'terminated']);
    const passed = (requests[3]!.body as { result: unknown }[])[1]!;
    expect(passed.result).toMatchObject({ success: true, score: { scaled: 0.92, raw: 92, min: 0, max: 100 } });
  });

  it('stops with a clear message when the LMS gives no token', async () => {
    const fetchFake = (async () => Response.json({ 'error-code': '1', 'error-text': 'already fetched' }, { status: 400 })) as typeof fetch;
    await expect(startCmi5Reporter(query, fakeWindow({ fetch: fetchFake }).win)).rejects.toThrow(/no auth token/);
  });
});
