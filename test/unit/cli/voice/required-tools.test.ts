import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../../../src/domain/scenario-schema';
import { festivalVoicesUsed, missingFestivalVoiceMessage, missingToolMessage, requiredTools } from '../../../../src/cli/voice/required-tools';
import { loadVoiceFixture } from './voice-fixture';

describe('requiredTools', () => {
  it('needs sox, soxi and ffmpeg always, and the engine of each voice heard', () => {
    const { scenario } = loadVoiceFixture();
    expect(requiredTools(scenario).map((tool) => [tool.binary, tool.debianPackage])).toEqual([
      ['sox', 'sox'],
      ['soxi', 'sox'],
      ['ffmpeg', 'ffmpeg'],
      ['flite', 'flite'],
      ['espeak-ng', 'espeak-ng'],
    ]);
  });

  it('needs festival (text2wave and its voice) for a festival speaker, and nothing for a silent one', () => {
    const { document, file } = loadVoiceFixture();
    document.speakers[0].voice = { engine: 'festival', voice: 'cmu_us_slt_arctic_hts' };
    document.speakers[1].voice = { engine: 'espeak-ng', voice: 'en' };
    document.clips[1].transcript = [{ kind: 'sound', sound: 'muffled-shouting', caption: '[shouting]', durationSeconds: 1 }];
    const scenario = parseScenario(document, file);
    const binaries = requiredTools(scenario).map((tool) => tool.binary);
    expect(binaries).toEqual(['sox', 'soxi', 'ffmpeg', 'text2wave', 'festival', 'espeak-ng']);
    expect(festivalVoicesUsed(scenario)).toEqual(['cmu_us_slt_arctic_hts']);
  });
});

describe('messages', () => {
  it('name the Debian package to install', () => {
    expect(missingToolMessage({ binary: 'soxi', debianPackage: 'sox', reason: 'measuring' })).toBe(
      'soxi is not installed (needed for measuring): install the Debian package with "apt-get install sox"',
    );
    expect(missingFestivalVoiceMessage('cmu_us_slt_arctic_hts')).toContain('apt-get install festvox-us-slt-hts');
    expect(missingFestivalVoiceMessage('nobody_hts')).toContain('does not know which Debian package');
  });
});
