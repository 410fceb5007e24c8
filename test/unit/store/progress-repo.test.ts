import { Dexie } from 'dexie';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { attemptDigest } from '../../../src/domain/attempt-evidence';
import { createAttemptsRepo } from '../../../src/store/attempts-repo';
import { createProgressRepo, type DigestList } from '../../../src/store/progress-repo';
import { buildAttempt, TEST_PROFILE_ID } from './attempt-builder';
import { useFreshDatabases } from './fresh-databases';

const freshDb = useFreshDatabases();
const OTHER_PROFILE = '0b7f4a52-7c3e-4d8a-9e61-5f2a1c3b4d5e';

describe('progress repo', () => {
  it('gives each attempt of the profile its digest, rebuilding and storing missing summaries', async () => {
    const db = freshDb();
    const attempts = createAttemptsRepo(db);
    const mine = await attempts.saveAttempt(buildAttempt());
    await attempts.saveAttempt(buildAttempt({ profileId: OTHER_PROFILE }));
    const repo = createProgressRepo(db);

    const first = await repo.listDigests(TEST_PROFILE_ID);
    expect(first).toEqual({ digests: [attemptDigest(mine)], unreadable: [] });
    await expect.poll(() => db.attemptSummaries.count()).toBe(1);
    expect(await db.attemptSummaries.get(mine.id)).toEqual({ ...attemptDigest(mine), profileId: TEST_PROFILE_ID });
    expect(await repo.listDigests(TEST_PROFILE_ID)).toEqual(first);
  });

  it('ignores the summary of a deleted attempt and a summary that fails its schema', async () => {
    const db = freshDb();
    const attempt = await createAttemptsRepo(db).saveAttempt(buildAttempt());
    await db.attemptSummaries.put({ attemptId: attempt.id, profileId: TEST_PROFILE_ID, digestVersion: 99 });
    await db.attemptSummaries.put({ ...attemptDigest(buildAttempt()), attemptId: 'gone', profileId: TEST_PROFILE_ID });
    expect((await createProgressRepo(db).listDigests(TEST_PROFILE_ID)).digests.map((d) => d.attemptId)).toEqual([attempt.id]);
  });

  it('reports an unreadable attempt instead of dropping it', async () => {
    const db = freshDb();
    await db.attempts.put({ ...buildAttempt(), id: 'c0ffee00-0000-4000-8000-000000000000', report: { percent: 'lots' } });
    const list = await createProgressRepo(db).listDigests(TEST_PROFILE_ID);
    expect(list.digests).toEqual([]);
    expect(list.unreadable[0]?.reason).toContain('Saved attempt c0ffee00-0000-4000-8000-000000000000 could not be read');
  });

  it('reads every summary of a profile when there are more than fit on one page, and only that profile\'s', async () => {
    const db = freshDb();
    const template = attemptDigest(buildAttempt());
    // 1,201 of mine (pages of 500) interleaved by id with 300 of another trainee's.
    const ids = Array.from({ length: 1_501 }, (_, n) => ({ id: `att-${String(n).padStart(5, '0')}`, profileId: n % 5 === 4 ? OTHER_PROFILE : TEST_PROFILE_ID }));
    await db.attempts.bulkPut(ids.map(({ id, profileId }) => ({ id, profileId })));
    await db.attemptSummaries.bulkPut(ids.map(({ id, profileId }) => ({ ...template, attemptId: id, profileId })));
    const list = await createProgressRepo(db).listDigests(TEST_PROFILE_ID);
    const mine = ids.filter((a) => a.profileId === TEST_PROFILE_ID).map((a) => a.id);
    expect(mine).toHaveLength(1_201);
    expect(list.unreadable).toEqual([]);
    expect(list.digests.map((d) => d.attemptId)).toEqual(mine);
    expect(list.digests[1_200]).toEqual({ ...template, attemptId: mine[1_200] });
    // Every digest shares the parts they have in common.
    expect(new Set(list.digests.map((d) => d.actions)).size).toBe(1);
  });

  it('finds the summaries stored before version 7 through the index that version adds', async () => {
    const name = `t-${crypto.randomUUID()}`;
    const v6 = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, '../../fixtures/database/v6.json'), 'utf8')) as { stores: Record<string, string> };
    const old = new Dexie(name);
    old.version(6).stores(v6.stores);
    // Attempts that cannot be parsed: had their stored summaries not been read, they would be rebuilt and fail.
    const stored = { ...attemptDigest(buildAttempt()), attemptId: 'stored-before-v7', scenarioTitle: 'Summary written by version 6' };
    await old.table('attempts').put({ id: stored.attemptId, profileId: TEST_PROFILE_ID });
    await old.table('attemptSummaries').put({ ...stored, profileId: TEST_PROFILE_ID });
    old.close();
    const db = freshDb(name);
    expect(await createProgressRepo(db).listDigests(TEST_PROFILE_ID)).toEqual({ digests: [stored], unreadable: [] });
    expect(db.verno).toBe(7);
  });

  it('tells an observer about a new attempt', async () => {
    const db = freshDb();
    const seen: DigestList[] = [];
    const stop = createProgressRepo(db).observeDigests(TEST_PROFILE_ID, (l) => seen.push(l), (e) => expect.fail(e.message));
    await expect.poll(() => seen.length).toBe(1);
    await createAttemptsRepo(db).saveAttempt(buildAttempt());
    await expect.poll(() => seen.at(-1)?.digests.length).toBe(1);
    // The observer stores the summary it had to rebuild, so the next read is the cheap one.
    await expect.poll(() => db.attemptSummaries.count()).toBe(1);
    stop();
  });
});
