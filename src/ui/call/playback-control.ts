import type { PlaybackHandle } from '../../call/audio-port';
import type { CallAudio } from '../app-services';

/** Seconds "Replay" goes back in the caller's clip (practice mode). */
export const REPLAY_SECONDS = 5;

/**
 * Call audio that remembers the clip playing now, so the practice-mode controls can pause,
 * resume and replay it. The call machine plays through `audio` as before; the screen holds
 * `current()` only to steer the sound, never to decide the call.
 */
export function trackPlayback(audio: CallAudio): { readonly audio: CallAudio; current(): PlaybackHandle | null } {
  let handle: PlaybackHandle | null = null;
  const tracked: CallAudio = {
    preload: (sources) => audio.preload(sources),
    play(sources, callbacks) {
      const playing = audio.play(sources, callbacks);
      handle = playing;
      return {
        ...playing,
        stop() {
          if (handle === playing) handle = null;
          playing.stop();
        },
        pause: () => playing.pause(),
        resume: () => playing.resume(),
        seek: (seconds) => playing.seek(seconds),
        position: () => playing.position(),
        duration: () => playing.duration(),
      };
    },
    ...(audio.level ? { level: () => audio.level?.() ?? 0 } : {}),
  };
  return { audio: tracked, current: () => handle };
}
