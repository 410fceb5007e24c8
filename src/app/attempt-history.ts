import type { ForcePolicy } from '../domain/force-policy-schema';
import type { AttemptRecord } from '../store/attempt-record';
import type { AttemptsRepo } from '../store/attempts-repo';
import { StoreError } from '../store/store-error';
import { outboxRowsFor } from '../store/xapi-outbox-queue';
import type { XapiOutboxRepo } from '../store/xapi-outbox-repo';
import { AttemptNotSavedError, type AttemptHistory, type ScenarioCatalogue } from '../ui/app-services';

/**
 * Finishing a call: the answer key is loaded only now, the attempt is scored by the domain's
 * scoreAttempt under the scenario's force policy, and saved with its full response and report
 * against the profile whose record is open. When an LRS is configured, the attempt's xAPI
 * statements are queued in the same transaction as the attempt, and the sender is told.
 */
export function createAttemptHistory(options: {
  catalogue: ScenarioCatalogue;
  attempts: AttemptsRepo;
  profileId: string;
  now: () => number;
  /** The xAPI outbox and LRS connection (loaded on demand); without it no statements are ever made. */
  xapi?: () => Promise<{ outbox: XapiOutboxRepo; profileName: string; queued: () => void }>;
  /** Told of each saved attempt, e.g. to report it to the LMS that launched the app. */
  onCompleted?: (attempt: AttemptRecord, policy: ForcePolicy) => void;
}): AttemptHistory {
  const { catalogue, attempts, profileId, xapi } = options;
  return {
    async complete(scenario, response, { callId, startedAt }) {
      const [answerKey, policy] = await Promise.all([catalogue.answerKey(scenario.id, scenario.version), catalogue.policyFor(scenario)]);
      // Scoring loads with the first finished call, keeping it out of the first load.
      const { scoreAttempt } = await import('../domain/scoring');
      const report = scoreAttempt(scenario, answerKey, response, policy);
      const record: AttemptRecord = {
        recordVersion: 1,
        id: callId,
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
      const queue = xapi ? await xapi() : undefined;
      const connection = queue ? await queue.outbox.getConnection() : undefined;
      // The statement builder loads only when an LRS is configured.
      const statements =
        queue && connection
          ? (await import('../domain/xapi-statements')).buildAttemptStatements({ ...record, profile: { id: profileId, name: queue.profileName } }, policy, {
              activityBase: connection.activityBase,
            })
          : [];
      try {
        const saved = await attempts.saveAttempt(record, {
          finishesCallInProgress: callId,
          outbox: outboxRowsFor(record.id, statements, new Date(options.now())),
        });
        if (statements.length > 0) queue?.queued();
        options.onCompleted?.(saved, policy);
        return saved.id;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        const outOfStorage = error instanceof StoreError && error.code === 'storage-full';
        throw new AttemptNotSavedError(message, outOfStorage, record, { cause: error });
      }
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
