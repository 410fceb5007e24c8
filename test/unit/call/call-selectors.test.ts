import { describe, expect, it } from 'vitest';
import { createActor, fromCallback, type EventObject } from 'xstate';
import { callAudioImplementations, callMachine } from '../../../src/call/call-machine';
import {
  selectAudioProblem,
  selectAvailableOptions,
  selectCurrentCaption,
  selectCurrentClip,
  selectCurrentNode,
  selectEndSummary,
  selectEnding,
  selectGrade,
  selectIsConnected,
  selectIsPlaying,
  selectQuestionChoice,
  selectTranscript,
} from '../../../src/call/call-selectors';
import type { ClipPlaybackEvent, PlayClipInput } from '../../../src/call/play-clip-actor';
import { FakeAudio, manualClock, tinyScenario } from './call-fixtures';

/** A call whose playClip is a bare fake: `player.send` reports as the playing clip. */
function startCall() {
  const player: { clipId: string | null; send: (event: ClipPlaybackEvent) => void } = { clipId: null, send: () => {} };
  const playClip = fromCallback<EventObject, PlayClipInput>(({ input, sendBack }) => {
    player.clipId = input.clip.id;
    player.send = sendBack;
    return () => {
      player.clipId = null;
    };
  });
  const actor = createActor(callMachine.provide({ actors: { playClip } }), {
    input: { scenario: tinyScenario(), now: manualClock().now },
  }).start();
  return { actor, player, state: () => actor.getSnapshot() };
}

describe('call selectors', () => {
  it('while ringing: nothing current, not connected', () => {
    const { state } = startCall();
    expect(selectCurrentNode(state())).toBeUndefined();
    expect(selectCurrentClip(state())).toBeUndefined();
    expect(selectIsConnected(state())).toBe(false);
    expect(selectIsPlaying(state())).toBe(false);
    expect(selectTranscript(state())).toEqual([]);
    expect(selectEnding(state())).toBeNull();
    expect(selectEndSummary(state())).toBeNull();
  });

  it('while a clip plays: the caption at clipSeconds and the transcript up to it', () => {
    const { actor, player, state } = startCall();
    actor.send({ type: 'user.answer' });
    expect(player.clipId).toBe('c01');
    expect(selectIsConnected(state())).toBe(true);
    expect(selectCurrentNode(state())?.id).toBe('n-greeting');
    expect(selectCurrentCaption(state())?.text).toBe('Police, please.');

    player.send({ type: 'audio.progress', seconds: 2 });
    expect(selectCurrentCaption(state())?.text).toBe('[door banging]');
    expect(selectCurrentCaption(state(), { neutralSounds: true })?.text).toBe('[background noise]');
    expect(selectTranscript(state())).toEqual([
      { who: 'caller', speaker: 'Caller', text: 'Police, please.', sourceId: 'c01' },
      { who: 'caller', text: '[door banging]', sourceId: 'c01' },
    ]);

    player.send({ type: 'audio.progress', seconds: 4.8 }); // after the last caption, before the end
    expect(selectCurrentCaption(state())).toBeUndefined();
    expect(selectTranscript(state())).toHaveLength(3);
  });

  it('while choosing: the question, its options, and the whole conversation so far', () => {
    const { actor, player, state } = startCall();
    actor.send({ type: 'user.answer' });
    player.send({ type: 'audio.ended' });

    expect(selectIsPlaying(state())).toBe(false);
    expect(selectCurrentClip(state())).toBeUndefined();
    expect(selectCurrentCaption(state())).toBeUndefined();
    expect(selectQuestionChoice(state())?.prompt).toBe('What do you ask first?');
    expect(selectAvailableOptions(state()).map((option) => option.text)).toEqual(['Are you safe to talk?', 'What is the address?']);

    actor.send({ type: 'user.askQuestion', optionId: 'ask-are-you-safe' });
    expect(selectAvailableOptions(state())).toEqual([]);
    player.send({ type: 'audio.progress', seconds: 0.5 });
    expect(selectTranscript(state(), { neutralSounds: true }).map((entry) => `${entry.who}: ${entry.text}`)).toEqual([
      'caller: Police, please.',
      'caller: [background noise]',
      'caller: He is here.',
      'trainee: Are you safe to talk?',
      'caller: No, I am not safe.',
    ]);
  });

  it('the audio problem shows only while the clip has failed; the grade as last chosen', () => {
    const { actor, player, state } = startCall();
    actor.send({ type: 'user.answer' });
    expect(selectAudioProblem(state())).toBeNull();
    player.send({ type: 'audio.failed', message: 'Could not load the audio file audio/tiny-call/c01.webm.' });
    expect(selectAudioProblem(state())).toBe('Could not load the audio file audio/tiny-call/c01.webm.');
    expect(selectIsPlaying(state())).toBe(false);
    actor.send({ type: 'user.chooseGrade', grade: 'priority' });
    expect(selectGrade(state())).toBe('priority');
    actor.send({ type: 'user.hangUp' });
    expect(selectAudioProblem(state())).toBeNull();
    expect(selectEnding(state())).toEqual({ kind: 'traineeHungUp' });
  });
});

describe('transcript of a clip not yet rendered', () => {
  it('reads the clip transcript, with speaker labels, when its audio fails', () => {
    const unrendered = tinyScenario((raw) => {
      for (const clip of raw.clips) {
        delete (clip as { audio?: unknown }).audio;
        clip.captions = [];
      }
    });
    const audio = new FakeAudio();
    const actor = createActor(callMachine.provide(callAudioImplementations(audio)), {
      input: { scenario: unrendered, now: manualClock().now },
    }).start();
    actor.send({ type: 'user.answer' });
    actor.send({ type: 'user.continue' });
    actor.send({ type: 'user.askQuestion', optionId: 'ask-are-you-safe' });
    actor.send({ type: 'user.continue' });
    actor.send({ type: 'user.askQuestion', optionId: 'ask-weapons' });
    expect(selectAudioProblem(actor.getSnapshot())).toBe('Clip "c04" has no audio yet.');
    expect(selectTranscript(actor.getSnapshot()).slice(-3)).toEqual([
      { who: 'trainee', text: 'Does he have any weapons?', sourceId: 'q-second' },
      { who: 'caller', speaker: 'Caller', text: 'He has a knife.', sourceId: 'c04' },
      { who: 'caller', speaker: 'Man in background', text: 'Who are you talking to?', sourceId: 'c04' },
    ]);
    expect(audio.plays).toHaveLength(0);
  });
});
