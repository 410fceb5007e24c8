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

/** One profile's CPD log, from the CPD repository. */
export function createProfileCpdLog(repo: CpdLogRepo, profileId: string): CpdLog {
  return {
    observe(onChange, onError) {
      return repo.observeCpdRecords(
        profileId,
        (records) =>
          onChange({
            reflections: records.reflections.map((r) => ({ attemptId: r.attemptId, whatHappened: r.whatHappened, whatILearned: r.whatILearned, whatIWillDoDifferently: r.whatIWillDoDifferently, updatedAt: r.updatedAt })),
            activities: records.activities.map((a) => ({ id: a.id, title: a.title, date: a.date, minutes: a.minutes, kind: a.kind, notes: a.notes })),
            unreadable: records.unreadable.length,
          }),
        (error) => onError(error.message),
      );
    },
    async saveReflection(attemptId, input) {
      await repo.saveReflection(profileId, attemptId, input);
    },
    async saveActivity(input, id) {
      await repo.saveActivity(profileId, input, id);
    },
    deleteActivity(id) {
      return repo.deleteActivity(profileId, id);
    },
  };
}
