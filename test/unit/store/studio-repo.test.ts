import { describe, expect, it } from 'vitest';
import { twoBranchTemplate } from '../../../src/domain/scenario-template';
import { createStudioRepo } from '../../../src/store/studio-repo';
import type { AuthoredVersion } from '../../../src/store/studio-repo';
import type { ScenarioDraftRecord } from '../../../src/store/studio-records';
import { defaultPolicy } from '../../fixtures/default-policy';
import { useFreshDatabases } from './fresh-databases';

const freshDb = useFreshDatabases();
const policy = defaultPolicy();

function draft(overrides: Partial<ScenarioDraftRecord> = {}): ScenarioDraftRecord {
  const start = twoBranchTemplate('draft-call', policy);
  return {
    recordVersion: 1,
    id: crypto.randomUUID(),
    scenario: start.scenario,
    answerKey: start.answerKey,
    clipAudio: {
      'c-opening': { type: 'audio/webm', bytes: new Uint8Array([0x1a, 0x45, 0xdf, 0xa3, 1]), durationSeconds: 3.2, origin: 'imported', from: 'a.webm', telephoneFilter: true, noiseBed: false },
    },
    startedFrom: 'Two-branch call template',
    createdAt: '2026-01-01T10:00:00.000Z',
    updatedAt: '2026-01-01T10:00:00.000Z',
    ...overrides,
  };
}

function version(scenarioId: string, n: number, title = 'A call'): AuthoredVersion {
  const { scenario, answerKey } = twoBranchTemplate(scenarioId, policy);
  return {
    scenario: {
      recordVersion: 1,
      scenarioId,
      version: n,
      scenario: { ...scenario, version: n, metadata: { ...scenario.metadata, title } },
      answerKey: { ...answerKey, scenarioVersion: n },
      publishedAt: '2026-01-02T10:00:00.000Z',
      origin: 'studio',
    },
    media: [{ recordVersion: 1, scenarioId, version: n, clipId: 'c-opening', src: `audio/${scenarioId}/c-opening-v${n}.webm`, type: 'audio/webm', bytes: new Uint8Array([1, 2, 3]) }],
  };
}

describe('studio repository: drafts', () => {
  it('saves a draft with its audio bytes and reads it back after the database is reopened', async () => {
    const name = `t-${crypto.randomUUID()}`;
    const record = draft();
    await createStudioRepo(freshDb(name)).saveDraft(record);
    const lookup = await createStudioRepo(freshDb(name)).getDraft(record.id);
    expect(lookup).toEqual({ kind: 'found', draft: record });
  });

  it('refuses to save a draft that is not a draft record, naming the field', async () => {
    const repo = createStudioRepo(freshDb());
    await expect(repo.saveDraft({ ...draft(), id: 'not-a-uuid' })).rejects.toMatchObject({ code: 'invalid-record', message: expect.stringContaining('$.id') });
  });

  it('lists drafts newest first and reports a damaged row instead of dropping it', async () => {
    const db = freshDb();
    const repo = createStudioRepo(db);
    const older = draft({ updatedAt: '2026-01-01T09:00:00.000Z' });
    const newer = draft({ updatedAt: '2026-01-01T11:00:00.000Z' });
    await repo.saveDraft(older);
    await repo.saveDraft(newer);
    await db.scenarioDrafts.put({ id: 'broken', recordVersion: 1 });
    const lists: { ids: string[]; unreadable: string[] }[] = [];
    await new Promise<void>((resolve, reject) => {
      const stop = repo.observeDrafts(
        (list) => {
          lists.push({ ids: list.drafts.map((d) => d.id), unreadable: list.unreadable.map((u) => u.id) });
          stop();
          resolve();
        },
        reject,
      );
    });
    expect(lists[0]).toEqual({ ids: [newer.id, older.id], unreadable: ['broken'] });
  });

  it('deletes a draft', async () => {
    const repo = createStudioRepo(freshDb());
    const record = draft();
    await repo.saveDraft(record);
    await repo.deleteDraft(record.id);
    expect(await repo.getDraft(record.id)).toEqual({ kind: 'missing' });
  });
});

describe('studio repository: published versions', () => {
  it('publishes version 1, then version 2 beside it, keeping both and their audio', async () => {
    const repo = createStudioRepo(freshDb());
    const first = await repo.publishNextVersion('my-call', (n) => version('my-call', n, 'First'));
    const second = await repo.publishNextVersion('my-call', (n) => version('my-call', n, 'Second'));
    expect([first.version, second.version]).toEqual([1, 2]);
    expect((await repo.getAuthored('my-call'))?.scenario.metadata.title).toBe('Second');
    expect((await repo.getAuthored('my-call', 1))?.scenario.metadata.title).toBe('First');
    expect((await repo.mediaFor('my-call', 1)).map((m) => m.src)).toEqual(['audio/my-call/c-opening-v1.webm']);
    expect((await repo.listLatest()).scenarios.map((s) => [s.scenarioId, s.version])).toEqual([['my-call', 2]]);
  });

  it('refuses a prepared version that does not match its key, storing nothing', async () => {
    const repo = createStudioRepo(freshDb());
    const bad = version('my-call', 1);
    const mismatched: AuthoredVersion = { ...bad, scenario: { ...bad.scenario, answerKey: { ...bad.scenario.answerKey, scenarioVersion: 7 } } };
    await expect(repo.publishNextVersion('my-call', () => mismatched)).rejects.toMatchObject({ code: 'invalid-record' });
    expect(await repo.getAuthored('my-call')).toBeUndefined();
  });

  it('adds a given version once: again unchanged, with other content a conflict', async () => {
    const repo = createStudioRepo(freshDb());
    expect(await repo.addVersion(version('pack-call', 3))).toBe('added');
    expect(await repo.addVersion(version('pack-call', 3))).toBe('unchanged');
    expect(await repo.addVersion(version('pack-call', 3, 'Tampered'))).toBe('conflict');
    expect((await repo.getAuthored('pack-call'))?.scenario.metadata.title).toBe('A call');
  });
});
