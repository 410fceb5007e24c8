import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAttemptHistory } from '../../../src/app/attempt-history';
import { parseAnswerKey } from '../../../src/domain/answer-key-schema';
import { callResponseSchema } from '../../../src/domain/call-response-schema';
import { parseForcePolicy } from '../../../src/domain/force-policy-schema';
import { parseScenario } from '../../../src/domain/scenario-schema';
import { createAttemptsRepo } from '../../../src/store/attempts-repo';
import { createXapiOutboxRepo } from '../../../src/store/xapi-outbox-repo';
import type { ScenarioCatalogue } from '../../../src/ui/app-services';
import { validateStatement } from '../../fixtures/xapi-validator';
import { TEST_PROFILE_ID } from '../store/attempt-builder';
import { useFreshDatabases } from '../store/fresh-databases';

const freshDb = useFreshDatabases();
const repo = path.join(import.meta.dirname, '../../..');
const readJson = (file: string): unknown => JSON.parse(fs.readFileSync(path.join(repo, file), 'utf8'));
const scenario = parseScenario(readJson('scenarios/dv-whispered-999/scenario.json'), 'scenario.json');
const answerKey = parseAnswerKey(readJson('scenarios/dv-whispered-999/answer-key.json'), 'answer-key.json');
const policy = parseForcePolicy(readJson(`scenarios/force-policies/${scenario.forcePolicy}.json`), 'policy.json');
const response = callResponseSchema.parse((readJson('test/fixtures/naive-answers/dv-whispered-999.json') as { response: unknown }).response);
const catalogue: ScenarioCatalogue = {
  list: async () => ({ scenarios: [], problems: [] }),
  load: async () => scenario,
  policyFor: async () => policy,
  policy: async () => policy,
  answerKey: async () => answerKey,
};
const ATTEMPT_ID = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';

async function complete(withLrs: boolean) {
  const db = freshDb();
  const outbox = createXapiOutboxRepo(db);
  if (withLrs) {
    await outbox.saveConnection({ endpoint: 'https://lrs.example.org/xapi/', username: 'k', password: 's', activityBase: 'https://training.example.police.uk/call-trainer' }, new Date());
  }
  let queuedCalls = 0;
  const history = createAttemptHistory({
    catalogue,
    attempts: createAttemptsRepo(db),
    profileId: TEST_PROFILE_ID,
    now: () => Date.parse('2026-11-27T10:02:00.000Z'),
    xapi: async () => ({ outbox, profileName: 'Sam', queued: () => (queuedCalls += 1) }),
  });
  const id = await history.complete(scenario, response, { callId: ATTEMPT_ID, startedAt: new Date('2026-11-27T10:00:00.000Z') });
  return { db, outbox, id, queuedCalls };
}

describe('completing an attempt', () => {
  it('with an LRS configured, queues the attempt\u2019s valid statements with it and tells the sender', async () => {
    const { db, outbox, id, queuedCalls } = await complete(true);
    expect(id).toBe(ATTEMPT_ID);
    const waiting = await outbox.listWaiting(100);
    expect(waiting.length).toBeGreaterThan(5);
    expect(waiting.every((row) => row.attemptId === ATTEMPT_ID)).toBe(true);
    for (const row of waiting) expect(validateStatement(row.statement)).toEqual([]);
    expect(String((waiting[0]!.statement.object as { id: string }).id)).toBe(
      `https://training.example.police.uk/call-trainer/scenarios/dv-whispered-999/v${scenario.version}`,
    );
    expect(queuedCalls).toBe(1);
    expect(await db.attempts.count()).toBe(1);
  });

  it('with no LRS configured, makes no statements at all', async () => {
    const { db, queuedCalls } = await complete(false);
    expect(await db.xapiOutbox.count()).toBe(0);
    expect(queuedCalls).toBe(0);
    expect(await db.attempts.count()).toBe(1);
  });
});
