import { describe, expect, it } from 'vitest';
import { soundIds, type SoundId } from '../../../../src/domain/scenario-schema';
import { seededRandom, SHOUT_TEXT, soundPeakDbfs, soundRecipe } from '../../../../src/cli/voice/sound-recipes';

const workFile = (name: string) => `/work/${name}`;

describe('soundRecipe', () => {
  it.each(soundIds.map((sound) => [sound] as [SoundId]))('%s ends by writing exactly the asked length to the output', (sound) => {
    const steps = soundRecipe(sound, 2.5, '/out/sound.wav', { workFile });
    const last = steps.at(-1)!;
    expect(last.command).toBe('sox');
    expect(last.args).toContain('/out/sound.wav');
    expect(last.args.join(' ')).toMatch(sound === 'silence' ? /trim 0 2\.5$/ : /pad 0 2\.5 trim 0 2\.5 gain -n -?\d+$/);
  });

  it.each(soundIds.map((sound) => [sound] as [SoundId]))('%s uses sox only, seeded, apart from the shout voice', (sound) => {
    for (const step of soundRecipe(sound, 3, '/out/s.wav', { workFile })) {
      if (step.command === 'sox') expect(step.args[0]).toBe('-R');
      else expect(sound).toBe('muffled-shouting');
    }
  });

  it.each(soundIds.map((sound) => [sound] as [SoundId]))('%s writes scratch files only through workFile', (sound) => {
    const outputs = soundRecipe(sound, 3, '/out/s.wav', { workFile }).flatMap((step) => step.args.filter((arg) => arg.endsWith('.wav')));
    for (const file of outputs) expect(file === '/out/s.wav' || file.startsWith('/work/')).toBe(true);
  });

  it('is the same for the same input, and glass shards vary with the seed', () => {
    expect(soundRecipe('glass-breaking', 2, 'o.wav', { workFile, seed: 7 })).toEqual(soundRecipe('glass-breaking', 2, 'o.wav', { workFile, seed: 7 }));
    expect(soundRecipe('glass-breaking', 2, 'o.wav', { workFile, seed: 7 })).not.toEqual(soundRecipe('glass-breaking', 2, 'o.wav', { workFile, seed: 8 }));
  });

  it('places glass shards inside the sound and under the telephone band', () => {
    const shards = soundRecipe('glass-breaking', 1.5, 'o.wav', { workFile, seed: 3 }).filter((step) => step.args.some((arg) => arg.includes('shard')) && step.args.includes('synth'));
    expect(shards.length).toBeGreaterThan(3);
    for (const shard of shards) {
      const frequency = Number(shard.args[shard.args.indexOf('sine') + 1]);
      const start = Number(shard.args.at(-1));
      expect(frequency).toBeLessThanOrEqual(3400);
      expect(start).toBeLessThan(1.5);
    }
  });

  it('repeats door banging often enough to fill the length', () => {
    const last = soundRecipe('door-banging', 10, 'o.wav', { workFile }).at(-1)!;
    expect(Number(last.args[last.args.indexOf('repeat') + 1])).toBeGreaterThanOrEqual(5);
  });

  it('shouts with the background speaker voice, faster and raised', () => {
    const [synth, conform] = soundRecipe('muffled-shouting', 2, 'o.wav', { workFile, shoutVoice: { engine: 'espeak-ng', voice: 'en-gb+m3' } });
    expect(synth).toMatchObject({ command: 'espeak-ng', stdin: `${SHOUT_TEXT}\n` });
    expect(synth?.args).toEqual(expect.arrayContaining(['-v', 'gmw/en+m3', '-s', '201']));
    expect(conform?.args).toEqual(expect.arrayContaining(['pitch', '300']));
    expect(soundRecipe('muffled-shouting', 2, 'o.wav', { workFile })[0]?.args).toEqual(expect.arrayContaining(['-voice', 'awb']));
  });

  it('refuses a sound with no length', () => {
    expect(() => soundRecipe('traffic', 0, 'o.wav', { workFile })).toThrow(/positive duration/);
  });

  it('keeps every sound at or below full scale', () => {
    for (const sound of soundIds) expect(soundPeakDbfs[sound]).toBeLessThanOrEqual(0);
  });
});

describe('seededRandom', () => {
  it('gives the same numbers in [0, 1) for the same seed', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const first = Array.from({ length: 20 }, () => a());
    expect(Array.from({ length: 20 }, () => b())).toEqual(first);
    for (const value of first) expect(value >= 0 && value < 1).toBe(true);
    expect(seededRandom(43)()).not.toBe(first[0]);
  });
});
