import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../../../src/domain/scenario-schema';
import {
  basePitchFor,
  centsBetween,
  checkVoices,
  espeakVoiceName,
  planSpeech,
  resolveDelivery,
  type ResolvedDelivery,
  type VoiceSpec,
} from '../../../../src/cli/voice/delivery-mapping';
import { loadVoiceFixture } from './voice-fixture';

const delivery = (over: Partial<ResolvedDelivery>): ResolvedDelivery => ({
  engine: 'flite',
  voice: 'slt',
  rate: 1,
  pitchHz: undefined,
  volume: 1,
  whisper: false,
  ...over,
});

describe('resolveDelivery', () => {
  it.each<[string, VoiceSpec, Parameters<typeof resolveDelivery>[1], Partial<ResolvedDelivery>]>([
    ['defaults', { engine: 'flite', voice: 'slt' }, undefined, { rate: 1, pitchHz: undefined, volume: 1, whisper: false }],
    ['the speaker sets rate and pitch', { engine: 'flite', voice: 'awb', rate: 1.2, pitchHz: 150 }, undefined, { rate: 1.2, pitchHz: 150 }],
    ['the line overrides the speaker', { engine: 'flite', voice: 'awb', rate: 1.2, pitchHz: 150 }, { rate: 0.9, pitchHz: 180 }, { rate: 0.9, pitchHz: 180 }],
    ['the line keeps what it does not set', { engine: 'espeak-ng', voice: 'en+f3', rate: 1.1 }, { whisper: true, volume: 0.5 }, { rate: 1.1, volume: 0.5, whisper: true }],
  ])('%s', (_name, voice, lineDelivery, expected) => {
    expect(resolveDelivery(voice, lineDelivery)).toMatchObject({ engine: voice.engine, voice: voice.voice, ...expected });
  });
});

describe('planSpeech', () => {
  it.each<[string, ResolvedDelivery, object]>([
    ['flite: rate 1.25 is duration_stretch 0.8', delivery({ rate: 1.25 }), { settings: { engine: 'flite', durationStretch: 0.8, f0TargetMean: undefined }, pitchShiftCents: 0 }],
    ['flite: rate 0.9 is duration_stretch 1.1111', delivery({ rate: 0.9 }), { settings: { durationStretch: 1.1111 } }],
    ['flite slt takes pitch natively', delivery({ pitchHz: 210 }), { settings: { f0TargetMean: 210 }, pitchShiftCents: 0 }],
    ['flite rms ignores int_f0_target_mean, so sox shifts it from 100 Hz', delivery({ voice: 'rms', pitchHz: 200 }), { settings: { f0TargetMean: undefined }, pitchShiftCents: 1200 }],
    ['festival HTS: rate is hts_engine -r, pitch a shift from 180 Hz', delivery({ engine: 'festival', voice: 'cmu_us_slt_arctic_hts', rate: 1.3, pitchHz: 90 }), { settings: { engine: 'festival', htsSpeed: 1.3, durationStretch: undefined }, pitchShiftCents: -1200 }],
    ['festival diphone: rate is Duration_Stretch', delivery({ engine: 'festival', voice: 'kal_diphone', rate: 2 }), { settings: { htsSpeed: undefined, durationStretch: 0.5 }, pitchShiftCents: 0 }],
    ['espeak-ng: rate is words per minute around 175', delivery({ engine: 'espeak-ng', voice: 'en-gb-x-rp', rate: 1.2 }), { settings: { engine: 'espeak-ng', voice: 'en-gb-x-rp', wordsPerMinute: 210, pitch: undefined } }],
    ['espeak-ng: pitch at the voice base is -p 50', delivery({ engine: 'espeak-ng', voice: 'en+f3', pitchHz: 225 }), { settings: { pitch: 50 } }],
    ['espeak-ng: pitch is clamped to 0-99', delivery({ engine: 'espeak-ng', voice: 'en', pitchHz: 400 }), { settings: { pitch: 99 } }],
    ['volume is the gain', delivery({ volume: 0.6 }), { gain: 0.6, soxWhisper: false }],
    ['a flite whisper is made by sox, 8 dB down', delivery({ whisper: true, volume: 0.8 }), { gain: 0.32, soxWhisper: true }],
    ['an espeak-ng whisper uses its whisper variant', delivery({ engine: 'espeak-ng', voice: 'en-gb+f3', whisper: true }), { settings: { voice: 'gmw/en+whisper' }, soxWhisper: false, gain: 0.4 }],
  ])('%s', (_name, input, expected) => {
    expect(planSpeech(input)).toMatchObject(expected);
  });

  it('refuses a pitch for a voice with no measured base pitch', () => {
    expect(() => planSpeech(delivery({ engine: 'festival', voice: 'kal_diphone', pitchHz: 120 }))).toThrow(/no measured base pitch/);
  });
});

describe('espeakVoiceName', () => {
  it.each([
    ['en-gb', false, 'en-gb'],
    ['en-gb+f3', false, 'gmw/en+f3'],
    ['EN-GB+m2', false, 'gmw/en+m2'],
    ['en-gb-scotland+f3', false, 'en-gb-scotland+f3'],
    ['en-gb', true, 'gmw/en+whisper'],
    ['en-gb-x-rp+f3', true, 'en-gb-x-rp+whisper'],
  ])('%s (whisper %s) is %s', (voice, whisper, expected) => {
    expect(espeakVoiceName(voice, whisper)).toBe(expected);
  });
});

describe('pitch helpers', () => {
  it.each([
    [100, 200, 1200],
    [200, 100, -1200],
    [180, 180, 0],
    [100, 150, 702],
  ])('%d Hz to %d Hz is %d cents', (from, to, cents) => {
    expect(centsBetween(from, to)).toBe(cents);
  });

  it.each<[Parameters<typeof basePitchFor>[0], string, number | undefined]>([
    ['flite', 'rms', 100],
    ['festival', 'cmu_us_slt_arctic_hts', 180],
    ['espeak-ng', 'en-gb+f3', 225],
    ['espeak-ng', 'en-gb-x-rp', 108],
    ['festival', 'kal_diphone', undefined],
  ])('%s %s has base pitch %s', (engine, voice, expected) => {
    expect(basePitchFor(engine, voice)).toBe(expected);
  });
});

describe('checkVoices', () => {
  it('passes the fixture', () => {
    const { scenario, file } = loadVoiceFixture();
    expect(checkVoices(scenario, file)).toEqual([]);
  });

  it.each<[string, (document: any) => void, string, RegExp]>([
    ['an unknown flite voice', (d) => (d.speakers[0].voice.voice = 'bob'), '$.speakers[0].voice.voice', /flite has no voice "bob"/],
    ['an unsafe festival voice', (d) => (d.speakers[0].voice = { engine: 'festival', voice: 'x) (system "rm")' }), '$.speakers[0].voice.voice', /not a festival voice name/],
    ['a line by an undeclared speaker', (d) => (d.clips[0].transcript[0].speaker = 'ghost'), '$.clips[0].transcript[0].speaker', /no speaker "ghost"/],
    ['a pitch the pipeline cannot set', (d) => {
      d.speakers[0].voice = { engine: 'festival', voice: 'kal_diphone' };
      d.clips[0].transcript[0].delivery = { pitchHz: 150 };
    }, '$.clips[0].transcript[0].delivery.pitchHz', /cannot set the pitch/],
  ])('reports %s', (_name, change, path, message) => {
    const { document, file } = loadVoiceFixture();
    change(document);
    const problems = checkVoices(parseScenario(document, file), file);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file, path });
    expect(problems[0]?.message).toMatch(message);
  });
});
