import fs from 'node:fs';
import path from 'node:path';
import { validateStatement } from '../../fixtures/xapi-validator';
import { describe, expect, it } from 'vitest';
import { parseAnswerKey } from '../../../src/domain/answer-key-schema';
import { callResponseSchema, type CallResponse } from '../../../src/domain/call-response-schema';
import { expertResponse } from '../../../src/domain/expert-response';
import { parseForcePolicy } from '../../../src/domain/force-policy-schema';
import { nameBasedUuid } from '../../../src/domain/name-based-uuid';
import { parseScenario, type Scenario } from '../../../src/domain/scenario-schema';
import { scoreAttempt } from '../../../src/domain/scoring';
import {
  buildAttemptStatements,
  DEFAULT_PASSING_BANDS,
  isoDuration,
  xapiExtensionIris,
  type XapiAttempt,
} from '../../../src/domain/xapi-statements';

const repo = path.join(import.meta.dirname, '../../..');
const readJson = (file: string): unknown => JSON.parse(fs.readFileSync(path.join(repo, file), 'utf8'));
const BASE = 'https://call-trainer.invalid';
const scenarioIds = fs
  .readdirSync(path.join(repo, 'scenarios'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(repo, 'scenarios', entry.name, 'scenario.json')))
  .map((entry) => entry.name)
  .sort();

function load(id: string) {
  const scenario = parseScenario(readJson(`scenarios/${id}/scenario.json`), `scenarios/${id}/scenario.json`);
  const answerKey = parseAnswerKey(readJson(`scenarios/${id}/answer-key.json`), `scenarios/${id}/answer-key.json`);
  const policy = parseForcePolicy(readJson(`scenarios/force-policies/${scenario.forcePolicy}.json`), scenario.forcePolicy);
  return { scenario, answerKey, policy };
}

function attemptOf(scenario: Scenario, response: CallResponse, report: XapiAttempt['report'], id = '0f8fad5b-d9cb-469f-a165-70867728950e'): XapiAttempt {
  return {
    id,
    profile: { id: '6a0e8f2c-4b1d-4c3e-9f5a-2d7b8c9e0a11', name: 'Sam Trainee' },
    scenarioId: scenario.id,
    scenarioVersion: scenario.version,
    scenarioTitle: scenario.metadata.title,
    incidentType: scenario.metadata.incidentType,
    mode: 'practice',
    startedAt: '2026-03-01T14:03:20.000Z',
    completedAt: '2026-03-01T14:05:40.500Z',
    response,
    report,
  };
}

/** The expert's answer and the committed naive answer for every bundled scenario. */
const cases = scenarioIds.flatMap((id) => {
  const { scenario, answerKey, policy } = load(id);
  const expert = expertResponse(scenario, answerKey, policy);
  const naive = callResponseSchema.parse((readJson(`test/fixtures/naive-answers/${id}.json`) as { response: unknown }).response);
  return [
    ...(expert ? [{ name: `${id} (expert)`, scenario, policy, response: expert, report: scoreAttempt(scenario, answerKey, expert, policy) }] : []),
    { name: `${id} (naive)`, scenario, policy, response: naive, report: scoreAttempt(scenario, answerKey, naive, policy) },
  ];
});

