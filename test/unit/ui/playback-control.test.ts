import { describe, expect, it } from 'vitest';
import type { PlaybackHandle } from '../../../src/call/audio-port';
import type { CallAudio } from '../../../src/ui/app-services';
import { trackPlayback } from '../../../src/ui/call/playback-control';

/** A fake call audio whose handles log what was done to them. */
function fakeAudio(): { audio: CallAudio; calls: string[] } {
  const calls: string[] = [];
  let position = 12;
  let n = 0;
  const audio: CallAudio = {
    preload: () => calls.push('preload'),
    play: () => {
      n += 1;
      const id = n;
      const handle: PlaybackHandle = {
        stop: () => calls.push(`stop ${id}`),
        pause: () => calls.push(`pause ${id}`),
        resume: () => calls.push(`resume ${id}`),
        seek: (seconds) => {
          position = seconds;
          calls.push(`seek ${id} ${seconds}`);
        },
        position: () => position,
        duration: () => 30,
      };
      return handle;
    },
  };
  return { audio, calls };
}

const callbacks = { onProgress: () => {}, onEnd: () => {}, onError: () => {} };

describe('trackPlayback', () => {
  it('exposes the clip playing now and forgets it once stopped', () => {
    const { audio, calls } = fakeAudio();
    const tracked = trackPlayback(audio);
    expect(tracked.current()).toBeNull();
    const first = tracked.audio.play([], callbacks);
    tracked.current()?.pause();
    tracked.current()?.resume();
    tracked.current()?.seek(7);
    expect(tracked.current()?.position()).toBe(7);
    const second = tracked.audio.play([], callbacks);
    first.stop();
    // Stopping an older clip does not lose the one playing now.
    tracked.current()?.pause();
    second.stop();
    expect(tracked.current()).toBeNull();
    expect(calls).toEqual(['pause 1', 'resume 1', 'seek 1 7', 'stop 1', 'pause 2', 'stop 2']);
  });

  it('passes preloading and the line level through', () => {
    const { audio, calls } = fakeAudio();
    expect(trackPlayback(audio).audio.level).toBeUndefined();
    trackPlayback(audio).audio.preload([]);
    expect(calls).toEqual(['preload']);
    expect(trackPlayback({ ...audio, level: () => 0.25 }).audio.level?.()).toBe(0.25);
  });
});
