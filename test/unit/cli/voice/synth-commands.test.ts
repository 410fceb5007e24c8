import { describe, expect, it } from 'vitest';
import { engineLabel, espeakCommand, festivalCommand, fliteCommand, parseEngineVersion, speechText, synthCommand } from '../../../../src/cli/voice/synth-commands';

describe('fliteCommand', () => {
  it('passes voice, duration_stretch, pitch and text as separate arguments', () => {
    expect(fliteCommand({ engine: 'flite', voice: 'slt', durationStretch: 0.9, f0TargetMean: 210 }, "He's  here.\n", 'out.wav')).toEqual({
      command: 'flite',
      args: ['-voice', 'slt', '--setf', 'duration_stretch=0.9', '--setf', 'int_f0_target_mean=210', '-t', "He's here.", '-o', 'out.wav'],
    });
  });

  it('leaves the pitch alone when none is asked', () => {
    const args = fliteCommand({ engine: 'flite', voice: 'rms', durationStretch: 1, f0TargetMean: undefined }, 'Hi', 'o.wav').args;
    expect(args.some((arg) => arg.startsWith('int_f0_target_mean'))).toBe(false);
  });
});

describe('festivalCommand', () => {
  it('selects the voice, sets the HTS speed and reads the text from stdin', () => {
    expect(festivalCommand({ engine: 'festival', voice: 'cmu_us_slt_arctic_hts', htsSpeed: 1.2, durationStretch: undefined }, 'Help me.', 'o.wav')).toEqual({
      command: 'text2wave',
      args: ['-o', 'o.wav', '-eval', '(voice_cmu_us_slt_arctic_hts)', '-eval', '(set! hts_engine_params (append hts_engine_params (list (list "-r" 1.2))))'],
      stdin: 'Help me.\n',
    });
  });

  it('uses Duration_Stretch for other voices and nothing at normal speed', () => {
    expect(festivalCommand({ engine: 'festival', voice: 'kal_diphone', htsSpeed: undefined, durationStretch: 1.25 }, 'x', 'o.wav').args).toContain("(Parameter.set 'Duration_Stretch 1.25)");
    expect(festivalCommand({ engine: 'festival', voice: 'cmu_us_slt_arctic_hts', htsSpeed: 1, durationStretch: undefined }, 'x', 'o.wav').args).toHaveLength(4);
  });

  it('refuses a voice name that would escape the Scheme expression', () => {
    expect(() => festivalCommand({ engine: 'festival', voice: 'x) (system "id"', htsSpeed: 1, durationStretch: undefined }, 'x', 'o.wav')).toThrow(/unsafe/);
  });
});

describe('espeakCommand', () => {
  it('passes voice, speed and pitch; the text goes on stdin', () => {
    expect(espeakCommand({ engine: 'espeak-ng', voice: 'gmw/en+f3', wordsPerMinute: 190, pitch: 60 }, '-- not an option', 'o.wav')).toEqual({
      command: 'espeak-ng',
      args: ['-v', 'gmw/en+f3', '-s', '190', '-p', '60', '-w', 'o.wav', '--stdin'],
      stdin: '-- not an option\n',
    });
  });
});

describe('synthCommand', () => {
  it.each([
    [{ engine: 'flite', voice: 'awb', durationStretch: 1, f0TargetMean: undefined } as const, 'flite'],
    [{ engine: 'festival', voice: 'cmu_us_slt_arctic_hts', htsSpeed: 1, durationStretch: undefined } as const, 'text2wave'],
    [{ engine: 'espeak-ng', voice: 'en', wordsPerMinute: 175, pitch: undefined } as const, 'espeak-ng'],
  ])('runs %o through %s', (settings, command) => {
    expect(synthCommand(settings, 'Hello', 'o.wav').command).toBe(command);
  });
});

describe('versions and labels', () => {
  it.each<[Parameters<typeof parseEngineVersion>[0], string, string | undefined]>([
    ['flite', '  Carnegie Mellon University, Copyright (c) 1999-2016, all rights reserved\n  version: flite-2.2-current Sep 2018 (http://cmuflite.org)\n', '2.2'],
    ['festival', 'festival: Festival Speech Synthesis System: 2.5.0:release December 2017\n', '2.5.0'],
    ['espeak-ng', 'eSpeak NG text-to-speech: 1.51  Data at: /usr/lib/x86_64-linux-gnu/espeak-ng-data\n', '1.51'],
    ['flite', 'garbage', undefined],
  ])('%s version from %j is %s', (engine, output, version) => {
    expect(parseEngineVersion(engine, output)).toBe(version);
  });

  it('labels an engine with its version and voice', () => {
    expect(engineLabel('flite', '2.2', 'slt')).toBe('flite 2.2 (slt)');
    expect(engineLabel('espeak-ng', undefined, 'en+f3')).toBe('espeak-ng (en+f3)');
  });

  it('collapses white space in text', () => {
    expect(speechText('  Flat six,\n  Kestrel House. ')).toBe('Flat six, Kestrel House.');
  });
});
