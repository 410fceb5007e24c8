/**
 * The debrief's timeline and replay points. The call is timed like scoring-v2's: c-open (2 s)
 * starts at 0, c-safe (2 s) at 5 s, the ambulance update at 7 s, c-weapon (20 s here, so a
 * lead-in fits inside it) at 12 s.
 */
import { describe, expect, it } from 'vitest';
import type { AnswerKey, KeyMoment } from '../../../src/domain/answer-key-schema';
import type { CallResponse } from '../../../src/domain/call-response-schema';
import { debriefTimeline, replayPointAt, replayPointForMarker, replayPointForMoment } from '../../../src/domain/debrief-timeline';
import type { Scenario } from '../../../src/domain/scenario-schema';
import { scoreAttempt } from '../../../src/domain/scoring';
import { defaultPolicy } from '../../fixtures/default-policy';
import { miniAnswerKey, miniExpertResponse, miniScenario } from '../../fixtures/mini-call';

const policy = defaultPolicy();

function scenario(): Scenario {
  const base = miniScenario();
  return {
    ...base,
    clips: base.clips.map((clip) =>
      clip.id === 'c-weapon' && clip.audio
        ? { ...clip, audio: { ...clip.audio, durationSeconds: 20 }, captions: clip.captions.map((c) => ({ ...c, end: 20 })) }
        : clip,
    ),
    systems: {
      defaultDelaySeconds: 4,
      subjects: [{ id: 'caller-number', kind: 'phone-number', label: 'Caller number' }],
      results: [],
    },
    updates: [{ id: 'amb', kind: 'ambulance-update', from: 'Ambulance control', text: 'Crew held back: knife reported.', at: { afterClip: 'c-safe' } }],
  };
}

function textScenario(): Scenario {
  const base = scenario();
  return { ...base, clips: base.clips.map((clip) => ({ ...clip, medium: 'text' as const, audio: undefined })) } as Scenario;
}

function key(): AnswerKey {
  return {
    ...miniAnswerKey(),
    requiredChecks: [
      { id: 'markers', database: 'warning-markers', subject: 'caller-number', reason: 'A DA marker makes it Grade 1.', severity: 'critical', by: { clip: 'c-safe', line: 0 }, withinSeconds: 10 },
    ],
    regrades: [{ id: 'weapon', after: { clip: 'c-weapon', line: 0 }, expected: 'emergency', acceptable: [], withinSeconds: 30, reason: 'A knife: Grade 1 now.', severity: 'critical' }],
  };
}

const TIMELINE: CallResponse['callTimeline'] = [
  { kind: 'clip-started', atMs: 0, clipId: 'c-open' },
  { kind: 'clip-started', atMs: 5_000, clipId: 'c-safe' },
  { kind: 'update-shown', atMs: 7_000, updateId: 'amb' },
  { kind: 'clip-started', atMs: 12_000, clipId: 'c-weapon' },
];

function response(withTimeline = true): CallResponse {
  const r = miniExpertResponse();
  r.questionsAsked = [
    { nodeId: 'q-first', optionId: 'o-safe', atMs: 4_000 },
    { nodeId: 'q-second', optionId: r.questionsAsked[1]?.optionId ?? 'o-weapon', atMs: 10_000 },
  ];
  r.incidentLog = [
    { kind: 'grade', atMs: 3_000, grade: 'priority' },
    { kind: 'note', atMs: 6_000, text: 'Caller whispering' },
    { kind: 'grade', atMs: 14_000, grade: 'emergency' },
  ];
  if (withTimeline) r.callTimeline = TIMELINE;
  r.assessment.grade = 'emergency';
  r.timings = { ...r.timings, callDurationMs: 32_000, timeToGradeMs: 3_000, timeToSubmitMs: 40_000 };
  return r;
}

describe('replayPointAt: which clip and from where a moment of the call replays', () => {
  it.each([
    ['inside the first clip', 1_500, 5, { clipId: 'c-open', clipIndex: 0, momentSeconds: 1.5, fromSeconds: 0 }],
    ['inside the second clip', 6_500, 5, { clipId: 'c-safe', clipIndex: 1, momentSeconds: 1.5, fromSeconds: 0 }],
    ['after a clip ended (a question being chosen): its end', 9_000, 5, { clipId: 'c-safe', clipIndex: 1, momentSeconds: 2, fromSeconds: 0 }],
    ['deep in a long clip: the lead-in before it', 24_000, 5, { clipId: 'c-weapon', clipIndex: 3, momentSeconds: 12, fromSeconds: 7 }],
    ['a shorter lead-in', 14_000, 1, { clipId: 'c-weapon', clipIndex: 3, momentSeconds: 2, fromSeconds: 1 }],
    ['past the end of the last clip: its end', 60_000, 5, { clipId: 'c-weapon', clipIndex: 3, momentSeconds: 20, fromSeconds: 15 }],
  ])('%s', (_name, atMs, leadIn, expected) => {
    expect(replayPointAt(scenario(), TIMELINE, atMs, leadIn)).toEqual({ ...expected, text: false });
  });

  it.each([
    ['no call timeline (older attempts)', undefined, 5_000],
    ['a moment before any clip started', [{ kind: 'clip-started' as const, atMs: 2_000, clipId: 'c-open' }], 1_000],
    ['a clip the scenario does not have', [{ kind: 'clip-started' as const, atMs: 0, clipId: 'gone' }], 1_000],
  ])('nothing to replay: %s', (_name, timeline, atMs) => {
    expect(replayPointAt(scenario(), timeline, atMs)).toBeNull();
  });

  it('marks a text contact so the debrief shows the messages instead of playing audio', () => {
    expect(replayPointAt(textScenario(), TIMELINE, 1_000)?.text).toBe(true);
  });
});

