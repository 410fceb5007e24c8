import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAttemptHistory } from '../../../src/app/attempt-history';
import { parseAnswerKey } from '../../../src/domain/answer-key-schema';
import type { CallMode } from '../../../src/domain/call-response-schema';
import { expertResponse } from '../../../src/domain/expert-response';
import { parseForcePolicy } from '../../../src/domain/force-policy-schema';
import { parseScenario } from '../../../src/domain/scenario-schema';
import type { AttemptRecord } from '../../../src/store/attempt-record';
import type { AttemptsRepo } from '../../../src/store/attempts-repo';

const root = path.join(import.meta.dirname, '../../../scenarios');
const read = (file: string): unknown => JSON.parse(fs.readFileSync(path.join(root, file), 'utf8'));
const scenario = parseScenario(read('dv-whispered-999/scenario.json'), 'dv-whispered-999/scenario.json');
const answerKey = parseAnswerKey(read('dv-whispered-999/answer-key.json'), 'dv-whispered-999/answer-key.json');
const policy = parseForcePolicy(read(`force-policies/${scenario.forcePolicy}.json`), scenario.forcePolicy);

describe('finishing a call records the mode it ran in', () => {
  it.each<[CallMode | undefined, AttemptRecord['mode']]>([
    ['assessment', 'assessment'],
    ['practice', 'practice'],
    [undefined, 'practice'],
  ])('response mode %s is saved as %s', async (mode, saved) => {
    const expert = expertResponse(scenario, answerKey, policy);
    if (!expert) throw new Error('no expert path');
    const { mode: _ignored, ...rest } = expert;
    void _ignored;
    const response = mode ? { ...rest, mode } : rest;
    const records: AttemptRecord[] = [];
    const attempts = { saveAttempt: async (record: AttemptRecord) => (records.push(record), record) } as unknown as AttemptsRepo;
    const history = createAttemptHistory({
      catalogue: {
        list: async () => ({ scenarios: [], problems: [] }),
        load: async () => scenario,
        policyFor: async () => policy,
        policy: async () => policy,
        answerKey: async () => answerKey,
      },
      attempts,
      profileId: 'p1',
      now: () => Date.parse('2026-11-28T00:00:00Z'),
    });
    await history.complete(scenario, response, { callId: 'a1', startedAt: new Date('2026-11-28T00:00:00Z') });
    expect(records.map((r) => r.mode)).toEqual([saved]);
  });
});
