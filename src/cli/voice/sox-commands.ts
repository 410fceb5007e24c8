import type { CommandSpec } from './command-spec';

/**
 * sox commands for the voice pipeline's segments and clips. Every command runs with `-R` (sox's
 * fixed random seed) so noise, dither and everything else come out the same on every run.
 * Intermediate files are 32-bit float WAV so mixing never clips; only the clip master is 16-bit.
 */

/** Sample rate every segment is conformed to before mixing. */
export const SEGMENT_RATE = 16000;
/** Sample rate of the telephone line (narrowband). */
export const LINE_RATE = 8000;
/** Length of the fade at each end of every segment, applied before any filtering. */
export const FADE_SECONDS = 0.01;
/** Level below a segment's peak at which leading and trailing silence is trimmed. */
export const TRIM_THRESHOLD_DB = -50;
/** RMS level of the line-noise bed under the whole clip, in dBFS. */
export const NOISE_BED_DBFS = -40;
/** Peak level of the clip after the telephone chain, before the noise bed, in dBFS. */
export const CLIP_PEAK_DBFS = -2;
/**
 * Telephone compander: 10 ms attack, 250 ms release, lifts quiet speech and holds peaks down. The
 * 10 ms look-ahead delay stops transients overshooting (sox keeps the output aligned with the input).
 */
export const COMPAND = ['0.01,0.25', '6:-70,-64,-40,-35,-20,-18,0,-6', '0', '-90', '0.01'] as const;
/**
 * Fixed gain into the compander, with sox's limiter so nothing clips: speech levelled to
 * SPEECH_RMS_DBFS and mixed at MIX_GAIN enters it near -20 dBFS RMS. Fixed rather than peak
 * normalisation, so one peaky segment cannot push the rest of the clip down.
 */
export const CHAIN_INPUT_GAIN_DB = 14;
/** Gain of each segment in the mix: half, so overlapping segments cannot clip (the chain re-normalises). */
export const MIX_GAIN = 0.5;
/** Pass band of the telephone line in Hz. */
export const LINE_BAND = '300-3400';

const floatOut = ['-e', 'floating-point', '-b', '32'] as const;

/** Seconds as a sox argument: at most 6 decimals, no exponent. */
export function soxSeconds(seconds: number): string {
  return String(Math.round(seconds * 1e6) / 1e6);
}

/**
 * Makes a freshly synthesised line a mono 16 kHz float segment, shifts its pitch when the engine
 * could not, and peak-normalises it to -3 dBFS (the line is levelled properly after trimming, by
 * {@link speechLevelGain}).
 */
export function conformSpeechCommand(rawFile: string, outFile: string, pitchShiftCents: number): CommandSpec {
  const args = ['-R', rawFile, ...floatOut, outFile, 'channels', '1', 'rate', `${SEGMENT_RATE / 1000}k`];
  if (pitchShiftCents !== 0) args.push('pitch', String(pitchShiftCents));
  args.push('gain', '-n', '-3');
  return { command: 'sox', args };
}

/**
 * Noise that carries a whisper: white noise low-passed to about 150 Hz. Multiplying speech by it
 * smears each harmonic over about ±150 Hz, so the voicing (pitch) disappears while the formants,
 * hundreds of Hz wide, survive.
 */
export function whisperNoiseCommand(durationSeconds: number, outFile: string): CommandSpec {
  return {
    command: 'sox',
    args: ['-R', '-n', '-r', String(SEGMENT_RATE), '-c', '1', ...floatOut, outFile, 'synth', soxSeconds(durationSeconds), 'whitenoise', 'lowpass', '150', 'lowpass', '150', 'highpass', '20', 'gain', '-n', '-1'],
  };
}

/** Multiplies speech by the whisper noise (`sox -T`). */
export function whisperMultiplyCommand(speechFile: string, noiseFile: string, outFile: string): CommandSpec {
  return { command: 'sox', args: ['-R', '-T', speechFile, noiseFile, ...floatOut, outFile] };
}

/**
 * Level of the original voiced line kept under the noise-excited one. With 0.2 under a tenth of
 * the frames still carry a pitch (7% measured, against 97% for the plain voice), which reads as a
 * tense, partly voiced whisper and keeps the words clearer: modelled intelligibility (a simplified
 * STOI against the plain line) 0.78, against 0.73 with no voiced trace.
 */
export const WHISPER_VOICED_MIX = 0.2;

/**
 * Finishes a sox whisper: the noise-excited line plus a trace of the voiced one, thinned below
 * 400 Hz and lifted 10 dB above 2.5 kHz for breath (spectral centroid about 2.9 kHz, near
 * espeak-ng's own whisper at 2.8 kHz; the plain voice's is 1.6 kHz), normalised again to -3 dBFS.
 */
