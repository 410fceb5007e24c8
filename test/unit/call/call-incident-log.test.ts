/**
 * The live incident log, systems checks, mid-call updates, modes and text contacts. The machine's
 * clock is XState's SimulatedClock: delayed results and arriving messages fire only when the test
 * moves it, and the machine's `now` input reads the same clock, so every atMs is exact.
 */
import { describe, expect, it } from 'vitest';
import { createActor, SimulatedClock } from 'xstate';
import { callAudioImplementations, callMachine } from '../../../src/call/call-machine';
import {
  selectAvailableChecks,
  selectCanPause,
  selectChecks,
  selectCoachingHint,
  selectIsReceivingText,
  selectIsTextPaused,
  selectLiveRecord,
  selectSharedMedia,
  selectTranscript,
  selectUpdatesShown,
} from '../../../src/call/call-selectors';
import { callResponseSchema, type CallMode } from '../../../src/domain/call-response-schema';
import type { Scenario } from '../../../src/domain/scenario-schema';
import { FakeAudio, tinyScenario } from './call-fixtures';

/** The tiny call with systems records, updates and coaching added. */
function richScenario(): Scenario {
  return tinyScenario((raw) => {
    const scenario = raw as Record<string, unknown> & typeof raw;
    scenario.systems = {
      defaultDelaySeconds: 4,
      subjects: [
        { id: 'caller-number', kind: 'phone-number', label: 'Caller number 07700 900123' },
        { id: 'suspect', kind: 'person', label: 'Named partner', knownFrom: { afterClip: 'c02' } },
      ],
      results: [
        {
          subject: 'caller-number',
          database: 'warning-markers',
          delaySeconds: 6,
          records: [{ kind: 'warning-marker', marker: 'domestic-abuse-high-risk', summary: 'High-risk DA victim (MARAC).' }],
        },
      ],
    };
    scenario.updates = [
      { id: 'second-call', kind: 'second-call', from: 'Neighbour on 999', text: 'Screaming heard next door.', at: { atSeconds: 20 } },
      { id: 'knife-alert', kind: 'system-alert', from: 'Force systems', text: 'Weapons marker on the address.', at: { afterClip: 'c02' } },
    ];
    scenario.sharedMedia = [{ id: 'door', kind: 'image', src: 'media/tiny-call/door.jpg', alt: 'A damaged front door.', at: { afterClip: 'c01' } }];
    const nodes = raw.callGraph.nodes as Array<Record<string, unknown>>;
    const first = nodes.find((node) => node.id === 'q-first') as { coaching?: string; options: Array<{ id: string; coaching?: string }> };
    first.coaching = 'She is whispering: can she talk safely?';
    const safe = first.options.find((option) => option.id === 'ask-are-you-safe');
    if (safe) safe.coaching = 'Good: yes/no questions keep her safe.';
  });
}

function startCall(scenario: Scenario, mode?: CallMode) {
  const audio = new FakeAudio();
  const clock = new SimulatedClock();
  clock.set(1_000_000);
  const actor = createActor(callMachine.provide(callAudioImplementations(audio)), {
    clock,
    input: { scenario, now: () => clock.now(), ...(mode ? { mode } : {}) },
  });
  actor.start();
  return { actor, audio, clock, state: () => actor.getSnapshot() };
}

