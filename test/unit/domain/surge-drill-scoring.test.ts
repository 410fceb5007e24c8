import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseForcePolicy } from '../../../src/domain/force-policy-schema';
import { DEFAULT_SURGE_BANDS, expertSurgeResponse, footruleAgreement, scoreSurgeDrill, SURGE_WEIGHTS } from '../../../src/domain/surge-drill-scoring';
import { parseSurgeDrill, parseSurgeDrillKey, surgeDrillResponseSchema, type SurgeDrillResponse } from '../../../src/domain/surge-drill-schema';
import { surgeDrillJson, surgeKeyJson } from './surge-drill-fixture';

const drill = parseSurgeDrill(surgeDrillJson(), 'drill.json');
const key = parseSurgeDrillKey(surgeKeyJson(), 'answer-key.json');
const timings = { firstAnswerMs: 4_000, totalMs: 95_000 };
const respond = (order: string[], calledBack: string[] = ['abandoned']): SurgeDrillResponse => ({ order, calledBack, timings });
const expertOrder = ['live-999', 'abandoned', 'welfare', 'nuisance'];

describe('footruleAgreement', () => {
  it.each([
    // trainee order, distance, fraction (four calls: the largest distance is 8)
    [['a', 'b', 'c', 'd'], 0, 1],
    [['b', 'a', 'c', 'd'], 2, 0.75],
    [['a', 'b', 'd', 'c'], 2, 0.75],
    [['a', 'c', 'b', 'd'], 2, 0.75],
    [['b', 'c', 'd', 'a'], 6, 0.25],
    [['c', 'd', 'a', 'b'], 8, 0],
    [['d', 'c', 'b', 'a'], 8, 0],
  ])('%j against a,b,c,d: distance %i, agreement %f', (order, distance, fraction) => {
    expect(footruleAgreement(['a', 'b', 'c', 'd'], order)).toEqual({ distance, max: 8, fraction });
  });

  it('gives full agreement when there is nothing to disagree about', () => {
    expect(footruleAgreement(['a'], ['a']).fraction).toBe(1);
    expect(footruleAgreement([], []).fraction).toBe(1);
  });

  it('normalises an odd number of calls by floor(n²/2)', () => {
    expect(footruleAgreement(['a', 'b', 'c'], ['c', 'b', 'a'])).toEqual({ distance: 4, max: 4, fraction: 0 });
  });
});