describe('replayPointForMoment: a cue replays from just before it, clamped to the clip start', () => {
  it.each<[string, KeyMoment, number, object | null]>([
    ['a cue 12 s into a clip, 5 s lead-in', { clip: 'c-weapon', line: 0, offset: 12 }, 5, { clipId: 'c-weapon', momentSeconds: 12, fromSeconds: 7 }],
    ['a cue 2.5 s in, 1 s lead-in', { clip: 'c-weapon', line: 0, offset: 2.5 }, 1, { clipId: 'c-weapon', momentSeconds: 2.5, fromSeconds: 1.5 }],
    ['a cue near the start: clamped to 0', { clip: 'c-safe', line: 0 }, 5, { clipId: 'c-safe', momentSeconds: 0, fromSeconds: 0 }],
    ['an update (no clip)', { update: 'amb' }, 5, null],
    ['a clip the scenario does not have', { clip: 'gone', line: 0 }, 5, null],
    ['a line with no caption', { clip: 'c-safe', line: 4 }, 5, null],
  ])('%s', (_name, moment, leadIn, expected) => {
    const point = replayPointForMoment(scenario(), moment, leadIn);
    if (expected === null) expect(point).toBeNull();
    else expect(point).toMatchObject(expected);
  });
});

describe('debriefTimeline: three lanes of one attempt', () => {
  const s = scenario();
  const r = response();
  const timeline = debriefTimeline(s, r, scoreAttempt(s, key(), r, policy), policy);
  const lane = (name: string) => timeline.markers.filter((m) => m.lane === name);

  it.each([
    ['the caller lane: every clip heard and the update', 'caller', [[0, 'clip'], [5_000, 'clip'], [7_000, 'update'], [12_000, 'clip']]],
    ['the trainee lane: grade changes (decisions), questions and notes (actions)', 'trainee', [[3_000, 'decision'], [4_000, 'action'], [6_000, 'action'], [10_000, 'action'], [14_000, 'decision']]],
    ['the expert lane: the check moment and the re-grade cue', 'expert', [[5_000, 'expected'], [12_000, 'expected']]],
  ])('%s', (_name, name, expected) => {
    expect(lane(name).map((m) => [m.atMs, m.kind])).toEqual(expected);
  });

  it.each([
    ['a grade change names the grade', /^Grade set to .*Emergency/],
    ['a question names the option asked', /^Asked: Are you safe to talk\?/],
    ['a note quotes it', /^Note: Caller whispering$/],
    ['a check the expert expects names the database and subject', /^Should check warning markers for Caller number$/],
    ['a re-grade says to what and how soon', /^Should re-grade to .*Emergency within 30 s$/],
    ['an update says who from', /^Update from Ambulance control: Crew held back/],
  ])('labels: %s', (_name, pattern) => {
    expect(timeline.markers.some((m) => pattern.test(m.label))).toBe(true);
  });

  it('is in time order, ids unique, and long enough for the last thing on it', () => {
    const times = timeline.markers.map((m) => m.atMs);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(new Set(timeline.markers.map((m) => m.id)).size).toBe(timeline.markers.length);
    expect(timeline.durationMs).toBe(32_000);
  });

  it('without a call timeline (older attempts) keeps the trainee lane and drops what needs cue times', () => {
    const old = response(false);
    const oldTimeline = debriefTimeline(s, old, scoreAttempt(s, key(), old, policy), policy);
    expect(oldTimeline.markers.filter((m) => m.lane === 'caller')).toEqual([]);
    expect(oldTimeline.markers.filter((m) => m.lane === 'expert')).toEqual([]);
    expect(oldTimeline.markers.filter((m) => m.lane === 'trainee')).toHaveLength(5);
  });
});

describe('replayPointForMarker: an expert marker replays its own cue, whatever the trainee was hearing then', () => {
  const s = scenario();
  // A call read at the pace of clicks: c-weapon started 500 ms after c-safe, so by the check's cue
  // (1.5 s into c-safe) the trainee was already reading c-weapon.
  const hurried: CallResponse['callTimeline'] = [
    { kind: 'clip-started', atMs: 0, clipId: 'c-open' },
    { kind: 'clip-started', atMs: 5_000, clipId: 'c-safe' },
    { kind: 'clip-started', atMs: 5_500, clipId: 'c-weapon' },
  ];
  const k = key();
  const offsetKey: AnswerKey = { ...k, requiredChecks: (k.requiredChecks ?? []).map((check) => ({ ...check, by: { clip: 'c-safe', line: 0, offset: 1.5 } })) };
  const r = { ...response(), callTimeline: hurried };
  const markers = debriefTimeline(s, r, scoreAttempt(s, offsetKey, r, policy), policy).markers;
  const checkMarker = markers.find((m) => /^Should check warning markers/.test(m.label));

  it('the check marker sits where the cue fell in this call, inside the next clip', () => {
    expect(checkMarker?.atMs).toBe(6_500);
    expect(replayPointAt(s, hurried, 6_500)?.clipId).toBe('c-weapon');
  });

  it('yet it replays the cue in its own clip, from just before it', () => {
    expect(checkMarker && replayPointForMarker(s, hurried, checkMarker)).toMatchObject({ clipId: 'c-safe', momentSeconds: 1.5, fromSeconds: 0 });
  });

  it('a trainee marker replays what was playing at its time', () => {
    const grade = markers.find((m) => m.lane === 'trainee' && m.atMs === 3_000);
    expect(grade && replayPointForMarker(s, hurried, grade)).toMatchObject({ clipId: 'c-open' });
  });
});
