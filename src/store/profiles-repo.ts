import { liveQuery } from 'dexie';
import { z } from 'zod';
import type { Unsubscribe } from './attempts-repo';
import type { CallTrainerDb, StoredRow } from './call-trainer-db';
import { profileRecordSchema, type ProfileRecord } from './profile-record';
import { invalidRecordError, unreadableRecord, type UnreadableRecord } from './record-issues';
import { StoreError, toStoreError, withStoreErrors } from './store-error';

/** The name of the profile made on first use. */
export const DEFAULT_PROFILE_NAME = 'Trainee';

/** Settings key holding the active profile's id. */
export const ACTIVE_PROFILE_SETTING = 'activeProfileId';

const activeProfileSettingSchema = z.object({ key: z.literal(ACTIVE_PROFILE_SETTING), value: z.uuid() });

/** Every profile, by name, and any stored profiles that failed their schema. */
export interface ProfileList {
  readonly profiles: readonly ProfileRecord[];
  readonly unreadable: readonly UnreadableRecord[];
}

/** Every profile and which one is active (undefined when none is set or it no longer exists). */
export interface ProfileState extends ProfileList {
  readonly active: ProfileRecord | undefined;
}

/** Clock and id source; tests pin them, the app uses the defaults. */
export interface ProfilesRepoOptions {
  readonly now?: () => Date;
  readonly newId?: () => string;
}

/** Trainee profiles and which one is active. Every failure rejects with a `StoreError`. */
export interface ProfilesRepo {
  /**
   * Returns the active profile, first making one if needed: when no profile is active it adopts
   * the oldest readable profile, or creates "Trainee" when there is none. Runs in one
   * read-write transaction over profiles and settings, so concurrent calls (even from two tabs)
   * end with a single profile. Rejects with `unreadable-record` rather than replacing an active
   * profile that is stored but unreadable.
   */
  ensureDefaultProfile(): Promise<ProfileRecord>;
  /** The active profile, or `undefined` when none is set or it no longer exists. */
  getActiveProfile(): Promise<ProfileRecord | undefined>;
  /** Makes an existing profile active; rejects with `not-found` when there is no such profile. */
  setActiveProfile(id: string): Promise<ProfileRecord>;
  /** Creates a profile (not made active); rejects with `invalid-record` for a bad name. */
  createProfile(name: string): Promise<ProfileRecord>;
  /** Every profile, sorted by name. */
  listProfiles(): Promise<ProfileList>;
  /**
   * Calls `onChange` with every profile and the active one now and after every change (a switch
   * in this tab or another), until unsubscribed. After `onError` the observation stops.
   */
  observeProfiles(onChange: (state: ProfileState) => void, onError: (error: StoreError) => void): Unsubscribe;
}

function byName(a: ProfileRecord, b: ProfileRecord): number {
  return a.name.localeCompare(b.name, 'en-GB', { sensitivity: 'base' }) || a.createdAt.localeCompare(b.createdAt);
}

/** Creates the profiles repository over an open (or lazily opening) database. */
export function createProfilesRepo(db: CallTrainerDb, options: ProfilesRepoOptions = {}): ProfilesRepo {
  const now = options.now ?? (() => new Date());
  const newId = options.newId ?? (() => crypto.randomUUID());

  function parseRow(row: StoredRow): { ok: true; profile: ProfileRecord } | { ok: false; unreadable: UnreadableRecord } {
    const result = profileRecordSchema.safeParse(row);
    return result.success
      ? { ok: true, profile: result.data }
      : { ok: false, unreadable: unreadableRecord('profile', row.id, result.error) };
  }

  /** A profile by id; undefined when absent; throws when stored but unreadable. */
  async function readProfile(id: string, failed: string): Promise<ProfileRecord | undefined> {
    const row = await db.profiles.get(id);
    if (row === undefined) return undefined;
    const parsed = parseRow(row);
    if (parsed.ok) return parsed.profile;
    throw StoreError.because('unreadable-record', failed, parsed.unreadable.reason);
  }

  /** The active profile id, or undefined when unset or not a profile id (treated as unset). */
  async function readActiveId(): Promise<string | undefined> {
    const row = await db.settings.get(ACTIVE_PROFILE_SETTING);
    const parsed = activeProfileSettingSchema.safeParse(row);
    return parsed.success ? parsed.data.value : undefined;
  }

  async function readProfiles(): Promise<ProfileList> {
    const profiles: ProfileRecord[] = [];
    const unreadable: UnreadableRecord[] = [];
    for (const row of await db.profiles.toArray()) {
      const parsed = parseRow(row);
      if (parsed.ok) profiles.push(parsed.profile);
      else unreadable.push(parsed.unreadable);
    }
    profiles.sort(byName);
    return { profiles, unreadable };
  }

  function newProfile(name: string, failed: string): ProfileRecord {
    const result = profileRecordSchema.safeParse({ id: newId(), name, createdAt: now().toISOString() });
    if (!result.success) throw invalidRecordError(failed, 'profile', result.error);
    return result.data;
  }

  return {
    ensureDefaultProfile() {
      const failed = 'your profile could not be loaded';
      return withStoreErrors(failed, () =>
        db.transaction('rw', db.profiles, db.settings, async () => {
          const activeId = await readActiveId();
          const active = activeId === undefined ? undefined : await readProfile(activeId, failed);
          if (active) return active;
          const { profiles } = await readProfiles();
          const oldest = [...profiles].sort((a, b) => a.createdAt.localeCompare(b.createdAt))[0];
          const chosen = oldest ?? newProfile(DEFAULT_PROFILE_NAME, failed);
          if (!oldest) await db.profiles.add(chosen);
          await db.settings.put({ key: ACTIVE_PROFILE_SETTING, value: chosen.id });
          return chosen;
        }),
      );
    },

    getActiveProfile() {
      const failed = 'the active profile could not be read';
      return withStoreErrors(failed, () =>
        db.transaction('r', db.profiles, db.settings, async () => {
          const activeId = await readActiveId();
          return activeId === undefined ? undefined : readProfile(activeId, failed);
        }),
      );
    },

    setActiveProfile(id) {
      const failed = 'the profile was not switched';
      return withStoreErrors(failed, () =>
        db.transaction('rw', db.profiles, db.settings, async () => {
          const profile = await readProfile(id, failed);
          if (!profile) throw StoreError.because('not-found', failed, 'that profile no longer exists.');
          await db.settings.put({ key: ACTIVE_PROFILE_SETTING, value: profile.id });
          return profile;
        }),
      );
    },

    createProfile(name) {
      const failed = 'the profile was not created';
      return withStoreErrors(failed, async () => {
        const profile = newProfile(name, failed);
        await db.transaction('rw', db.profiles, () => db.profiles.add(profile));
        return profile;
      });
    },

    listProfiles() {
      return withStoreErrors('your profiles could not be read', () => db.transaction('r', db.profiles, readProfiles));
    },

    observeProfiles(onChange, onError) {
      const failed = 'your profiles could not be read';
      const read = () =>
        withStoreErrors(failed, async (): Promise<ProfileState> => {
          const list = await readProfiles();
          const activeId = await readActiveId();
          return { ...list, active: list.profiles.find((p) => p.id === activeId) };
        });
      const subscription = liveQuery(read).subscribe({ next: onChange, error: (error: unknown) => onError(toStoreError(error, failed)) });
      return () => subscription.unsubscribe();
    },
  };
}
