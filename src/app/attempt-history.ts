import { scoreAttempt } from '../domain/scoring';
import type { AttemptRecord } from '../store/attempt-record';
import type { AttemptsRepo } from '../store/attempts-repo';
import type { AttemptHistory, ScenarioCatalogue } from '../ui/app-services';

/**
 * Finishing a call: the answer key is loaded only now, the attempt is scored by the domain's
 * scoreAttempt under the scenario's force policy, and saved with its full response and report
 * against the profile whose record is open.
 */
export function createAttemptHistory(options: {
  catalogue: ScenarioCatalogue;
  attempts: AttemptsRepo;
  profileId: string;
  now: () => number;
  newId: () => string;
}): AttemptHistory {
  const { catalogue, attempts, profileId } = options;
  return {
    async complete(scenario, response, startedAt) {
      const [answerKey, policy] = await Promise.all([catalogue.answerKey(scenario.id), catalogue.policyFor(scenario)]);
      const report = scoreAttempt(scenario, answerKey, response, policy);
      const record: AttemptRecord = {
        recordVersion: 1,
        id: options.newId(),
        profileId,
        scenarioId: scenario.id,
        scenarioVersion: scenario.version,
        scenarioTitle: scenario.metadata.title,
        incidentType: scenario.metadata.incidentType,
        // Recorded as the call was run: an assessed call stays marked as assessed in history.
        mode: response.mode ?? 'practice',
        startedAt: startedAt.toISOString(),
        completedAt: new Date(options.now()).toISOString(),
        response,
        report,
      };
      const saved = await attempts.saveAttempt(record);
      return saved.id;
    },
    observeAttempts(onChange, onError) {
      return attempts.observeAttempts(
        profileId,
        (list) => onChange([...list.attempts], list.unreadable.length),
        (error) => onError(error.message),
      );
    },
    observeAttempt(attemptId, onChange, onError) {
      return attempts.observeAttempt(
        attemptId,
        (lookup) => {
          if (lookup.kind === 'found') onChange(lookup.attempt);
          else if (lookup.kind === 'missing') onChange(undefined);
          else onError(`Attempt ${attemptId} is saved but cannot be read: ${lookup.unreadable.reason}`);
        },
        (error) => onError(error.message),
      );
    },
  };
}
