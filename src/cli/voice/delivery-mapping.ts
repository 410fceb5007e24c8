import type { Problem } from '../../domain/problem';
import type { Scenario, Speaker, TranscriptLine } from '../../domain/scenario-schema';

/** A speaker's voice as the scenario format states it. */
export type VoiceSpec = Speaker['voice'];
/** A speech line's delivery overrides as the scenario format states them. */
export type Delivery = NonNullable<Extract<TranscriptLine, { kind: 'speech' }>['delivery']>;
/** The text-to-speech engines the format names. */
export type EngineName = VoiceSpec['engine'];

/** The delivery of one speech line once the speaker's voice and the line's overrides are merged. */
export interface ResolvedDelivery {
  readonly engine: EngineName;
  readonly voice: string;
  /** 1 is the engine's normal speed; above 1 is faster. */
  readonly rate: number;
  /** Target mean pitch in Hz; undefined keeps the voice's own pitch. */
  readonly pitchHz: number | undefined;
  /** Linear gain applied after synthesis; 1 leaves the level alone. */
  readonly volume: number;
  readonly whisper: boolean;
}

/**
 * How one engine is asked to speak a line, plus what sox must do afterwards because the engine
 * cannot do it itself.
 */
export type EngineSettings =
  | {
      readonly engine: 'flite';
      readonly voice: string;
      /** flite `duration_stretch`: 1 / rate. */
      readonly durationStretch: number;
      /** flite `int_f0_target_mean`, for voices that honour it. */
      readonly f0TargetMean: number | undefined;
    }
  | {
      readonly engine: 'festival';
      readonly voice: string;
      /** HTS voices: hts_engine `-r` speed (above 1 is faster). */
      readonly htsSpeed: number | undefined;
      /** Other festival voices: `Duration_Stretch` (1 / rate). */
      readonly durationStretch: number | undefined;
    }
  | {
      readonly engine: 'espeak-ng';
      /** Voice name as espeak-ng must be given it (see {@link espeakVoiceName}). */
      readonly voice: string;
      /** `-s`: words per minute. */
      readonly wordsPerMinute: number;
      /** `-p`: 0-99, 50 is the voice's own pitch; undefined leaves it alone. */
      readonly pitch: number | undefined;
    };

/** What renders one speech line: engine settings and the sox work that follows synthesis. */
export interface SpeechPlan {
  readonly settings: EngineSettings;
  /** sox `pitch` shift in cents after synthesis (engines that cannot set pitch themselves); 0 for none. */
  readonly pitchShiftCents: number;
  /** True when the whisper is made by sox (flite, festival); espeak-ng whispers natively. */
  readonly soxWhisper: boolean;
  /** Linear gain after synthesis, whisper attenuation included. */
  readonly gain: number;
}

/** flite voices built into Debian's flite 2.2 that read arbitrary text (awb_time only tells the time). */
export const fliteVoices = ['rms', 'awb', 'slt', 'kal', 'kal16'] as const;

/** flite voices whose pitch `int_f0_target_mean` moves; rms ignores it, so sox shifts it instead. */
const fliteNativePitchVoices: ReadonlySet<string> = new Set(['awb', 'slt', 'kal', 'kal16']);

/**
 * Median pitch in Hz of each voice at its defaults, measured here (autocorrelation over a test
 * sentence). Used to turn a target pitch into a relative shift for engines that cannot take Hz.
 */
export const basePitchHz: Readonly<Record<string, number>> = {
  'flite/rms': 100,
  'flite/awb': 120,
  'flite/slt': 167,
  'flite/kal': 96,
  'flite/kal16': 93,
  'festival/cmu_us_slt_arctic_hts': 180,
  'espeak-ng/': 108,
  'espeak-ng/f1': 188,
  'espeak-ng/f2': 205,
  'espeak-ng/f3': 225,
  'espeak-ng/f4': 186,
  'espeak-ng/f5': 213,
  'espeak-ng/m1': 100,
  'espeak-ng/m2': 104,
  'espeak-ng/m3': 112,
  'espeak-ng/m4': 101,
  'espeak-ng/m5': 104,
  'espeak-ng/m6': 107,
  'espeak-ng/m7': 115,
  'espeak-ng/m8': 91,
};

