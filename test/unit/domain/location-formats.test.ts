import { describe, expect, it } from 'vitest';
import { answerKeySchema, parseAnswerKey } from '../../../src/domain/answer-key-schema';
import { callResponseSchema } from '../../../src/domain/call-response-schema';
import { forcePolicySchema } from '../../../src/domain/force-policy-schema';
import { parseScenario, scenarioSchema } from '../../../src/domain/scenario-schema';
import { scoreReportSchema } from '../../../src/domain/score-report-schema';
import { scoreAttempt } from '../../../src/domain/scoring';
import { defaultPolicy } from '../../fixtures/default-policy';
import {
  miniAnswerKey,
  miniAnswerKeyWithLocation,
  miniExpertResponse,
  miniExpertResponseWithLocation,
  miniScenario,
  miniScenarioWithLocationArea,
} from '../../fixtures/mini-call';

const policy = defaultPolicy();
const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

describe('location fields round-trip through their schemas', () => {
  it.each([
    ['a scenario with a location area', scenarioSchema, miniScenarioWithLocationArea()],
    ['an answer key with a location', answerKeySchema, miniAnswerKeyWithLocation()],
    ['a call response with a pin', callResponseSchema, miniExpertResponseWithLocation()],
    ['a force policy with a location weight', forcePolicySchema, policy],
    ['a score report with a location', scoreReportSchema, scoreAttempt(miniScenarioWithLocationArea(), miniAnswerKeyWithLocation(), miniExpertResponseWithLocation(), policy)],
  ] as const)('%s', (_name, schema, document) => {
    const json = clone(document);
    expect((schema as { parse: (v: unknown) => unknown }).parse(json)).toEqual(document);
  });

  it.each(['mobile-cell', 'handset-fix', 'landline-address'] as const)('accepts a %s location area', (kind) => {
    const scenario = miniScenarioWithLocationArea();
    scenario.callContext.locationArea!.kind = kind;
    expect(scenarioSchema.safeParse(scenario).success).toBe(true);
  });
});

describe('documents written before locations still parse (every new field is optional)', () => {
  it.each([
    ['a scenario without a location area', () => parseScenario(clone(miniScenario()), 's.json')],
    ['an answer key without a location', () => parseAnswerKey(clone(miniAnswerKey()), 'k.json')],
    ['a call response without a pin', () => callResponseSchema.parse(clone(miniExpertResponse()))],
    [
      'a force policy without a location weight',
      () => {
        const old = clone(policy);
        delete old.scoring.categoryWeights.location;
        return forcePolicySchema.parse(old);
      },
    ],
    ['a score report without a location', () => scoreReportSchema.parse(clone(scoreAttempt(miniScenario(), miniAnswerKey(), miniExpertResponse(), policy)))],
  ])('%s', (_name, parse) => {
    expect(parse).not.toThrow();
  });

  it('keeps formatVersion at 1', () => {
    expect(parseScenario(clone(miniScenarioWithLocationArea()), 's.json').formatVersion).toBe(1);
    expect(parseAnswerKey(clone(miniAnswerKeyWithLocation()), 'k.json').formatVersion).toBe(1);
  });
});

describe('location fields refuse nonsense', () => {
  type Mutation = (document: any) => void;

  it.each<[string, Mutation]>([
    ['a zero radius', (s) => (s.callContext.locationArea.radiusMetres = 0)],
    ['a negative radius', (s) => (s.callContext.locationArea.radiusMetres = -5)],
    ['an unknown kind', (s) => (s.callContext.locationArea.kind = 'satellite')],
    ['an empty label', (s) => (s.callContext.locationArea.label = '')],
    ['a centre with a negative coordinate', (s) => (s.callContext.locationArea.centre = { x: -1, y: 10 })],
    ['a centre with an extra field', (s) => (s.callContext.locationArea.centre = { x: 1, y: 10, z: 3 })],
    ['an unknown field', (s) => (s.callContext.locationArea.accuracy = 'good')],
  ])('a scenario location area with %s', (_name, mutate) => {
    const scenario = clone(miniScenarioWithLocationArea());
    mutate(scenario);
    expect(scenarioSchema.safeParse(scenario).success).toBe(false);
  });

  it.each<[string, number, boolean]>([
    ['0 m', 0, false],
    ['1 m', 1, true],
    ['1000 m', 1000, true],
    ['1001 m', 1001, false],
  ])('an answer key accepted radius of %s: valid %s', (_name, radius, valid) => {
    const key = clone(miniAnswerKeyWithLocation());
    key.location!.acceptedRadiusMetres = radius;
    expect(answerKeySchema.safeParse(key).success).toBe(valid);
  });

  it.each<[string, Mutation]>([
    ['no description', (k) => (k.location.description = '')],
    ['no rationale', (k) => delete k.location.rationale],
    ['no cues list', (k) => delete k.location.cues],
    ['a critical-miss rule with parameters', (k) => k.criticalMisses.push({ id: 'cm', description: 'd', reason: 'r', rule: { kind: 'locationOutsideAcceptedArea', radius: 5 } })],
  ])('an answer key location with %s', (_name, mutate) => {
    const key = clone(miniAnswerKeyWithLocation());
    mutate(key);
    expect(answerKeySchema.safeParse(key).success).toBe(false);
  });

  it.each<[string, Mutation]>([
    ['an unknown method', (r) => (r.location.method = 'guess')],
    ['a negative time', (r) => (r.location.atMs = -1)],
    ['no label', (r) => delete r.location.label],
    ['no point', (r) => delete r.location.point],
  ])('a pinned location with %s', (_name, mutate) => {
    const response = clone(miniExpertResponseWithLocation());
    mutate(response);
    expect(callResponseSchema.safeParse(response).success).toBe(false);
  });

  it('a negative location weight in a force policy', () => {
    const bad = clone(policy);
    bad.scoring.categoryWeights.location = -1;
    expect(forcePolicySchema.safeParse(bad).success).toBe(false);
  });
});
