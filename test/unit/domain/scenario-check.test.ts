import { describe, expect, it } from 'vitest';
import { checkScenarioPackage, type ScenarioPackageFiles } from '../../../src/domain/scenario-check';
import { cueTime } from '../../../src/domain/cue-time';
import { expertResponse } from '../../../src/domain/expert-response';
import { defaultPolicy } from '../../fixtures/default-policy';
import {
  miniAnswerKey,
  miniAnswerKeyWithLocation,
  miniExpertResponse,
  miniScenario,
  miniScenarioWithLocationArea,
} from '../../fixtures/mini-call';

const policy = defaultPolicy();

function files(change: (scenario: any, key: any) => void = () => {}, audioExists = (_src: string) => true): ScenarioPackageFiles {
  const scenario = miniScenario();
  const key = miniAnswerKey();
  change(scenario, key);
  return {
    scenarioFile: 'scenarios/mini-call/scenario.json',
    scenario,
    answerKeyFile: 'scenarios/mini-call/answer-key.json',
    answerKey: key,
    policies: new Map([[policy.id, policy]]),
    audioExists,
  };
}

describe('checkScenarioPackage', () => {
  it('passes a sound package and reports the expert answer at 100%', () => {
    const result = checkScenarioPackage(files());
    expect(result.problems).toEqual([]);
    expect(result.expertPercent).toBe(100);
  });

  it.each<[string, (s: any, k: any) => void, { file: 'scenario' | 'answer-key'; path: string; message: RegExp }]>([
    ['a rating the policy lacks', (_s, k) => (k.thrive.harm.expected = 'severe'), { file: 'answer-key', path: '$.thrive.harm.expected', message: /"severe" is not a rating/ }],
    ['a missing element', (_s, k) => delete k.thrive.engagement, { file: 'answer-key', path: '$.thrive', message: /no judgement for THRIVE\+ element "engagement"/ }],
    ['an unknown grade', (_s, k) => (k.grade.expected = 'grade-9'), { file: 'answer-key', path: '$.grade.expected', message: /"grade-9" is not a grade/ }],
    ['non-adjacent acceptable grades', (_s, k) => (k.grade.acceptable = ['scheduled']), { file: 'answer-key', path: '$.grade.acceptable', message: /next to each other/ }],
    ['an unknown action', (_s, k) => (k.safeguardingActions[0].action = 'call-batman'), { file: 'answer-key', path: '$.safeguardingActions[0].action', message: /not a safeguarding action/ }],
    ['a key question on a missing option', (_s, k) => (k.keyQuestions[0].optionIds = ['o-ghost']), { file: 'answer-key', path: '$.keyQuestions[0].optionIds[0]', message: /"o-ghost" is not an option/ }],
    ['key questions no one call can ask', (_s, k) => (k.keyQuestions[0].optionIds = ['o-loud']), { file: 'answer-key', path: '$.keyQuestions', message: /no single path/ }],
    ['a cue on a line that does not exist', (_s, k) => (k.grade.cues[0].line = 4), { file: 'answer-key', path: '$.grade.cues[0].line', message: /has no line 4/ }],
    ['a cue offset past its line', (_s, k) => (k.grade.cues[0].offset = 9), { file: 'answer-key', path: '$.grade.cues[0].offset', message: /runs past the end/ }],
    ['a key for another scenario', (_s, k) => (k.scenarioId = 'other'), { file: 'answer-key', path: '$.scenarioId', message: /is for "other"/ }],
    ['a key for an older version', (s) => (s.version = 2), { file: 'answer-key', path: '$.scenarioVersion', message: /version 1 of the scenario, which is at version 2/ }],
    ['a critical miss the expert triggers', (_s, k) => k.criticalMisses.push({ id: 'cm-x', description: 'd', reason: 'r', rule: { kind: 'actionTaken', action: 'keep-caller-on-line' } }), { file: 'answer-key', path: '$.criticalMisses[1].rule', message: /expert answer itself triggers/ }],
    ['a caption that outlasts its audio', (s) => (s.clips[1].captions[0].end = 2.6), { file: 'scenario', path: '$.clips[1].captions[0].end', message: /more than 0.3 s apart/ }],
    ['a caption for a missing line', (s) => (s.clips[1].captions[0].line = 3), { file: 'scenario', path: '$.clips[1].captions[0].line', message: /line 3 does not exist/ }],
    ['a clip with no audio', (s) => delete s.clips[2].audio, { file: 'scenario', path: '$.clips[2].audio', message: /npm run voice mini-call/ }],
    ['an unknown force policy', (s) => (s.forcePolicy = 'other-force'), { file: 'scenario', path: '$.forcePolicy', message: /"other-force" is not defined/ }],
    ['a malformed field', (s) => (s.metadata.channel = 'carrier-pigeon'), { file: 'scenario', path: '$.metadata.channel', message: /./ }],
  ])('reports %s, naming file, path and reason', (_name, change, expected) => {
    const result = checkScenarioPackage(files(change));
    expect(result.problems).toContainEqual({
      file: `scenarios/mini-call/${expected.file}.json`,
      path: expected.path,
      message: expect.stringMatching(expected.message),
    });
  });

  it('reports a missing audio file', () => {
    const result = checkScenarioPackage(files(undefined, (src) => !src.endsWith('c-weapon.webm')));
    expect(result.problems).toEqual([
      { file: 'scenarios/mini-call/scenario.json', path: '$.clips[3].audio.sources[0].src', message: 'audio file assets/audio/mini-call/c-weapon.webm does not exist' },
    ]);
  });

  it('reports a missing answer key', () => {
    const result = checkScenarioPackage({ ...files(), answerKey: undefined });
    expect(result.problems).toContainEqual({ file: 'scenarios/mini-call/answer-key.json', path: '$', message: expect.stringMatching(/missing/) });
  });
});

