import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { callAudioImplementations, callMachine, callResponseFrom, type CallInput } from '../../../src/call/call-machine';
import { selectCallProgress } from '../../../src/call/call-progress';
import { selectTranscript } from '../../../src/call/call-selectors';
import { callProgressSchema, type CallProgress } from '../../../src/domain/call-progress-schema';
import type { Assessment } from '../../../src/domain/call-response-schema';
import { FakeAudio, manualClock, tinyScenario } from './call-fixtures';

function startCall(resume?: CallProgress, clock = manualClock()) {
  const audio = new FakeAudio();
  const input: CallInput = { scenario: tinyScenario(), now: clock.now, ...(resume ? { resume } : {}) };
  const actor = createActor(callMachine.provide(callAudioImplementations(audio)), { input });
  actor.start();
  return { actor, audio, clock, state: () => actor.getSnapshot() };
}

/** Answers after 3 s, hears the greeting, asks "are you safe", and hears the reply to its end. */
function callAtSecondQuestion() {
  const call = startCall();
  call.clock.advance(3_000);
  call.actor.send({ type: 'user.answer' });
  call.clock.advance(5_000);
  call.audio.current.end();
  call.clock.advance(2_000);
  call.actor.send({ type: 'user.askQuestion', optionId: 'ask-are-you-safe' });
  call.clock.advance(4_000);
  call.audio.current.end();
  return call;
}

const draft: Assessment = { thrive: { threat: { rating: 'high', rationale: 'Half written' } }, grade: null, safeguardingActions: [] };

describe('call progress: what is kept of a call for resuming', () => {
  it('keeps nothing while the phone rings', () => {
    expect(selectCallProgress(startCall().state())).toBeNull();
  });

  it('while connected, points back at the caller\u2019s last line and keeps every question asked before it', () => {
    const call = callAtSecondQuestion();
    const progress = selectCallProgress(call.state())!;
    expect(callProgressSchema.parse(progress)).toEqual(progress);
    expect(progress).toMatchObject({
      stage: 'connected',
      nodeId: 'n-safe',
      questionsAsked: [{ nodeId: 'q-first', optionId: 'ask-are-you-safe', atMs: 7_000 }],
      elapsedMs: 11_000,
      timeToAnswerMs: 3_000,
      callDurationMs: null,
      ending: null,
    });
    expect(progress.heard.map((h) => h.kind)).toEqual(['caller', 'trainee']);
  });

  it('a resumed call replays the last line, then carries on, and its response keeps the earlier questions and times', () => {
    const before = callAtSecondQuestion();
    const progress = selectCallProgress(before.state())!;

    const clock = manualClock();
    clock.advance(1_000_000);
    const call = startCall(progress, clock);
    expect(call.state().value).toEqual({ connected: 'callerSpeaking' });
    expect(call.audio.playedFiles).toEqual(['c02.webm']);
    const transcript = selectTranscript(call.state());
    expect(transcript.filter((t) => t.who === 'trainee').map((t) => t.text)).toEqual(['Are you safe to talk?']);
    expect(transcript.at(-1)?.who).toBe('caller');

    call.clock.advance(4_000);
    call.audio.current.end();
    call.clock.advance(1_000);
    call.actor.send({ type: 'user.askQuestion', optionId: 'ask-weapons' });
    call.audio.current.end();
    expect(call.state().value).toBe('callEnded');
    call.actor.send({ type: 'user.startAssessment' });
    call.actor.send({ type: 'user.submitAssessment', assessment: { ...draft, grade: 'emergency' } });

    const response = callResponseFrom(call.state().context);
    expect(response.questionsAsked).toEqual([
      { nodeId: 'q-first', optionId: 'ask-are-you-safe', atMs: 7_000 },
      { nodeId: 'q-second', optionId: 'ask-weapons', atMs: 16_000 },
    ]);
    expect(response.timings.timeToAnswerMs).toBe(3_000);
    expect(response.timings.callDurationMs).toBe(16_000);
    expect(response.endNodeId).toBe('end-completed');
  });

  it('a call resumed at the assessment reopens there with its draft, grade, pin and duration', () => {
    const call = callAtSecondQuestion();
    call.actor.send({ type: 'user.askQuestion', optionId: 'ask-weapons' });
    call.audio.current.end();
    call.actor.send({ type: 'user.pinLocation', location: { point: { x: 1000, y: 2000 }, method: 'search', label: 'Kestrel House' } });
    call.actor.send({ type: 'user.chooseGrade', grade: 'priority' });
    call.clock.advance(30_000);
    call.actor.send({ type: 'user.startAssessment' });
    const progress = selectCallProgress(call.state(), draft)!;
    expect(progress).toMatchObject({ stage: 'assessment', nodeId: 'end-completed', assessmentDraft: draft, grade: 'priority', callDurationMs: 11_000 });

    const resumed = startCall(progress);
    expect(resumed.state().value).toBe('assessment');
    expect(resumed.state().context.location?.label).toBe('Kestrel House');
    resumed.actor.send({ type: 'user.submitAssessment', assessment: { ...draft, grade: 'priority' } });
    const response = callResponseFrom(resumed.state().context);
    expect(response.timings.callDurationMs).toBe(11_000);
    expect(response.timings.timeToSubmitMs).toBe(41_000);
  });

  it('keeps nothing once the assessment is submitted', () => {
    const call = callAtSecondQuestion();
    call.actor.send({ type: 'user.hangUp' });
    call.actor.send({ type: 'user.startAssessment' });
    call.actor.send({ type: 'user.submitAssessment', assessment: { ...draft, grade: 'emergency' } });
    expect(selectCallProgress(call.state(), draft)).toBeNull();
  });

  it('a resumed call keeps the live incident log: grade changes, ratings, actions and notes survive the reload', () => {
    const before = callAtSecondQuestion();
    before.actor.send({ type: 'user.setGrade', grade: 'priority' });
    before.actor.send({ type: 'user.rateElement', element: 'threat', rating: 'high', rationale: 'Partner in the house' });
    before.actor.send({ type: 'user.setSafeguardingAction', action: 'keep-caller-on-line', taken: true });
    before.actor.send({ type: 'user.addNote', text: 'Caller whispering' });
    const progress = callProgressSchema.parse(selectCallProgress(before.state())!);
    expect(progress.incidentLog?.map((entry) => entry.kind)).toEqual(['grade', 'rating', 'safeguarding', 'note']);

    const resumed = startCall(progress);
    const { context } = resumed.state();
    expect(context.incidentLog).toEqual(progress.incidentLog);
    expect(context.live.thrive.threat).toEqual({ rating: 'high', rationale: 'Partner in the house' });
    expect(context.live.safeguardingActions).toEqual(['keep-caller-on-line']);
    expect(context.grade).toBe('priority');
  });
});

