import { describe, expect, it, vi } from 'vitest';
import { canonicalJson } from '../../../src/domain/canonical-json';
import { createAttemptsRepo } from '../../../src/store/attempts-repo';
import { createBackupRepo, type BackupImportReport } from '../../../src/store/backup-repo';
import { BACKUP_MAX_BYTES, BACKUP_MAX_PROBLEMS, BackupRefusedError, backupChecksum } from '../../../src/store/backup-schema';
import { BACKUP_TABLES, LOCAL_ONLY_TABLES } from '../../../src/store/backup-tables';
import type { CallTrainerDb } from '../../../src/store/call-trainer-db';
import { createCpdLogRepo } from '../../../src/store/cpd-log-repo';
import { ACTIVE_PROFILE_SETTING } from '../../../src/store/profiles-repo';
import { createXapiOutboxRepo, outboxRowsFor } from '../../../src/store/xapi-outbox-repo';
import { buildAttempt, TEST_PROFILE_ID } from './attempt-builder';
import { useFreshDatabases } from './fresh-databases';

const freshDb = useFreshDatabases();
const NOW = new Date('2026-11-27T10:00:00.000Z');
const SECRET = 'lrs-secret-do-not-export-7f3a';
const PROFILE = { id: TEST_PROFILE_ID, name: 'Sam Trainee', createdAt: '2026-01-05T09:00:00.000Z' };
const OTHER_PROFILE_ID = '1b4e28ba-2fa1-41d2-883f-0016d3cca427';

/** A database with a profile, two attempts, a setting, an LRS connection and a queued statement. */
async function seeded(): Promise<{ db: CallTrainerDb; attempts: ReturnType<typeof buildAttempt>[] }> {
  const db = freshDb();
  const attempts = [buildAttempt({ completedAt: '2026-03-01T14:05:40.000Z' }), buildAttempt({ completedAt: '2026-03-02T09:00:00.000Z' })];
  await db.profiles.put(PROFILE);
  await db.settings.put({ key: ACTIVE_PROFILE_SETTING, value: TEST_PROFILE_ID });
  const outbox = createXapiOutboxRepo(db);
  await outbox.saveConnection({ endpoint: 'https://lrs.example.org/xapi', username: 'lrs-key-42', password: SECRET, activityBase: 'https://call-trainer.invalid' }, NOW);
  const repo = createAttemptsRepo(db);
  await repo.saveAttempt(attempts[0]!, { outbox: outboxRowsFor(attempts[0]!.id, [{ id: '8d3c2b1a-0f9e-4d8c-b7a6-5f4e3d2c1b0a' }], NOW) });
  await repo.saveAttempt(attempts[1]!);
  // The CPD log is training evidence too: a reflection on the first attempt and one other activity.
  const cpd = createCpdLogRepo(db);
  await cpd.saveReflection(TEST_PROFILE_ID, attempts[0]!.id, { whatHappened: 'Graded too low', whatILearned: 'Ask about weapons early', whatIWillDoDifferently: 'Re-grade as soon as a knife is mentioned' });
  await cpd.saveActivity(TEST_PROFILE_ID, { title: 'DA awareness course', date: '2026-02-20', minutes: 90, kind: 'course', notes: '' });
  return { db, attempts };
}

/** Every row of every table, as text: "byte-for-byte the same" means this string is equal. */
async function dump(db: CallTrainerDb): Promise<string> {
  const out: Record<string, unknown[]> = {};
  for (const table of db.tables) out[table.name] = await table.toArray();
  return canonicalJson(out);
}

const fileOf = (name: string, text: string, size = new TextEncoder().encode(text).length) => ({ name, size, text: async () => text });

async function exported(db: CallTrainerDb) {
  return createBackupRepo(db).exportBackup({ appVersion: '0.1.0', now: NOW });
}

/** Re-signs an edited backup, as someone who knows the format would. */
async function resign(document: { tables: unknown; checksum: { value: string } }) {
  document.checksum.value = await backupChecksum(document.tables);
  return document;
}

async function refusal(promise: Promise<unknown>): Promise<BackupRefusedError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BackupRefusedError);
  return error as BackupRefusedError;
}

