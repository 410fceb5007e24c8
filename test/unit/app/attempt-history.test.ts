import { describe, expect, it } from 'vitest';
import { createAttemptHistory } from '../../../src/app/attempt-history';
import type { AttemptRecord } from '../../../src/store/attempt-record';
import type { AttemptsRepo, SaveAttemptOptions } from '../../../src/store/attempts-repo';
import { StoreError, toStoreError } from '../../../src/store/store-error';
import { AttemptNotSavedError, type ScenarioCatalogue } from '../../../src/ui/app-services';
import { defaultPolicy } from '../../fixtures/default-policy';
import { miniAnswerKey, miniExpertResponse, miniScenario } from '../../fixtures/mini-call';

const PROFILE_ID = '6a0e8f2c-4b1d-4c3e-9f5a-2d7b8c9e0a11';
const CALL_ID = '0f8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d';
const catalogue: ScenarioCatalogue = {
  list: async () => ({ scenarios: [], problems: [] }),
  load: async () => miniScenario(),
  policyFor: async () => defaultPolicy(),
  policy: async () => defaultPolicy(),
  answerKey: async () => miniAnswerKey(),
};

/** An attempts repository whose save does what `save` says; everything else is unused here. */
function fakeAttempts(save: (record: AttemptRecord, options?: SaveAttemptOptions) => Promise<AttemptRecord>): AttemptsRepo {
  const unused = () => {
    throw new Error('not used');
  };
  return { saveAttempt: save, getAttempt: unused, listAttempts: unused, observeAttempts: unused, observeAttempt: unused };
}

const complete = (attempts: AttemptsRepo) =>
  createAttemptHistory({ catalogue, attempts, profileId: PROFILE_ID, now: () => Date.parse('2025-03-01T09:05:00.000Z') }).complete(
    miniScenario(),
    miniExpertResponse(),
    { callId: CALL_ID, startedAt: new Date('2025-03-01T09:00:00.000Z') },
  );

describe('finishing a call', () => {
  it('saves the scored attempt under the call\u2019s id and finishes its call in progress in the same write', async () => {
    const saves: Array<[AttemptRecord, SaveAttemptOptions | undefined]> = [];
    const id = await complete(fakeAttempts(async (record, options) => (saves.push([record, options]), record)));
    expect(id).toBe(CALL_ID);
    expect(saves).toHaveLength(1);
    expect(saves[0]![0]).toMatchObject({ id: CALL_ID, profileId: PROFILE_ID, completedAt: '2025-03-01T09:05:00.000Z' });
    expect(saves[0]![0].report.percent).toBe(100);
    expect(saves[0]![1]).toEqual({ finishesCallInProgress: CALL_ID, outbox: [] });
  });

  it.each([
    ['a full disk', toStoreError(new DOMException('quota', 'QuotaExceededError'), 'this attempt was not saved'), true],
    ['another store failure', new StoreError('database-closed', 'This attempt was not saved: storage was closed.'), false],
  ])('when the save fails with %s, rejects with the message and the scored attempt to download', async (_label, failure, outOfStorage) => {
    const error = await complete(fakeAttempts(() => Promise.reject(failure))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AttemptNotSavedError);
    const notSaved = error as AttemptNotSavedError;
    expect(notSaved.message).toBe(failure.message);
    expect(notSaved.outOfStorage).toBe(outOfStorage);
    expect(notSaved.attempt).toMatchObject({ id: CALL_ID, scenarioId: miniScenario().id });
    expect(notSaved.attempt.report.percent).toBe(100);
  });
});
