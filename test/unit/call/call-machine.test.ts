import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import {
  CALL_GRAPH_BROKEN_END_ID,
  TRAINEE_HUNG_UP_END_ID,
  callAudioImplementations,
  callMachine,
  type CallInput,
} from '../../../src/call/call-machine';
import {
  selectAudioProblem,
  selectAvailableOptions,
  selectCurrentClip,
  selectEndSummary,
  selectIsPlaying,
  selectTranscript,
} from '../../../src/call/call-selectors';
import { callResponseSchema, type Assessment } from '../../../src/domain/call-response-schema';
import { FakeAudio, manualClock, tinyScenario } from './call-fixtures';

const assessment: Assessment = {
  thrive: { threat: { rating: 'high', rationale: 'He has a knife.' } },
  grade: 'emergency',
  safeguardingActions: ['advise-safe-room'],
};

function startCall(input: Partial<CallInput> = {}) {
  const audio = new FakeAudio();
  const clock = manualClock();
  const actor = createActor(callMachine.provide(callAudioImplementations(audio)), {
    input: { scenario: input.scenario ?? tinyScenario(), now: input.now ?? clock.now },
  });
  actor.start();
  return { actor, audio, clock, state: () => actor.getSnapshot() };
}

/** Answers after `ringMs` and plays the first clip to its end. */
function answerAndHearGreeting(call: ReturnType<typeof startCall>, ringMs = 3_000) {
  call.clock.advance(ringMs);
  call.actor.send({ type: 'user.answer' });
  call.clock.advance(5_000);
  call.audio.current.end();
}

describe('call machine: ringing and answering', () => {
  it('rings, preloading the first clip, until the trainee answers; then the first clip plays', () => {
    const call = startCall();
    expect(call.state().value).toBe('ringing');
    expect(call.audio.preloaded).toEqual(['audio/tiny-call/c01.webm']);
    expect(call.audio.plays).toHaveLength(0);

    call.clock.advance(4_200);
    call.actor.send({ type: 'user.answer' });

    expect(call.state().value).toEqual({ connected: 'callerSpeaking' });
    expect(call.audio.playedFiles).toEqual(['c01.webm']);
    expect(call.state().context.timings.timeToAnswerMs).toBe(4_200);
    expect(call.state().context.nodeId).toBe('n-greeting');
    expect(selectIsPlaying(call.state())).toBe(true);
    expect(selectCurrentClip(call.state())?.id).toBe('c01');
    // Both branches' first clips are preloaded while the greeting plays.
    expect(call.audio.preloaded).toEqual(['audio/tiny-call/c01.webm', 'audio/tiny-call/c02.webm', 'audio/tiny-call/c03.webm']);
  });

  it('tracks clipSeconds from the player and follows next when the clip ends', () => {
    const call = startCall();
    call.actor.send({ type: 'user.answer' });
    call.audio.current.progress(1.7);
    expect(call.state().context.clipSeconds).toBe(1.7);

    call.audio.current.end();
    expect(call.state().value).toEqual({ connected: 'traineeChoosing' });
    expect(call.state().context.nodeId).toBe('q-first');
    expect(selectIsPlaying(call.state())).toBe(false);
    expect(selectAvailableOptions(call.state()).map((option) => option.id)).toEqual(['ask-are-you-safe', 'ask-address']);
  });
});

describe('call machine: question choices', () => {
  it('follows the chosen option, records it with the time since answering, and plays the branch clip', () => {
    const call = startCall();
    answerAndHearGreeting(call);
    call.clock.advance(2_500);
    call.actor.send({ type: 'user.askQuestion', optionId: 'ask-are-you-safe' });

    expect(call.state().value).toEqual({ connected: 'callerSpeaking' });
    expect(call.state().context.questionsAsked).toEqual([{ nodeId: 'q-first', optionId: 'ask-are-you-safe', atMs: 7_500 }]);
    expect(call.audio.playedFiles).toEqual(['c01.webm', 'c02.webm']);
    expect(call.audio.plays[0]?.stopped).toBe(true);
  });

  it('the other option leads down the other branch, to a different clip', () => {
    const call = startCall();
    answerAndHearGreeting(call);
    call.actor.send({ type: 'user.askQuestion', optionId: 'ask-address' });

    expect(call.audio.playedFiles).toEqual(['c01.webm', 'c03.webm']);
    expect(call.state().context.nodeId).toBe('n-address');
  });

  it('ignores an option the current question does not offer, and stays choosing', () => {
    const call = startCall();
    answerAndHearGreeting(call);
    const before = call.state();
    call.actor.send({ type: 'user.askQuestion', optionId: 'ask-weapons' }); // belongs to q-second
    call.actor.send({ type: 'user.askQuestion', optionId: 'no-such-option' });

    expect(call.state().value).toEqual({ connected: 'traineeChoosing' });
    expect(call.state().context).toBe(before.context);
    expect(call.audio.plays).toHaveLength(1);
  });

  it('ignores questions while the caller is still speaking', () => {
    const call = startCall();
    call.actor.send({ type: 'user.answer' });
    call.actor.send({ type: 'user.askQuestion', optionId: 'ask-address' });
    expect(call.state().value).toEqual({ connected: 'callerSpeaking' });
    expect(call.state().context.questionsAsked).toEqual([]);
  });
});