export function whisperFinishCommand(multipliedFile: string, speechFile: string, outFile: string): CommandSpec {
  return {
    command: 'sox',
    args: ['-R', '-m', '-v', '1', multipliedFile, '-v', String(WHISPER_VOICED_MIX), speechFile, ...floatOut, outFile, 'highpass', '400', 'treble', '+10', '2500', 'gain', '-n', '-3'],
  };
}

/**
 * The 10 ms quarter-sine fades at both ends of a segment: fade in, reverse, fade in, reverse
 * (works where the length is not known in advance, e.g. after `silence`).
 */
export function fadeEffects(): string[] {
  const fade = ['fade', 'q', String(FADE_SECONDS)];
  return [...fade, 'reverse', ...fade, 'reverse'];
}

/**
 * A background speaker is a few metres from the phone: a little room reverberation (the segment
 * is padded first so the reverb tail is not cut off). Modelled intelligibility stays at 0.99.
 */
export const BACKGROUND_ROOM = ['pad', '0', '0.3', 'reverb', '30', '50', '40'] as const;

/**
 * Trims leading and trailing silence from a speech segment, after the optional room effect. No
 * filtering happens here or in {@link gainAndFadeCommand}: the fades come before any filter.
 */
export function trimCommand(inFile: string, outFile: string, inRoom = false): CommandSpec {
  const trim = ['silence', '1', '0.01', `${TRIM_THRESHOLD_DB}d`];
  return { command: 'sox', args: ['-R', inFile, ...floatOut, outFile, ...(inRoom ? BACKGROUND_ROOM : []), ...trim, 'reverse', ...trim, 'reverse'] };
}

/** Applies a segment's gain and its 10 ms fades, before any filtering, so segment starts do not click. */
export function gainAndFadeCommand(inFile: string, outFile: string, gain: number): CommandSpec {
  const args = ['-R', inFile, ...floatOut, outFile];
  if (gain !== 1) args.push('vol', String(gain));
  args.push(...fadeEffects());
  return { command: 'sox', args };
}

/**
 * RMS level every speech line is brought to before its delivery volume, in dBFS. Only levels
 * relative to it matter (the telephone chain normalises the clip); it is low so that a whisper,
 * whose crest factor reaches 25 dB, is never held down by the peak ceiling.
 */
export const SPEECH_RMS_DBFS = -28;
/** Highest peak that levelling may give a speech line, in dBFS. */
export const SPEECH_PEAK_CEILING_DBFS = -1;

/**
 * Linear gain that brings a trimmed speech line to {@link SPEECH_RMS_DBFS} RMS, as measured
 * through the telephone band (`bandStat`), without its full-band peak (`fullStat`) passing
 * {@link SPEECH_PEAK_CEILING_DBFS}. Lines from different engines, with different crest factors
 * and spectra, then reach the listener at the same level before their delivery volume: peak
 * normalisation left a peaky whisper 3 dB under the others, and full-band RMS let a whisper (all
 * its energy inside the band) come through louder than a voiced line (much of whose energy is
 * below 300 Hz). Rounded to 6 decimals.
 */
export function speechLevelGain(
  bandStat: SoxStat,
  fullStat: SoxStat = bandStat,
  targetDbfs: number = SPEECH_RMS_DBFS,
  ceilingDbfs: number = SPEECH_PEAK_CEILING_DBFS,
): number {
  const peak = Math.max(Math.abs(fullStat.maximumAmplitude), Math.abs(fullStat.minimumAmplitude));
  if (!(bandStat.rmsAmplitude > 0) || !(peak > 0)) throw new Error('the speech segment is silent');
  const gain = Math.min(10 ** (targetDbfs / 20) / bandStat.rmsAmplitude, 10 ** (ceilingDbfs / 20) / peak);
  return Math.round(gain * 1e6) / 1e6;
}

/** Delays a segment to its start time in the clip with leading silence. */
export function placeCommand(segmentFile: string, outFile: string, startSeconds: number): CommandSpec {
  return { command: 'sox', args: ['-R', segmentFile, ...floatOut, outFile, 'pad', soxSeconds(startSeconds)] };
}

/**
 * Mixes the placed segments, each at {@link MIX_GAIN} (sox would otherwise divide by the input
 * count), and adds the tail of silence that ends the clip.
 */
export function mixCommand(placedFiles: readonly string[], outFile: string, tailSeconds: number): CommandSpec {
  if (placedFiles.length === 0) throw new Error('mixCommand needs at least one segment');
  const inputs = placedFiles.length === 1 ? ['-v', String(MIX_GAIN), ...placedFiles] : placedFiles.flatMap((file) => ['-v', String(MIX_GAIN), file]);
  const combine = placedFiles.length === 1 ? [] : ['-m'];
  return { command: 'sox', args: ['-R', ...combine, ...inputs, ...floatOut, outFile, 'pad', '0', soxSeconds(tailSeconds)] };
}

