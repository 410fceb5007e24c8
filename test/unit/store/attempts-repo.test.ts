import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAttemptsRepo, type AttemptList, type AttemptLookup } from '../../../src/store/attempts-repo';
import type { AttemptRecord } from '../../../src/store/attempt-record';
import { StoreError } from '../../../src/store/store-error';
import { useFreshDatabases } from './fresh-databases';
import { buildAttempt, buildScoreReport, TEST_PROFILE_ID } from './attempt-builder';

const OTHER_PROFILE_ID = '0d3f5a7b-9c1e-4f2a-8b6d-4e5f6a7b8c9d';
const QUOTA_MESSAGE = 'This attempt was not saved: this device is out of storage. Earlier attempts are safe. Free some space (or export a backup), then try again.';

const freshDb = useFreshDatabases();

afterEach(() => {
  vi.restoreAllMocks();
});

/** What a save rejected with (fails the test when it resolved). */
async function rejectionOf(promise: Promise<unknown>): Promise<StoreError> {
  const error: unknown = await promise.then(
    () => expect.fail('expected the promise to reject'),
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(StoreError);
  return error as StoreError;
}

describe('saveAttempt and getAttempt', () => {
  it('reads back exactly what was saved', async () => {
    const repo = createAttemptsRepo(freshDb());
    const attempt = buildAttempt();

    await expect(repo.saveAttempt(attempt)).resolves.toEqual(attempt);

    expect(await repo.getAttempt(attempt.id)).toEqual({ kind: 'found', attempt });
  });

  it('says an unknown id is missing', async () => {
    const repo = createAttemptsRepo(freshDb());
    const id = crypto.randomUUID();
    expect(await repo.getAttempt(id)).toEqual({ kind: 'missing', id });
  });

  it('replaces an attempt saved again under the same id (a retried save is harmless)', async () => {
    const db = freshDb();
    const repo = createAttemptsRepo(db);
    const attempt = buildAttempt();
    await repo.saveAttempt(attempt);
    await repo.saveAttempt({ ...attempt, mode: 'assessment' });

    expect(await db.attempts.count()).toBe(1);
    expect(await repo.getAttempt(attempt.id)).toMatchObject({ kind: 'found', attempt: { mode: 'assessment' } });
  });
});

describe('listAttempts', () => {
  it("lists only the profile's attempts, newest completedAt first", async () => {
    const repo = createAttemptsRepo(freshDb());
    const middle = buildAttempt({ completedAt: '2025-03-02T09:00:00.000Z' });
    const oldest = buildAttempt({ completedAt: '2025-03-01T09:00:00.000Z' });
    const newest = buildAttempt({ completedAt: '2025-03-03T09:00:00.000Z' });
    const someoneElses = buildAttempt({ profileId: OTHER_PROFILE_ID, completedAt: '2025-03-04T09:00:00.000Z' });
    for (const attempt of [middle, oldest, someoneElses, newest]) await repo.saveAttempt(attempt);

    const list = await repo.listAttempts(TEST_PROFILE_ID);

    expect(list.attempts.map((a) => a.id)).toEqual([newest.id, middle.id, oldest.id]);
    expect(list.unreadable).toEqual([]);
    expect((await repo.listAttempts(OTHER_PROFILE_ID)).attempts).toEqual([someoneElses]);
  });

  it('gives an empty list for a profile with no attempts', async () => {
    const repo = createAttemptsRepo(freshDb());
    expect(await repo.listAttempts(TEST_PROFILE_ID)).toEqual({ attempts: [], unreadable: [] });
  });
});

describe('invalid records', () => {
  it('refuses a record that fails the schema, naming the field, and writes nothing', async () => {
    const db = freshDb();
    const repo = createAttemptsRepo(db);
    const bad = buildAttempt({ report: buildScoreReport({ percent: 150 }) });

    const error = await rejectionOf(repo.saveAttempt(bad));

    expect(error.code).toBe('invalid-record');
    expect(error.message).toMatch(/^This attempt was not saved: it is not a valid attempt record\. /);
    expect(error.message).toContain('$.report.percent');
    expect(await db.attempts.count()).toBe(0);
  });

  it('names every field at fault, including nested THRIVE ratings', async () => {
    const repo = createAttemptsRepo(freshDb());
    const attempt = buildAttempt();
    const bad = {
      ...attempt,
      mode: 'exam',
      completedAt: '1 March 2025',
      response: {
        ...attempt.response,
        assessment: {
          ...attempt.response.assessment,
          thrive: { ...attempt.response.assessment.thrive, risk: { rating: 'Very High', rationale: '' } },
        },
      },
    } as unknown as AttemptRecord;

    const error = await rejectionOf(repo.saveAttempt(bad));

    expect(error.message).toContain('$.mode');
    expect(error.message).toContain('$.completedAt');
    expect(error.message).toContain('$.response.assessment.thrive.risk.rating');
  });
});

describe('corrupt stored records', () => {
  it('reports them as unreadable, by id and field, while the valid ones still list', async () => {
    const db = freshDb();
    const repo = createAttemptsRepo(db);
    const good = buildAttempt();
    await repo.saveAttempt(good);
    // Written behind the repository's back, as a bug or a hand-edited backup might.
    const badPercent = { ...buildAttempt(), report: { ...buildScoreReport(), percent: 150 } };
    const { completedAt: _dropped, ...noCompletedAt } = buildAttempt();
    await db.attempts.put(badPercent);
    await db.attempts.put(noCompletedAt);

    const list = await repo.listAttempts(TEST_PROFILE_ID);

    expect(list.attempts).toEqual([good]);
    const byId = new Map(list.unreadable.map((u) => [u.id, u]));
    expect([...byId.keys()].sort()).toEqual([badPercent.id, noCompletedAt.id].sort());
    expect(byId.get(badPercent.id)?.issues.map((i) => i.path)).toEqual(['$.report.percent']);
    expect(byId.get(badPercent.id)?.reason).toMatch(new RegExp(`^Saved attempt ${badPercent.id} could not be read: \\$\\.report\\.percent: `));
    expect(byId.get(noCompletedAt.id)?.issues.map((i) => i.path)).toEqual(['$.completedAt']);
  });

  it('reports a single corrupt attempt as unreadable rather than missing', async () => {
    const db = freshDb();
    const repo = createAttemptsRepo(db);
    const attempt = { ...buildAttempt(), recordVersion: 2 };
    await db.attempts.put(attempt);

    const lookup = await repo.getAttempt(attempt.id);

    expect(lookup.kind).toBe('unreadable');
    if (lookup.kind !== 'unreadable') return;
    expect(lookup.unreadable.id).toBe(attempt.id);
    expect(lookup.unreadable.issues).toEqual([
      {
        path: '$.recordVersion',
        message: 'this attempt was saved by a newer version of call-trainer (record version 2; this version reads 1)',
      },
    ]);
  });
});

describe('observeAttempts and observeAttempt', () => {
  it('delivers the current list, then a new one after each save, until unsubscribed', async () => {
    const repo = createAttemptsRepo(freshDb());
    const seen: AttemptList[] = [];
    const onError = vi.fn();
    const unsubscribe = repo.observeAttempts(TEST_PROFILE_ID, (list) => seen.push(list), onError);

    await vi.waitFor(() => expect(seen).toHaveLength(1));
    expect(seen[0]).toEqual({ attempts: [], unreadable: [] });

    const first = buildAttempt({ completedAt: '2025-03-01T10:00:00.000Z' });
    await repo.saveAttempt(first);
    await vi.waitFor(() => expect(seen.at(-1)?.attempts).toEqual([first]));

    const second = buildAttempt({ completedAt: '2025-03-01T11:00:00.000Z' });
    await repo.saveAttempt(second);
    await vi.waitFor(() => expect(seen.at(-1)?.attempts).toEqual([second, first]));

    unsubscribe();
    const count = seen.length;
    await repo.saveAttempt(buildAttempt());
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(seen).toHaveLength(count);
    expect(onError).not.toHaveBeenCalled();
  });

  it("delivers only the observed profile's attempts", async () => {
    const repo = createAttemptsRepo(freshDb());
    const mine: AttemptList[] = [];
    const unsubscribe = repo.observeAttempts(TEST_PROFILE_ID, (list) => mine.push(list), vi.fn());
    await vi.waitFor(() => expect(mine).toHaveLength(1));

    await repo.saveAttempt(buildAttempt({ profileId: OTHER_PROFILE_ID }));
    const own = buildAttempt();
    await repo.saveAttempt(own);

    await vi.waitFor(() => expect(mine.at(-1)?.attempts).toEqual([own]));
    expect(mine.every((list) => list.attempts.every((a) => a.profileId === TEST_PROFILE_ID))).toBe(true);
    unsubscribe();
  });

  it('follows one attempt from missing to found', async () => {
    const repo = createAttemptsRepo(freshDb());
    const attempt = buildAttempt();
    const seen: AttemptLookup[] = [];
    const unsubscribe = repo.observeAttempt(attempt.id, (lookup) => seen.push(lookup), vi.fn());

    await vi.waitFor(() => expect(seen).toEqual([{ kind: 'missing', id: attempt.id }]));
    await repo.saveAttempt(attempt);
    await vi.waitFor(() => expect(seen.at(-1)).toEqual({ kind: 'found', attempt }));
    unsubscribe();
  });

  it('reports a failing read through onError as a StoreError', async () => {
    const db = freshDb();
    const repo = createAttemptsRepo(db);
    vi.spyOn(db.attempts, 'where').mockImplementation(() => {
      throw new DOMException('The database connection is closing.', 'InvalidStateError');
    });
    const onChange = vi.fn();
    const errors: StoreError[] = [];

    const unsubscribe = repo.observeAttempts(TEST_PROFILE_ID, onChange, (error) => errors.push(error));

    await vi.waitFor(() => expect(errors).toHaveLength(1));
    expect(errors[0]).toBeInstanceOf(StoreError);
    expect(errors[0]?.code).toBe('storage-unavailable');
    expect(errors[0]?.message).toMatch(/^Your attempts could not be read: /);
    expect(onChange).not.toHaveBeenCalled();
    unsubscribe();
  });
});

describe('storage full', () => {
  const quotaError = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

  it("gives the storage-full message when the table's put rejects, and keeps earlier attempts", async () => {
    const db = freshDb();
    const repo = createAttemptsRepo(db);
    const earlier = buildAttempt({ completedAt: '2025-03-01T09:00:00.000Z' });
    await repo.saveAttempt(earlier);
    vi.spyOn(db.attempts, 'put').mockRejectedValue(quotaError());

    const error = await rejectionOf(repo.saveAttempt(buildAttempt()));

    expect(error.code).toBe('storage-full');
    expect(error.message).toBe(QUOTA_MESSAGE);
    vi.restoreAllMocks();
    expect(await repo.listAttempts(TEST_PROFILE_ID)).toEqual({ attempts: [earlier], unreadable: [] });
  });

  it('recognises the quota error when IndexedDB itself throws it (through Dexie)', async () => {
    const db = freshDb();
    const repo = createAttemptsRepo(db);
    const earlier = buildAttempt();
    await repo.saveAttempt(earlier);
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
      throw quotaError();
    });

    const error = await rejectionOf(repo.saveAttempt(buildAttempt()));

    expect(error.message).toBe(QUOTA_MESSAGE);
    expect(error.cause).toBeDefined();
    vi.restoreAllMocks();
    expect((await repo.listAttempts(TEST_PROFILE_ID)).attempts).toEqual([earlier]);
    expect(await db.attempts.count()).toBe(1);
  });
});

describe('persistence', () => {
  it('keeps attempts when the database is closed and opened again under the same name', async () => {
    const name = `t-${crypto.randomUUID()}`;
    const first = freshDb(name);
    const attempt = buildAttempt();
    await createAttemptsRepo(first).saveAttempt(attempt);
    first.close();

    const reopened = freshDb(name);

    expect(await createAttemptsRepo(reopened).getAttempt(attempt.id)).toEqual({ kind: 'found', attempt });
    expect(reopened.verno).toBe(7);
  });
});