describe('call machine: audio that cannot play', () => {
  it('goes to audioFailed with the message; user.continue follows next', () => {
    const call = startCall();
    call.actor.send({ type: 'user.answer' });
    call.audio.current.fail('Could not load the audio file audio/tiny-call/c01.webm.');

    expect(call.state().value).toEqual({ connected: 'audioFailed' });
    expect(selectAudioProblem(call.state())).toBe('Could not load the audio file audio/tiny-call/c01.webm.');
    expect(selectCurrentClip(call.state())?.id).toBe('c01');
    // The screen shows the whole clip as text.
    expect(selectTranscript(call.state()).map((entry) => entry.text)).toEqual(['Police, please.', '[door banging]', 'He is here.']);

    call.actor.send({ type: 'user.continue' });
    expect(call.state().value).toEqual({ connected: 'traineeChoosing' });
    expect(call.state().context.nodeId).toBe('q-first');
    expect(selectAudioProblem(call.state())).toBeNull();
  });

  it('a clip with no audio yet fails at once, so the trainee reads it', () => {
    const call = startCall({
      scenario: tinyScenario((raw) => {
        delete (raw.clips[0] as { audio?: unknown }).audio;
      }),
    });
    call.actor.send({ type: 'user.answer' });
    expect(call.state().value).toEqual({ connected: 'audioFailed' });
    expect(call.state().context.audioProblem).toBe('Clip "c01" has no audio yet.');
    expect(call.audio.plays).toHaveLength(0);
  });

  it('a player that throws, or none provided, also lands in audioFailed rather than breaking the call', () => {
    const clock = manualClock();
    const actor = createActor(callMachine, { input: { scenario: tinyScenario(), now: clock.now } }).start();
    actor.send({ type: 'user.answer' });
    expect(actor.getSnapshot().value).toEqual({ connected: 'audioFailed' });
    expect(actor.getSnapshot().context.audioProblem).toMatch(/No audio player was provided/);
    actor.send({ type: 'user.continue' });
    expect(actor.getSnapshot().value).toEqual({ connected: 'traineeChoosing' });
  });

  it('ignores reports from a player it has already stopped', () => {
    const call = startCall();
    answerAndHearGreeting(call);
    call.actor.send({ type: 'user.askQuestion', optionId: 'ask-are-you-safe' });
    const greeting = call.audio.plays[0];
    expect(greeting?.stopped).toBe(true);
    // The greeting's player misbehaves after stop(): its reports must not move the new clip on.
    greeting?.callbacks.onProgress(4);
    greeting?.callbacks.onEnd();
    greeting?.callbacks.onError('late failure');
    expect(call.state().value).toEqual({ connected: 'callerSpeaking' });
    expect(call.state().context.nodeId).toBe('n-safe');
    expect(call.state().context.clipSeconds).toBe(0);
  });
});

