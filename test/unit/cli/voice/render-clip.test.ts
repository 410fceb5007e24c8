import { describe, expect, it } from 'vitest';
import { clipEngineLabels, shoutVoiceOf } from '../../../../src/cli/voice/render-clip';
import { loadVoiceFixture } from './voice-fixture';

describe('clipEngineLabels', () => {
  const versions = { engines: { flite: '2.2', 'espeak-ng': '1.51' }, sox: '14.4.2' };

  it('names each engine and voice heard in the clip once, then sox when it made sounds', () => {
    const { scenario } = loadVoiceFixture();
    expect(clipEngineLabels(scenario.clips[0]!, scenario.speakers, versions)).toEqual(['flite 2.2 (slt)', 'sox 14.4.2 (synthesised sounds)']);
    expect(clipEngineLabels(scenario.clips[1]!, scenario.speakers, versions)).toEqual(['espeak-ng 1.51 (en-gb+m3)', 'sox 14.4.2 (synthesised sounds)']);
  });

  it('names the shouting voice, and no sox for silence', () => {
    const { scenario } = loadVoiceFixture();
    const clip = {
      ...scenario.clips[0]!,
      transcript: [
        { kind: 'sound' as const, sound: 'muffled-shouting' as const, caption: '[shouting]', durationSeconds: 1 },
        { kind: 'sound' as const, sound: 'silence' as const, caption: '[silence]', durationSeconds: 1 },
      ],
    };
    expect(clipEngineLabels(clip, scenario.speakers, versions)).toEqual(['espeak-ng 1.51 (en-gb+m3)', 'sox 14.4.2 (synthesised sounds)']);
    expect(clipEngineLabels({ ...clip, transcript: [clip.transcript[1]!] }, scenario.speakers, versions)).toEqual([]);
  });

  it('takes the shouting voice from the first background speaker', () => {
    const { scenario } = loadVoiceFixture();
    expect(shoutVoiceOf(scenario.speakers)).toEqual({ engine: 'espeak-ng', voice: 'en-gb+m3', rate: 1.1 });
    expect(shoutVoiceOf(scenario.speakers.filter((speaker) => speaker.role === 'caller'))).toBeUndefined();
  });
});