describe('call machine: the live incident log', () => {
  it.each([
    ['user.setGrade', { type: 'user.setGrade', grade: 'priority', rationale: 'Partner present.' }, { kind: 'grade', grade: 'priority', rationale: 'Partner present.' }],
    ['user.rateElement', { type: 'user.rateElement', element: 'threat', rating: 'high', rationale: 'Knife.' }, { kind: 'rating', element: 'threat', rating: 'high', rationale: 'Knife.' }],
    ['user.setSafeguardingAction', { type: 'user.setSafeguardingAction', action: 'keep-caller-on-line', taken: true }, { kind: 'safeguarding', action: 'keep-caller-on-line', taken: true }],
    ['user.setIncidentType', { type: 'user.setIncidentType', incidentType: 'domestic-abuse' }, { kind: 'incident-type', incidentType: 'domestic-abuse' }],
    ['user.setLocationText', { type: 'user.setLocationText', text: '14 Elm Road' }, { kind: 'location-text', text: '14 Elm Road' }],
    ['user.addNote', { type: 'user.addNote', text: 'Male voice shouting.' }, { kind: 'note', text: 'Male voice shouting.' }],
  ] as const)('%s while the caller talks logs an entry stamped with ms since answering', (_name, event, entry) => {
    const call = startCall(richScenario());
    call.actor.send({ type: 'user.answer' });
    call.clock.increment(7_500);
    call.actor.send(event);
    expect(call.state().context.incidentLog).toEqual([{ atMs: 7_500, ...entry }]);
  });

  it('keeps the live record: ratings, actions toggled on and off, incident type and location text', () => {
    const call = startCall(richScenario());
    call.actor.send({ type: 'user.answer' });
    call.actor.send({ type: 'user.rateElement', element: 'risk', rating: 'medium', rationale: 'r' });
    call.actor.send({ type: 'user.rateElement', element: 'risk', rating: 'high', rationale: 'knife' });
    call.actor.send({ type: 'user.setSafeguardingAction', action: 'keep-caller-on-line', taken: true });
    call.actor.send({ type: 'user.setSafeguardingAction', action: 'pass-threats-verbatim', taken: true });
    call.actor.send({ type: 'user.setSafeguardingAction', action: 'keep-caller-on-line', taken: false });
    call.actor.send({ type: 'user.setIncidentType', incidentType: 'domestic-abuse' });
    expect(selectLiveRecord(call.state())).toEqual({
      thrive: { risk: { rating: 'high', rationale: 'knife' } },
      safeguardingActions: ['pass-threats-verbatim'],
      incidentType: 'domestic-abuse',
      locationText: '',
    });
    expect(call.state().context.incidentLog).toHaveLength(6);
  });

  it('takes grade changes at any moment: while connected, after the call and on the form; the first sets time to grade', () => {
    const call = startCall(richScenario());
    call.actor.send({ type: 'user.answer' });
    call.clock.increment(3_000);
    call.actor.send({ type: 'user.setGrade', grade: 'priority' });
    call.clock.increment(2_000);
    call.actor.send({ type: 'user.hangUp' });
    call.actor.send({ type: 'user.setGrade', grade: 'emergency' });
    call.actor.send({ type: 'user.startAssessment' });
    call.clock.increment(1_000);
    call.actor.send({ type: 'user.setGrade', grade: 'priority' });
    const grades = call.state().context.incidentLog.filter((entry) => entry.kind === 'grade');
    expect(grades.map((entry) => [entry.atMs, entry.grade])).toEqual([
      [3_000, 'priority'],
      [5_000, 'emergency'],
      [6_000, 'priority'],
    ]);
    expect(call.state().context.timings.timeToGradeMs).toBe(3_000);
  });

  it('ignores empty notes', () => {
    const call = startCall(richScenario());
    call.actor.send({ type: 'user.answer' });
    call.actor.send({ type: 'user.addNote', text: '   ' });
    expect(call.state().context.incidentLog).toEqual([]);
  });
});

describe('call machine: systems checks', () => {
  it('a check runs for its delay on the machine clock, then logs its records', () => {
    const call = startCall(richScenario());
    call.actor.send({ type: 'user.answer' });
    call.clock.increment(2_000);
    call.actor.send({ type: 'user.runCheck', database: 'warning-markers', subject: 'caller-number' });
    expect(selectChecks(call.state())).toMatchObject([{ checkId: 'warning-markers:caller-number', status: 'running', requestedAtMs: 2_000 }]);
    call.clock.increment(5_999);
    expect(selectChecks(call.state())[0]?.status).toBe('running');
    call.clock.increment(1);
    expect(selectChecks(call.state())[0]).toMatchObject({ status: 'records', resultAtMs: 8_000, subjectLabel: 'Caller number 07700 900123' });
    expect(selectChecks(call.state())[0]?.records[0]?.marker).toBe('domestic-abuse-high-risk');
    expect(call.state().context.incidentLog).toEqual([
      { kind: 'check-requested', atMs: 2_000, checkId: 'warning-markers:caller-number' },
      { kind: 'check-result', atMs: 8_000, checkId: 'warning-markers:caller-number', noTrace: false },
    ]);
  });

  it('a pair with no records returns "no trace" after the default delay, even after the call has ended', () => {
    const call = startCall(richScenario());
    call.actor.send({ type: 'user.answer' });
    call.actor.send({ type: 'user.hangUp' });
    call.actor.send({ type: 'user.runCheck', database: 'incident-history', subject: 'caller-number' });
    call.clock.increment(4_000);
    expect(selectChecks(call.state())[0]).toMatchObject({ status: 'no-trace', records: [] });
  });

  it('refuses a subject the scenario does not hold', () => {
    const call = startCall(richScenario());
    call.actor.send({ type: 'user.answer' });
    call.actor.send({ type: 'user.runCheck', database: 'incident-history', subject: 'nobody' });
    expect(selectChecks(call.state())).toEqual([]);
  });

  it('offers every database for each subject known so far; a named person only once the caller has named them', () => {
    const call = startCall(richScenario());
    expect(selectAvailableChecks(call.state())).toEqual([]);
    call.actor.send({ type: 'user.answer' });
    expect(selectAvailableChecks(call.state()).map((c) => c.subject.id)).toEqual(['caller-number']);
    expect(selectAvailableChecks(call.state())[0]?.databases).toHaveLength(5);
    call.audio.current.end();
    call.actor.send({ type: 'user.askQuestion', optionId: 'ask-are-you-safe' });
    expect(selectAvailableChecks(call.state()).map((c) => c.subject.id)).toEqual(['caller-number']);
    call.audio.current.end();
    expect(selectAvailableChecks(call.state()).map((c) => c.subject.id)).toEqual(['caller-number', 'suspect']);
  });
});

