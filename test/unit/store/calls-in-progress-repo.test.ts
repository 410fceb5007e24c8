import { describe, expect, it, vi } from 'vitest';
import { createAttemptsRepo } from '../../../src/store/attempts-repo';
import { createCallsInProgressRepo } from '../../../src/store/calls-in-progress-repo';
import { StoreError } from '../../../src/store/store-error';
import { buildAttempt, TEST_PROFILE_ID } from './attempt-builder';
import { buildCall } from './call-in-progress-builder';
import { useFreshDatabases } from './fresh-databases';

const freshDb = useFreshDatabases();

describe('calls in progress', () => {
  it('keeps the latest record per call and finds the newest unfinished call of a scenario', async () => {
    const repo = createCallsInProgressRepo(freshDb());
    const older = buildCall({ updatedAt: '2025-03-01T09:00:10.000Z' });
    const newer = buildCall({ updatedAt: '2025-03-01T09:05:00.000Z' });
    await repo.saveCallInProgress(older);
    await repo.saveCallInProgress(newer);
    await repo.saveCallInProgress({ ...older, updatedAt: '2025-03-01T09:01:00.000Z' });

    expect((await repo.findLatest(TEST_PROFILE_ID, 'dv-whispered-999'))?.id).toBe(newer.id);
    expect(await repo.findLatest(TEST_PROFILE_ID, 'missing-child-999')).toBeUndefined();
    const { calls } = await repo.listCallsInProgress(TEST_PROFILE_ID);
    expect(calls.map((c) => [c.id, c.updatedAt])).toEqual([
      [newer.id, newer.updatedAt],
      [older.id, '2025-03-01T09:01:00.000Z'],
    ]);
  });

  it('refuses a malformed record without writing, naming the field', async () => {
    const repo = createCallsInProgressRepo(freshDb());
    const bad = buildCall();
    const error = await repo.saveCallInProgress({ ...bad, progress: { ...bad.progress, elapsedMs: -5 } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).code).toBe('invalid-record');
    expect((error as StoreError).message).toContain('$.progress.elapsedMs');
    expect((await repo.listCallsInProgress(TEST_PROFILE_ID)).calls).toEqual([]);
  });

  it('reports a stored row that fails its schema as unreadable instead of dropping it', async () => {
    const db = freshDb();
    await db.callsInProgress.put({ id: 'not-a-uuid', profileId: TEST_PROFILE_ID });
    const { calls, unreadable } = await createCallsInProgressRepo(db).listCallsInProgress(TEST_PROFILE_ID);
    expect(calls).toEqual([]);
    expect(unreadable.map((u) => u.id)).toEqual(['not-a-uuid']);
  });

  it('saving the finished attempt deletes its call in progress in the same transaction', async () => {
    const db = freshDb();
    const calls = createCallsInProgressRepo(db);
    const attempts = createAttemptsRepo(db);
    const call = await calls.saveCallInProgress(buildCall());
    await attempts.saveAttempt(buildAttempt(), { finishesCallInProgress: call.id });
    expect((await calls.listCallsInProgress(TEST_PROFILE_ID)).calls).toEqual([]);
  });

  it('a full disk while saving the attempt keeps the call in progress and earlier attempts', async () => {
    const db = freshDb();
    const calls = createCallsInProgressRepo(db);
    const attempts = createAttemptsRepo(db);
    const earlier = await attempts.saveAttempt(buildAttempt({ completedAt: '2025-03-01T08:00:00.000Z' }));
    const call = await calls.saveCallInProgress(buildCall());
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    const error = await attempts.saveAttempt(buildAttempt(), { finishesCallInProgress: call.id }).catch((e: unknown) => e);
    vi.restoreAllMocks();
    expect((error as StoreError).code).toBe('storage-full');
    expect((error as StoreError).message).toMatch(/^This attempt was not saved: this device is out of storage\./);
    expect((await calls.listCallsInProgress(TEST_PROFILE_ID)).calls.map((c) => c.id)).toEqual([call.id]);
    expect((await attempts.listAttempts(TEST_PROFILE_ID)).attempts).toEqual([earlier]);
  });
});
