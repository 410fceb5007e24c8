// The only file in call-trainer that imports howler: everything else sees AudioPort.
import { Howl, Howler } from 'howler';
import type { AudioPort, AudioSource, PlaybackCallbacks, PlaybackHandle } from './audio-port';

/** Howler's format names for the MIME types the scenario format allows. */
const formatForType: Record<AudioSource['type'], string> = {
  'audio/webm': 'webm',
  'audio/ogg': 'ogg',
  'audio/mpeg': 'mp3',
  'audio/mp4': 'm4a',
};

const PROGRESS_INTERVAL_MS = 100;

export interface HowlerAudioOptions {
  /** Prefix for the sources' site-relative paths; defaults to Vite's `import.meta.env.BASE_URL`. */
  readonly baseUrl?: string;
  /**
   * The URL to load a source from instead of `baseUrl + src`, or undefined to use that: authored
   * scenarios' audio is served from IndexedDB as object URLs (see src/app/authored-catalogue.ts).
   */
  readonly resolveUrl?: (src: string) => string | undefined;
}

/** AudioPort over Howler, plus a level meter on Howler's master output. */
export interface HowlerAudio extends AudioPort {
  /**
   * RMS level (0 to 1) of everything Howler is playing right now, from an AnalyserNode on
   * `Howler.masterGain`; 0 when Web Audio is unavailable. Lets the call screen show that the
   * caller is speaking and the browser test prove that a clip sounded.
   */
  level(): number;
}

/**
 * Call audio through Howler's Web Audio path (not HTML5 audio, so the level can be measured).
 * Howl instances are cached per file, so `preload` of the next clip makes its `play` immediate.
 * Not unit-tested (Node has no Web Audio): the browser journey proves it.
 */
export function createHowlerAudio(options: HowlerAudioOptions = {}): HowlerAudio {
  const baseUrl = withTrailingSlash(options.baseUrl ?? import.meta.env.BASE_URL ?? '/');
  const howls = new Map<string, Howl>();
  let analyser: AnalyserNode | null = null;
  let samples: Float32Array<ArrayBuffer> | null = null;

  const pick = (sources: readonly AudioSource[]): AudioSource | undefined =>
    sources.find((source) => Howler.codecs(formatForType[source.type]));

  const howlFor = (source: AudioSource): Howl => {
    const cached = howls.get(source.src);
    if (cached) return cached;
    const howl = new Howl({ src: [options.resolveUrl?.(source.src) ?? baseUrl + source.src], format: [formatForType[source.type]], html5: false, preload: true });
    // Decoded and ready to start at once (`npm run bench` waits for it before answering).
    howl.once('load', () => performance.mark('call-trainer:audio-loaded', { detail: source.src }));
    // A failed load is not cached: the next play or preload tries again.
    howl.once('loaderror', () => {
      if (howls.get(source.src) === howl) howls.delete(source.src);
    });
    howls.set(source.src, howl);
    return howl;
  };

  return {
    preload(sources) {
      const source = pick(sources);
      if (source) howlFor(source);
    },

    play(sources, callbacks) {
      const source = pick(sources);
      if (!source) {
        const files = sources.map((s) => s.src).join(', ');
        queueMicrotask(() => callbacks.onError(`This browser cannot play any of the clip's audio files (${files}).`));
        return silentHandle;
      }
      return playHowl(howlFor(source), source.src, callbacks);
    },

    level() {
      if (!analyser) {
        if (!Howler.usingWebAudio || !Howler.ctx || !Howler.masterGain) return 0;
        analyser = Howler.ctx.createAnalyser();
        analyser.fftSize = 1024;
        Howler.masterGain.connect(analyser);
        samples = new Float32Array(analyser.fftSize);
      }
      if (!samples) return 0;
      analyser.getFloatTimeDomainData(samples);
      let sum = 0;
      for (const sample of samples) sum += sample * sample;
      return Math.sqrt(sum / samples.length);
    },
  };
}

/**
 * How long a clip may take to load before the call falls back to its text. Howler does not
 * always report a failed load to a play queued behind it (e.g. a clip whose preload failed while
 * a second call started in the same page), and a call must never hang on "Caller speaking".
 */
const LOAD_TIMEOUT_MS = 10_000;

function playHowl(howl: Howl, file: string, callbacks: PlaybackCallbacks): PlaybackHandle {
  let stopped = false;
  const id = howl.play();
  const loadWatchdog = setTimeout(() => {
    if (stopped || howl.state() === 'loaded') return;
    finish();
    howl.stop(id);
    callbacks.onError(`The audio file ${file} did not load within ${LOAD_TIMEOUT_MS / 1000} s.`);
  }, LOAD_TIMEOUT_MS);
  const position = (): number => {
    // Before load, Howler queues even a getter seek and returns the Howl: ask only once loaded.
    if (howl.state() !== 'loaded') return 0;
    const seconds: unknown = howl.seek(id);
    return typeof seconds === 'number' ? seconds : 0;
  };
  const timer = setInterval(() => {
    if (!stopped && howl.playing(id)) callbacks.onProgress(position());
  }, PROGRESS_INTERVAL_MS);

  const finish = (): void => {
    stopped = true;
    clearInterval(timer);
    clearTimeout(loadWatchdog);
    howl.off('end', onEnd, id);
    howl.off('playerror', onPlayError, id);
    howl.off('loaderror', onLoadError);
  };
  const onEnd = (): void => {
    if (stopped) return;
    callbacks.onProgress(howl.duration(id));
    finish();
    callbacks.onEnd();
  };
  const onPlayError = (_id: number, error: unknown): void => {
    if (stopped) return;
    finish();
    callbacks.onError(`Could not play the audio file ${file}${describe(error)}.`);
  };
  const onLoadError = (_id: number, error: unknown): void => {
    if (stopped) return;
    finish();
    callbacks.onError(`Could not load the audio file ${file}${describe(error)}.`);
  };
  // When Web Audio starts the clip (`npm run bench` measures answer-to-audio to it), with the
  // output latency the AudioContext reports. A loaded clip starts inside play(); Howler's own
  // 'play' event comes a task later, so it is used only for a clip that was still loading.
  const markPlaying = () => {
    const ctx = Howler.ctx as (AudioContext & { outputLatency?: number }) | undefined;
    const outputLatencyMs = ctx ? ((ctx.baseLatency ?? 0) + (ctx.outputLatency ?? 0)) * 1000 : 0;
    performance.mark('call-trainer:audio-playing', { detail: { src: file, outputLatencyMs } });
  };
  if (howl.playing(id)) markPlaying();
  else howl.once('play', markPlaying, id);
  howl.on('end', onEnd, id);
  howl.on('playerror', onPlayError, id);
  howl.on('loaderror', onLoadError);

  return {
    stop() {
      if (stopped) return;
      finish();
      howl.stop(id);
    },
    pause() {
      if (!stopped) howl.pause(id);
    },
    resume() {
      if (!stopped && !howl.playing(id)) howl.play(id);
    },
    seek(seconds) {
      if (!stopped) howl.seek(seconds, id);
    },
    position,
    duration: () => howl.duration(id),
  };
}

const silentHandle: PlaybackHandle = {
  stop() {},
  pause() {},
  resume() {},
  seek() {},
  position: () => 0,
  duration: () => 0,
};

function describe(error: unknown): string {
  if (error === undefined || error === null || error === '') return '';
  return `: ${error instanceof Error ? error.message : String(error)}`;
}

function withTrailingSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}
