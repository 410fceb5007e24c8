import { describe, expect, it } from 'vitest';
import { encodeCommand, encodedFormats, missingEncoders, mp3Command, webmCommand } from '../../../../src/cli/voice/encode-commands';

describe('encode commands', () => {
  it.each([
    ['webm', webmCommand('m.wav', 'c.webm'), ['-c:a', 'libopus', '-b:a', '12k', '-application', 'voip', '-f', 'webm']],
    ['mp3', mp3Command('m.wav', 'c.mp3'), ['-c:a', 'libmp3lame', '-b:a', '16k', '-ar', '16000']],
  ])('%s: mono, bitexact, no metadata, with its codec settings', (_name, spec, codec) => {
    expect(spec.command).toBe('ffmpeg');
    const args = spec.args.join(' ');
    expect(args).toContain('-map_metadata -1 -fflags +bitexact -flags:a +bitexact');
    expect(args).toContain('-ac 1');
    expect(args).toContain(codec.join(' '));
    expect(spec.args.at(-1)).toMatch(/^c\.(webm|mp3)$/);
  });

  it('writes no ID3 tags into the MP3', () => {
    expect(mp3Command('m.wav', 'c.mp3').args.join(' ')).toContain('-id3v2_version 0 -write_id3v1 0');
  });

  it('publishes WebM first, then MP3', () => {
    expect(encodedFormats.map((format) => [format.extension, format.mimeType])).toEqual([
      ['webm', 'audio/webm'],
      ['mp3', 'audio/mpeg'],
    ]);
    expect(encodeCommand(encodedFormats[1]!, 'm.wav', 'c.mp3').args).toContain('libmp3lame');
  });

  it('finds missing encoders in an ffmpeg -encoders listing', () => {
    const listing = [' A....D libmp3lame           libmp3lame MP3 (MPEG audio layer 3) (codec mp3)', ' A..X.. opus                 Opus', ' A..... libopus              libopus Opus (codec opus)'].join('\n');
    expect(missingEncoders(listing)).toEqual([]);
    expect(missingEncoders(' A..X.. opus                 Opus')).toEqual(['libopus', 'libmp3lame']);
  });
});
