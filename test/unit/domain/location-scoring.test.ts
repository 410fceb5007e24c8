import { describe, expect, it } from 'vitest';
import type { AnswerKey } from '../../../src/domain/answer-key-schema';
import type { CallResponse } from '../../../src/domain/call-response-schema';
import { expertResponse, EXPERT_TIME_TO_LOCATION_MS } from '../../../src/domain/expert-response';
import type { ForcePolicy } from '../../../src/domain/force-policy-schema';
import type { MapPoint } from '../../../src/domain/map-geometry';
import { scoreReportSchema } from '../../../src/domain/score-report-schema';
import { scoreAttempt } from '../../../src/domain/scoring';
import { defaultPolicy } from '../../fixtures/default-policy';
import {
  MINI_KEY_LOCATION,
  miniAnswerKey,
  miniAnswerKeyWithLocation,
  miniExpertResponse,
  miniExpertResponseWithLocation,
  miniScenarioWithLocationArea,
} from '../../fixtures/mini-call';

const policy = defaultPolicy();
const scenario = miniScenarioWithLocationArea();
const key = miniAnswerKeyWithLocation();

/** The key point moved `metres` due east. */
const east = (metres: number): MapPoint => ({ x: MINI_KEY_LOCATION.x + metres, y: MINI_KEY_LOCATION.y });

function pinnedAt(point: MapPoint | null): CallResponse {
  const { location: _pin, ...response } = miniExpertResponseWithLocation();
  return point === null ? response : { ...response, location: { point, method: 'map', label: 'my pin', atMs: 12_345 } };
}

const withRule = (answerKey: AnswerKey): AnswerKey => ({
  ...answerKey,
  criticalMisses: [
    ...answerKey.criticalMisses,
    { id: 'cm-location', description: 'Not located', reason: 'Officers go to the pin.', rule: { kind: 'locationOutsideAcceptedArea' } },
  ],
});

describe('scoring the location', () => {
  it('uses the default policy weight of 10 for location', () => {
    expect(policy.scoring.categoryWeights.location).toBe(10);
  });

  it.each<[string, MapPoint | null, 'within' | 'near' | 'outside' | 'not-pinned', number, number | null]>([
    // pin, verdict, credit, distance
    ['on the key point', east(0), 'within', 1, 0],
    ['60 m away', east(60), 'within', 1, 60],
    ['exactly on the accepted radius', east(100), 'within', 1, 100],
    ['just past the radius', east(100.5), 'near', 0.5, 100.5],
    ['150 m away', { x: MINI_KEY_LOCATION.x + 90, y: MINI_KEY_LOCATION.y + 120 }, 'near', 0.5, 150],
    ['exactly twice the radius away', east(-200), 'near', 0.5, 200],
    ['just past twice the radius', east(200.1), 'outside', 0, 200.1],
    ['in another town', { x: 6_000, y: 18_000 }, 'outside', 0, Math.hypot(9_400, 5_900)],
    ['nowhere', null, 'not-pinned', 0, null],
  ])('a pin %s is %s (credit %s)', (_name, pin, verdict, credit, distance) => {
    const report = scoreAttempt(scenario, key, pinnedAt(pin), policy);
    expect(report.location?.verdict).toBe(verdict);
    expect(report.location?.credit).toBe(credit);
    if (distance === null) expect(report.location?.distanceMetres).toBeNull();
    else expect(report.location?.distanceMetres).toBeCloseTo(distance, 9);
    expect(report.categories.location).toEqual({ fraction: credit, weight: 10 });
    // Everything else is the expert's: full marks on every other weighted category plus the location's share.
    const others = Object.entries(report.categories)
      .filter(([id]) => id !== 'location')
      .reduce((sum, [, category]) => sum + (category?.weight ?? 0), 0);
    expect(report.percent).toBeCloseTo((100 * (others + 10 * credit)) / (others + 10), 9);
    expect(scoreReportSchema.parse(report)).toEqual(report);
  });

  it('reports what was pinned, how, and when, beside the key location and its rationale', () => {
    const report = scoreAttempt(scenario, key, pinnedAt(east(60)), policy);
    expect(report.location).toEqual({
      given: east(60),
      givenLabel: 'my pin',
      method: 'map',
      expected: MINI_KEY_LOCATION,
      description: 'Kestrel House, Mill Lane, Castlebridge: flat 6',
      acceptedRadiusMetres: 100,
      distanceMetres: 60,
      verdict: 'within',
      credit: 1,
      timeToLocationMs: 12_345,
      targetSeconds: 120,
      late: false,
      expertRationale: 'The cell covers the town centre; she names the block.',
      cues: [{ clip: 'c-open', line: 0 }],
    });
  });

  it('reports no pin with nulls and an empty label', () => {
    expect(scoreAttempt(scenario, key, pinnedAt(null), policy).location).toMatchObject({
      given: null,
      givenLabel: '',
      method: null,
      distanceMetres: null,
      timeToLocationMs: null,
      verdict: 'not-pinned',
      credit: 0,
    });
  });

  it.each<[string, AnswerKey, CallResponse]>([
    ['a key without a location, a response without a pin', miniAnswerKey(), miniExpertResponse()],
    ['a key without a location, a response with a pin', miniAnswerKey(), miniExpertResponseWithLocation()],
  ])('leaves location out of the report and the total for %s', (_name, answerKey, response) => {
    const report = scoreAttempt(scenario, answerKey, response, policy);
    expect(report).not.toHaveProperty('location');
    expect(report.categories).not.toHaveProperty('location');
    expect(report.percent).toBe(100);
    expect(scoreReportSchema.parse(report)).toEqual(report);
  });

  it('gives location no weight under a policy that sets none (an old policy file)', () => {
    const { location: _weight, ...oldWeights } = policy.scoring.categoryWeights;
    const oldPolicy: ForcePolicy = { ...policy, scoring: { ...policy.scoring, categoryWeights: oldWeights } };
    const report = scoreAttempt(scenario, key, pinnedAt(null), oldPolicy);
    expect(report.categories.location).toEqual({ fraction: 0, weight: 0 });
    expect(report.percent).toBe(100);
  });

  it('gives the expert answer full marks with the pin on the key location', () => {
    const expert = expertResponse(scenario, key, policy);
    expect(expert?.location).toEqual({
      point: MINI_KEY_LOCATION,
      method: 'search',
      label: 'Kestrel House, Mill Lane, Castlebridge: flat 6',
      atMs: EXPERT_TIME_TO_LOCATION_MS,
    });
    const report = scoreAttempt(scenario, withRule(key), expert!, policy);
    expect(report.percent).toBe(100);
    expect(report.criticalMisses).toEqual([]);
    expect(report.location?.timeToLocationMs).toBe(20_000);
  });

  it('leaves the pin out of the expert answer when the key has no location', () => {
    expect(expertResponse(scenario, miniAnswerKey(), policy)).not.toHaveProperty('location');
  });

  it('is deterministic and does not change its inputs', () => {
    const response = pinnedAt(east(150));
    const frozen = JSON.stringify(response);
    const first = scoreAttempt(scenario, key, response, policy);
    expect(scoreAttempt(scenario, key, response, policy)).toEqual(first);
    expect(JSON.parse(JSON.stringify(first))).toEqual(first);
    expect(JSON.stringify(response)).toBe(frozen);
  });
});