describe('call machine: ending, grading and submitting', () => {
  it('reaching an end node ends the call, with its duration and summary', () => {
    const call = startCall();
    answerAndHearGreeting(call);
    call.actor.send({ type: 'user.askQuestion', optionId: 'ask-address' });
    call.clock.advance(2_000);
    call.audio.current.end();

    expect(call.state().value).toBe('callEnded');
    expect(call.state().context.ending).toEqual({ kind: 'endNode', nodeId: 'end-line-dropped' });
    expect(call.state().context.timings.callDurationMs).toBe(7_000);
    expect(selectEndSummary(call.state())).toBe('The line went dead.');
  });

  it('records the time of the first grade only; later grades change the grade, not the time', () => {
    const call = startCall();
    call.actor.send({ type: 'user.chooseGrade', grade: 'priority' }); // still ringing: ignored
    expect(call.state().context.grade).toBeNull();

    answerAndHearGreeting(call); // 5 s into the call
    call.actor.send({ type: 'user.chooseGrade', grade: 'priority' });
    call.clock.advance(1_000);
    call.actor.send({ type: 'user.chooseGrade', grade: 'emergency' });

    expect(call.state().context.grade).toBe('emergency');
    expect(call.state().context.timings.timeToGradeMs).toBe(5_000);
  });

  it('submitting outputs the full CallResponse, which passes callResponseSchema', () => {
    const call = startCall();
    answerAndHearGreeting(call, 2_000); // answered at 2 s; greeting heard by 5 s
    call.clock.advance(1_000);
    call.actor.send({ type: 'user.askQuestion', optionId: 'ask-are-you-safe' }); // 6 s
    call.clock.advance(2_000);
    call.actor.send({ type: 'user.chooseGrade', grade: 'priority' }); // 8 s, caller still talking
    call.audio.current.end();
    call.clock.advance(3_000);
    call.actor.send({ type: 'user.askQuestion', optionId: 'ask-weapons' }); // 11 s
    call.clock.advance(3_000);
    call.audio.current.end(); // 14 s: end-completed
    expect(call.state().value).toBe('callEnded');
    expect(selectEndSummary(call.state())).toBe('Officers are on their way.');

    call.clock.advance(1_000);
    call.actor.send({ type: 'user.startAssessment' });
    call.actor.send({ type: 'user.chooseGrade', grade: 'emergency' });
    call.clock.advance(30_000);
    call.actor.send({ type: 'user.submitAssessment', assessment });

    const snapshot = call.state();
    expect(snapshot.status).toBe('done');
    expect(snapshot.value).toBe('submitted');
    expect(snapshot.output).toEqual({
      questionsAsked: [
        { nodeId: 'q-first', optionId: 'ask-are-you-safe', atMs: 6_000 },
        { nodeId: 'q-second', optionId: 'ask-weapons', atMs: 11_000 },
      ],
      endNodeId: 'end-completed',
      assessment,
      timings: { timeToAnswerMs: 2_000, callDurationMs: 14_000, timeToGradeMs: 8_000, timeToSubmitMs: 45_000 },
      mode: 'practice',
      // Every grade is time-stamped; what the final form changed is logged at submission.
      incidentLog: [
        { kind: 'grade', atMs: 8_000, grade: 'priority' },
        { kind: 'grade', atMs: 15_000, grade: 'emergency' },
        { kind: 'rating', atMs: 45_000, element: 'threat', rating: 'high', rationale: 'He has a knife.' },
        { kind: 'safeguarding', atMs: 45_000, action: 'advise-safe-room', taken: true },
      ],
      callTimeline: [
        { kind: 'clip-started', atMs: 0, clipId: 'c01' },
        { kind: 'clip-started', atMs: 6_000, clipId: 'c02' },
        { kind: 'clip-started', atMs: 11_000, clipId: 'c04' },
      ],
    });
    expect(callResponseSchema.parse(snapshot.output)).toEqual(snapshot.output);
    expect(call.audio.playedFiles).toEqual(['c01.webm', 'c02.webm', 'c04.webm']);
  });

  it('a grade first chosen on the assessment form counts from submitting; no grade at all stays null', () => {
    const graded = startCall();
    answerAndHearGreeting(graded);
    graded.actor.send({ type: 'user.hangUp' });
    graded.actor.send({ type: 'user.startAssessment' });
    graded.clock.advance(10_000);
    graded.actor.send({ type: 'user.submitAssessment', assessment });
    expect(graded.state().output?.timings.timeToGradeMs).toBe(15_000);

    const ungraded = startCall();
    answerAndHearGreeting(ungraded);
    ungraded.actor.send({ type: 'user.hangUp' });
    ungraded.actor.send({ type: 'user.startAssessment' });
    ungraded.actor.send({ type: 'user.submitAssessment', assessment: { ...assessment, grade: null } });
    expect(ungraded.state().output?.timings.timeToGradeMs).toBeNull();
    expect(callResponseSchema.safeParse(ungraded.state().output).success).toBe(true);
  });

  it('hanging up mid-clip ends the call, stops the audio and records the trainee-hung-up end', () => {
    const call = startCall();
    call.clock.advance(1_000);
    call.actor.send({ type: 'user.answer' });
    call.audio.current.progress(1.8);
    call.clock.advance(1_800);
    call.actor.send({ type: 'user.hangUp' });

    expect(call.state().value).toBe('callEnded');
    expect(call.audio.current.stopped).toBe(true);
    expect(call.state().context.ending).toEqual({ kind: 'traineeHungUp' });
    expect(call.state().context.timings.callDurationMs).toBe(1_800);
    expect(selectEndSummary(call.state())).toBe('You ended the call.');
    // The transcript keeps only what was heard before hanging up.
    expect(selectTranscript(call.state()).map((entry) => entry.text)).toEqual(['Police, please.', '[door banging]']);

    call.actor.send({ type: 'user.startAssessment' });
    call.actor.send({ type: 'user.submitAssessment', assessment });
    expect(call.state().output?.endNodeId).toBe(TRAINEE_HUNG_UP_END_ID);
    expect(callResponseSchema.safeParse(call.state().output).success).toBe(true);
  });

  it('hanging up while choosing a question also ends the call', () => {
    const call = startCall();
    answerAndHearGreeting(call);
    call.actor.send({ type: 'user.hangUp' });
    expect(call.state().value).toBe('callEnded');
    expect(call.state().context.ending).toEqual({ kind: 'traineeHungUp' });
  });

  it('a call graph pointing at a node that does not exist ends the call instead of hanging', () => {
    const call = startCall({
      scenario: tinyScenario((raw) => {
        const node = raw.callGraph.nodes.find((n) => n.id === 'n-address') as { next: string };
        node.next = 'missing-node';
      }),
    });
    answerAndHearGreeting(call);
    call.actor.send({ type: 'user.askQuestion', optionId: 'ask-address' });
    call.audio.current.end();
    expect(call.state().value).toBe('callEnded');
    expect(call.state().context.ending).toEqual({ kind: 'callGraphBroken', message: 'The call graph has no node "missing-node".' });
    call.actor.send({ type: 'user.startAssessment' });
    call.actor.send({ type: 'user.submitAssessment', assessment });
    expect(call.state().output?.endNodeId).toBe(CALL_GRAPH_BROKEN_END_ID);
  });

  it('uses Date.now when no clock is given', () => {
    const actor = createActor(callMachine.provide(callAudioImplementations(new FakeAudio())), {
      input: { scenario: tinyScenario() },
    }).start();
    const before = Date.now();
    expect(actor.getSnapshot().context.ringingSinceMs).toBeGreaterThanOrEqual(before - 1_000);
    expect(actor.getSnapshot().context.ringingSinceMs).toBeLessThanOrEqual(Date.now());
  });
});

