import { describe, expect, it } from 'vitest';
import {
  bedGain,
  conformSpeechCommand,
  fadeEffects,
  masterCommand,
  mixCommand,
  noiseBedCommand,
  parseDuration,
  parseSoxStat,
  parseSoxVersion,
  placeCommand,
  soxSeconds,
  statCommand,
  telephoneChainCommand,
  toDbfs,
  gainAndFadeCommand,
  speechLevelGain,
  trimCommand,
  whisperFinishCommand,
  whisperMultiplyCommand,
  whisperNoiseCommand,
} from '../../../../src/cli/voice/sox-commands';

const effectsAfter = (args: readonly string[], file: string) => args.slice(args.indexOf(file) + 1);

describe('every sox command is reproducible', () => {
  it.each([
    ['conform', conformSpeechCommand('raw.wav', 'out.wav', 0)],
    ['whisper noise', whisperNoiseCommand(1.5, 'out.wav')],
    ['whisper multiply', whisperMultiplyCommand('a.wav', 'n.wav', 'out.wav')],
    ['whisper finish', whisperFinishCommand('m.wav', 'a.wav', 'out.wav')],
    ['trim', trimCommand('a.wav', 'out.wav')],
    ['gain and fade', gainAndFadeCommand('a.wav', 'out.wav', 0.5)],
    ['place', placeCommand('a.wav', 'out.wav', 1.25)],
    ['mix', mixCommand(['a.wav', 'b.wav'], 'out.wav', 0.2)],
    ['telephone chain', telephoneChainCommand('a.wav', 'out.wav')],
    ['noise bed', noiseBedCommand(3, 'out.wav')],
    ['master', masterCommand('a.wav', 'b.wav', 0.5, 'out.wav')],
  ])('%s runs sox -R', (_name, spec) => {
    expect(spec.command).toBe('sox');
    expect(spec.args[0]).toBe('-R');
  });
});

describe('segments', () => {
  it('conforms to 16 kHz mono, shifts pitch only when asked, and normalises', () => {
    expect(effectsAfter(conformSpeechCommand('r.wav', 'o.wav', 0).args, 'o.wav')).toEqual(['channels', '1', 'rate', '16k', 'gain', '-n', '-3']);
    expect(effectsAfter(conformSpeechCommand('r.wav', 'o.wav', -350).args, 'o.wav')).toEqual(['channels', '1', 'rate', '16k', 'pitch', '-350', 'gain', '-n', '-3']);
  });

  it('trims silence at both ends, then applies the gain and fades, with no filtering before the fades', () => {
    const trim = effectsAfter(trimCommand('a.wav', 't.wav').args, 't.wav');
    expect(trim.join(' ')).toBe('silence 1 0.01 -50d reverse silence 1 0.01 -50d reverse');
    const fade = effectsAfter(gainAndFadeCommand('t.wav', 'o.wav', 0.5).args, 'o.wav');
    expect(fade.join(' ')).toBe('vol 0.5 fade q 0.01 reverse fade q 0.01 reverse');
    for (const effects of [trim, fade]) expect(effects.some((effect) => ['sinc', 'highpass', 'lowpass', 'compand', 'rate'].includes(effect))).toBe(false);
    expect(gainAndFadeCommand('t.wav', 'o.wav', 1).args).not.toContain('vol');
  });

  it('puts a background speaker in a room before trimming', () => {
    const effects = effectsAfter(trimCommand('a.wav', 'o.wav', true).args, 'o.wav');
    expect(effects.indexOf('reverb')).toBeGreaterThan(-1);
    expect(effects.indexOf('reverb')).toBeLessThan(effects.indexOf('silence'));
  });

  const level = (rms: number, max: number, min: number) => ({ lengthSeconds: 1, rmsAmplitude: rms, maximumAmplitude: max, minimumAmplitude: min });
  it.each([
    ['a quiet line is raised to the target RMS', level(0.05, 0.3, -0.2), level(0.05, 0.3, -0.2), 2],
    ['a loud line is lowered', level(0.2, 0.7, -0.5), level(0.2, 0.7, -0.5), 0.5],
    ['a peaky line stops at a -1 dBFS peak', level(0.02, 0.5, -0.6), level(0.02, 0.5, -0.6), 1.485418],
    ['the RMS is read in the telephone band, the peak in the full band', level(0.025, 0.2, -0.2), level(0.08, 0.3, -0.1), 2.970836],
  ])('%s', (_name, bandStat, fullStat, gain) => {
    expect(speechLevelGain(bandStat, fullStat, -20)).toBeCloseTo(gain, 5);
  });

  it('levels speech to -28 dBFS RMS by default', () => {
    expect(speechLevelGain(level(0.1, 0.2, -0.2))).toBeCloseTo(0.398107, 5);
  });

  it('refuses to level a silent line', () => {
    expect(() => speechLevelGain({ lengthSeconds: 1, rmsAmplitude: 0, maximumAmplitude: 0, minimumAmplitude: 0 })).toThrow(/silent/);
  });

  it('fades 10 ms at each end with a length-free form', () => {
    expect(fadeEffects()).toEqual(['fade', 'q', '0.01', 'reverse', 'fade', 'q', '0.01', 'reverse']);
  });

  it('whispers by multiplying speech with low-passed noise of the same length', () => {
    expect(whisperNoiseCommand(2.345678, 'n.wav').args.join(' ')).toContain('synth 2.345678 whitenoise lowpass 150 lowpass 150');
    expect(whisperMultiplyCommand('s.wav', 'n.wav', 'm.wav').args.slice(0, 4)).toEqual(['-R', '-T', 's.wav', 'n.wav']);
    expect(whisperFinishCommand('m.wav', 's.wav', 'o.wav').args.slice(0, 8)).toEqual(['-R', '-m', '-v', '1', 'm.wav', '-v', '0.2', 's.wav']);
  });
});

