/**
 * Timing a call for scoring: when a cue or update reached the trainee, the grade over time, and
 * a path replayed as an expert would take it. Mini call clip lengths: c-open 2 s, c-safe 2 s,
 * c-weapon 3 s; each replayed question takes 2 s.
 */
import { describe, expect, it } from 'vitest';
import type { CallResponse } from '../../../src/domain/call-response-schema';
import { gradeAt, gradeHistory, momentAtMs, replayCallPath } from '../../../src/domain/call-timeline';
import type { Scenario } from '../../../src/domain/scenario-schema';
import { miniExpertResponse, miniScenario } from '../../fixtures/mini-call';

const scenario: Scenario = {
  ...miniScenario(),
  updates: [
    { id: 'after-safe', kind: 'officer-update', from: 'Patrol', text: 'Two minutes away.', at: { afterClip: 'c-safe' } },
    { id: 'at-60', kind: 'system-alert', from: 'Systems', text: 'Alert.', at: { atSeconds: 60 } },
  ],
};
const timeline: CallResponse['callTimeline'] = [
  { kind: 'clip-started', atMs: 0, clipId: 'c-open' },
  { kind: 'clip-started', atMs: 5_000, clipId: 'c-safe' },
  { kind: 'update-shown', atMs: 7_000, updateId: 'after-safe' },
];

describe('momentAtMs', () => {
  it.each([
    ['a cue at the start of a heard clip', { clip: 'c-safe', line: 0 }, 5_000],
    ['a cue with an offset', { clip: 'c-safe', line: 0, offset: 1.5 }, 6_500],
    ['a cue in a clip never heard', { clip: 'c-weapon', line: 0 }, null],
    ['an update shown', { update: 'after-safe' }, 7_000],
    ['an update never shown', { update: 'at-60' }, null],
  ] as const)('%s: %s', (_name, moment, expected) => {
    expect(momentAtMs(scenario, moment, timeline)).toBe(expected);
  });

  it('is null for every moment when the response has no timeline (older attempts)', () => {
    expect(momentAtMs(scenario, { clip: 'c-open', line: 0 }, undefined)).toBeNull();
  });
});

describe('gradeHistory and gradeAt', () => {
  const response = (change: (r: CallResponse) => void) => {
    const r = miniExpertResponse();
    change(r);
    return r;
  };
  it.each([
    ['the log, in order', (r: CallResponse): void => {
      r.incidentLog = [{ kind: 'grade', atMs: 3_000, grade: 'priority' }, { kind: 'grade', atMs: 9_000, grade: 'emergency' }];
    }, [[3_000, 'priority'], [9_000, 'emergency']]],
    ['the log, then a different grade submitted', (r: CallResponse): void => {
      r.incidentLog = [{ kind: 'grade', atMs: 3_000, grade: 'priority' }];
    }, [[3_000, 'priority'], [60_000, 'emergency']]],
    ['no log: the final grade from time to grade', (): void => {}, [[15_000, 'emergency']]],
    ['no log and no grade', (r: CallResponse): void => {
      r.assessment.grade = null;
      r.timings.timeToGradeMs = null;
    }, []],
  ] as const)('%s', (_name, change, expected) => {
    expect(gradeHistory(response(change)).map((g) => [g.atMs, g.grade])).toEqual(expected);
  });

  it.each([
    [0, null],
    [3_000, 'priority'],
    [8_999, 'priority'],
    [9_000, 'emergency'],
  ] as const)('at %s ms the grade is %s', (atMs, grade) => {
    expect(gradeAt([{ atMs: 3_000, grade: 'priority' }, { atMs: 9_000, grade: 'emergency' }], atMs)).toBe(grade);
  });
});

describe('replayCallPath', () => {
  it('times clips by their length and questions at 2 s each, showing updates when they fall inside the call', () => {
    const replay = replayCallPath(scenario, {
      asked: [
        { nodeId: 'q-first', optionId: 'o-safe' },
        { nodeId: 'q-second', optionId: 'o-weapon' },
      ],
      endNodeId: 'end-help-coming',
    });
    expect(replay.questionsAsked.map((q) => [q.optionId, q.atMs])).toEqual([
      ['o-safe', 4_000],
      ['o-weapon', 8_000],
    ]);
    expect(replay.callTimeline).toEqual([
      { kind: 'clip-started', atMs: 0, clipId: 'c-open' },
      { kind: 'clip-started', atMs: 4_000, clipId: 'c-safe' },
      { kind: 'update-shown', atMs: 6_000, updateId: 'after-safe' },
      { kind: 'clip-started', atMs: 8_000, clipId: 'c-weapon' },
    ]);
    expect(replay.durationMs).toBe(11_000);
  });
});
