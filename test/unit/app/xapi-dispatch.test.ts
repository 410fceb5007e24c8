import { validateStatement } from '../../fixtures/xapi-validator';
import { afterEach, describe, expect, it } from 'vitest';
import { createXapiDispatch, type DispatchEnvironment } from '../../../src/app/xapi-dispatch';
import { postStatements } from '../../../src/app/lrs-sender';
import { backoffDelayMs, DEFAULT_BACKOFF } from '../../../src/domain/retry-backoff';
import { buildAttemptStatements } from '../../../src/domain/xapi-statements';
import { createAttemptsRepo } from '../../../src/store/attempts-repo';
import { createXapiOutboxRepo, outboxRowsFor } from '../../../src/store/xapi-outbox-repo';
import { defaultPolicy } from '../../fixtures/default-policy';
import { buildAttempt } from '../store/attempt-builder';
import { useFreshDatabases } from '../store/fresh-databases';
import { startTestLrs } from '../../fixtures/test-lrs-server';

const freshDb = useFreshDatabases();
const policy = defaultPolicy();

/** A clock whose timers fire only when the test advances it, and a switchable connection. */
class FakeEnvironment implements DispatchEnvironment {
  time = Date.parse('2026-11-27T10:00:00.000Z');
  online = true;
  timers: { at: number; run: () => void; id: number }[] = [];
  private nextId = 1;
  private listeners: { onOnline: () => void; onOffline: () => void }[] = [];
  now = () => this.time;
  random = () => 0.5;
  setTimer = (run: () => void, ms: number) => {
    const id = this.nextId++;
    this.timers.push({ at: this.time + ms, run, id });
    return id;
  };
  clearTimer = (handle: unknown) => {
    this.timers = this.timers.filter((t) => t.id !== handle);
  };
  isOnline = () => this.online;
  watchConnectivity = (onOnline: () => void, onOffline: () => void) => {
    const entry = { onOnline, onOffline };
    this.listeners.push(entry);
    return () => (this.listeners = this.listeners.filter((l) => l !== entry));
  };
  /** Moves the clock on and runs the timers that fall due. */
  advance(ms: number): void {
    this.time += ms;
    const due = this.timers.filter((t) => t.at <= this.time);
    this.timers = this.timers.filter((t) => t.at > this.time);
    for (const timer of due) timer.run();
  }
  setOnline(online: boolean): void {
    this.online = online;
    for (const l of this.listeners) (online ? l.onOnline : l.onOffline)();
  }
}

