import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseForcePolicy, type ForcePolicy } from '../../../src/domain/force-policy-schema';
import { iso8601Duration, lmsOutcome, scorm12Timespan } from '../../../src/domain/lms-outcome';

const file = path.join(import.meta.dirname, '../../../scenarios/force-policies/national-call-handling-standards.json');
const raw = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown> & { scoring: Record<string, unknown> };
const policy = parseForcePolicy(raw, file);
const withoutPassing: ForcePolicy = { ...policy, scoring: { ...policy.scoring, passingBands: undefined } };

describe('lmsOutcome', () => {
  it.each([
    { percent: 100, band: 'high', status: 'passed' },
    { percent: 80, band: 'competent', status: 'passed' },
    { percent: 79.994, band: 'partial', status: 'failed' },
    { percent: 61, band: 'low', status: 'failed' },
    // A critical miss puts a high total in the critical-miss band: failed.
    { percent: 95, band: 'not-yet-competent', status: 'failed' },
  ])('$percent% in band $band is $status under the national policy', ({ percent, band, status }) => {
    const outcome = lmsOutcome({ percent, band: { id: band, label: band } }, policy);
    expect(outcome.status).toBe(status);
    expect(outcome.scoreRaw).toBe(Math.round(percent * 100) / 100);
    expect([outcome.scoreMin, outcome.scoreMax]).toEqual([0, 100]);
    expect(outcome.scoreScaled).toBeCloseTo(outcome.scoreRaw / 100, 6);
  });

  it('reports only completed when the policy names no passing bands', () => {
    expect(lmsOutcome({ percent: 100, band: { id: 'high', label: 'High' } }, withoutPassing).status).toBe('completed');
  });

  it('refuses a passing band the policy does not have, naming the field', () => {
    const broken = { ...raw, scoring: { ...raw.scoring, passingBands: ['high', 'excellent'] } };
    expect(() => parseForcePolicy(broken, 'policy.json')).toThrow(/scoring\.passingBands\[1\]|\$\.scoring\.passingBands\.1|passingBands/);
    expect(() => parseForcePolicy(broken, 'policy.json')).toThrow(/"excellent" is not one of the bands/);
  });
});

describe('durations', () => {
  it.each([
    [0, '00:00:00.00', 'PT0S'],
    [1_234, '00:00:01.23', 'PT1.23S'],
    [61_005, '00:01:01.01', 'PT1M1.01S'],
    [3_723_450, '01:02:03.45', 'PT1H2M3.45S'],
    [100 * 3_600_000, '100:00:00.00', 'PT100H0S'],
  ])('%i ms is SCORM %s and ISO %s', (ms, scorm, iso) => {
    expect(scorm12Timespan(ms)).toBe(scorm);
    expect(iso8601Duration(ms)).toBe(iso);
  });

  it('caps SCORM time at 9999 hours and never goes negative', () => {
    expect(scorm12Timespan(20_000 * 3_600_000)).toBe('9999:59:59.99');
    expect(scorm12Timespan(-5)).toBe('00:00:00.00');
  });
});
