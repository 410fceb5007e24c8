/**
 * What scenarios:check demands of the issue-4 format: systems records, required checks,
 * re-grades, expert panels, mid-call updates, shared media and text contacts. Every problem names
 * the file, the JSON path and the reason.
 */
import { describe, expect, it } from 'vitest';
import { checkScenarioPackage, type ScenarioPackageFiles } from '../../../src/domain/scenario-check';
import { defaultPolicy } from '../../fixtures/default-policy';
import { miniAnswerKey, miniScenario } from '../../fixtures/mini-call';

const policy = defaultPolicy();

function assessFiles(change: (scenario: any, key: any) => void = () => {}, assetExists = (_src: string) => true): ScenarioPackageFiles {
  const scenario: any = {
    ...miniScenario(),
    systems: {
      defaultDelaySeconds: 4,
      subjects: [
        { id: 'caller-number', kind: 'phone-number', label: 'Caller number' },
        { id: 'partner', kind: 'person', label: 'Named partner', knownFrom: { afterClip: 'c-safe' } },
      ],
      results: [{ subject: 'caller-number', database: 'warning-markers', records: [{ kind: 'warning-marker', marker: 'weapons', summary: 'Knife marker.' }] }],
    },
    updates: [{ id: 'amb', kind: 'ambulance-update', from: 'Ambulance control', text: 'Crew staged.', at: { afterClip: 'c-safe' } }],
    sharedMedia: [{ id: 'scene', kind: 'image', src: 'media/mini-call/scene.jpg', alt: 'A hallway.' }],
  };
  const key: any = {
    ...miniAnswerKey(),
    requiredChecks: [{ id: 'markers', database: 'warning-markers', subject: 'caller-number', reason: 'r', severity: 'major', by: { clip: 'c-safe', line: 0 } }],
    regrades: [{ id: 'weapon', after: { clip: 'c-weapon', line: 0 }, expected: 'emergency', acceptable: [], withinSeconds: 30, reason: 'r', severity: 'critical' }],
    panel: [
      {
        expert: { name: 'B', role: 'Supervisor' },
        grade: 'priority',
        thrive: { threat: 'high', harm: 'high', risk: 'medium', investigation: 'medium', vulnerability: 'high', engagement: 'medium' },
      },
    ],
  };
  change(scenario, key);
  return {
    scenarioFile: 'scenarios/mini-call/scenario.json',
    scenario,
    answerKeyFile: 'scenarios/mini-call/answer-key.json',
    answerKey: key,
    policies: new Map([[policy.id, policy]]),
    audioExists: assetExists,
  };
}

