// Shared by the call tests: a tiny scenario, a fake AudioPort driven by hand, a clock stub.
import type { AudioPort, AudioSource, PlaybackCallbacks, PlaybackHandle } from '../../../src/call/audio-port';
import { parseScenario, type Scenario } from '../../../src/domain/scenario-schema';

const audioFor = (id: string, durationSeconds: number) => ({
  sources: [
    { src: `audio/tiny-call/${id}.webm`, type: 'audio/webm' },
    { src: `audio/tiny-call/${id}.mp3`, type: 'audio/mpeg' },
  ],
  durationSeconds,
});

const provenance = { kind: 'synthesised', tool: 'test', engines: ['flite'], filters: 'none' };

/**
 * The raw scenario (before parsing). Its call graph:
 *
 *   n-greeting (c01) -> q-first
 *     q-first: ask-are-you-safe -> n-safe (c02) -> q-second
 *              ask-address      -> n-address (c03) -> end-line-dropped
 *     q-second: ask-weapons     -> n-weapons (c04) -> end-completed
 *               ask-who-is-there -> end-line-dropped
 *
 * Expected: the fully "safe" route asks ask-are-you-safe then ask-weapons and ends at
 * end-completed, hearing c01, c02, c04.
 */
export const rawTinyScenario = {
  formatVersion: 1,
  id: 'tiny-call',
  version: 1,
  forcePolicy: 'national-call-handling-standards',
  metadata: {
    title: 'Tiny call',
    summary: 'A test call.',
    incidentType: 'domestic-abuse',
    channel: '999',
    difficulty: 'recruit',
    estimatedMinutes: 2,
    learningObjectives: ['Walk the call graph'],
    contentWarnings: [],
  },
  callContext: { callerNumber: '07700 900123' },
  speakers: [
    { id: 'caller', label: 'Caller', role: 'caller', voice: { engine: 'flite', voice: 'slt' } },
    { id: 'man', label: 'Man in background', role: 'background', voice: { engine: 'flite', voice: 'rms' } },
  ],
  clips: [
    {
      id: 'c01',
      transcript: [
        { kind: 'speech', speaker: 'caller', text: 'Police, please.', delivery: { whisper: true } },
        { kind: 'sound', sound: 'door-banging', caption: '[door banging]', durationSeconds: 1 },
        { kind: 'speech', speaker: 'caller', text: 'He is here.' },
      ],
      audio: audioFor('c01', 5),
      captions: [
        { start: 0, end: 1.5, text: 'Police, please.', speaker: 'Caller', line: 0 },
        { start: 1.5, end: 2.5, text: '[door banging]', line: 1 },
        { start: 2.5, end: 4.5, text: 'He is here.', speaker: 'Caller', line: 2 },
      ],
      provenance,
    },
    {
      id: 'c02',
      transcript: [{ kind: 'speech', speaker: 'caller', text: 'No, I am not safe.' }],
      audio: audioFor('c02', 2),
      captions: [{ start: 0, end: 2, text: 'No, I am not safe.', speaker: 'Caller', line: 0 }],
      provenance,
    },
    {
      id: 'c03',
      transcript: [{ kind: 'speech', speaker: 'caller', text: 'Fourteen Elm Road.' }],
      audio: audioFor('c03', 2),
      captions: [{ start: 0, end: 2, text: 'Fourteen Elm Road.', speaker: 'Caller', line: 0 }],
      provenance,
    },
    {
      id: 'c04',
      transcript: [
        { kind: 'speech', speaker: 'caller', text: 'He has a knife.' },
        { kind: 'speech', speaker: 'man', text: 'Who are you talking to?' },
      ],
      audio: audioFor('c04', 3),
      captions: [
        { start: 0, end: 1.5, text: 'He has a knife.', speaker: 'Caller', line: 0 },
        { start: 1.5, end: 3, text: 'Who are you talking to?', speaker: 'Man in background', line: 1 },
      ],
      provenance,
    },
  ],
  callGraph: {
    start: 'n-greeting',
    nodes: [
      { id: 'n-greeting', kind: 'callerSpeech', clip: 'c01', next: 'q-first' },
      {
        id: 'q-first',
        kind: 'questionChoice',
        prompt: 'What do you ask first?',
        options: [
          { id: 'ask-are-you-safe', text: 'Are you safe to talk?', next: 'n-safe' },
          { id: 'ask-address', text: 'What is the address?', next: 'n-address' },
        ],
      },
      { id: 'n-safe', kind: 'callerSpeech', clip: 'c02', next: 'q-second' },
      { id: 'n-address', kind: 'callerSpeech', clip: 'c03', next: 'end-line-dropped' },
      {
        id: 'q-second',
        kind: 'questionChoice',
        prompt: 'What next?',
        options: [
          { id: 'ask-weapons', text: 'Does he have any weapons?', next: 'n-weapons' },
          { id: 'ask-who-is-there', text: 'Who is with you?', next: 'end-line-dropped' },
        ],
      },
      { id: 'n-weapons', kind: 'callerSpeech', clip: 'c04', next: 'end-completed' },
      { id: 'end-completed', kind: 'end', outcome: 'call-completed', summary: 'Officers are on their way.' },
      { id: 'end-line-dropped', kind: 'end', outcome: 'line-dropped', summary: 'The line went dead.' },
    ],
  },
};

