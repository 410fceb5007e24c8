import { Dexie } from 'dexie';
import { describe, expect, it } from 'vitest';
import type { CpdActivityInput } from '../../../src/domain/cpd-log';
import { createAttemptsRepo } from '../../../src/store/attempts-repo';
import { CallTrainerDb } from '../../../src/store/call-trainer-db';
import { createCpdLogRepo, type CpdRecords } from '../../../src/store/cpd-log-repo';
import { createProfilesRepo } from '../../../src/store/profiles-repo';
import { StoreError } from '../../../src/store/store-error';
import { buildAttempt, TEST_PROFILE_ID } from './attempt-builder';
import { useFreshDatabases } from './fresh-databases';

const freshDb = useFreshDatabases();
const OTHER_PROFILE = '0b7f4a52-7c3e-4d8a-9e61-5f2a1c3b4d5e';
const ACTIVITY_ID = '9d3c2b1a-8e7f-4a6b-9c5d-4e3f2a1b0c9d';

const course: CpdActivityInput = { title: 'Vulnerability training day', date: '2026-02-14', minutes: 180, kind: 'course', notes: 'With the MASH team' };
const reflection = { whatHappened: 'I under-graded it', whatILearned: 'Children in the house raise the risk', whatIWillDoDifferently: 'Ask who else is there' };

async function rejection(promise: Promise<unknown>): Promise<StoreError> {
  const error: unknown = await promise.then(() => expect.fail('expected a rejection'), (reason: unknown) => reason);
  expect(error).toBeInstanceOf(StoreError);
  return error as StoreError;
}

function setUp() {
  const db = freshDb();
  let clock = new Date('2026-03-01T10:00:00.000Z');
  const repo = createCpdLogRepo(db, { now: () => clock, newId: () => ACTIVITY_ID });
  return { db, repo, attempts: createAttemptsRepo(db), tick: (iso: string) => (clock = new Date(iso)) };
}

describe('reflections', () => {
  it('saves one reflection per attempt, keeps when it was first written, and lists it for that profile only', async () => {
    const { repo, attempts, tick } = setUp();
    const attempt = await attempts.saveAttempt(buildAttempt());
    await repo.saveReflection(TEST_PROFILE_ID, attempt.id, reflection);
    tick('2026-03-02T10:00:00.000Z');
    const updated = await repo.saveReflection(TEST_PROFILE_ID, attempt.id, { ...reflection, whatILearned: 'Listen for children' });
    expect(updated).toMatchObject({ attemptId: attempt.id, whatILearned: 'Listen for children', createdAt: '2026-03-01T10:00:00.000Z', updatedAt: '2026-03-02T10:00:00.000Z' });
    expect((await repo.listCpdRecords(TEST_PROFILE_ID)).reflections).toEqual([updated]);
    expect((await repo.listCpdRecords(OTHER_PROFILE)).reflections).toEqual([]);
  });

  it.each([
    ['an empty reflection', { whatHappened: '', whatILearned: ' ', whatIWillDoDifferently: '' }, 'invalid-record', '$.whatHappened: write at least one part of your reflection'],
    ['a reflection that is too long', { ...reflection, whatILearned: 'x'.repeat(4001) }, 'invalid-record', '$.whatILearned'],
  ] as const)('refuses %s, writing nothing', async (_what, input, code, message) => {
    const { repo, attempts } = setUp();
    const attempt = await attempts.saveAttempt(buildAttempt());
    const error = await rejection(repo.saveReflection(TEST_PROFILE_ID, attempt.id, input));
    expect(error.code).toBe(code);
    expect(error.message).toContain(message);
    expect((await repo.listCpdRecords(TEST_PROFILE_ID)).reflections).toEqual([]);
  });

  it('refuses a reflection on another profile’s attempt', async () => {
    const { repo, attempts } = setUp();
    const attempt = await attempts.saveAttempt(buildAttempt({ profileId: OTHER_PROFILE }));
    expect((await rejection(repo.saveReflection(TEST_PROFILE_ID, attempt.id, reflection))).code).toBe('not-found');
  });
});