describe('the backup table registry', () => {
  it('decides for every Dexie table whether it is backed up, so no table is forgotten', () => {
    const db = freshDb();
    const registered = BACKUP_TABLES.map((t) => t.name);
    const decided = [...registered, ...Object.keys(LOCAL_ONLY_TABLES)].sort();
    expect(decided).toEqual(db.tables.map((t) => t.name).sort());
    expect(registered).not.toContain('lrsConnection');
  });
});

describe('exportBackup', () => {
  it('writes one versioned, checksummed file named for the day, holding profiles, attempts, settings and the CPD log', async () => {
    const { db, attempts } = await seeded();
    const result = await exported(db);
    const file = JSON.parse(result.json);

    expect(result.fileName).toBe('call-trainer-backup-2026-11-27.json');
    expect(result.counts).toEqual({ profiles: 1, attempts: 2, settings: 1, reflections: 1, 'other CPD activities': 1 });
    expect(file).toMatchObject({ format: 'call-trainer-backup', formatVersion: 1, exportedAt: NOW.toISOString(), appVersion: '0.1.0' });
    expect(Object.keys(file.tables)).toEqual(['profiles', 'attempts', 'settings', 'reflections', 'cpdActivities']);
    expect(file.tables.attempts.map((a: { id: string }) => a.id).sort()).toEqual(attempts.map((a) => a.id).sort());
    expect(file.checksum).toEqual({ algorithm: 'SHA-256', value: await backupChecksum(file.tables) });
  });

  it('never exports the LRS endpoint, key or secret, nor the outbox', async () => {
    const { db } = await seeded();
    const { json } = await exported(db);
    expect(json).not.toContain(SECRET);
    expect(json).not.toContain('lrs-key-42');
    expect(json).not.toContain('lrs.example.org');
    expect(json).not.toContain('8d3c2b1a-0f9e-4d8c-b7a6-5f4e3d2c1b0a');
  });

  it('leaves out a stored row that fails its schema and says so, so the file stays importable', async () => {
    const { db } = await seeded();
    await db.attempts.put({ ...buildAttempt(), recordVersion: 9 });
    const result = await exported(db);
    expect(result.counts.attempts).toBe(2);
    expect(result.leftOut).toHaveLength(1);
    expect(result.leftOut[0]!.reason).toMatch(/newer version/);
  });
});

