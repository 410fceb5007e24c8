import { Dexie } from 'dexie';
import fs from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createAttemptsRepo } from '../../../src/store/attempts-repo';
import { CallTrainerDb } from '../../../src/store/call-trainer-db';
import { createCpdLogRepo } from '../../../src/store/cpd-log-repo';
import { createCallsInProgressRepo } from '../../../src/store/calls-in-progress-repo';
import { createProfilesRepo } from '../../../src/store/profiles-repo';
import { createProgressRepo } from '../../../src/store/progress-repo';
import { loadReportTextBook } from '../../../src/store/report-text-book';
import { createStudioRepo } from '../../../src/store/studio-repo';

/**
 * Every earlier schema version, with data in it, upgrades to the current one: for each
 * test/fixtures/database/v<N>.json, a plain Dexie database is created at that version with that
 * version's tables, the rows are written as that version wrote them, then CallTrainerDb opens it
 * (running every upgrade since) and every row is read back through the repositories.
 *
 * A fixture is { version, stores (the whole schema at that version), rows: { table: [...] } }.
 * A new table needs one entry in `readers` below: how its repository reads the rows back.
 */
interface DatabaseFixture {
  readonly description: string;
  readonly version: number;
  readonly stores: Record<string, string>;
  readonly rows: Record<string, Array<Record<string, unknown>>>;
}

/** Audio is stored as bytes, which JSON cannot hold: a fixture writes `{ "$bytes": [...] }` for a Uint8Array. */
function reviveBytes(_key: string, value: unknown): unknown {
  if (value && typeof value === 'object' && '$bytes' in value && Array.isArray(value.$bytes)) return new Uint8Array(value.$bytes as number[]);
  return value;
}

const folder = path.join(import.meta.dirname, '../../fixtures/database');
const fixtures = fs
  .readdirSync(folder)
  .filter((file) => /^v\d+\.json$/.test(file))
  .map((file) => ({ file, fixture: JSON.parse(fs.readFileSync(path.join(folder, file), 'utf8'), reviveBytes) as DatabaseFixture }))
  .sort((a, b) => a.fixture.version - b.fixture.version);

/** Per table: the ids its repository reads back as readable, and those it reports as unreadable. */
type Reader = (db: CallTrainerDb, rows: Array<Record<string, unknown>>) => Promise<{ readable: unknown[]; unreadable: unknown[] }>;
const profileIdsOf = (rows: Array<Record<string, unknown>>) => [...new Set(rows.map((row) => String(row.profileId)))];