/** espeak-ng's normal speed in words per minute (rate 1). */
export const ESPEAK_BASE_WPM = 175;
/** Fraction of the base pitch that one step of espeak-ng's `-p` moves it (measured: p20 ≈ 0.74x, p80 ≈ 1.27x). */
const ESPEAK_PITCH_STEP = 0.0085;
/** Attenuation of whispered lines before the telephone compander (-8 dB; 3-6 dB under a voiced line after it). */
export const WHISPER_GAIN = 0.4;

/** Merges a speaker's voice with a line's delivery overrides (the line wins). */
export function resolveDelivery(voice: VoiceSpec, delivery: Delivery | undefined): ResolvedDelivery {
  return {
    engine: voice.engine,
    voice: voice.voice,
    rate: delivery?.rate ?? voice.rate ?? 1,
    pitchHz: delivery?.pitchHz ?? voice.pitchHz,
    volume: delivery?.volume ?? 1,
    whisper: delivery?.whisper ?? false,
  };
}

/** Cents between two frequencies (positive when `toHz` is higher), to one decimal. */
export function centsBetween(fromHz: number, toHz: number): number {
  return Math.round(12000 * Math.log2(toHz / fromHz)) / 10;
}

/** Rounds to `places` decimals (default 4), avoiding values like 0.30000000000000004 in arguments. */
export function roundTo(value: number, places = 4): number {
  const factor = 10 ** places;
  return Math.round(value * factor) / factor;
}

/** The espeak-ng variant part of a voice ("en+f3" gives "f3"); "" when there is none. */
export function espeakVariant(voice: string): string {
  const plus = voice.indexOf('+');
  return plus === -1 ? '' : voice.slice(plus + 1);
}

/**
 * The voice name to hand espeak-ng. espeak-ng 1.51 ignores a variant given after the language
 * name "en-gb" ("en-gb+f3" speaks with the default male voice), while the same voice file named
 * by path ("gmw/en+f3") takes it; so "en-gb+X" becomes "gmw/en+X". A whisper swaps the variant
 * for espeak-ng's own "whisper" variant.
 */
export function espeakVoiceName(voice: string, whisper: boolean): string {
  const plus = voice.indexOf('+');
  let language = plus === -1 ? voice : voice.slice(0, plus);
  let variant = plus === -1 ? '' : voice.slice(plus + 1);
  if (whisper) variant = 'whisper';
  if (variant !== '' && language.toLowerCase() === 'en-gb') language = 'gmw/en';
  return variant === '' ? language : `${language}+${variant}`;
}

/** The measured default pitch of a voice, or undefined when it has not been measured. */
export function basePitchFor(engine: EngineName, voice: string): number | undefined {
  if (engine === 'espeak-ng') return basePitchHz[`espeak-ng/${espeakVariant(voice)}`] ?? basePitchHz['espeak-ng/'];
  return basePitchHz[`${engine}/${voice}`];
}

/** True for festival voices synthesised by hts_engine (their names end in "_hts"). */
export function isHtsVoice(voice: string): boolean {
  return voice.endsWith('_hts');
}

/**
 * Maps a merged delivery to engine parameters: rate to flite `duration_stretch` = 1/rate,
 * festival HTS `-r` = rate, espeak-ng `-s` = 175 × rate; pitch to flite `int_f0_target_mean` where
 * the voice honours it, espeak-ng `-p` around 50, and otherwise a sox pitch shift from the voice's
 * measured base pitch; whisper to espeak-ng's whisper variant or sox whisper processing, 8 dB
 * quieter. Throws when a pitch is asked of a voice whose base pitch is unknown
 * ({@link checkVoices} reports that with its location first).
 */