describe('importBackup', () => {
  it('round trip: a backup imported after deleting everything brings every record back', async () => {
    const { db } = await seeded();
    const { json } = await exported(db);
    const before = canonicalJson(await Promise.all(BACKUP_TABLES.map((t) => db.table(t.name).toArray())));
    await createBackupRepo(db).deleteAllData();
    expect(await dump(db)).toBe(canonicalJson({ profiles: [], attempts: [], settings: [], xapiOutbox: [], lrsConnection: [], callsInProgress: [], reflections: [], cpdActivities: [], attemptSummaries: [], scenarioDrafts: [], authoredScenarios: [], authoredMedia: [], reportTexts: [] }));

    const report = await createBackupRepo(db).importBackup(fileOf('backup.json', json));

    expect(canonicalJson(await Promise.all(BACKUP_TABLES.map((t) => db.table(t.name).toArray())))).toBe(before);
    expect(report.tables.map((t) => [t.table, t.added, t.unchanged])).toEqual([
      ['profiles', 1, 0],
      ['attempts', 2, 0],
      ['settings', 1, 0],
      ['reflections', 1, 0],
      ['cpdActivities', 1, 0],
    ]);
    expect(await db.lrsConnection.count()).toBe(0);
  });

  it('importing the same backup again changes nothing and says everything is unchanged', async () => {
    const { db } = await seeded();
    const { json } = await exported(db);
    const before = await dump(db);
    const report = await createBackupRepo(db).importBackup(fileOf('backup.json', json));
    expect(await dump(db)).toBe(before);
    expect(report.tables.every((t) => t.added === 0 && t.updated === 0 && t.unchanged > 0)).toBe(true);
  });

  describe('conflict rules: newer data is never overwritten', () => {
    async function importEdited(edit: (tables: Record<string, Record<string, unknown>[]>) => void, prepare?: (db: CallTrainerDb) => Promise<void>) {
      const { db, attempts } = await seeded();
      const document = JSON.parse((await exported(db)).json);
      edit(document.tables);
      await resign(document);
      await prepare?.(db);
      const report = await createBackupRepo(db).importBackup(fileOf('edited.json', JSON.stringify(document)));
      return { db, attempts, report };
    }
    const counts = (report: BackupImportReport, table: string) => report.tables.find((t) => t.table === table)!;

    it('a profile changed later on this PC is kept over the backup\u2019s older copy', async () => {
      const { db, report } = await importEdited(
        () => undefined,
        async (db) => {
          await db.profiles.put({ ...PROFILE, name: 'Sam T. (renamed)', createdAt: '2026-02-01T09:00:00.000Z' });
        },
      );
      expect(counts(report, 'profiles')).toMatchObject({ keptNewerLocal: 1, added: 0, updated: 0 });
      expect((await db.profiles.get(TEST_PROFILE_ID))?.name).toBe('Sam T. (renamed)');
    });

    it('a newer profile in the backup replaces the older one here', async () => {
      const { db, report } = await importEdited((tables) => {
        tables.profiles![0] = { ...PROFILE, name: 'Sam Newer', createdAt: '2026-06-01T09:00:00.000Z' };
      });
      expect(counts(report, 'profiles')).toMatchObject({ updated: 1 });
      expect((await db.profiles.get(TEST_PROFILE_ID))?.name).toBe('Sam Newer');
    });

    it('an attempt that differs from the stored one is refused and the stored one kept (attempts never change)', async () => {
      let editedId = '';
      const { db, attempts, report } = await importEdited((tables) => {
        editedId = String(tables.attempts![0]!.id);
        tables.attempts![0]!.scenarioTitle = 'A different title';
      });
      expect(counts(report, 'attempts')).toMatchObject({ refused: 1, unchanged: 1 });
      expect(report.refusedRows[0]!.message).toMatch(/differs from the copy on this PC/);
      expect((await db.attempts.get(editedId))?.scenarioTitle).toBe(attempts.find((a) => a.id === editedId)!.scenarioTitle);
    });

    it('a setting on this PC is kept over the backup\u2019s value; a missing one is added', async () => {
      const { db, report } = await importEdited((tables) => {
        tables.settings = [
          { key: ACTIVE_PROFILE_SETTING, value: OTHER_PROFILE_ID },
          { key: 'captions', value: true },
        ];
      });
      expect(counts(report, 'settings')).toMatchObject({ keptNewerLocal: 1, added: 1 });
      expect((await db.settings.get(ACTIVE_PROFILE_SETTING))?.value).toBe(TEST_PROFILE_ID);
      expect(await db.settings.get('captions')).toEqual({ key: 'captions', value: true });
    });

    it('offers the backup\u2019s open profile when another one is open here', async () => {
      const { db } = await seeded();
      const { json } = await exported(db);
      await createBackupRepo(db).deleteAllData();
      await db.profiles.put({ id: OTHER_PROFILE_ID, name: 'Trainee', createdAt: '2026-11-27T09:00:00.000Z' });
      await db.settings.put({ key: ACTIVE_PROFILE_SETTING, value: OTHER_PROFILE_ID });
      const report = await createBackupRepo(db).importBackup(fileOf('backup.json', json));
      expect(report.backupActiveProfile).toEqual({ id: TEST_PROFILE_ID, name: 'Sam Trainee' });
    });
  });

  describe('refusals: the whole file is checked first and nothing is written', () => {
    type Case = { name: string; file: (json: string) => Promise<{ name: string; size: number; text: () => Promise<string> }>; path: string; reason: RegExp };
    const edit = (change: (document: any) => void, sign = true) => async (json: string) => {
      const document = JSON.parse(json);
      change(document);
      if (sign) await resign(document);
      return fileOf('call-trainer-backup-2026-11-27.json', JSON.stringify(document, null, 2));
    };
    const cases: Case[] = [
      { name: 'not JSON (position given)', file: async (json) => fileOf('broken.json', json.replace('"formatVersion": 1,', '"formatVersion": 1')), path: '$', reason: /not valid JSON.*\(line 4, column 3\)/s },
      { name: 'not a backup at all', file: async () => fileOf('scenario.json', '{"formatVersion":1,"id":"x"}'), path: '$.format', reason: /not a call-trainer backup/ },
      { name: 'a newer format version', file: edit((d) => (d.formatVersion = 2), false), path: '$.formatVersion', reason: /format version 2, newer than this version of call-trainer understands \(1\); update call-trainer/ },
      { name: 'a hand-edited score (checksum no longer matches)', file: edit((d) => (d.tables.attempts[0].report.percent = 99), false), path: '$.checksum', reason: /changed after it was exported/ },
      { name: 'a re-signed edited score that no longer adds up', file: edit((d) => (d.tables.attempts[0].report.percent = 99)), path: '$.tables.attempts[0].report.percent', reason: /does not follow from the report's categories.*edited/ },
      { name: 'a field of the wrong type', file: edit((d) => (d.tables.attempts[1].report.percent = 'high')), path: '$.tables.attempts[1].report.percent', reason: /expected a number/i },
      { name: 'a row from a future record version', file: edit((d) => (d.tables.attempts[0].recordVersion = 2)), path: '$.tables.attempts[0].recordVersion', reason: /saved by a newer version of call-trainer/ },
      { name: 'an unknown table', file: edit((d) => (d.tables.lrsConnection = [{ key: 'default', endpoint: 'https://evil.example/' }])), path: '$.tables.lrsConnection', reason: /does not know a "lrsConnection" table/ },
      { name: 'the same attempt twice', file: edit((d) => d.tables.attempts.push(d.tables.attempts[0])), path: '$.tables.attempts[2]', reason: /lists ".*" twice/ },
      { name: 'an attempt of a profile that exists nowhere', file: edit((d) => (d.tables.profiles = [])), path: '$.tables.attempts[0].profileId', reason: /no profile .* in the backup or on this PC/ },
      { name: 'a file over the size cap (not even read)', file: async (json) => ({ ...fileOf('huge.json', json), size: BACKUP_MAX_BYTES + 1, text: () => Promise.reject(new Error('must not be read')) }), path: '$', reason: /more than the 50 MB/ },
    ];

    it.each(cases)('$name: refused at $path with the reason, database byte-for-byte unchanged', async ({ file, path, reason }) => {
      const { db } = await seeded();
      const { json } = await exported(db);
      await createBackupRepo(db).deleteAllData();
      await db.profiles.put({ id: OTHER_PROFILE_ID, name: 'Someone else', createdAt: '2026-11-27T09:00:00.000Z' });
      await db.attempts.put(buildAttempt({ profileId: OTHER_PROFILE_ID }));
      const before = await dump(db);

      const input = await file(json);
      const error = await refusal(createBackupRepo(db).importBackup(input));

      expect(error.problems.some((p) => p.path === path && reason.test(p.message)), JSON.stringify(error.problems)).toBe(true);
      expect(error.problems.every((p) => p.file === input.name)).toBe(true);
      expect(error.message).toMatch(/was not imported and nothing was changed/);
      expect(await dump(db)).toBe(before);
    });

    it('lists at most 50 problems and counts the rest', async () => {
      const { db } = await seeded();
      const document = JSON.parse((await exported(db)).json);
      document.tables.attempts = Array.from({ length: 60 }, () => ({ ...document.tables.attempts[0], id: 'not-a-uuid' }));
      await resign(document);
      const error = await refusal(createBackupRepo(db).importBackup(fileOf('many.json', JSON.stringify(document))));
      expect(error.problems).toHaveLength(BACKUP_MAX_PROBLEMS);
      expect(error.more).toBeGreaterThan(0);
    });

    it('a storage failure during the write rolls the whole import back', async () => {
      const { db } = await seeded();
      const { json } = await exported(db);
      await createBackupRepo(db).deleteAllData();
      const before = await dump(db);
      const failing = vi.spyOn(db.table('attempts'), 'bulkPut').mockRejectedValueOnce(new DOMException('full', 'QuotaExceededError'));
      const error = await createBackupRepo(db).importBackup(fileOf('backup.json', json)).catch((e: unknown) => e);
      failing.mockRestore();
      expect(error).toMatchObject({ name: 'StoreError', code: 'storage-full' });
      expect(await dump(db)).toBe(before);
    });
  });
});

describe('deleteAllData', () => {
  it('empties every table, the LRS connection and the outbox included', async () => {
    const { db } = await seeded();
    await createBackupRepo(db).deleteAllData();
    for (const table of db.tables) expect(await table.count(), table.name).toBe(0);
  });
});