describe('buildAttemptStatements', () => {
  it.each(cases)('$name: every statement passes @learninglocker/xapi-validation with no errors', ({ scenario, policy, response, report }) => {
    const statements = buildAttemptStatements(attemptOf(scenario, response, report), policy, { activityBase: BASE });
    for (const statement of statements) {
      expect(validateStatement(JSON.parse(JSON.stringify(statement))), JSON.stringify(statement)).toEqual([]);
    }
  });

  it('uses a validator that does catch a broken statement (so "no errors" means something)', () => {
    const { scenario, policy, response, report } = cases[0]!;
    const [first] = buildAttemptStatements(attemptOf(scenario, response, report), policy, { activityBase: BASE });
    expect(validateStatement({ ...first, id: 'not-a-uuid', timestamp: 'yesterday' }).length).toBeGreaterThanOrEqual(2);
  });

  it('covers every bundled scenario with both answers', () => {
    expect(scenarioIds.length).toBeGreaterThanOrEqual(21);
    expect(cases.filter((c) => c.name.endsWith('(naive)'))).toHaveLength(scenarioIds.length);
  });

  const { scenario, answerKey, policy } = load('dv-whispered-999');
  const expert = expertResponse(scenario, answerKey, policy)!;
  const expertReport = scoreAttempt(scenario, answerKey, expert, policy);
  const naive = callResponseSchema.parse((readJson('test/fixtures/naive-answers/dv-whispered-999.json') as { response: unknown }).response);
  const naiveReport = scoreAttempt(scenario, answerKey, naive, policy);
  const verbsOf = (statements: ReturnType<typeof buildAttemptStatements>) => statements.map((s) => s.verb.id.split('/').pop());

  it('says launched, answered per decision, scored, passed and completed, in that order', () => {
    const statements = buildAttemptStatements(attemptOf(scenario, expert, expertReport), policy, { activityBase: BASE });
    const decisions = policy.framework.elements.length + 1 + expert.assessment.safeguardingActions.length + (expert.location ? 1 : 0);
    expect(verbsOf(statements)).toEqual(['launched', ...Array<string>(decisions).fill('answered'), 'scored', 'passed', 'completed']);
    const objects = statements.map((s) => ('id' in s.object ? s.object.id : ''));
    const scenarioIri = `${BASE}/scenarios/dv-whispered-999/v${scenario.version}`;
    expect(objects[0]).toBe(scenarioIri);
    expect(objects).toContain(`${scenarioIri}/thrive/threat`);
    expect(objects).toContain(`${scenarioIri}/grade`);
    for (const action of expert.assessment.safeguardingActions) expect(objects).toContain(`${scenarioIri}/safeguarding/${action}`);
  });

  it('fails an attempt outside the passing bands and says which band it fell in', () => {
    expect(DEFAULT_PASSING_BANDS).toEqual(['high', 'competent']);
    const statements = buildAttemptStatements(attemptOf(scenario, naive, naiveReport), policy, { activityBase: BASE });
    expect(naiveReport.band.id).toBe('not-yet-competent');
    const verdict = statements.at(-2)!;
    expect(verdict.verb.id).toBe('http://adlnet.gov/expapi/verbs/failed');
    expect(verdict.result?.success).toBe(false);
    expect(verdict.result?.extensions?.[xapiExtensionIris(BASE).band]).toEqual(naiveReport.band);
    // A force that counts Partial as a pass passes nothing more here: a critical miss is never a pass.
    const lenient = buildAttemptStatements(attemptOf(scenario, naive, naiveReport), policy, { activityBase: BASE, passingBands: ['high', 'competent', 'partial'] });
    expect(lenient.at(-2)!.verb.id).toBe('http://adlnet.gov/expapi/verbs/failed');
  });

  it('carries the THRIVE+ results, score, registration, actor account and timestamps of the attempt', () => {
    const attempt = attemptOf(scenario, expert, expertReport);
    const statements = buildAttemptStatements(attempt, policy, { activityBase: BASE });
    for (const statement of statements) {
      expect(statement.context?.registration).toBe(attempt.id);
      expect(statement.actor).toEqual({ objectType: 'Agent', name: 'Sam Trainee', account: { homePage: BASE, name: attempt.profile.id } });
      expect(JSON.stringify(statement)).not.toMatch(/mbox|@/);
    }
    expect(statements[0]!.timestamp).toBe(attempt.startedAt);
    expect(statements.slice(1).every((s) => s.timestamp === attempt.completedAt)).toBe(true);
    const scored = statements.find((s) => s.verb.id.endsWith('/scored'))!;
    expect(scored.result?.score).toEqual({ scaled: 1, raw: 100, min: 0, max: 100 });
    const thrive = scored.result?.extensions?.[xapiExtensionIris(BASE).thriveResults] as { element: string; verdict: string }[];
    expect(thrive.map((t) => t.element)).toEqual(policy.framework.elements.map((e) => e.id));
    const threat = statements.find((s) => 'id' in s.object && s.object.id.endsWith('/thrive/threat'))!;
    expect(threat.result?.response).toBe(expert.assessment.thrive.threat?.rating);
    expect(threat.result?.success).toBe(true);
    expect(statements.at(-1)!.result).toMatchObject({ completion: true, success: true, duration: 'PT140.5S' });
  });

  it('is deterministic: the same attempt gives the same statement ids, another attempt different ones', () => {
    const first = buildAttemptStatements(attemptOf(scenario, expert, expertReport), policy, { activityBase: BASE });
    const again = buildAttemptStatements(attemptOf(scenario, expert, expertReport), policy, { activityBase: BASE });
    const other = buildAttemptStatements(attemptOf(scenario, expert, expertReport, '9b2e3c4d-1111-4a2b-8c3d-4e5f6a7b8c9d'), policy, { activityBase: BASE });
    expect(again).toEqual(first);
    expect(new Set(first.map((s) => s.id)).size).toBe(first.length);
    expect(other.map((s) => s.id).filter((id) => first.some((s) => s.id === id))).toEqual([]);
  });

  it('marks a harmful safeguarding action chosen as unsuccessful', () => {
    const statements = buildAttemptStatements(attemptOf(scenario, naive, naiveReport), policy, { activityBase: BASE });
    const harmful = naiveReport.safeguarding.harmfulChosen[0];
    expect(harmful).toBeDefined();
    const statement = statements.find((s) => 'id' in s.object && s.object.id.endsWith(`/safeguarding/${harmful}`))!;
    expect(statement.result).toMatchObject({ response: 'true', success: false });
  });
});

describe('nameBasedUuid', () => {
  it('matches the RFC 9562 version-5 example (DNS namespace, "www.example.com")', () => {
    expect(nameBasedUuid('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'www.example.com')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
  });
});

describe('isoDuration', () => {
  it.each([
    ['2026-03-01T14:00:00.000Z', '2026-03-01T14:02:20.000Z', 'PT140S'],
    ['2026-03-01T14:00:00.000Z', '2026-03-01T14:00:00.250Z', 'PT0.25S'],
    ['2026-03-01T14:00:01.000Z', '2026-03-01T14:00:00.000Z', 'PT0S'],
  ])('%s to %s is %s', (from, to, expected) => expect(isoDuration(from, to)).toBe(expected));
});
