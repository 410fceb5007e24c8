import type { CallInProgressRecord } from '../store/call-in-progress-record';
import type { CallsInProgressRepo } from '../store/calls-in-progress-repo';
import type { CallsInProgress, UnfinishedCall } from '../ui/app-services';
import type { CallPresence } from './call-presence';

function unfinished(record: CallInProgressRecord, held: ReadonlySet<string>): UnfinishedCall {
  return {
    openElsewhere: held.has(record.id),
    id: record.id,
    scenarioId: record.scenarioId,
    scenarioTitle: record.scenarioTitle,
    scenarioVersion: record.scenarioVersion,
    startedAt: new Date(record.startedAt),
    updatedAt: new Date(record.updatedAt),
    progress: record.progress,
  };
}

/**
 * The persistence listener's other end: the call screen hands over each step of a call and this
 * keeps it as the profile's call in progress (Dexie `callsInProgress`), so a reload can resume it.
 * A call still on the line in another tab (see `call-presence.ts`) is never offered for resuming.
 */
export function createCallsInProgress(options: { repo: CallsInProgressRepo; profileId: string; now: () => number; presence: CallPresence }): CallsInProgress {
  const { repo, profileId, presence } = options;
  return {
    async find(scenarioId) {
      const [{ calls }, held] = await Promise.all([repo.listCallsInProgress(profileId), presence.heldCallIds()]);
      const record = calls.find((call) => call.scenarioId === scenarioId && !held.has(call.id));
      return record && unfinished(record, held);
    },
    hold: (callId) => presence.hold(callId),
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
      // Each change asks which calls are held; a slower answer to an older change is dropped.
      let latest = 0;
      return repo.observeCallsInProgress(
        profileId,
        (list) => {
          const change = ++latest;
          void presence.heldCallIds().then(
            (held) => {
              if (change === latest) onChange(list.calls.map((call) => unfinished(call, held)));
            },
            () => {
              if (change === latest) onChange(list.calls.map((call) => unfinished(call, new Set())));
            },
          );
        },
        (error) => onError(error.message),
      );
    },
  };
}
