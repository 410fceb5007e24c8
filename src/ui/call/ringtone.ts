import { useEffect } from 'react';
import type { AudioPort } from '../../call/audio-port';

const RINGTONE = [{ src: 'audio/ui/ringtone.webm', type: 'audio/webm' as const }, { src: 'audio/ui/ringtone.mp3', type: 'audio/mpeg' as const }];

/** Plays the incoming-call tone, over and over, while `ringing`. */
export function useRingtone(audio: AudioPort, ringing: boolean): void {
  useEffect(() => {
    if (!ringing) return;
    let stopped = false;
    let handle = start();
    function start() {
      return audio.play(RINGTONE, {
        onProgress: () => {},
        onEnd: () => {
          if (!stopped) handle = start();
        },
        // The tone is a courtesy: the Answer button and the "Incoming call" heading carry the meaning.
        onError: () => {},
      });
    }
    return () => {
      stopped = true;
      handle.stop();
    };
  }, [ringing, audio]);
}
