import type { CommandSpec } from './command-spec';

/** How a rendered clip is published: the two files the browser can choose between. */
export interface EncodedFormat {
  readonly extension: 'webm' | 'mp3';
  readonly mimeType: 'audio/webm' | 'audio/mpeg';
}

/** Opus in WebM first (small, every current browser), MP3 as the fallback. */
export const encodedFormats: readonly EncodedFormat[] = [
  { extension: 'webm', mimeType: 'audio/webm' },
  { extension: 'mp3', mimeType: 'audio/mpeg' },
];

/** Options that make ffmpeg's output depend only on its input: no metadata, no version strings, no timestamps. */
const reproducible = ['-map_metadata', '-1', '-fflags', '+bitexact', '-flags:a', '+bitexact'] as const;

function ffmpeg(inFile: string, outFile: string, codec: readonly string[]): CommandSpec {
  return {
    command: 'ffmpeg',
    args: ['-hide_banner', '-loglevel', 'error', '-nostdin', '-y', '-i', inFile, '-map', '0:a:0', '-ac', '1', ...reproducible, ...codec, outFile],
  };
}

/**
 * Opus at 12 kb/s tuned for speech (`-application voip`), mono, in WebM (about 1.5 KB a second).
 * The clips are telephone audio, band-limited to 300-3400 Hz, which Opus codes well at this
 * rate; it keeps the whole bundled library within its 5 MB budget.
 */
export function webmCommand(inFile: string, outFile: string): CommandSpec {
  return ffmpeg(inFile, outFile, ['-c:a', 'libopus', '-b:a', '12k', '-application', 'voip', '-f', 'webm']);
}

/**
 * MP3 at 16 kb/s mono, resampled to 16 kHz (MPEG-2 layer III: 8 kHz MP3 is MPEG-2.5, which not
 * every decoder plays), with no ID3 tags (about 2 KB a second): the fallback for browsers
 * without Opus, telephone-band speech only.
 */
export function mp3Command(inFile: string, outFile: string): CommandSpec {
  return ffmpeg(inFile, outFile, ['-c:a', 'libmp3lame', '-b:a', '16k', '-ar', '16000', '-id3v2_version', '0', '-write_id3v1', '0', '-f', 'mp3']);
}

/** The encode command for one format. */
export function encodeCommand(format: EncodedFormat, inFile: string, outFile: string): CommandSpec {
  return format.extension === 'webm' ? webmCommand(inFile, outFile) : mp3Command(inFile, outFile);
}

/** `ffmpeg -encoders`, read by {@link missingEncoders}. */
export const listEncodersCommand: CommandSpec = { command: 'ffmpeg', args: ['-hide_banner', '-encoders'] };

/** Which of the encoders the pipeline needs (libopus, libmp3lame) an `ffmpeg -encoders` listing lacks. */
export function missingEncoders(listing: string): string[] {
  return ['libopus', 'libmp3lame'].filter((name) => !new RegExp(`^\\s*A\\S*\\s+${name}\\b`, 'm').test(listing));
}