describe('call machine: pinning the caller\u2019s location', () => {
  it('records the latest pin with its time since answering, in the call and after it, and outputs it', () => {
    const call = startCall();
    answerAndHearGreeting(call);
    call.clock.advance(2_000);
    call.actor.send({ type: 'user.pinLocation', location: { point: { x: 100, y: 200 }, method: 'map', label: 'Map point' } });
    expect(call.state().context.location).toEqual({ point: { x: 100, y: 200 }, method: 'map', label: 'Map point', atMs: 7_000 });

    call.actor.send({ type: 'user.hangUp' });
    call.clock.advance(1_000);
    call.actor.send({ type: 'user.pinLocation', location: { point: { x: 150, y: 250 }, method: 'search', label: 'Kestrel House' } });
    call.actor.send({ type: 'user.startAssessment' });
    call.actor.send({ type: 'user.submitAssessment', assessment });

    const output = call.actor.getSnapshot().output;
    expect(output?.location).toEqual({ point: { x: 150, y: 250 }, method: 'search', label: 'Kestrel House', atMs: 8_000 });
    expect(callResponseSchema.parse(output)).toEqual(output);
  });

  it('outputs no location when the trainee never pinned one', () => {
    const call = startCall();
    answerAndHearGreeting(call);
    call.actor.send({ type: 'user.hangUp' });
    call.actor.send({ type: 'user.startAssessment' });
    call.actor.send({ type: 'user.submitAssessment', assessment });
    expect(call.actor.getSnapshot().output).not.toHaveProperty('location');
  });
});

describe('call machine: clearing a pin', () => {
  it('forgets the pin, so the response has no location unless the trainee pins again', () => {
    const call = startCall();
    answerAndHearGreeting(call);
    call.actor.send({ type: 'user.pinLocation', location: { point: { x: 1, y: 2 }, method: 'three-word-code', label: 'apple.river.stone' } });
    call.actor.send({ type: 'user.clearLocation' });
    expect(call.state().context.location).toBeNull();
    call.actor.send({ type: 'user.hangUp' });
    call.actor.send({ type: 'user.startAssessment' });
    call.actor.send({ type: 'user.submitAssessment', assessment });
    expect(call.actor.getSnapshot().output).not.toHaveProperty('location');
  });
});