describe('the clip', () => {
  it('places a segment with leading silence', () => {
    expect(effectsAfter(placeCommand('s.wav', 'p.wav', 1.2345).args, 'p.wav')).toEqual(['pad', '1.2345']);
  });

  it('mixes at a fixed gain so sox does not divide by the input count, then adds the tail', () => {
    expect(mixCommand(['a.wav', 'b.wav', 'c.wav'], 'm.wav', 0.2).args.join(' ')).toBe(
      '-R -m -v 0.5 a.wav -v 0.5 b.wav -v 0.5 c.wav -e floating-point -b 32 m.wav pad 0 0.2',
    );
    expect(mixCommand(['a.wav'], 'm.wav', 0.2).args).not.toContain('-m');
    expect(() => mixCommand([], 'm.wav', 0)).toThrow();
  });

  it('runs the telephone chain in order: compand, 8 kHz, 300-3400 Hz band, normalise', () => {
    const effects = effectsAfter(telephoneChainCommand('m.wav', 'p.wav').args, 'p.wav');
    const at = (name: string) => effects.indexOf(name);
    expect(at('compand')).toBeGreaterThan(-1);
    expect(at('compand')).toBeLessThan(at('rate'));
    expect(effects[at('rate') + 1]).toBe('8k');
    expect(at('rate')).toBeLessThan(at('sinc'));
    expect(effects[at('sinc') + 1]).toBe('300-3400');
    expect(effects.slice(-3)).toEqual(['gain', '-n', '-2']);
  });

  it('makes a band-limited pink and brown noise bed at 8 kHz', () => {
    expect(noiseBedCommand(4.5, 'b.wav').args.join(' ')).toContain('-r 8000 -c 1 -e floating-point -b 32 b.wav synth 4.5 pinknoise synth 4.5 brownnoise mix sinc 300-3400');
  });

  it.each([
    [0.1, -40, 0.1],
    [0.01, -40, 1],
    [0.02, -46, 0.250594],
  ])('scales a bed measured at RMS %d to %d dBFS by %d', (rms, target, gain) => {
    expect(bedGain(rms, target)).toBeCloseTo(gain, 5);
  });

  it('refuses a silent bed', () => {
    expect(() => bedGain(0)).toThrow(/silent/);
  });

  it('writes a 16-bit master', () => {
    expect(masterCommand('p.wav', 'b.wav', 0.25, 'master.wav').args.join(' ')).toBe('-R -m -v 1 p.wav -v 0.25 b.wav -e signed-integer -b 16 master.wav');
  });
});

describe('measuring', () => {
  const stat = [
    'Samples read:             66480',
    'Length (seconds):      4.155000',
    'Scaled by:         2147483647.0',
    'Maximum amplitude:     0.484344',
    'Minimum amplitude:    -0.606934',
    'RMS     amplitude:     0.152208',
    'Rough   frequency:          405',
    'Volume adjustment:        1.648',
  ].join('\n');

  it('reads sox stat', () => {
    expect(parseSoxStat(stat)).toEqual({ lengthSeconds: 4.155, rmsAmplitude: 0.152208, maximumAmplitude: 0.484344, minimumAmplitude: -0.606934 });
    expect(() => parseSoxStat('nothing')).toThrow(/length/);
  });

  it('reads soxi -D', () => {
    expect(parseDuration('2.390000\n')).toBe(2.39);
    expect(() => parseDuration('soxi FAIL')).toThrow(/no duration/);
  });

  it('measures a stretch of a file', () => {
    expect(statCommand('m.wav', { start: 0, length: 0.28 }).args).toEqual(['m.wav', '-n', 'trim', '0', '0.28', 'stat']);
    expect(statCommand('s.wav', { lineBand: true }).args).toEqual(['s.wav', '-n', 'sinc', '300-3400', 'stat']);
  });

  it.each([
    [1, 0],
    [0.1, -20],
    [0.01, -40],
    [0, -Infinity],
  ])('%d is %d dBFS', (amplitude, dbfs) => {
    expect(toDbfs(amplitude)).toBe(dbfs);
  });

  it('formats seconds without exponents', () => {
    expect(soxSeconds(1e-7)).toBe('0');
    expect(soxSeconds(0.1 + 0.2)).toBe('0.3');
  });

  it('reads the sox version', () => {
    expect(parseSoxVersion('sox:      SoX v14.4.2\n')).toBe('14.4.2');
  });
});