describe('checkScenarioPackage: assessment features', () => {
  it('passes a package with systems, checks, re-grades, a panel, an update and media; the expert still scores 100%', () => {
    const result = checkScenarioPackage(assessFiles());
    expect(result.problems).toEqual([]);
    expect(result.expertPercent).toBeCloseTo(100, 9);
  });

  it.each<[string, (s: any, k: any) => void, { file: 'scenario' | 'answer-key'; path: string; message: RegExp }]>([
    ['a required check on an unknown subject', (_s, k) => (k.requiredChecks[0].subject = 'ghost'), { file: 'answer-key', path: '$.requiredChecks[0].subject', message: /"ghost" is not a subject/ }],
    ['a required check with no systems to search', (s) => delete s.systems, { file: 'answer-key', path: '$.requiredChecks[0]', message: /needs systems records/ }],
    ['a required check due by a missing update', (_s, k) => (k.requiredChecks[0].by = { update: 'nope' }), { file: 'answer-key', path: '$.requiredChecks[0].by.update', message: /update "nope" is not in the scenario/ }],
    ['a required check due by a missing line', (_s, k) => (k.requiredChecks[0].by = { clip: 'c-safe', line: 5 }), { file: 'answer-key', path: '$.requiredChecks[0].by.line', message: /has no line 5/ }],
    ['duplicate required check ids', (_s, k) => k.requiredChecks.push({ ...k.requiredChecks[0] }), { file: 'answer-key', path: '$.requiredChecks[1].id', message: /duplicate required check id/ }],
    ['a re-grade to an unknown grade', (_s, k) => (k.regrades[0].expected = 'grade-0'), { file: 'answer-key', path: '$.regrades[0].expected', message: /"grade-0" is not a grade/ }],
    ['a re-grade after a missing clip', (_s, k) => (k.regrades[0].after = { clip: 'c-ghost', line: 0 }), { file: 'answer-key', path: '$.regrades[0].after.clip', message: /clip "c-ghost" is not in the scenario/ }],
    ['a re-grade the expert misses', (_s, k) => (k.grade.expected = 'priority'), { file: 'answer-key', path: '$', message: /scores .*%, not full marks/ }],
    ['a panel grade the policy lacks', (_s, k) => (k.panel[0].grade = 'grade-7'), { file: 'answer-key', path: '$.panel[0].grade', message: /"grade-7" is not a grade/ }],
    ['a panel rating the policy lacks', (_s, k) => (k.panel[0].thrive.risk = 'extreme'), { file: 'answer-key', path: '$.panel[0].thrive.risk', message: /"extreme" is not a rating/ }],
    ['a panel missing an element', (_s, k) => delete k.panel[0].thrive.engagement, { file: 'answer-key', path: '$.panel[0].thrive', message: /no rating for THRIVE\+ element "engagement"/ }],
    ['a panel action the policy lacks', (_s, k) => (k.panel[0].safeguardingActions = ['call-batman']), { file: 'answer-key', path: '$.panel[0].safeguardingActions[0]', message: /not a safeguarding action/ }],
    ['a systems result for an unknown subject', (s) => (s.systems.results[0].subject = 'ghost'), { file: 'scenario', path: '$.systems.results[0].subject', message: /"ghost" is not a subject/ }],
    ['a warning marker record without its marker', (s) => delete s.systems.results[0].records[0].marker, { file: 'scenario', path: '$.systems.results[0].records[0].marker', message: /needs its marker/ }],
    ['duplicate systems subjects', (s) => s.systems.subjects.push({ ...s.systems.subjects[0] }), { file: 'scenario', path: '$.systems.subjects[2].id', message: /duplicate systems subject id/ }],
    ['a subject known after a missing clip', (s) => (s.systems.subjects[1].knownFrom = { afterClip: 'c-ghost' }), { file: 'scenario', path: '$.systems.subjects[1].knownFrom.afterClip', message: /clip "c-ghost" is not in the scenario/ }],
    ['an update after a missing clip', (s) => (s.updates[0].at = { afterClip: 'c-ghost' }), { file: 'scenario', path: '$.updates[0].at.afterClip', message: /clip "c-ghost"/ }],
    ['media under another scenario', (s) => (s.sharedMedia[0].src = 'media/other/scene.jpg'), { file: 'scenario', path: '$.sharedMedia[0].src', message: /must live under media\/mini-call\// }],
    ['a text clip in a voice call', (s) => (s.clips[0] = { ...s.clips[0], medium: 'text', audio: undefined }), { file: 'scenario', path: '$.clips[0].medium', message: /a voice call plays audio/ }],
    ['an audio clip in an emergency SMS', (s) => (s.metadata.contactKind = 'emergency-sms'), { file: 'scenario', path: '$.clips[0].medium', message: /must be "medium": "text"/ }],
    ['a text clip with audio', (s) => {
      s.metadata.contactKind = 'emergency-sms';
      s.clips.forEach((clip: any) => (clip.medium = 'text'));
    }, { file: 'scenario', path: '$.clips[0].audio', message: /takes no audio/ }],
    ['a text clip with a sound line', (s) => {
      s.metadata.contactKind = 'emergency-sms';
      s.clips.forEach((clip: any) => { clip.medium = 'text'; delete clip.audio; });
      s.clips[0].transcript.push({ kind: 'sound', sound: 'traffic', caption: '[traffic]', durationSeconds: 1 });
      s.clips[0].captions.push({ start: 2, end: 3, text: '[traffic]', line: 1 });
    }, { file: 'scenario', path: '$.clips[0].transcript[1]', message: /messages \(speech lines\), not sounds/ }],
  ])('reports %s, naming file, path and reason', (_name, change, expected) => {
    const result = checkScenarioPackage(assessFiles(change));
    expect(result.problems).toContainEqual({
      file: `scenarios/mini-call/${expected.file}.json`,
      path: expected.path,
      message: expect.stringMatching(expected.message),
    });
  });

  it('reports a missing media file', () => {
    const result = checkScenarioPackage(assessFiles(undefined, (src) => !src.startsWith('media/')));
    expect(result.problems).toContainEqual({ file: 'scenarios/mini-call/scenario.json', path: '$.sharedMedia[0].src', message: 'media file assets/media/mini-call/scene.jpg does not exist' });
  });

  it('passes a text contact whose clips are all text, with no audio to render', () => {
    const result = checkScenarioPackage(
      assessFiles((s) => {
        s.metadata.contactKind = 'emergency-sms';
        s.clips.forEach((clip: any) => { clip.medium = 'text'; delete clip.audio; delete clip.provenance; });
      }),
    );
    expect(result.problems).toEqual([]);
  });
});
