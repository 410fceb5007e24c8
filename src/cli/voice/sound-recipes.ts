import type { SoundId } from '../../domain/scenario-schema';
import type { CommandSpec } from './command-spec';
import { planSpeech, resolveDelivery, roundTo, type VoiceSpec } from './delivery-mapping';
import { conformSpeechCommand, SEGMENT_RATE, soxSeconds } from './sox-commands';
import { synthCommand } from './synth-commands';

/**
 * Background sounds made by synthesis with sox (nothing is downloaded). Each recipe is a list of
 * commands that ends by writing exactly `durationSeconds` of 16 kHz mono float audio to the output
 * file. They aim at "plausible through a phone line", not realism. Every sox call uses `-R`, so a
 * recipe gives the same samples on every run; noise layers are taken from different offsets of
 * the seeded generator so they do not cancel or reinforce each other.
 */

/** What a recipe needs besides the sound and its length. */
export interface SoundRecipeOptions {
  /** Path for a scratch file of this recipe; names passed are unique within one recipe. */
  readonly workFile: (name: string) => string;
  /** Varies the random details (glass shard timings); the same seed gives the same sound. */
  readonly seed?: number;
  /** Voice for muffled shouting (the scenario's background speaker); flite awb when absent. */
  readonly shoutVoice?: VoiceSpec;
}

/**
 * Peak level, in dBFS, each sound is normalised to before the telephone chain, where speech lines
 * sit at -28 dBFS RMS (SPEECH_RMS_DBFS). Set by measuring rendered clips: after the chain a
 * whisper's active level sits 14-17 dB above the noise bed, door banging a few dB above the
 * whisper (loud, close), glass near it, shouting behind a wall and a child crying in another room
 * at or under it, television and traffic well under it.
 */
export const soundPeakDbfs: Readonly<Record<SoundId, number>> = {
  'door-banging': -15,
  'child-crying': -32,
  'glass-breaking': -14,
  'muffled-shouting': -22,
  television: -35,
  traffic: -30,
  silence: 0,
};

/** Words shouted behind a wall; low-passed so hard that only the anger of it comes through. */
export const SHOUT_TEXT = 'Where are you? Open this door! Get out here now! I said now!';

const floatOut = ['-e', 'floating-point', '-b', '32'] as const;

/** `sox -R -n` generating into `file` at the segment rate. */
function generate(file: string, ...effects: string[]): CommandSpec {
  return { command: 'sox', args: ['-R', '-n', '-r', String(SEGMENT_RATE), '-c', '1', ...floatOut, file, ...effects] };
}

/** `sox -R` reading `inputs` (concatenated) into `file` through `effects`. */
function transform(inputs: readonly string[], file: string, ...effects: string[]): CommandSpec {
  return { command: 'sox', args: ['-R', ...inputs, ...floatOut, file, ...effects] };
}

/** `sox -R -m` mixing `[file, gain]` pairs at the given gains. */
function mix(inputs: ReadonlyArray<readonly [string, number]>, file: string, ...effects: string[]): CommandSpec {
  return { command: 'sox', args: ['-R', '-m', ...inputs.flatMap(([input, gain]) => ['-v', String(gain), input]), ...floatOut, file, ...effects] };
}

/** Effects that make a layer exactly `seconds` long and set its peak. */
function exactLength(seconds: number, peakDbfs: number): string[] {
  const s = soxSeconds(seconds);
  return ['pad', '0', s, 'trim', '0', s, 'gain', '-n', String(peakDbfs)];
}

/** A small deterministic pseudo-random generator (mulberry32) giving numbers in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Noise of `seconds` taken `offset` seconds into sox's seeded sequence (decorrelates layers). */
function noise(kind: 'whitenoise' | 'pinknoise' | 'brownnoise', seconds: number, offset: number): string[] {
  return ['synth', soxSeconds(seconds + offset), kind, 'trim', soxSeconds(offset)];
}

function doorBanging(seconds: number, out: string, work: SoundRecipeOptions['workFile']): CommandSpec[] {
  const thud = work('thud.wav');
  const group = work('group.wav');
  const groupSeconds = 3 * 0.39 + 0.6;
  return [
    // A dull thud: brown noise and a wooden body (170 and 410 Hz), driven into overdrive for the
    // crack, then a fast logarithmic decay. A body any lower would vanish in the 300 Hz phone band.
    generate(thud, 'synth', '0.25', 'brownnoise', 'synth', '0.25', 'sine', 'mix', '170', 'synth', '0.25', 'sine', 'mix', '410', 'lowpass', '1500', 'overdrive', '15', 'fade', 'l', '0.001', '0.25', '0.24', 'gain', '-n', '-1'),
    // Bang-bang-bang, pause.
    transform([thud], group, 'pad', '0', '0.14', 'repeat', '2', 'pad', '0', '0.6'),
    transform([group], out, 'repeat', String(Math.max(0, Math.ceil(seconds / groupSeconds) - 1)), ...exactLength(seconds, soundPeakDbfs['door-banging'])),
  ];
}

