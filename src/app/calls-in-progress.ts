import type { CallInProgressRecord } from '../store/call-in-progress-record';
import type { CallsInProgressRepo } from '../store/calls-in-progress-repo';
import type { CallsInProgress, UnfinishedCall } from '../ui/app-services';

function unfinished(record: CallInProgressRecord): UnfinishedCall {
  return {
    id: record.id,
    scenarioId: record.scenarioId,
    scenarioTitle: record.scenarioTitle,
    startedAt: new Date(record.startedAt),
    updatedAt: new Date(record.updatedAt),
    progress: record.progress,
  };
}

/**
 * The persistence listener's other end: the call screen hands over each step of a call and this
 * keeps it as the profile's call in progress (Dexie `callsInProgress`), so a reload can resume it.
 */
export function createCallsInProgress(options: { repo: CallsInProgressRepo; profileId: string; now: () => number }): CallsInProgress {
  const { repo, profileId } = options;
  return {
    async find(scenarioId) {
      const record = await repo.findLatest(profileId, scenarioId);
      return record && unfinished(record);
    },
    async save({ id, scenario, startedAt, progress }) {
      await repo.saveCallInProgress({
        recordVersion: 1,
        id,
        profileId,
        scenarioId: scenario.id,
        scenarioVersion: scenario.version,
        scenarioTitle: scenario.metadata.title,
        mode: 'practice',
        startedAt: startedAt.toISOString(),
        updatedAt: new Date(options.now()).toISOString(),
        progress,
      });
    },
    discard: (id) => repo.discardCallInProgress(id),
    observe(onChange, onError) {
      return repo.observeCallsInProgress(
        profileId,
        (list) => onChange(list.calls.map(unfinished)),
        (error) => onError(error.message),
      );
    },
  };
}
