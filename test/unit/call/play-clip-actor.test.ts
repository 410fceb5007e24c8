import { describe, expect, it } from 'vitest';
import { createActor, createMachine, type AnyEventObject } from 'xstate';
import { createPlayClip, createPreloadClips } from '../../../src/call/play-clip-actor';
import { FakeAudio, tinyScenario } from './call-fixtures';

const scenario = tinyScenario();
const clip = scenario.clips[0]!;

/** Runs createPlayClip under a parent that records what it sends back. */
function runPlayClip(audio: FakeAudio, input = { clip }) {
  const received: AnyEventObject[] = [];
  const parent = createMachine({
    invoke: { id: 'player', src: createPlayClip(audio), input },
    on: { '*': { actions: ({ event }) => received.push(event) } },
  });
  const actor = createActor(parent).start();
  return { actor, received };
}

describe('createPlayClip', () => {
  it('plays the clip sources and turns the player callbacks into audio.* events', () => {
    const audio = new FakeAudio();
    const { received } = runPlayClip(audio);
    expect(audio.current.sources).toEqual(clip.audio?.sources);
    audio.current.progress(0.4);
    audio.current.end();
    expect(received).toEqual([{ type: 'audio.progress', seconds: 0.4 }, { type: 'audio.ended' }]);
  });

  it('reports a player error as audio.failed with its message', () => {
    const audio = new FakeAudio();
    const { received } = runPlayClip(audio);
    audio.current.fail('Could not load the audio file audio/tiny-call/c01.webm.');
    expect(received).toEqual([{ type: 'audio.failed', message: 'Could not load the audio file audio/tiny-call/c01.webm.' }]);
  });

  it('stops the sound when the actor stops', () => {
    const audio = new FakeAudio();
    const { actor } = runPlayClip(audio);
    actor.stop();
    expect(audio.current.stopped).toBe(true);
  });

  it('fails at once for a clip with no audio', () => {
    const audio = new FakeAudio();
    const { received } = runPlayClip(audio, { clip: { ...clip, audio: undefined } });
    expect(received).toEqual([{ type: 'audio.failed', message: 'Clip "c01" has no audio yet.' }]);
    expect(audio.plays).toHaveLength(0);
  });
});

describe('createPreloadClips', () => {
  it('preloads every clip that has audio', () => {
    const audio = new FakeAudio();
    createPreloadClips(audio)({}, { clips: [scenario.clips[1]!, { ...clip, audio: undefined }, scenario.clips[3]!] });
    expect(audio.preloaded).toEqual(['audio/tiny-call/c02.webm', 'audio/tiny-call/c04.webm']);
  });
});