function childCrying(seconds: number, out: string, work: SoundRecipeOptions['workFile']): CommandSpec[] {
  // Vowel "aah" of a small child: formant lifts near 1.1 and 2.5 kHz on a buzzy source, a sob
  // tremolo, a pitch that jumps up and sags ("waaah"), a hiccuping "uh-uh" and a breath in.
  const vowel = ['equalizer', '1100', '1.2q', '+10', 'equalizer', '2500', '2q', '+6', 'highpass', '350'];
  const files = {
    rise1: work('rise1.wav'),
    fall1: work('fall1.wav'),
    rise2: work('rise2.wav'),
    fall2: work('fall2.wav'),
    wail1: work('wail1.wav'),
    wail2: work('wail2.wav'),
    sob: work('sob.wav'),
    breath: work('breath.wav'),
    cycle: work('cycle.wav'),
  };
  const cycleSeconds = 1.11 + 0.1 + 0.32 + 0.35 + 0.9 + 0.1 + 0.35;
  return [
    generate(files.rise1, 'synth', '0.16', 'sawtooth', '440:590'),
    generate(files.fall1, 'synth', '0.95', 'sawtooth', '590:430'),
    generate(files.rise2, 'synth', '0.12', 'sawtooth', '400:520'),
    generate(files.fall2, 'synth', '0.78', 'sawtooth', '520:380'),
    transform([files.rise1, files.fall1], files.wail1, ...vowel, 'tremolo', '6.5', '40', 'fade', 'h', '0.05', '-0', '0.3', 'gain', '-n', '-1', 'pad', '0', '0.1'),
    transform([files.rise2, files.fall2], files.wail2, ...vowel, 'tremolo', '7.5', '45', 'fade', 'h', '0.04', '-0', '0.25', 'gain', '-n', '-2', 'pad', '0', '0.1'),
    generate(files.sob, 'synth', '0.09', 'sawtooth', '520:470', ...vowel, 'fade', 'h', '0.01', '-0', '0.03', 'pad', '0', '0.07', 'repeat', '1', 'gain', '-n', '-4'),
    generate(files.breath, ...noise('pinknoise', 0.3, 0.7), 'highpass', '1200', 'lowpass', '3800', 'fade', 'q', '0.15', '-0', '0.12', 'gain', '-n', '-16', 'pad', '0', '0.05'),
    transform([files.wail1, files.sob, files.breath, files.wail2, files.breath], files.cycle),
    transform([files.cycle], out, 'repeat', String(Math.max(0, Math.ceil(seconds / cycleSeconds) - 1)), ...exactLength(seconds, soundPeakDbfs['child-crying'])),
  ];
}

function glassBreaking(seconds: number, out: string, work: SoundRecipeOptions['workFile'], seed: number): CommandSpec[] {
  const random = seededRandom(seed);
  const crash = work('crash.wav');
  const impact = work('impact.wav');
  const steps: CommandSpec[] = [
    // The break: a bright noise burst that dies away fast, over a short low impact.
    generate(crash, ...noise('whitenoise', 0.7, 0.3), 'highpass', '1500', 'fade', 'l', '0.001', '0.7', '0.68', 'gain', '-n', '-1'),
    generate(impact, ...noise('brownnoise', 0.09, 0.1), 'lowpass', '1200', 'fade', 'l', '0', '0.09', '0.08', 'gain', '-n', '-1'),
  ];
  // Falling shards: short high pings, dense at first and thinning out, kept under 3.4 kHz.
  const pings: Array<readonly [string, number]> = [];
  for (let k = 0; k < 16; k += 1) {
    const at = roundTo(0.04 + 0.05 * k ** 1.6 + random() * 0.04, 3);
    if (at > seconds - 0.2) break;
    const frequency = Math.round(1800 + random() * 1500);
    const length = roundTo(0.06 + random() * 0.12, 3);
    const file = work(`shard${k}.wav`);
    steps.push(generate(file, 'synth', soxSeconds(length), 'sine', String(frequency), 'fade', 'l', '0', soxSeconds(length), soxSeconds(length * 0.9), 'pad', soxSeconds(at)));
    pings.push([file, roundTo(0.5 * (1 - k / 20) * (0.6 + 0.4 * random()), 3)]);
  }
  steps.push(mix([[crash, 1], [impact, 0.6], ...pings], out, ...exactLength(seconds, soundPeakDbfs['glass-breaking'])));
  return steps;
}