const servers: { close: () => Promise<void> }[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

async function setUp(options: { endpoint: string; attempts?: number }) {
  const db = freshDb();
  const outbox = createXapiOutboxRepo(db);
  await outbox.saveConnection({ endpoint: options.endpoint, username: 'call-trainer', password: 'secret 42', activityBase: 'https://call-trainer.invalid' }, new Date());
  const queued: string[] = [];
  for (let i = 0; i < (options.attempts ?? 1); i += 1) {
    const attempt = buildAttempt({ scenarioVersion: 1 });
    const statements = buildAttemptStatements({ ...attempt, profile: { id: attempt.profileId, name: 'Sam' } }, policy, { activityBase: 'https://call-trainer.invalid' });
    await createAttemptsRepo(db).saveAttempt(attempt, { outbox: outboxRowsFor(attempt.id, statements, new Date()) });
    queued.push(...statements.map((s) => s.id!));
  }
  const env = new FakeEnvironment();
  const dispatch = createXapiDispatch({ outbox, post: (c, s) => postStatements(c, s as never), env, batchSize: 50 });
  return { db, outbox, env, dispatch, queued };
}

describe('backoffDelayMs', () => {
  it.each([
    [1, 0, 2_500],
    [1, 0.999, 4_998],
    [2, 0.5, 7_500],
    [3, 0.5, 15_000],
    [4, 1, 40_000],
    [7, 1, 300_000],
    [20, 1, 300_000],
    [20, 0, 150_000],
  ])('after %i failure(s) with random %f waits %i ms (exponential, equal jitter, capped at 5 min)', (failures, random, expected) => {
    expect(backoffDelayMs(failures, random)).toBe(expected);
  });
  it('never exceeds the cap', () => {
    for (let n = 1; n < 40; n += 1) expect(backoffDelayMs(n, 0.9999)).toBeLessThanOrEqual(DEFAULT_BACKOFF.capMs);
  });
});

describe('xAPI dispatch to a statements endpoint on localhost', () => {
  it('posts every queued statement with the xAPI version header and Basic auth, each valid, and marks them sent', async () => {
    const lrs = await startTestLrs();
    servers.push(lrs);
    const { outbox, dispatch, queued } = await setUp({ endpoint: lrs.endpoint });
    await dispatch.sendNow();

    const posted = lrs.received.flatMap((r) => r.statements);
    expect(posted.map((s) => s.id)).toEqual(queued);
    for (const statement of posted) expect(validateStatement(statement)).toEqual([]);
    expect(lrs.received[0]!.headers['x-experience-api-version']).toBe('1.0.3');
    expect(lrs.received[0]!.headers.authorization).toBe(`Basic ${Buffer.from('call-trainer:secret 42').toString('base64')}`);
    expect(await outbox.summary()).toMatchObject({ waiting: 0, sent: queued.length });
    expect(dispatch.status()).toMatchObject({ phase: 'idle', failures: 0 });
  });

  it('after a 503 keeps the statements with the error, retries on the backoff schedule, and then delivers', async () => {
    const lrs = await startTestLrs();
    servers.push(lrs);
    const { outbox, env, dispatch, queued } = await setUp({ endpoint: lrs.endpoint });
    lrs.failNext(503, 503);

    await dispatch.sendNow();
    expect(dispatch.status()).toMatchObject({ phase: 'waiting-to-retry', failures: 1, nextTryAt: env.time + backoffDelayMs(1, 0.5) });
    expect(dispatch.status().lastError).toMatch(/HTTP 503.*test LRS says 503/);
    expect(await outbox.summary()).toMatchObject({ waiting: queued.length, sent: 0, lastError: expect.stringMatching(/503/) });

    // Nothing happens before the delay is up.
    env.advance(backoffDelayMs(1, 0.5) - 1);
    expect(lrs.received).toHaveLength(0);
    env.advance(1);
    await expect.poll(() => dispatch.status().failures).toBe(2);
    expect(dispatch.status().nextTryAt).toBe(env.time + backoffDelayMs(2, 0.5));

    env.advance(backoffDelayMs(2, 0.5));
    await expect.poll(() => dispatch.status().phase).toBe('idle');
    expect(lrs.received.flatMap((r) => r.statements).map((s) => s.id)).toEqual(queued);
    expect(await outbox.summary()).toMatchObject({ waiting: 0, sent: queued.length });
  });

  it('does not retry a request the LRS refused (401) until Send now', async () => {
    const lrs = await startTestLrs();
    servers.push(lrs);
    const { env, dispatch } = await setUp({ endpoint: lrs.endpoint });
    lrs.failNext(401);
    await dispatch.sendNow();
    expect(dispatch.status()).toMatchObject({ phase: 'stopped', lastError: expect.stringMatching(/HTTP 401/) });
    expect(env.timers).toHaveLength(0);
    await dispatch.sendNow();
    expect(dispatch.status().phase).toBe('idle');
    expect(lrs.received).toHaveLength(1);
  });

  it('waits while offline and sends when the connection returns', async () => {
    const lrs = await startTestLrs();
    servers.push(lrs);
    const { env, dispatch, outbox, queued } = await setUp({ endpoint: lrs.endpoint });
    env.online = false;
    dispatch.start();
    await expect.poll(() => dispatch.status().phase).toBe('offline');
    dispatch.queued();
    expect(lrs.received).toHaveLength(0);
    expect(await outbox.summary()).toMatchObject({ waiting: queued.length });

    env.setOnline(true);
    await expect.poll(() => dispatch.status().phase).toBe('idle');
    expect(lrs.received.flatMap((r) => r.statements)).toHaveLength(queued.length);
    dispatch.stop();
  });

  it('an unreachable LRS is retried with backoff; statements stay queued', async () => {
    const { env, dispatch, outbox, queued } = await setUp({ endpoint: 'http://127.0.0.1:9/xapi/' });
    await dispatch.sendNow();
    expect(dispatch.status()).toMatchObject({ phase: 'waiting-to-retry', failures: 1, lastError: expect.stringMatching(/could not be reached/) });
    expect(env.timers).toHaveLength(1);
    expect(await outbox.summary()).toMatchObject({ waiting: queued.length });
  });

  it('sends in batches, oldest first', async () => {
    const lrs = await startTestLrs();
    servers.push(lrs);
    const { db, outbox, queued } = await setUp({ endpoint: lrs.endpoint, attempts: 3 });
    const dispatch = createXapiDispatch({ outbox, post: (c, s) => postStatements(c, s as never), env: new FakeEnvironment(), batchSize: 10 });
    await dispatch.sendNow();
    expect(lrs.received.map((r) => r.statements.length).every((n) => n <= 10)).toBe(true);
    expect(lrs.received.flatMap((r) => r.statements).map((s) => s.id).sort()).toEqual([...queued].sort());
    expect(await db.xapiOutbox.where('state').equals('waiting').count()).toBe(0);
  });

  it('sends nothing when no LRS is configured', async () => {
    const db = freshDb();
    const calls: unknown[] = [];
    const dispatch = createXapiDispatch({ outbox: createXapiOutboxRepo(db), post: async (...args) => void calls.push(args), env: new FakeEnvironment() });
    await dispatch.sendNow();
    expect(dispatch.status().phase).toBe('not-configured');
    expect(calls).toEqual([]);
  });
});
