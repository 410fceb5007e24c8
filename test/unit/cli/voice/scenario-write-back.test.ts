import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../../../src/domain/scenario-schema';
import {
  audioSources,
  filtersDescription,
  PIPELINE_TOOL,
  serialiseScenario,
  setKeysInPlace,
  writeBackClips,
  type RenderedClip,
} from '../../../../src/cli/voice/scenario-write-back';
import { loadVoiceFixture } from './voice-fixture';

const rendered = (clipId: string, seconds = 2.5): RenderedClip => ({
  clipId,
  audio: { sources: audioSources('voice-fixture', clipId), durationSeconds: seconds },
  captions: [{ start: 0.3, end: seconds - 0.2, text: 'Police, please.', speaker: 'Caller', line: 0 }],
  provenance: { kind: 'synthesised', tool: PIPELINE_TOOL, engines: ['flite 2.2 (slt)'], filters: filtersDescription('14.4.2') },
});

describe('setKeysInPlace', () => {
  const order = ['id', 'transcript', 'audio', 'captions', 'provenance'];
  it.each<[string, Record<string, unknown>, Record<string, unknown>, string[]]>([
    ['replaces values where they are', { id: 1, transcript: 2, audio: 3, captions: 4 }, { audio: 'a', captions: 'c' }, ['id', 'transcript', 'audio', 'captions']],
    ['adds a key before the first key that follows it', { id: 1, transcript: 2, captions: 4 }, { audio: 'a' }, ['id', 'transcript', 'audio', 'captions']],
    ['adds a key at the end when nothing follows it', { id: 1, transcript: 2, captions: 4 }, { provenance: 'p' }, ['id', 'transcript', 'captions', 'provenance']],
    ['keeps an author order that differs from the format order', { captions: 4, id: 1, transcript: 2 }, { audio: 'a', provenance: 'p' }, ['audio', 'captions', 'id', 'transcript', 'provenance']],
    ['puts unknown keys at the end', { id: 1 }, { extra: true }, ['id', 'extra']],
  ])('%s', (_name, target, updates, keys) => {
    const result = setKeysInPlace(target, updates, order);
    expect(Object.keys(result)).toEqual(keys);
    for (const [key, value] of Object.entries(updates)) expect(result[key]).toBe(value);
  });
});

describe('writeBackClips', () => {
  it('writes audio, captions and provenance into the named clips, in the format order, leaving the rest alone', () => {
    const { document, file } = loadVoiceFixture();
    const before = structuredClone(document);
    const updated = writeBackClips(document, [rendered('whisper')]);
    expect(document).toEqual(before);
    expect(Object.keys(updated)).toEqual(Object.keys(document));
    const [whisper, overheard] = updated.clips as any[];
    expect(Object.keys(whisper)).toEqual(['id', 'transcript', 'audio', 'captions', 'provenance']);
    expect(whisper.audio).toEqual({
      sources: [
        { src: 'audio/voice-fixture/whisper.webm', type: 'audio/webm' },
        { src: 'audio/voice-fixture/whisper.mp3', type: 'audio/mpeg' },
      ],
      durationSeconds: 2.5,
    });
    expect(overheard).toEqual(document.clips[1]);
    expect(parseScenario(updated, file).clips[0]?.provenance?.kind).toBe('synthesised');
  });

  it('replaces an earlier render in place', () => {
    const { document } = loadVoiceFixture();
    const once = writeBackClips(document, [rendered('whisper', 2.5)]);
    const twice = writeBackClips(once, [rendered('whisper', 3)]);
    expect(Object.keys((twice.clips as any[])[0])).toEqual(['id', 'transcript', 'audio', 'captions', 'provenance']);
    expect((twice.clips as any[])[0].audio.durationSeconds).toBe(3);
  });

  it('refuses a clip the scenario does not have', () => {
    const { document } = loadVoiceFixture();
    expect(() => writeBackClips(document, [rendered('ghost')])).toThrow(/no clip with id "ghost"/);
  });
});

describe('serialiseScenario', () => {
  it('writes 2-space JSON with a trailing newline', () => {
    expect(serialiseScenario({ a: [1, { b: 2 }] })).toBe('{\n  "a": [\n    1,\n    {\n      "b": 2\n    }\n  ]\n}\n');
  });
});

describe('filtersDescription', () => {
  it('names the chain on one line, and the per-line treatments used', () => {
    const plain = filtersDescription('14.4.2');
    expect(plain).not.toContain('\n');
    expect(plain).toMatch(/compand, 8 kHz, sinc 300-3400 Hz.*-40 dBFS/);
    expect(filtersDescription(undefined, { soxWhisper: true, backgroundRoom: true })).toMatch(/^sox -R: .*whispers.*room reverb/);
  });
});