function muffledShouting(seconds: number, out: string, work: SoundRecipeOptions['workFile'], voice: VoiceSpec): CommandSpec[] {
  const raw = work('shout-raw.wav');
  const shout = work('shout.wav');
  // Faster and higher than the voice's normal delivery, as shouting is.
  const delivery = resolveDelivery({ ...voice, pitchHz: undefined }, { rate: 1.15 });
  const plan = planSpeech(delivery);
  const phraseSeconds = 3;
  return [
    synthCommand(plan.settings, SHOUT_TEXT, raw),
    conformSpeechCommand(raw, shout, 300),
    // Clipped like a strained voice, then heard through a wall: two low-passes and a room.
    transform([shout], out, 'overdrive', '12', 'lowpass', '700', 'lowpass', '700', 'reverb', '50', '50', '60', 'repeat', String(Math.max(0, Math.ceil(seconds / phraseSeconds))), ...exactLength(seconds, soundPeakDbfs['muffled-shouting'])),
  ];
}

function television(seconds: number, out: string, work: SoundRecipeOptions['workFile']): CommandSpec[] {
  // Babble: three "talkers", each band-limited pink noise chopped at a syllable rate, plus a slower
  // phrase rhythm, mixed and put in a small room.
  const talkers = [
    { offset: 1.3, band: '350-2600', syllables: '4.1', phrases: '0.6' },
    { offset: 2.9, band: '450-3000', syllables: '5.3', phrases: '0.45' },
    { offset: 4.7, band: '300-2200', syllables: '3.6', phrases: '0.8' },
  ];
  const files = talkers.map((_, index) => work(`talker${index}.wav`));
  return [
    ...talkers.map((talker, index) =>
      generate(files[index] ?? '', ...noise('pinknoise', seconds, talker.offset), 'sinc', talker.band, 'tremolo', talker.syllables, '90', 'tremolo', talker.phrases, '60', 'gain', '-n', '-1'),
    ),
    mix(
      files.map((file, index) => [file, [1, 0.7, 0.5][index] ?? 0.5] as const),
      out,
      'reverb',
      '30',
      '50',
      '40',
      ...exactLength(seconds, soundPeakDbfs.television),
    ),
  ];
}

function traffic(seconds: number, out: string, work: SoundRecipeOptions['workFile']): CommandSpec[] {
  // Brown-noise rumble swelling as vehicles pass, with a tyre-hiss layer swelling out of step.
  const rumble = work('rumble.wav');
  const hiss = work('hiss.wav');
  return [
    generate(rumble, ...noise('brownnoise', seconds, 0.5), 'highpass', '80', 'lowpass', '1200', 'tremolo', '0.13', '70', 'gain', '-n', '-1'),
    generate(hiss, ...noise('pinknoise', seconds, 3.1), 'sinc', '500-3000', 'tremolo', '0.21', '85', 'gain', '-n', '-1'),
    mix([[rumble, 1], [hiss, 0.35]], out, 'fade', 't', soxSeconds(Math.min(1, seconds / 4)), ...exactLength(seconds, soundPeakDbfs.traffic)),
  ];
}

/**
 * The commands that synthesise one sound line into `outFile`, exactly `durationSeconds` long:
 * door-banging (groups of three low thuds), child-crying (a formant-shaped wail with sobs and
 * breaths), glass-breaking (a bright crash and falling shards), muffled-shouting (the background
 * speaker's voice shouting, clipped and low-passed through a wall), television (babble of chopped
 * band-limited noise), traffic (brown-noise swells with tyre hiss) and silence.
 */
export function soundRecipe(sound: SoundId, durationSeconds: number, outFile: string, options: SoundRecipeOptions): CommandSpec[] {
  if (!(durationSeconds > 0)) throw new Error(`a ${sound} sound needs a positive duration`);
  const work = options.workFile;
  switch (sound) {
    case 'door-banging':
      return doorBanging(durationSeconds, outFile, work);
    case 'child-crying':
      return childCrying(durationSeconds, outFile, work);
    case 'glass-breaking':
      return glassBreaking(durationSeconds, outFile, work, options.seed ?? 1);
    case 'muffled-shouting':
      return muffledShouting(durationSeconds, outFile, work, options.shoutVoice ?? { engine: 'flite', voice: 'awb' });
    case 'television':
      return television(durationSeconds, outFile, work);
    case 'traffic':
      return traffic(durationSeconds, outFile, work);
    case 'silence':
      return [generate(outFile, 'trim', '0', soxSeconds(durationSeconds))];
  }
}
