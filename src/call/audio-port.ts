import type { Clip } from '../domain/scenario-schema';

/** One encoding of a clip's audio: a path relative to the site root and its MIME type. */
export type AudioSource = NonNullable<Clip['audio']>['sources'][number];

/** What a playing clip reports back. Each callback fires on the playback it was given to. */
export interface PlaybackCallbacks {
  /** Seconds into the clip; about every 100 ms while it plays. */
  onProgress(seconds: number): void;
  /** The clip played to its end. */
  onEnd(): void;
  /** The clip could not be loaded or played; the message names the file and is fit to show. */
  onError(message: string): void;
}

/** Control over one playing clip. After `stop()` no callback fires again. */
export interface PlaybackHandle {
  stop(): void;
  pause(): void;
  resume(): void;
  seek(seconds: number): void;
  /** Seconds into the clip (0 until it has loaded). */
  position(): number;
  /** Length of the clip in seconds (0 until it has loaded). */
  duration(): number;
}

/**
 * Call audio as the call machine and the call screen see it. The implementation picks the first
 * source the browser can play. The real one is `createHowlerAudio()`; tests use a fake driven
 * by hand.
 */
export interface AudioPort {
  /** Starts fetching and decoding a clip so that a later `play` starts at once. */
  preload(sources: readonly AudioSource[]): void;
  /** Plays a clip from its start. Errors are reported through `callbacks.onError`, not thrown. */
  play(sources: readonly AudioSource[], callbacks: PlaybackCallbacks): PlaybackHandle;
}