describe('checkScenarioPackage with locations', () => {
  function locatedFiles(change: (scenario: any, key: any) => void = () => {}): ScenarioPackageFiles {
    const scenario = miniScenarioWithLocationArea();
    const key = miniAnswerKeyWithLocation();
    change(scenario, key);
    return { ...files(), scenario, answerKey: key };
  }

  it('passes a key location over a scenario location area, the expert pinning it for 100%', () => {
    const result = checkScenarioPackage(locatedFiles((_s, k) => k.criticalMisses.push({ id: 'cm-loc', description: 'd', reason: 'r', rule: { kind: 'locationOutsideAcceptedArea' } })));
    expect(result.problems).toEqual([]);
    expect(result.expertPercent).toBe(100);
  });

  it('passes a location area with no key location (the call is scored without one)', () => {
    expect(checkScenarioPackage(locatedFiles((_s, k) => delete k.location)).problems).toEqual([]);
  });

  it.each<[string, (s: any, k: any) => void, { file: 'scenario' | 'answer-key'; path: string; message: RegExp }]>([
    ['a key location east of the county', (_s, k) => (k.location.point = { x: 40_000, y: 100 }), { file: 'answer-key', path: '$.location.point', message: /\(40000, 100\) is outside the county/ }],
    ['a key location north of the county', (_s, k) => (k.location.point = { x: 100, y: 24_500 }), { file: 'answer-key', path: '$.location.point', message: /outside the county/ }],
    ['a location area centred outside the county', (s) => (s.callContext.locationArea.centre = { x: 33_000, y: 0 }), { file: 'scenario', path: '$.callContext.locationArea.centre', message: /outside the county/ }],
    ['a location cue on a missing line', (_s, k) => (k.location.cues[0].line = 3), { file: 'answer-key', path: '$.location.cues[0].line', message: /has no line 3/ }],
    ['a location cue on a missing clip', (_s, k) => (k.location.cues[0].clip = 'c-ghost'), { file: 'answer-key', path: '$.location.cues[0].clip', message: /clip "c-ghost" is not in the scenario/ }],
    [
      'a location rule on a key without a location',
      (_s, k) => {
        delete k.location;
        k.criticalMisses.push({ id: 'cm-loc', description: 'd', reason: 'r', rule: { kind: 'locationOutsideAcceptedArea' } });
      },
      { file: 'answer-key', path: '$.criticalMisses[1].rule', message: /needs a key location/ },
    ],
    ['an accepted radius over 1 km', (_s, k) => (k.location.acceptedRadiusMetres = 1500), { file: 'answer-key', path: '$.location.acceptedRadiusMetres', message: /./ }],
    ['a location area with no radius', (s) => (s.callContext.locationArea.radiusMetres = 0), { file: 'scenario', path: '$.callContext.locationArea.radiusMetres', message: /./ }],
  ])('reports %s, naming file, path and reason', (_name, change, expected) => {
    const result = checkScenarioPackage(locatedFiles(change));
    expect(result.problems).toContainEqual({
      file: `scenarios/mini-call/${expected.file}.json`,
      path: expected.path,
      message: expect.stringMatching(expected.message),
    });
  });
});

it('accepts a key location on a call with no location feed: the caller must be found from what they say', () => {
  const base = files();
  const result = checkScenarioPackage({ ...base, answerKey: miniAnswerKeyWithLocation() });
  expect(miniScenario().callContext.locationArea).toBeUndefined();
  expect(result.problems).toEqual([]);
  expect(result.expertPercent).toBe(100);
});

describe('expertResponse and cueTime', () => {
  it('builds the expert answer from the key on a path that asks every key question', () => {
    expect(expertResponse(miniScenario(), miniAnswerKey(), policy)).toMatchObject({
      questionsAsked: miniExpertResponse().questionsAsked.map(({ nodeId, optionId }) => ({ nodeId, optionId })),
      endNodeId: 'end-help-coming',
      assessment: { grade: 'emergency', safeguardingActions: ['keep-caller-on-line', 'pass-threats-verbatim', 'refer-idva-marac'] },
    });
  });

  it('resolves a cue to its time from the caption timings', () => {
    expect(cueTime(miniScenario(), { clip: 'c-weapon', line: 0, offset: 1 })).toBe(1);
    expect(cueTime(miniScenario(), { clip: 'c-weapon', line: 0, offset: 10 })).toBe(3);
    expect(cueTime(miniScenario(), { clip: 'c-ghost', line: 0 })).toBeNull();
  });
});
