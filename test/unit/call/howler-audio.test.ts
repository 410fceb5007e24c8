// @vitest-environment jsdom
// Howler's real path (Web Audio) is proved in the browser journey; jsdom plays nothing, so this
// only checks what happens when no source is playable.
import { describe, expect, it } from 'vitest';
import { createHowlerAudio } from '../../../src/call/howler-audio';

describe('createHowlerAudio without a playable source', () => {
  it('reports an error naming the files instead of throwing, and measures no level', async () => {
    const audio = createHowlerAudio({ baseUrl: '/' });
    const errors: string[] = [];
    const handle = audio.play([{ src: 'audio/tiny-call/c01.webm', type: 'audio/webm' }], {
      onProgress: () => {},
      onEnd: () => {},
      onError: (message) => errors.push(message),
    });
    await Promise.resolve();
    expect(errors).toEqual(["This browser cannot play any of the clip's audio files (audio/tiny-call/c01.webm)."]);
    expect(handle.position()).toBe(0);
    handle.stop();
    expect(audio.level()).toBe(0);
  });
});
