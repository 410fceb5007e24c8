import { liveQuery } from 'dexie';
import { cpdActivityInputSchema, reflectionInputSchema, type CpdActivityInput, type ReflectionInput } from '../domain/cpd-log';
import type { Unsubscribe } from './attempts-repo';
import type { CallTrainerDb, StoredRow } from './call-trainer-db';
import { CPD_RECORD_VERSION, cpdActivityRecordSchema, reflectionRecordSchema, type CpdActivityRecord, type ReflectionRecord } from './cpd-records';
import { invalidRecordError, unreadableRecord, type UnreadableRecord } from './record-issues';
import { StoreError, toStoreError, withStoreErrors } from './store-error';

/** A profile's reflections and CPD activities, and any stored ones that failed their schema. */
export interface CpdRecords {
  readonly reflections: readonly ReflectionRecord[];
  readonly activities: readonly CpdActivityRecord[];
  readonly unreadable: readonly UnreadableRecord[];
}

/** Clock and id source; tests pin them, the app uses the defaults. */
export interface CpdLogRepoOptions {
  readonly now?: () => Date;
  readonly newId?: () => string;
}

/** Reflections on attempts and other CPD activity, per profile. Failures reject with `StoreError`. */
export interface CpdLogRepo {
  /**
   * Writes the profile's reflection on an attempt (replacing an earlier one, keeping when it was
   * first written). Rejects with `invalid-record` naming each field at fault, or `not-found` when
   * the attempt is not this profile's; nothing is written either way.
   */
  saveReflection(profileId: string, attemptId: string, input: ReflectionInput): Promise<ReflectionRecord>;
  /** Records a CPD activity, or updates one when `id` is given. Same refusals as above. */
  saveActivity(profileId: string, input: CpdActivityInput, id?: string): Promise<CpdActivityRecord>;
  /** Removes one of the profile's activities; rejects with `not-found` if there is none. */
  deleteActivity(profileId: string, id: string): Promise<void>;
  listCpdRecords(profileId: string): Promise<CpdRecords>;
  /** Live: calls `onChange` now and after every change to the profile's CPD records. */
  observeCpdRecords(profileId: string, onChange: (records: CpdRecords) => void, onError: (error: StoreError) => void): Unsubscribe;
}

export function createCpdLogRepo(db: CallTrainerDb, options: CpdLogRepoOptions = {}): CpdLogRepo {
  const now = options.now ?? (() => new Date());
  const newId = options.newId ?? (() => crypto.randomUUID());

  async function read(profileId: string): Promise<CpdRecords> {
    const [reflectionRows, activityRows] = await Promise.all([
      db.reflections.where('profileId').equals(profileId).toArray(),
      db.cpdActivities.where('profileId').equals(profileId).toArray(),
    ]);
    const unreadable: UnreadableRecord[] = [];
    const reflections: ReflectionRecord[] = [];
    const activities: CpdActivityRecord[] = [];
    for (const row of reflectionRows) {
      const parsed = reflectionRecordSchema.safeParse(row);
      if (parsed.success) reflections.push(parsed.data);
      else unreadable.push(unreadableRecord('reflection', row.attemptId, parsed.error));
    }
    for (const row of activityRows) {
      const parsed = cpdActivityRecordSchema.safeParse(row);
      if (parsed.success) activities.push(parsed.data);
      else unreadable.push(unreadableRecord('CPD activity', row.id, parsed.error));
    }
    activities.sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : a.id < b.id ? -1 : 1));
    return { reflections, activities, unreadable };
  }

  const ownedBy = (row: StoredRow | undefined, profileId: string) => row !== undefined && row.profileId === profileId;

  return {
    async saveReflection(profileId, attemptId, input) {
      const failed = 'your reflection was not saved';
      const checked = reflectionInputSchema.safeParse(input);
      if (!checked.success) throw invalidRecordError(failed, 'reflection', checked.error);
      return withStoreErrors(failed, () =>
        db.transaction('rw', db.attempts, db.reflections, async () => {
          if (!ownedBy(await db.attempts.get(attemptId), profileId)) {
            throw StoreError.because('not-found', failed, 'that attempt is not in this profile’s record.');
          }
          const earlier = reflectionRecordSchema.safeParse(await db.reflections.get(attemptId));
          const at = now().toISOString();
          const record = reflectionRecordSchema.safeParse({
            recordVersion: CPD_RECORD_VERSION,
            attemptId,
            profileId,
            ...checked.data,
            createdAt: earlier.success ? earlier.data.createdAt : at,
            updatedAt: at,
          });
          if (!record.success) throw invalidRecordError(failed, 'reflection', record.error);
          await db.reflections.put(record.data);
          return record.data;
        }),
      );
    },

    async saveActivity(profileId, input, id) {
      const failed = 'the CPD activity was not saved';
      const checked = cpdActivityInputSchema.safeParse(input);
      if (!checked.success) throw invalidRecordError(failed, 'CPD activity', checked.error);
      return withStoreErrors(failed, () =>
        db.transaction('rw', db.cpdActivities, async () => {
          const at = now().toISOString();
          let createdAt = at;
          if (id !== undefined) {
            const existing = await db.cpdActivities.get(id);
            if (!ownedBy(existing, profileId)) throw StoreError.because('not-found', failed, 'that activity is not in this profile’s record.');
            const parsed = cpdActivityRecordSchema.safeParse(existing);
            if (parsed.success) createdAt = parsed.data.createdAt;
          }
          const record = cpdActivityRecordSchema.safeParse({ recordVersion: CPD_RECORD_VERSION, id: id ?? newId(), profileId, ...checked.data, createdAt, updatedAt: at });
          if (!record.success) throw invalidRecordError(failed, 'CPD activity', record.error);
          await db.cpdActivities.put(record.data);
          return record.data;
        }),
      );
    },

    deleteActivity(profileId, id) {
      const failed = 'the CPD activity was not removed';
      return withStoreErrors(failed, () =>
        db.transaction('rw', db.cpdActivities, async () => {
          if (!ownedBy(await db.cpdActivities.get(id), profileId)) throw StoreError.because('not-found', failed, 'that activity is not in this profile’s record.');
          await db.cpdActivities.delete(id);
        }),
      );
    },

    listCpdRecords(profileId) {
      return withStoreErrors('your CPD log could not be read', () => read(profileId));
    },

    observeCpdRecords(profileId, onChange, onError) {
      const failed = 'your CPD log could not be read';
      const subscription = liveQuery(() => withStoreErrors(failed, () => read(profileId))).subscribe({
        next: onChange,
        error: (error: unknown) => onError(toStoreError(error, failed)),
      });
      return () => subscription.unsubscribe();
    },
  };
}