describe('scoreSurgeDrill', () => {
  it('gives the expert order full marks, no critical miss and the top band', () => {
    expect(surgeDrillResponseSchema.parse(expertSurgeResponse(key))).toEqual(expertSurgeResponse(key));
    const report = scoreSurgeDrill(drill, key, expertSurgeResponse(key));
    expect(report).toMatchObject({ percent: 100, orderFraction: 1, callBackFraction: 1, criticalMisses: [], band: { id: 'high', label: 'High compliance' } });
    expect(report.places.map((p) => [p.callId, p.expertPosition, p.traineePosition])).toEqual(expertOrder.map((id, i) => [id, i + 1, i + 1]));
  });

  it.each([
    // what the trainee did, order, called back, percent, band, critical misses
    ['the expert order', expertOrder, ['abandoned'], 100, 'high', []],
    ['call-back first, then the live 999', ['abandoned', 'live-999', 'welfare', 'nuisance'], ['abandoned'], 82.5, 'competent', []],
    ['the nuisance call before the welfare call', ['live-999', 'abandoned', 'nuisance', 'welfare'], ['abandoned'], 82.5, 'competent', []],
    ['the call-back after the welfare call', ['live-999', 'welfare', 'abandoned', 'nuisance'], ['abandoned'], 82.5, 'not-yet-competent', ['abandoned-late']],
    ['the abandoned call closed without a call-back', expertOrder, [], 70, 'not-yet-competent', ['not-called-back']],
    ['longest wait first', ['nuisance', 'welfare', 'abandoned', 'live-999'], ['abandoned'], 30, 'not-yet-competent', ['abandoned-late']],
    ['the longest wait first, abandoned never handled', ['nuisance', 'welfare', 'live-999'], [], 0, 'not-yet-competent', ['not-called-back', 'abandoned-late']],
    ['nothing handled', [], [], 0, 'not-yet-competent', ['not-called-back', 'abandoned-late']],
  ] as const)('%s: %f%% (%s), critical misses %j', (_what, order, calledBack, percent, band, misses) => {
    const report = scoreSurgeDrill(drill, key, respond([...order], [...calledBack]));
    expect(report.percent).toBe(percent);
    expect(report.band.id).toBe(band);
    expect(report.criticalMisses.map((m) => m.id)).toEqual(misses);
  });

  it('weights order 70 and call-backs 30, and says so in the report', () => {
    expect(SURGE_WEIGHTS).toEqual({ order: 70, callBacks: 30 });
    const report = scoreSurgeDrill(drill, key, respond(['abandoned', 'live-999', 'welfare', 'nuisance'], []));
    expect(report.weights).toEqual(SURGE_WEIGHTS);
    expect(report.orderFraction).toBe(0.75);
    expect(report.callBackFraction).toBe(0);
    expect(report.percent).toBe(52.5);
  });

  it('scores order alone when no call must be called back', () => {
    const report = scoreSurgeDrill(drill, { ...key, mustCallBack: [], criticalMisses: [] }, respond(['abandoned', 'live-999', 'welfare', 'nuisance'], []));
    expect(report.callBackFraction).toBeNull();
    expect(report.callBacks).toEqual([]);
    expect(report.percent).toBe(75);
  });

  it('puts a call never handled last and shows it without a place', () => {
    const report = scoreSurgeDrill(drill, key, respond(['live-999', 'abandoned', 'welfare']));
    expect(report.places.find((p) => p.callId === 'nuisance')).toMatchObject({ expertPosition: 4, traineePosition: null, reason: 'No risk: last.' });
    expect(report.percent).toBe(100);
  });

  it('ignores unknown and repeated call ids in the response', () => {
    const report = scoreSurgeDrill(drill, key, respond(['live-999', 'ghost', 'live-999', 'abandoned', 'welfare', 'nuisance']));
    expect(report.traineeOrder).toEqual(expertOrder);
    expect(report.percent).toBe(100);
  });

  it('reports each must-call-back call with the reason', () => {
    expect(scoreSurgeDrill(drill, key, respond(expertOrder, [])).callBacks).toEqual([{ callId: 'abandoned', calledBack: false, reason: 'High-risk marker.' }]);
  });

  it('treats a handledAfter rule as met on the place itself and missed one place later', () => {
    const rule = (position: number) => ({ ...key, criticalMisses: [{ id: 'late', description: 'x', reason: 'y', rule: { kind: 'handledAfter' as const, callId: 'welfare', position } }] });
    expect(scoreSurgeDrill(drill, rule(3), respond(expertOrder)).criticalMisses).toEqual([]);
    expect(scoreSurgeDrill(drill, rule(2), respond(expertOrder)).criticalMisses.map((m) => m.id)).toEqual(['late']);
  });

  it('bands by the thresholds it is given, and keeps the timings', () => {
    const bands = { bands: [{ id: 'pass', label: 'Pass', minPercent: 50 }, { id: 'fail', label: 'Fail', minPercent: 0 }], criticalMissBand: 'fail' };
    const report = scoreSurgeDrill(drill, key, respond(['live-999', 'abandoned', 'nuisance', 'welfare']), bands);
    expect(report.band).toEqual({ id: 'pass', label: 'Pass' });
    expect(report.timings).toEqual(timings);
    expect(scoreSurgeDrill(drill, key, respond(expertOrder, []), bands).band).toEqual({ id: 'fail', label: 'Fail' });
  });

  it('defaults to the national policy’s bands', () => {
    const file = 'scenarios/force-policies/national-call-handling-standards.json';
    const policy = parseForcePolicy(JSON.parse(fs.readFileSync(path.join(import.meta.dirname, '../../..', file), 'utf8')), file);
    expect(DEFAULT_SURGE_BANDS).toEqual({ bands: policy.scoring.bands, criticalMissBand: policy.scoring.criticalMissBand });
  });
});
