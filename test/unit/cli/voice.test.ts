/**
 * End to end: renders the voice fixture (test/fixtures/voice, two short clips) with the real
 * engines, sox and ffmpeg into a temporary folder, as `npm run voice` would. Needs the Debian
 * packages listed in src/cli/README.md (installed here and in CI); takes a few seconds.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseScenario, type Scenario } from '../../../src/domain/scenario-schema';
import { runVoice } from '../../../src/cli/voice';
import { checkCaptionsAgainstAudio } from '../../../src/cli/voice/caption-timing';
import { VOICE_FIXTURE_FILE } from './voice/voice-fixture';

/** Seconds of audio a file really decodes to (ffmpeg, 8 kHz mono 16-bit). */
function decodedSeconds(file: string): number {
  const pcm = execFileSync('ffmpeg', ['-v', 'error', '-i', file, '-f', 's16le', '-ac', '1', '-ar', '8000', '-'], { maxBuffer: 64 * 1024 * 1024 });
  return pcm.length / 2 / 8000;
}

function snapshot(dir: string): Map<string, Buffer> {
  return new Map(fs.readdirSync(dir).sort().map((name) => [name, fs.readFileSync(path.join(dir, name))]));
}

describe('npm run voice, end to end', () => {
  let root: string;
  let scenarioFile: string;
  let audioDir: string;
  const output: string[] = [];
  let exitCode: number;

  beforeAll(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'voice-e2e-'));
    scenarioFile = path.join(root, 'scenarios', 'voice-fixture', 'scenario.json');
    audioDir = path.join(root, 'assets', 'audio', 'voice-fixture');
    fs.mkdirSync(path.dirname(scenarioFile), { recursive: true });
    fs.copyFileSync(VOICE_FIXTURE_FILE, scenarioFile);
    exitCode = await runVoice(['voice-fixture'], root, (line) => output.push(line));
  }, 30_000);

  afterAll(() => {
    if (root) fs.rmSync(root, { recursive: true, force: true });
  });

  it('renders every clip and says what it wrote', () => {
    expect(output.join('\n')).not.toMatch(/✗/);
    expect(exitCode).toBe(0);
    expect(output.at(-1)).toMatch(/^Total: 2 clips, [\d.]+ s, [\d,]+ B .*1 rendered, 0 failed$/);
    expect(fs.readdirSync(audioDir).sort()).toEqual(['overheard.mp3', 'overheard.webm', 'whisper.mp3', 'whisper.webm']);
  });

  it('writes audio, captions and provenance that parse, with captions ending with the real audio', () => {
    const scenario: Scenario = parseScenario(JSON.parse(fs.readFileSync(scenarioFile, 'utf8')), scenarioFile);
    for (const clip of scenario.clips) {
      expect(clip.audio?.sources.map((source) => source.src)).toEqual([`audio/voice-fixture/${clip.id}.webm`, `audio/voice-fixture/${clip.id}.mp3`]);
      expect(clip.captions).toHaveLength(clip.transcript.length);
      expect(clip.provenance).toMatchObject({ kind: 'synthesised', tool: 'npm run voice (call-trainer voice pipeline)' });
      const duration = clip.audio!.durationSeconds;
      expect(checkCaptionsAgainstAudio(clip.captions, duration)).toEqual([]);
      for (const source of clip.audio!.sources) {
        const decoded = decodedSeconds(path.join(root, 'assets', source.src));
        expect(Math.abs(decoded - duration)).toBeLessThan(0.03);
        expect(Math.abs(decoded - clip.captions.at(-1)!.end)).toBeLessThanOrEqual(0.3);
      }
    }
    const [whisper, overheard] = scenario.clips;
    expect(whisper?.captions.map((caption) => caption.text)).toEqual(['Police, please.', '[banging on a door]']);
    expect(overheard?.captions[0]).toMatchObject({ speaker: 'Man in background', start: 0.3 });
    expect(overheard?.provenance).toMatchObject({ engines: [expect.stringMatching(/^espeak-ng [\d.]+ \(en-gb\+m3\)$/), expect.stringMatching(/^sox /)] });
  });

  it('keeps the scenario file formatted: 2-space JSON, trailing newline, clip keys in format order', () => {
    const text = fs.readFileSync(scenarioFile, 'utf8');
    expect(text.endsWith('}\n')).toBe(true);
    expect(text).toContain('\n  "formatVersion": 1,');
    for (const clip of JSON.parse(text).clips) expect(Object.keys(clip)).toEqual(['id', 'transcript', 'audio', 'captions', 'provenance']);
  });

  it('gives byte-identical files when run again', async () => {
    const first = snapshot(audioDir);
    const scenarioText = fs.readFileSync(scenarioFile, 'utf8');
    const again: string[] = [];
    expect(await runVoice([scenarioFile], root, (line) => again.push(line))).toBe(0);
    expect(snapshot(audioDir)).toEqual(first);
    expect(fs.readFileSync(scenarioFile, 'utf8')).toBe(scenarioText);
    expect(again.join('\n')).toContain('scenario.json unchanged');
  }, 30_000);

  it('refuses an invalid scenario, naming the file, the field and the reason', async () => {
    const broken = path.join(root, 'broken.json');
    const document = JSON.parse(fs.readFileSync(VOICE_FIXTURE_FILE, 'utf8'));
    document.clips[0].transcript[0].speaker = 'nobody';
    fs.writeFileSync(broken, JSON.stringify(document));
    const lines: string[] = [];
    expect(await runVoice([broken], root, (line) => lines.push(line))).toBe(1);
    expect(lines).toContain('  broken.json $.clips[0].transcript[0].speaker: no speaker "nobody" in $.speakers');
  });
});