describe('call machine: mid-call updates and shared media', () => {
  it('shows a timed update at its moment and a clip update when that clip ends, each once, on the timeline', () => {
    const call = startCall(richScenario());
    call.actor.send({ type: 'user.answer' });
    call.clock.increment(4_000);
    call.audio.current.end();
    expect(selectSharedMedia(call.state()).map((m) => m.id)).toEqual(['door']);
    call.actor.send({ type: 'user.askQuestion', optionId: 'ask-are-you-safe' });
    call.clock.increment(3_000);
    call.audio.current.end(); // c02 ends at 7 s: the alert
    expect(selectUpdatesShown(call.state()).map((u) => [u.update.id, u.atMs])).toEqual([['knife-alert', 7_000]]);
    call.clock.increment(13_000); // 20 s: the second call
    expect(selectUpdatesShown(call.state()).map((u) => [u.update.id, u.atMs])).toEqual([
      ['knife-alert', 7_000],
      ['second-call', 20_000],
    ]);
    expect(call.state().context.callTimeline).toEqual([
      { kind: 'clip-started', atMs: 0, clipId: 'c01' },
      { kind: 'clip-started', atMs: 4_000, clipId: 'c02' },
      { kind: 'update-shown', atMs: 7_000, updateId: 'knife-alert' },
      { kind: 'update-shown', atMs: 20_000, updateId: 'second-call' },
    ]);
  });
});

describe('call machine: practice and assessment modes', () => {
  it.each([
    ['practice', true, 'She is whispering: can she talk safely?', 'Good: yes/no questions keep her safe.'],
    ['assessment', false, null, null],
  ] as const)('%s: can pause %s; hint before the decision %j, after it %j', (mode, canPause, before, after) => {
    const call = startCall(richScenario(), mode);
    call.actor.send({ type: 'user.answer' });
    call.audio.current.end();
    expect(selectCanPause(call.state())).toBe(canPause);
    expect(selectCoachingHint(call.state())?.text ?? null).toBe(before);
    call.actor.send({ type: 'user.askQuestion', optionId: 'ask-are-you-safe' });
    expect(selectCoachingHint(call.state())?.text ?? null).toBe(after);
  });

  it('records the mode in the response: an assessment attempt is recorded as assessed', () => {
    const call = startCall(richScenario(), 'assessment');
    call.actor.send({ type: 'user.answer' });
    call.actor.send({ type: 'user.hangUp' });
    call.actor.send({ type: 'user.startAssessment' });
    call.actor.send({ type: 'user.submitAssessment', assessment: { thrive: {}, grade: null, safeguardingActions: [] } });
    const output = callResponseSchema.parse(call.state().output);
    expect(output.mode).toBe('assessment');
  });

  it('defaults to practice', () => {
    expect(startCall(richScenario()).state().context.mode).toBe('practice');
  });
});

