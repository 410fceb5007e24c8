import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseVoiceArguments, scenarioFileFor } from '../../../../src/cli/voice/voice-arguments';

describe('parseVoiceArguments', () => {
  it.each<[string[], object]>([
    [['dv-whispered-999'], { scenarios: ['dv-whispered-999'], assetsDir: undefined, help: false }],
    [['a', 'b', '--assets-dir', '/tmp/x'], { scenarios: ['a', 'b'], assetsDir: '/tmp/x' }],
    [['--assets-dir=out', 'a'], { scenarios: ['a'], assetsDir: 'out' }],
    [['--help'], { scenarios: [], help: true }],
    [[], { error: 'name at least one scenario' }],
    [['a', '--assets-dir'], { error: '--assets-dir needs a folder' }],
    [['a', '--fast'], { error: 'unknown option --fast' }],
  ])('%j', (argv, expected) => {
    expect(parseVoiceArguments(argv)).toMatchObject(expected);
  });
});

describe('scenarioFileFor', () => {
  const root = '/repo';
  it.each([
    ['dv-whispered-999', '/repo/scenarios/dv-whispered-999/scenario.json'],
    ['scenarios/dv-whispered-999', '/repo/scenarios/dv-whispered-999/scenario.json'],
    ['scenarios/dv-whispered-999/scenario.json', '/repo/scenarios/dv-whispered-999/scenario.json'],
    ['/tmp/x/scenario.json', '/tmp/x/scenario.json'],
    ['./other.json', '/repo/other.json'],
  ])('%s is %s', (arg, expected) => {
    expect(scenarioFileFor(arg, root)).toBe(path.normalize(expected));
  });
});
