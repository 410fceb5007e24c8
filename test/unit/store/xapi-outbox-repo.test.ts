import { describe, expect, it, vi } from 'vitest';
import { createAttemptsRepo } from '../../../src/store/attempts-repo';
import { createXapiOutboxRepo, outboxRowsFor } from '../../../src/store/xapi-outbox-repo';
import { buildAttempt } from './attempt-builder';
import { useFreshDatabases } from './fresh-databases';

const freshDb = useFreshDatabases();
const AT = new Date('2026-11-27T10:00:00.000Z');
const ids = ['5b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d', '6c2d3e4f-5061-4b7c-9d8e-0f1a2b3c4d5e'];
const statements = ids.map((id) => ({ id, verb: { id: 'http://adlnet.gov/expapi/verbs/launched' } }));

describe('queueing statements with their attempt', () => {
  it('saves the attempt and its statements in one transaction', async () => {
    const db = freshDb();
    const attempt = buildAttempt();
    await createAttemptsRepo(db).saveAttempt(attempt, { outbox: outboxRowsFor(attempt.id, statements, AT) });
    const waiting = await createXapiOutboxRepo(db).listWaiting(10);
    expect(waiting.map((r) => [r.id, r.attemptId, r.sequence, r.state])).toEqual([
      [ids[0], attempt.id, 0, 'waiting'],
      [ids[1], attempt.id, 1, 'waiting'],
    ]);
  });

  it('saves neither when the statements cannot be written', async () => {
    const db = freshDb();
    const attempt = buildAttempt();
    const spy = vi.spyOn(db.xapiOutbox, 'bulkAdd').mockRejectedValueOnce(new DOMException('full', 'QuotaExceededError'));
    await expect(createAttemptsRepo(db).saveAttempt(attempt, { outbox: outboxRowsFor(attempt.id, statements, AT) })).rejects.toMatchObject({ code: 'storage-full' });
    spy.mockRestore();
    expect(await db.attempts.count()).toBe(0);
    expect(await db.xapiOutbox.count()).toBe(0);
  });

  it('keeps a statement already sent as sent when the same attempt is saved again (idempotent)', async () => {
    const db = freshDb();
    const attempt = buildAttempt();
    const repo = createAttemptsRepo(db);
    const outbox = createXapiOutboxRepo(db);
    await repo.saveAttempt(attempt, { outbox: outboxRowsFor(attempt.id, statements, AT) });
    await outbox.markSent([ids[0]!], AT);
    await repo.saveAttempt(attempt, { outbox: outboxRowsFor(attempt.id, statements, AT) });
    expect((await outbox.summary())).toMatchObject({ waiting: 1, sent: 1 });
  });

  it('records a failed try with its error and reports it in the summary, without the secret', async () => {
    const db = freshDb();
    const attempt = buildAttempt();
    const outbox = createXapiOutboxRepo(db);
    await outbox.saveConnection({ endpoint: 'http://127.0.0.1:4199/xapi', username: 'key', password: 'top-secret', activityBase: 'https://call-trainer.invalid/' }, AT);
    await createAttemptsRepo(db).saveAttempt(attempt, { outbox: outboxRowsFor(attempt.id, statements, AT) });
    await outbox.markFailed(ids, 'the LRS answered HTTP 503', new Date('2026-11-27T10:00:05.000Z'));
    const summary = await outbox.summary();
    expect(summary).toEqual({
      connection: { endpoint: 'http://127.0.0.1:4199/xapi/', username: 'key', activityBase: 'https://call-trainer.invalid' },
      waiting: 2,
      sent: 0,
      lastError: 'the LRS answered HTTP 503',
      lastTriedAt: '2026-11-27T10:00:05.000Z',
      unreadable: 0,
    });
    expect(JSON.stringify(summary)).not.toContain('top-secret');
    expect((await outbox.listWaiting(10))[0]!.tries).toBe(1);
  });
});

describe('the LRS connection', () => {
  it.each([
    ['https://lrs.example.org/xapi', 'https://lrs.example.org/xapi/'],
    ['http://localhost:8080/xapi/', 'http://localhost:8080/xapi/'],
    ['http://127.0.0.1:4192/xapi', 'http://127.0.0.1:4192/xapi/'],
  ])('accepts %s as %s', async (endpoint, stored) => {
    const saved = await createXapiOutboxRepo(freshDb()).saveConnection({ endpoint, username: 'k', password: 's', activityBase: 'https://call-trainer.invalid' }, AT);
    expect(saved.endpoint).toBe(stored);
  });

  it.each([
    ['http://lrs.example.org/xapi', /must use https/],
    ['lrs.example.org', /full web address/],
    ['https://user:pw@lrs.example.org/xapi', /own fields/],
    ['https://lrs.example.org/xapi?x=1', /query/],
    ['', /enter the LRS endpoint/],
  ])('refuses %s', async (endpoint, reason) => {
    const db = freshDb();
    await expect(createXapiOutboxRepo(db).saveConnection({ endpoint, username: 'k', password: 's', activityBase: 'https://call-trainer.invalid' }, AT)).rejects.toMatchObject({
      code: 'invalid-record',
      message: expect.stringMatching(reason),
    });
    expect(await db.lrsConnection.count()).toBe(0);
  });
});
