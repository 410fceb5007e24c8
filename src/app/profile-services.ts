import type { CpdLogRepo } from '../store/cpd-log-repo';
import type { ProfilesRepo } from '../store/profiles-repo';
import type { CpdLog, ProfileDirectory } from '../ui/app-services';

/** The trainees on this machine, from the profiles repository. */
export function createProfileDirectory(profiles: ProfilesRepo): ProfileDirectory {
  return {
    observe(onChange, onError) {
      return profiles.observeProfiles(
        (state) => onChange({ profiles: state.profiles.map(({ id, name }) => ({ id, name })), activeId: state.active?.id }),
        (error) => onError(error.message),
      );
    },
    async create(name) {
      const { id, name: saved } = await profiles.createProfile(name);
      return { id, name: saved };
    },
    async switchTo(id) {
      const { id: active, name } = await profiles.setActiveProfile(id);
      return { id: active, name };
    },
  };
}

/**
 * Subscribes once `load` resolves; the returned unsubscribe works before and after that. Lets a
 * repository load with the first screen that needs it instead of with the first page.
 */
export function observeWhenLoaded<T>(load: () => Promise<T>, subscribe: (loaded: T) => () => void, onError: (message: string) => void): () => void {
  let unsubscribe: (() => void) | undefined;
  let cancelled = false;
  load().then(
    (loaded) => {
      if (!cancelled) unsubscribe = subscribe(loaded);
    },
    (error: unknown) => onError(error instanceof Error ? error.message : String(error)),
  );
  return () => {
    cancelled = true;
    unsubscribe?.();
  };
}

/** One profile's CPD log, from the CPD repository (loaded on first use). */
export function createProfileCpdLog(loadRepo: () => Promise<CpdLogRepo>, profileId: string): CpdLog {
  return {
    observe(onChange, onError) {
      return observeWhenLoaded(loadRepo, (repo) => repo.observeCpdRecords(
        profileId,
        (records) =>
          onChange({
            reflections: records.reflections.map((r) => ({ attemptId: r.attemptId, whatHappened: r.whatHappened, whatILearned: r.whatILearned, whatIWillDoDifferently: r.whatIWillDoDifferently, updatedAt: r.updatedAt })),
            activities: records.activities.map((a) => ({ id: a.id, title: a.title, date: a.date, minutes: a.minutes, kind: a.kind, notes: a.notes })),
            unreadable: records.unreadable.length,
          }),
        (error) => onError(error.message),
      ), onError);
    },
    async saveReflection(attemptId, input) {
      await (await loadRepo()).saveReflection(profileId, attemptId, input);
    },
    async saveActivity(input, id) {
      await (await loadRepo()).saveActivity(profileId, input, id);
    },
    async deleteActivity(id) {
      return (await loadRepo()).deleteActivity(profileId, id);
    },
  };
}
