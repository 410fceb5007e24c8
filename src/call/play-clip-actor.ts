import { fromCallback, type CallbackActorLogic, type EventObject } from 'xstate';
import type { Clip } from '../domain/scenario-schema';
import type { AudioPort } from './audio-port';

/** What the call machine gives the `playClip` actor it invokes. */
export interface PlayClipInput {
  readonly clip: Clip;
}

/** What a `playClip` actor sends back to the call machine. */
export type ClipPlaybackEvent =
  | { readonly type: 'audio.progress'; readonly seconds: number }
  | { readonly type: 'audio.ended' }
  | { readonly type: 'audio.failed'; readonly message: string };

/** The logic of the call machine's `playClip` actor: the shape `.provide()` expects. */
export type PlayClipLogic = CallbackActorLogic<EventObject, PlayClipInput>;

/**
 * `playClip` over an AudioPort: plays the clip's audio, reports progress, end and failure as
 * `audio.*` events, and stops the sound when the machine leaves the clip (answered, hung up).
 * A clip with no audio yet fails at once, so the trainee reads its text instead.
 */
export function createPlayClip(audio: AudioPort): PlayClipLogic {
  return fromCallback<EventObject, PlayClipInput>(({ input, sendBack }) => {
    const send = (event: ClipPlaybackEvent): void => sendBack(event);
    const sources = input.clip.audio?.sources;
    if (!sources || sources.length === 0) {
      send({ type: 'audio.failed', message: `Clip "${input.clip.id}" has no audio yet.` });
      return undefined;
    }
    const handle = audio.play(sources, {
      onProgress: (seconds) => send({ type: 'audio.progress', seconds }),
      onEnd: () => send({ type: 'audio.ended' }),
      onError: (message) => send({ type: 'audio.failed', message }),
    });
    return () => handle.stop();
  });
}

/** The call machine's `preloadClips` action over an AudioPort. */
export function createPreloadClips(audio: AudioPort): (_args: unknown, params: { readonly clips: readonly Clip[] }) => void {
  return (_args, { clips }) => {
    for (const clip of clips) if (clip.audio) audio.preload(clip.audio.sources);
  };
}