describe('CPD activities', () => {
  it('records, updates and removes an activity of the profile', async () => {
    const { repo } = setUp();
    const saved = await repo.saveActivity(TEST_PROFILE_ID, course);
    expect(saved).toMatchObject({ id: ACTIVITY_ID, profileId: TEST_PROFILE_ID, ...course });
    await repo.saveActivity(TEST_PROFILE_ID, { ...course, minutes: 200 }, ACTIVITY_ID);
    expect((await repo.listCpdRecords(TEST_PROFILE_ID)).activities.map((a) => a.minutes)).toEqual([200]);
    expect((await rejection(repo.deleteActivity(OTHER_PROFILE, ACTIVITY_ID))).code).toBe('not-found');
    await repo.deleteActivity(TEST_PROFILE_ID, ACTIVITY_ID);
    expect((await repo.listCpdRecords(TEST_PROFILE_ID)).activities).toEqual([]);
  });

  it('names the field at fault and writes nothing for a bad activity', async () => {
    const { repo } = setUp();
    const error = await rejection(repo.saveActivity(TEST_PROFILE_ID, { ...course, minutes: 0, date: '2026-02-30' }));
    expect(error.code).toBe('invalid-record');
    expect(error.message).toContain('$.minutes: enter at least 1 minute');
    expect(error.message).toContain('$.date: that date does not exist');
    expect((await repo.listCpdRecords(TEST_PROFILE_ID)).activities).toEqual([]);
  });

  it('reports a stored activity that fails its schema instead of dropping it', async () => {
    const { db, repo } = setUp();
    await db.cpdActivities.put({ id: ACTIVITY_ID, profileId: TEST_PROFILE_ID, recordVersion: 1, title: '', date: 'soon' });
    const records = await repo.listCpdRecords(TEST_PROFILE_ID);
    expect(records.activities).toEqual([]);
    expect(records.unreadable[0]?.reason).toContain(`Saved CPD activity ${ACTIVITY_ID} could not be read`);
  });

  it('tells an observer about every change', async () => {
    const { repo } = setUp();
    const seen: CpdRecords[] = [];
    const stop = repo.observeCpdRecords(TEST_PROFILE_ID, (r) => seen.push(r), (e) => expect.fail(e.message));
    await expect.poll(() => seen.length).toBe(1);
    await repo.saveActivity(TEST_PROFILE_ID, course);
    await expect.poll(() => seen.at(-1)?.activities.length).toBe(1);
    stop();
  });
});

describe('Dexie version 2', () => {
  it('opens a version-1 database with its attempts and profiles intact and the CPD tables empty', async () => {
    const name = `t-${crypto.randomUUID()}`;
    const v1 = new Dexie(name);
    v1.version(1).stores({ profiles: '&id, name', attempts: '&id, profileId, scenarioId, [profileId+completedAt], completedAt', settings: '&key' });
    const attempt = buildAttempt();
    await v1.table('attempts').put(attempt);
    v1.close();

    const db = freshDb(name);
    const list = await createAttemptsRepo(db).listAttempts(TEST_PROFILE_ID);
    expect(list.attempts.map((a) => a.id)).toEqual([attempt.id]);
    expect(db.verno).toBe(7);
    expect(await createCpdLogRepo(db).listCpdRecords(TEST_PROFILE_ID)).toEqual({ reflections: [], activities: [], unreadable: [] });
    expect(db.tables.map((t) => t.name).sort()).toEqual(['attemptSummaries', 'attempts', 'authoredMedia', 'authoredScenarios', 'callsInProgress', 'cpdActivities', 'lrsConnection', 'profiles', 'reflections', 'reportTexts', 'scenarioDrafts', 'settings', 'xapiOutbox']);
    expect(db.cpdActivities.schema.indexes.map((i) => i.name).sort()).toEqual(['[profileId+date]', 'profileId']);
  });
});

describe('observeProfiles', () => {
  it('follows a new profile and an explicit switch', async () => {
    const db: CallTrainerDb = freshDb();
    const profiles = createProfilesRepo(db);
    const first = await profiles.ensureDefaultProfile();
    const seen: Array<{ names: string[]; active: string | undefined }> = [];
    const stop = profiles.observeProfiles((s) => seen.push({ names: s.profiles.map((p) => p.name), active: s.active?.name }), (e) => expect.fail(e.message));
    await expect.poll(() => seen.at(-1)).toEqual({ names: [first.name], active: first.name });
    const second = await profiles.createProfile('Sam Okafor');
    await expect.poll(() => seen.at(-1)).toEqual({ names: ['Sam Okafor', first.name], active: first.name });
    await profiles.setActiveProfile(second.id);
    await expect.poll(() => seen.at(-1)?.active).toBe('Sam Okafor');
    stop();
  });
});