describe('the locationOutsideAcceptedArea critical miss', () => {
  it.each<[string, MapPoint | null, boolean]>([
    ['on the key point', east(0), false],
    ['on the accepted radius', east(100), false],
    ['near but outside the radius', east(150), true],
    ['far away', { x: 100, y: 100 }, true],
    ['nowhere', null, true],
  ])('with a pin %s: triggered %s', (_name, pin, triggered) => {
    const report = scoreAttempt(scenario, withRule(key), pinnedAt(pin), policy);
    expect(report.criticalMisses.map((m) => m.id)).toEqual(triggered ? ['cm-location'] : []);
    if (triggered) expect(report.band.id).toBe('not-yet-competent');
  });

  it('is never triggered by a key without a location (the checker refuses that pairing)', () => {
    const report = scoreAttempt(scenario, withRule(miniAnswerKey()), miniExpertResponse(), policy);
    expect(report.criticalMisses).toEqual([]);
  });
});

describe('scoring time to location', () => {
  const pinnedAfter = (atMs: number, metresOff = 0): CallResponse => ({
    ...pinnedAt(east(metresOff)),
    location: { point: east(metresOff), method: 'search', label: 'pin', atMs },
  });

  it('uses the default policy target: two minutes, a late pin keeping three quarters of its credit', () => {
    expect(policy.scoring.locationTiming).toEqual({ targetSeconds: 120, lateCreditFactor: 0.75 });
  });

  it.each([
    // pinned after (ms), metres off, late, credit
    [30_000, 0, false, 1],
    [120_000, 0, false, 1],
    [120_001, 0, true, 0.75],
    [300_000, 0, true, 0.75],
    [300_000, key.location!.acceptedRadiusMetres * 1.5, true, 0.375],
    [300_000, key.location!.acceptedRadiusMetres * 3, true, 0],
  ] as const)('a pin after %s ms, %s m off: late %s, credit %s', (atMs, metresOff, late, credit) => {
    const report = scoreAttempt(scenario, key, pinnedAfter(atMs, metresOff), policy);
    expect(report.location).toMatchObject({ late, credit, targetSeconds: 120, timeToLocationMs: atMs });
    expect(scoreReportSchema.parse(report)).toEqual(report);
  });

  it('reports time but does not score it under a policy without locationTiming', () => {
    const { locationTiming: _timing, ...scoring } = policy.scoring;
    const untimed: ForcePolicy = { ...policy, scoring };
    const report = scoreAttempt(scenario, key, pinnedAfter(600_000), untimed);
    expect(report.location).toMatchObject({ credit: 1, timeToLocationMs: 600_000 });
    expect(report.location).not.toHaveProperty('late');
  });

  it('a late but accurate pin is not a critical miss: the rule is about where, not when', () => {
    const report = scoreAttempt(scenario, withRule(key), pinnedAfter(600_000), policy);
    expect(report.criticalMisses.map((miss) => miss.id)).not.toContain('cm-location');
  });
});