export function planSpeech(delivery: ResolvedDelivery): SpeechPlan {
  const gain = roundTo(delivery.volume * (delivery.whisper ? WHISPER_GAIN : 1));
  const { pitchHz } = delivery;
  const relativeShift = (): number => {
    if (pitchHz === undefined) return 0;
    const base = basePitchFor(delivery.engine, delivery.voice);
    if (base === undefined) throw new Error(`no measured base pitch for ${delivery.engine} voice "${delivery.voice}"`);
    return centsBetween(base, pitchHz);
  };
  switch (delivery.engine) {
    case 'flite': {
      const native = fliteNativePitchVoices.has(delivery.voice);
      return {
        settings: {
          engine: 'flite',
          voice: delivery.voice,
          durationStretch: roundTo(1 / delivery.rate),
          f0TargetMean: native ? pitchHz : undefined,
        },
        pitchShiftCents: native ? 0 : relativeShift(),
        soxWhisper: delivery.whisper,
        gain,
      };
    }
    case 'festival': {
      const hts = isHtsVoice(delivery.voice);
      return {
        settings: {
          engine: 'festival',
          voice: delivery.voice,
          htsSpeed: hts ? roundTo(delivery.rate) : undefined,
          durationStretch: hts ? undefined : roundTo(1 / delivery.rate),
        },
        pitchShiftCents: relativeShift(),
        soxWhisper: delivery.whisper,
        gain,
      };
    }
    case 'espeak-ng': {
      let pitch: number | undefined;
      if (pitchHz !== undefined) {
        const base = basePitchFor('espeak-ng', delivery.voice) ?? 108;
        pitch = Math.min(99, Math.max(0, Math.round(50 + (pitchHz / base - 1) / ESPEAK_PITCH_STEP)));
      }
      return {
        settings: {
          engine: 'espeak-ng',
          voice: espeakVoiceName(delivery.voice, delivery.whisper),
          wordsPerMinute: Math.round(ESPEAK_BASE_WPM * delivery.rate),
          pitch,
        },
        pitchShiftCents: 0,
        soxWhisper: false,
        gain,
      };
    }
  }
}

const festivalVoicePattern = /^[a-z0-9_]+$/;
const espeakVoicePattern = /^[A-Za-z0-9_/-]+(\+[A-Za-z0-9_ -]+)?$/;

/**
 * Problems with the voices and sounds a scenario asks for that the schema cannot see: a speaker id
 * used by a line but not declared, a flite voice flite does not have (flite silently falls back to kal),
 * a voice name that cannot be passed safely, a pitch asked of a voice with no measured base pitch.
 */
export function checkVoices(scenario: Scenario, file: string): Problem[] {
  const problems: Problem[] = [];
  scenario.speakers.forEach((speaker, index) => {
    const path = `$.speakers[${index}].voice.voice`;
    const { engine, voice } = speaker.voice;
    if (engine === 'flite' && !(fliteVoices as readonly string[]).includes(voice)) {
      problems.push({ file, path, message: `flite has no voice "${voice}"; use one of ${fliteVoices.join(', ')}` });
    } else if (engine === 'festival' && !festivalVoicePattern.test(voice)) {
      problems.push({ file, path, message: `"${voice}" is not a festival voice name (lower-case letters, digits and _), e.g. cmu_us_slt_arctic_hts` });
    } else if (engine === 'espeak-ng' && !espeakVoicePattern.test(voice)) {
      problems.push({ file, path, message: `"${voice}" is not an espeak-ng voice name, e.g. en-gb-x-rp+f3` });
    }
  });
  const speakers = new Map(scenario.speakers.map((speaker) => [speaker.id, speaker]));
  scenario.clips.forEach((clip, clipIndex) => {
    clip.transcript.forEach((line, lineIndex) => {
      const at = `$.clips[${clipIndex}].transcript[${lineIndex}]`;
      // Sound lines need nothing here: the scenario schema already demands a positive duration.
      if (line.kind === 'sound') return;
      const speaker = speakers.get(line.speaker);
      if (!speaker) {
        problems.push({ file, path: `${at}.speaker`, message: `no speaker "${line.speaker}" in $.speakers` });
        return;
      }
      const delivery = resolveDelivery(speaker.voice, line.delivery);
      const needsBase =
        delivery.pitchHz !== undefined &&
        (delivery.engine === 'festival' || (delivery.engine === 'flite' && !fliteNativePitchVoices.has(delivery.voice)));
      if (needsBase && basePitchFor(delivery.engine, delivery.voice) === undefined) {
        problems.push({
          file,
          path: line.delivery?.pitchHz !== undefined ? `${at}.delivery.pitchHz` : `$.speakers[${scenario.speakers.indexOf(speaker)}].voice.pitchHz`,
          message: `the voice pipeline cannot set the pitch of ${delivery.engine} voice "${delivery.voice}" (no measured base pitch); remove pitchHz or use a voice listed in src/cli/voice/delivery-mapping.ts`,
        });
      }
    });
  });
  return problems;
}