const readers: Record<string, Reader> = {
  profiles: async (db) => {
    const list = await createProfilesRepo(db).listProfiles();
    return { readable: list.profiles.map((p) => p.id), unreadable: list.unreadable.map((u) => u.id) };
  },
  settings: async (db, rows) => {
    const active = await createProfilesRepo(db).getActiveProfile();
    const expectsActive = rows.some((row) => row.key === 'activeProfileId');
    return { readable: expectsActive && active ? ['activeProfileId'] : [], unreadable: [] };
  },
  attempts: async (db, rows) => {
    const repo = createAttemptsRepo(db);
    const lists = await Promise.all(profileIdsOf(rows).map((id) => repo.listAttempts(id)));
    return { readable: lists.flatMap((l) => l.attempts.map((a) => a.id)), unreadable: lists.flatMap((l) => l.unreadable.map((u) => u.id)) };
  },
  reflections: async (db, rows) => {
    const repo = createCpdLogRepo(db);
    const lists = await Promise.all(profileIdsOf(rows).map((id) => repo.listCpdRecords(id)));
    return { readable: lists.flatMap((l) => l.reflections.map((r) => r.attemptId)), unreadable: lists.flatMap((l) => l.unreadable.map((u) => u.id)) };
  },
  cpdActivities: async (db, rows) => {
    const repo = createCpdLogRepo(db);
    const lists = await Promise.all(profileIdsOf(rows).map((id) => repo.listCpdRecords(id)));
    return { readable: lists.flatMap((l) => l.activities.map((a) => a.id)), unreadable: lists.flatMap((l) => l.unreadable.map((u) => u.id)) };
  },
  callsInProgress: async (db, rows) => {
    const repo = createCallsInProgressRepo(db);
    const lists = await Promise.all(profileIdsOf(rows).map((id) => repo.listCallsInProgress(id)));
    return { readable: lists.flatMap((l) => l.calls.map((c) => c.id)), unreadable: lists.flatMap((l) => l.unreadable.map((u) => u.id)) };
  },
  scenarioDrafts: async (db) => {
    const repo = createStudioRepo(db);
    const list = await new Promise<{ drafts: readonly { id: string }[]; unreadable: readonly { id: string }[] }>((resolve, reject) => {
      const stop = repo.observeDrafts((l) => (stop(), resolve(l)), reject);
    });
    return { readable: list.drafts.map((d) => d.id), unreadable: list.unreadable.map((u) => u.id) };
  },
  authoredScenarios: async (db) => {
    const list = await createStudioRepo(db).listLatest();
    return { readable: list.scenarios.map((s) => `${s.scenarioId}@${s.version}`), unreadable: list.unreadable.map((u) => u.id) };
  },
  authoredMedia: async (db, rows) => {
    const repo = createStudioRepo(db);
    const versions = [...new Set(rows.map((row) => `${String(row.scenarioId)}@${String(row.version)}`))];
    const media = await Promise.all(versions.map((v) => repo.mediaFor(v.split('@')[0] as string, Number(v.split('@')[1]))));
    return { readable: media.flat().map((m) => `${m.scenarioId}@${m.version}/${m.clipId}`), unreadable: [] };
  },
  // A stored summary counts as read back when the progress repository hands back its digest as stored.
  attemptSummaries: async (db, rows) => {
    const repo = createProgressRepo(db);
    const lists = await Promise.all(profileIdsOf(rows).map((id) => repo.listDigests(id)));
    const stored = new Map(rows.map(({ profileId: _profileId, ...digest }) => [String(digest.attemptId), digest]));
    const digests = lists.flatMap((l) => l.digests);
    return { readable: digests.filter((d) => isDeepStrictEqual(d, stored.get(d.attemptId))).map((d) => d.attemptId), unreadable: lists.flatMap((l) => l.unreadable.map((u) => u.id)) };
  },
  // Read through the attempts that refer to them (above); here, each list loads whole.
  reportTexts: async (db, rows) => {
    const ids = rows.map((row) => String(row.scenarioId));
    const book = await db.transaction('r', db.reportTexts, () => loadReportTextBook(db, ids));
    const lists = ids.map((id) => ({ id, list: book.listOf(id) }));
    return { readable: lists.filter((l) => l.list.kind === 'list').map((l) => l.id), unreadable: lists.filter((l) => l.list.kind !== 'list').map((l) => l.id) };
  },
};

function keyOf(table: string, row: Record<string, unknown>): unknown {
  if (table === 'settings') return row.key;
  if (table === 'reflections') return row.attemptId;
  if (table === 'authoredScenarios') return `${String(row.scenarioId)}@${String(row.version)}`;
  if (table === 'authoredMedia') return `${String(row.scenarioId)}@${String(row.version)}/${String(row.clipId)}`;
  if (table === 'reportTexts') return row.scenarioId;
  if (table === 'attemptSummaries') return row.attemptId;
  return row.id;
}

describe('database upgrades from every earlier schema version', () => {
  it('has a fixture for version 1 and for the current version', () => {
    const current = new CallTrainerDb('t-version-probe');
    expect(fixtures.map((f) => f.fixture.version)).toContain(1);
    expect(fixtures.map((f) => f.fixture.version)).toContain(current.verno);
    current.close();
  });

  it.each(fixtures.map(({ file, fixture }) => [file, fixture] as const))('%s: every row is read back through the repositories', async (_file, fixture) => {
    const name = `t-upgrade-${crypto.randomUUID()}`;
    const old = new Dexie(name);
    old.version(fixture.version).stores(fixture.stores);
    await old.open();
    await old.transaction('rw', Object.keys(fixture.rows), async () => {
      for (const [table, rows] of Object.entries(fixture.rows)) await old.table(table).bulkPut(rows);
    });
    old.close();

    const db = new CallTrainerDb(name);
    try {
      await db.open();
      for (const [table, rows] of Object.entries(fixture.rows)) {
        const reader = readers[table];
        if (!reader) throw new Error(`no reader for table "${table}": add one to readers in this test`);
        const { readable, unreadable } = await reader(db, rows);
        expect(unreadable, `unreadable ${table} rows`).toEqual([]);
        expect([...readable].sort(), `${table} read back`).toEqual(rows.map((row) => keyOf(table, row)).sort());
      }
    } finally {
      db.close();
      await db.delete();
    }
  });
});