/** The tiny scenario, parsed as the app would parse it. */
export function tinyScenario(change?: (raw: typeof rawTinyScenario) => void): Scenario {
  const raw = structuredClone(rawTinyScenario);
  change?.(raw);
  return parseScenario(raw, 'tiny-call.scenario.json');
}

/** One play() call on the fake: drive it by hand with progress/end/fail. */
export interface FakePlayback {
  readonly sources: readonly AudioSource[];
  /** The callbacks as given, unguarded: to imitate a player that misbehaves after stop(). */
  readonly callbacks: PlaybackCallbacks;
  stopped: boolean;
  progress(seconds: number): void;
  end(): void;
  fail(message: string): void;
}

/** An AudioPort that plays nothing: it records calls and lets the test fire the callbacks. */
export class FakeAudio implements AudioPort {
  readonly plays: FakePlayback[] = [];
  readonly preloaded: string[] = [];

  preload(sources: readonly AudioSource[]): void {
    const first = sources[0];
    if (first) this.preloaded.push(first.src);
  }

  play(sources: readonly AudioSource[], callbacks: PlaybackCallbacks): PlaybackHandle {
    let position = 0;
    const playback: FakePlayback = {
      sources,
      callbacks,
      stopped: false,
      // Like a real player, a stopped playback reports nothing more.
      progress: (seconds) => {
        position = seconds;
        if (!playback.stopped) callbacks.onProgress(seconds);
      },
      end: () => {
        if (!playback.stopped) callbacks.onEnd();
      },
      fail: (message) => {
        if (!playback.stopped) callbacks.onError(message);
      },
    };
    this.plays.push(playback);
    return {
      stop: () => {
        playback.stopped = true;
      },
      pause: () => {},
      resume: () => {},
      seek: (seconds) => {
        position = seconds;
      },
      position: () => position,
      duration: () => 0,
    };
  }

  /** The latest playback; throws if nothing has played. */
  get current(): FakePlayback {
    const playback = this.plays.at(-1);
    if (!playback) throw new Error('nothing has played yet');
    return playback;
  }

  /** File names (without folder) of everything played, in order. */
  get playedFiles(): string[] {
    return this.plays.map((playback) => playback.sources[0]?.src.split('/').at(-1) ?? '?');
  }
}

/** A clock the test moves by hand. */
export function manualClock(startMs = 1_700_000_000_000): { now: () => number; advance(ms: number): void } {
  let t = startMs;
  return {
    now: () => t,
    advance(ms) {
      t += ms;
    },
  };
}