/** A two-turn emergency SMS: messages arrive at their caption starts; the trainee replies with options. */
function smsScenario(): Scenario {
  return tinyScenario((raw) => {
    const r = raw as Record<string, unknown> & typeof raw;
    r.metadata = { ...raw.metadata, contactKind: 'emergency-sms' } as typeof raw.metadata;
    r.clips = [
      {
        id: 't01',
        medium: 'text',
        transcript: [
          { kind: 'speech', speaker: 'caller', text: 'POLICE. MAN IN MY HOUSE' },
          { kind: 'speech', speaker: 'caller', text: 'I AM DEAF CANT CALL' },
        ],
        captions: [
          { start: 0, end: 8, text: 'POLICE. MAN IN MY HOUSE', line: 0 },
          { start: 8, end: 12, text: 'I AM DEAF CANT CALL', line: 1 },
        ],
      },
      {
        id: 't02',
        medium: 'text',
        transcript: [{ kind: 'speech', speaker: 'caller', text: 'UPSTAIRS BATHROOM LOCKED' }],
        captions: [{ start: 5, end: 7, text: 'UPSTAIRS BATHROOM LOCKED', line: 0 }],
      },
    ] as unknown as typeof raw.clips;
    r.callGraph = {
      start: 'n1',
      nodes: [
        { id: 'n1', kind: 'callerSpeech', clip: 't01', next: 'q1' },
        {
          id: 'q1',
          kind: 'questionChoice',
          prompt: 'Reply',
          options: [
            { id: 'where', text: 'Where are you in the house?', next: 'n2' },
            { id: 'end', text: 'Call 101', next: 'done' },
          ],
        },
        { id: 'n2', kind: 'callerSpeech', clip: 't02', next: 'done' },
        { id: 'done', kind: 'end', outcome: 'call-completed', summary: 'Conversation ended.' },
      ],
    } as typeof raw.callGraph;
  });
}

describe('call machine: text contacts', () => {
  it('shows messages at their arrival times without audio, then waits for the reply', () => {
    const call = startCall(smsScenario());
    call.actor.send({ type: 'user.answer' });
    expect(selectIsReceivingText(call.state())).toBe(true);
    expect(call.audio.plays).toHaveLength(0);
    expect(selectTranscript(call.state()).map((e) => e.text)).toEqual(['POLICE. MAN IN MY HOUSE']);
    call.clock.increment(8_000);
    expect(selectTranscript(call.state()).map((e) => e.text)).toEqual(['POLICE. MAN IN MY HOUSE', 'I AM DEAF CANT CALL']);
    call.clock.increment(4_000);
    expect(call.state().value).toEqual({ connected: 'traineeChoosing' });
    call.actor.send({ type: 'user.askQuestion', optionId: 'where' });
    expect(selectTranscript(call.state()).at(-1)?.text).toBe('Where are you in the house?');
    call.clock.increment(5_000);
    expect(selectTranscript(call.state()).at(-1)?.text).toBe('UPSTAIRS BATHROOM LOCKED');
    call.clock.increment(2_000);
    expect(call.state().value).toBe('callEnded');
    expect(call.state().context.callTimeline).toEqual([
      { kind: 'clip-started', atMs: 0, clipId: 't01' },
      { kind: 'clip-started', atMs: 12_000, clipId: 't02' },
    ]);
  });

  it('practice mode can pause the conversation; assessment mode cannot', () => {
    const practice = startCall(smsScenario(), 'practice');
    practice.actor.send({ type: 'user.answer' });
    practice.actor.send({ type: 'user.pause' });
    expect(selectIsTextPaused(practice.state())).toBe(true);
    practice.clock.increment(60_000);
    expect(selectTranscript(practice.state())).toHaveLength(1);
    practice.actor.send({ type: 'user.resume' });
    practice.clock.increment(8_000);
    expect(selectTranscript(practice.state())).toHaveLength(2);

    const assessed = startCall(smsScenario(), 'assessment');
    assessed.actor.send({ type: 'user.answer' });
    assessed.actor.send({ type: 'user.pause' });
    expect(selectIsTextPaused(assessed.state())).toBe(false);
  });

  it('hanging up mid-conversation keeps only the messages that had arrived', () => {
    const call = startCall(smsScenario());
    call.actor.send({ type: 'user.answer' });
    call.clock.increment(3_000);
    call.actor.send({ type: 'user.hangUp' });
    expect(selectTranscript(call.state()).map((e) => e.text)).toEqual(['POLICE. MAN IN MY HOUSE']);
  });
});
