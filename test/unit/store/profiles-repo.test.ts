import { afterEach, describe, expect, it, vi } from 'vitest';
import { ACTIVE_PROFILE_SETTING, createProfilesRepo, DEFAULT_PROFILE_NAME } from '../../../src/store/profiles-repo';
import { StoreError } from '../../../src/store/store-error';
import { useFreshDatabases } from './fresh-databases';

const freshDb = useFreshDatabases();

afterEach(() => {
  vi.restoreAllMocks();
});

const NOW = new Date('2025-03-01T08:00:00.000Z');

async function rejectionOf(promise: Promise<unknown>): Promise<StoreError> {
  const error: unknown = await promise.then(
    () => expect.fail('expected the promise to reject'),
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(StoreError);
  return error as StoreError;
}

describe('ensureDefaultProfile', () => {
  it('creates an active "Trainee" profile on first use', async () => {
    const repo = createProfilesRepo(freshDb(), { now: () => NOW });

    const profile = await repo.ensureDefaultProfile();

    expect(profile).toMatchObject({ name: DEFAULT_PROFILE_NAME, createdAt: '2025-03-01T08:00:00.000Z' });
    expect(await repo.getActiveProfile()).toEqual(profile);
    expect(await repo.listProfiles()).toEqual({ profiles: [profile], unreadable: [] });
  });

  it('returns the same profile when called again', async () => {
    const repo = createProfilesRepo(freshDb());
    const first = await repo.ensureDefaultProfile();
    expect(await repo.ensureDefaultProfile()).toEqual(first);
    expect((await repo.listProfiles()).profiles).toHaveLength(1);
  });

  it('makes one profile when called concurrently', async () => {
    const db = freshDb();
    const repo = createProfilesRepo(db);

    const results = await Promise.all([repo.ensureDefaultProfile(), repo.ensureDefaultProfile(), repo.ensureDefaultProfile()]);

    expect(new Set(results.map((p) => p.id)).size).toBe(1);
    expect(await db.profiles.count()).toBe(1);
  });

  it('makes one profile when two connections (two tabs) race', async () => {
    const name = `t-${crypto.randomUUID()}`;
    const tabA = createProfilesRepo(freshDb(name));
    const tabB = createProfilesRepo(freshDb(name));

    const [a, b] = await Promise.all([tabA.ensureDefaultProfile(), tabB.ensureDefaultProfile()]);

    expect(a.id).toBe(b.id);
    expect((await tabA.listProfiles()).profiles).toHaveLength(1);
  });

  it('adopts the oldest existing profile when none is active instead of creating another', async () => {
    let clock = new Date('2025-01-01T00:00:00.000Z');
    const repo = createProfilesRepo(freshDb(), { now: () => clock });
    const older = await repo.createProfile('Sam');
    clock = new Date('2025-02-01T00:00:00.000Z');
    await repo.createProfile('Alex');

    expect(await repo.ensureDefaultProfile()).toEqual(older);
    expect((await repo.listProfiles()).profiles).toHaveLength(2);
  });

  it('refuses to replace an active profile that is stored but unreadable', async () => {
    const db = freshDb();
    const repo = createProfilesRepo(db);
    const profile = await repo.ensureDefaultProfile();
    await db.profiles.put({ ...profile, name: '' });

    const error = await rejectionOf(repo.ensureDefaultProfile());

    expect(error.code).toBe('unreadable-record');
    expect(error.message).toBe(
      `Your profile could not be loaded: Saved profile ${profile.id} could not be read: $.name: a profile needs a name`,
    );
    expect(await db.profiles.count()).toBe(1);
  });
});

describe('active profile', () => {
  it('is undefined before any profile exists', async () => {
    expect(await createProfilesRepo(freshDb()).getActiveProfile()).toBeUndefined();
  });

  it('switches to another profile and remembers it in settings', async () => {
    const db = freshDb();
    const repo = createProfilesRepo(db);
    await repo.ensureDefaultProfile();
    const alex = await repo.createProfile('  Alex  ');

    expect(alex.name).toBe('Alex');
    expect(await repo.setActiveProfile(alex.id)).toEqual(alex);
    expect(await repo.getActiveProfile()).toEqual(alex);
    expect(await db.settings.get(ACTIVE_PROFILE_SETTING)).toEqual({ key: ACTIVE_PROFILE_SETTING, value: alex.id });
  });

  it('refuses to switch to a profile that does not exist, leaving the active one', async () => {
    const repo = createProfilesRepo(freshDb());
    const trainee = await repo.ensureDefaultProfile();

    const error = await rejectionOf(repo.setActiveProfile(crypto.randomUUID()));

    expect(error.code).toBe('not-found');
    expect(error.message).toBe('The profile was not switched: that profile no longer exists.');
    expect(await repo.getActiveProfile()).toEqual(trainee);
  });
});

describe('createProfile and listProfiles', () => {
  it('refuses a blank name, naming the field, and writes nothing', async () => {
    const db = freshDb();
    const repo = createProfilesRepo(db);

    const error = await rejectionOf(repo.createProfile('   '));

    expect(error.code).toBe('invalid-record');
    expect(error.message).toBe('The profile was not created: it is not a valid profile. $.name: a profile needs a name');
    expect(await db.profiles.count()).toBe(0);
  });

  it('lists profiles by name and reports a corrupt one as unreadable', async () => {
    const db = freshDb();
    const repo = createProfilesRepo(db);
    const zoe = await repo.createProfile('zoe');
    const alex = await repo.createProfile('Alex');
    const brokenId = crypto.randomUUID();
    await db.profiles.put({ id: brokenId, name: 'Kim', createdAt: 'yesterday' });

    const list = await repo.listProfiles();

    expect(list.profiles).toEqual([alex, zoe]);
    expect(list.unreadable).toHaveLength(1);
    expect(list.unreadable[0]).toMatchObject({ id: brokenId, issues: [{ path: '$.createdAt' }] });
  });
});