/**
 * The telephone chain: fixed limited gain, compander, down to 8 kHz, band-pass 300-3400 Hz
 * (linear-phase sinc, so timings do not move), then peak-normalised to -2 dBFS.
 */
export function telephoneChainCommand(inFile: string, outFile: string): CommandSpec {
  return {
    command: 'sox',
    args: ['-R', inFile, ...floatOut, outFile, 'gain', '-l', String(CHAIN_INPUT_GAIN_DB), 'compand', ...COMPAND, 'rate', `${LINE_RATE / 1000}k`, 'sinc', LINE_BAND, 'gain', '-n', String(CLIP_PEAK_DBFS)],
  };
}

/** Line noise: pink noise mixed with brown, band-limited like the line; its level is set later. */
export function noiseBedCommand(durationSeconds: number, outFile: string): CommandSpec {
  return {
    command: 'sox',
    args: ['-R', '-n', '-r', String(LINE_RATE), '-c', '1', ...floatOut, outFile, 'synth', soxSeconds(durationSeconds), 'pinknoise', 'synth', soxSeconds(durationSeconds), 'brownnoise', 'mix', 'sinc', LINE_BAND, 'gain', '-n', '-20'],
  };
}

/** Linear gain that brings a bed measured at `measuredRms` (linear) to `targetDbfs` RMS. */
export function bedGain(measuredRms: number, targetDbfs: number = NOISE_BED_DBFS): number {
  if (!(measuredRms > 0)) throw new Error('the noise bed is silent');
  return Math.round((10 ** (targetDbfs / 20) / measuredRms) * 1e6) / 1e6;
}

/** Mixes the filtered clip with the scaled noise bed into the 16-bit master (sox dithers, seeded by -R). */
export function masterCommand(phoneFile: string, bedFile: string, bedLinearGain: number, outFile: string): CommandSpec {
  return {
    command: 'sox',
    args: ['-R', '-m', '-v', '1', phoneFile, '-v', String(bedLinearGain), bedFile, '-e', 'signed-integer', '-b', '16', outFile],
  };
}

/** `soxi -D FILE`: prints the duration in seconds. */
export function durationCommand(file: string): CommandSpec {
  return { command: 'soxi', args: ['-D', file] };
}

/** Reads `soxi -D` output. */
export function parseDuration(output: string): number {
  const seconds = Number.parseFloat(output.trim());
  if (!Number.isFinite(seconds) || seconds < 0) throw new Error(`soxi printed no duration: "${output.trim()}"`);
  return seconds;
}

/**
 * `sox FILE -n [trim START LENGTH] [sinc 300-3400] stat`: prints level statistics on standard
 * error, for the whole file or one stretch of it, optionally as heard through the telephone band.
 */
export function statCommand(file: string, options: { readonly start?: number; readonly length?: number; readonly lineBand?: boolean } = {}): CommandSpec {
  const trim = options.length !== undefined ? ['trim', soxSeconds(options.start ?? 0), soxSeconds(options.length)] : [];
  const band = options.lineBand ? ['sinc', LINE_BAND] : [];
  return { command: 'sox', args: [file, '-n', ...trim, ...band, 'stat'] };
}

/** The figures of `sox stat` the pipeline uses. */
export interface SoxStat {
  readonly lengthSeconds: number;
  readonly rmsAmplitude: number;
  readonly maximumAmplitude: number;
  readonly minimumAmplitude: number;
}

/** Reads `sox stat` output ("RMS     amplitude:     0.152208" and the like). */
export function parseSoxStat(output: string): SoxStat {
  const values = new Map<string, number>();
  for (const line of output.split('\n')) {
    const match = /^([A-Za-z ()]+?)\s*:\s*(-?[\d.]+(?:e[-+]?\d+)?)\s*$/.exec(line.trim());
    if (match?.[1] && match[2]) values.set(match[1].replace(/\s+/g, ' ').toLowerCase(), Number.parseFloat(match[2]));
  }
  const read = (key: string): number => {
    const value = values.get(key);
    if (value === undefined) throw new Error(`sox stat printed no "${key}"`);
    return value;
  };
  return {
    lengthSeconds: read('length (seconds)'),
    rmsAmplitude: read('rms amplitude'),
    maximumAmplitude: read('maximum amplitude'),
    minimumAmplitude: read('minimum amplitude'),
  };
}

/** Linear amplitude as dBFS, to one decimal (-Infinity for silence). */
export function toDbfs(amplitude: number): number {
  return amplitude > 0 ? Math.round(200 * Math.log10(amplitude)) / 10 : -Infinity;
}

/** `sox --version`, read by {@link parseSoxVersion}. */
export const soxVersionCommand: CommandSpec = { command: 'sox', args: ['--version'] };

/** The version in `sox --version` output ("sox:      SoX v14.4.2" gives "14.4.2"). */
export function parseSoxVersion(output: string): string | undefined {
  return /SoX v(\d+(?:\.\d+)+)/.exec(output)?.[1];
}
