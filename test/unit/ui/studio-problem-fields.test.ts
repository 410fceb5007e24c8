import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../../src/domain/scenario-schema';
import { twoBranchTemplate } from '../../../src/domain/scenario-template';
import { checkDraft } from '../../../src/domain/studio-draft';
import { withNodeAdded } from '../../../src/domain/studio-graph-edit';
import { fieldId, fieldPathFor, pathSegments, placeProblems, withoutCaptionEchoes } from '../../../src/ui/studio/problem-fields';
import { defaultPolicy } from '../../fixtures/default-policy';

describe('each problem of a draft is shown at the field that edits its path, or the nearest one enclosing it', () => {
  it.each([
    ['s', '$.metadata.title', '$.metadata.title'],
    ['s', '$.metadata.learningObjectives[0]', '$.metadata.learningObjectives'],
    ['s', '$.clips[2].audio', '$.clips[2].audio'],
    ['s', '$.clips[0].audio.sources[0].src', '$.clips[0].audio'],
    ['s', '$.clips[1].captions[0].end', '$.clips[1].captions[0].end'],
    ['s', '$.clips[1].transcript[0]', '$.clips[1].transcript[0]'],
    ['s', '$.clips[1].medium', '$.clips[1].medium'],
    ['s', '$.clips[0].transcript[2].speaker', '$.clips[0].transcript[2].speaker'],
    ['s', '$.clips[0].transcript[1].caption', '$.clips[0].transcript[1].caption'],
    ['s', '$.clips[0].transcript[1].neutralCaption', '$.clips[0].transcript[1].neutralCaption'],
    ['s', '$.clips[0].transcript[1].durationSeconds', '$.clips[0].transcript[1].durationSeconds'],
    ['s', '$.clips[0].transcript[1].sound', '$.clips[0].transcript[1].sound'],
    ['s', '$.clips[0].transcript[1].pauseBefore', '$.clips[0].transcript[1].pauseBefore'],
    ['s', '$.clips[0].transcript[1].delivery.rate', '$.clips[0].transcript[1].delivery.rate'],
    ['s', '$.clips[0].transcript[1].delivery.whisper', '$.clips[0].transcript[1].delivery.whisper'],
    ['s', '$.clips[0].transcript[1].delivery.loudness', '$.clips[0].transcript[1].delivery'],
    ['s', '$.clips[0].transcript[1].speed', '$.clips[0].transcript[1]'],
    ['s', '$.clips[0].transcript', '$.clips[0]'],
    ['s', '$.metadata.contactKind', '$.metadata.contactKind'],
    ['s', '$.speakers[1].id', '$.speakers[1]'],
    ['s', '$.speakers[1].role', '$.speakers[1].role'],
    ['s', '$.speakers[0].voice.voice', '$.speakers[0].voice.voice'],
    ['s', '$.speakers[0].voice.pitchHz', '$.speakers[0].voice.pitchHz'],
    ['s', '$.speakers[0].voice.style', '$.speakers[0].voice'],
    ['k', '$.grade.cues[1].offset', '$.grade.cues[1].offset'],
    ['k', '$.thrive.harm.cues[0].offset', '$.thrive.harm.cues[0].offset'],
    ['k', '$.regrades[0].after.offset', '$.regrades[0].after.offset'],
    ['k', '$.requiredChecks[0].by.offset', '$.requiredChecks[0].by.offset'],
    ['s', '$.callGraph.nodes[3].options[1].next', '$.callGraph.nodes[3].options[1].next'],
    ['s', '$.callGraph.nodes[3].options[1].id', '$.callGraph.nodes[3].options'],
    ['s', '$.callGraph.nodes[4]', '$.callGraph.nodes[4]'],
    ['s', '$.callContext.locationArea.centre', '$'],
    ['s', '$', '$'],
    ['k', '$.thrive.harm.rationale', '$.thrive.harm.rationale'],
    ['k', '$.thrive.harm.cues[0].line', '$.thrive.harm.cues[0]'],
    ['k', '$.thrive.harm.cues', '$.thrive.harm.cues'],
    ['k', '$.thrive.harm.acceptable[1]', '$.thrive.harm.acceptable'],
    ['k', '$.thrive', '$.thrive'],
    ['k', '$.grade.cues[0].clip', '$.grade.cues[0]'],
    ['k', '$.grade.acceptable', '$.grade.acceptable'],
    ['k', '$.grade', '$.grade'],
    ['k', '$.requiredChecks[0]', '$.requiredChecks[0]'],
    ['k', '$.requiredChecks[1].by.update', '$.requiredChecks[1].by'],
    ['k', '$.requiredChecks[0].id', '$.requiredChecks[0]'],
    ['k', '$.regrades[2].after.line', '$.regrades[2].after'],
    ['k', '$.regrades[0].acceptable[0]', '$.regrades[0].acceptable'],
    ['s', '$.systems.subjects[1].knownFrom.afterClip', '$.systems.subjects[1].knownFrom'],
    ['s', '$.systems.subjects[0].id', '$.systems.subjects[0]'],
    ['s', '$.systems.results[2].records[0].marker', '$.systems.results[2].records[0].marker'],
    ['s', '$.systems.results[0].records', '$.systems.results[0].records'],
    ['s', '$.updates[0].at.afterClip', '$.updates[0].at'],
    ['s', '$.updates[0].audio.sources[0].src', '$.updates[0]'],
    ['k', '$.criticalMisses[0].rule.grade', '$.criticalMisses[0].rule'],
    ['k', '$.keyQuestions[0].optionIds[0]', '$.keyQuestions[0].optionIds'],
    ['k', '$.scenarioVersion', '$'],
  ] as const)('%s %s shows at %s', (part, path, field) => {
    expect(fieldPathFor(part, path)).toBe(field);
  });

  it('reads quoted and numbered segments', () => {
    expect(pathSegments('$.thrive["odd key"].cues[10]')).toEqual(['thrive', 'odd key', 'cues', 10]);
  });

  it('gives each field a DOM id made of its part and path', () => {
    expect(fieldId('s', '$.metadata.title')).toBe('field-s-metadata-title');
    expect(fieldId('k', '$.thrive.harm.cues')).toBe('field-k-thrive-harm-cues');
    expect(fieldId('s', '$')).toBe('field-s');
  });

  it('places problems of the scenario and the answer key in their own part', () => {
    const placed = placeProblems([
      { file: 'scenario.json', path: '$.metadata.title', message: 'Too small' },
      { file: 'answer-key.json', path: '$.grade.expected', message: 'not a grade' },
    ]);
    expect(placed.map((p) => p.fieldId)).toEqual(['field-s-metadata-title', 'field-k-grade-expected']);
  });
});

describe('a line left empty is reported once', () => {
  const policy = defaultPolicy();
  const { scenario, answerKey } = twoBranchTemplate('echo-call', policy);
  const problemsOf = (draft: Scenario) => checkDraft({ scenario: draft, answerKey, audio: {} }, new Map([[policy.id, policy]]), new Set()).problems;

  it("at the line, not again at its caption, which takes the line's words", () => {
    const added = withNodeAdded(scenario, 'callerSpeech');
    const clip = added.clips.length - 1;
    const all = problemsOf(added);
    expect(all.map((p) => p.path)).toEqual(expect.arrayContaining([`$.clips[${clip}].transcript[0].text`, `$.clips[${clip}].captions[0].text`]));
    const shown = withoutCaptionEchoes(all, added).map((p) => p.path);
    expect(shown).toContain(`$.clips[${clip}].transcript[0].text`);
    expect(shown).not.toContain(`$.clips[${clip}].captions[0].text`);
    expect(shown).toHaveLength(all.length - 1);
  });

  it('keeps a caption problem whose line has words', () => {
    const emptied: Scenario = { ...scenario, clips: scenario.clips.map((c, i) => (i === 0 ? { ...c, captions: c.captions.map((cap, j) => (j === 0 ? { ...cap, text: '' } : cap)) } : c)) };
    const all = problemsOf(emptied);
    expect(all.map((p) => p.path)).toContain('$.clips[0].captions[0].text');
    expect(withoutCaptionEchoes(all, emptied)).toEqual(all);
  });

  it('keeps every problem of a draft too broken to tell which line a caption shows', () => {
    const problems = [{ file: 'scenario.json', path: '$.clips[0].captions[0].text', message: 'Empty' }];
    expect(withoutCaptionEchoes(problems, { clips: 'none' })).toEqual(problems);
    expect(withoutCaptionEchoes(problems, null)).toEqual(problems);
  });
});

describe('editing a draft by path', () => {
  it('replaces one value, copying only the objects along the path', async () => {
    const { setAtPath, getAtPath } = await import('../../../src/ui/studio/draft-edit');
    const before = { metadata: { title: 'a', summary: 's' }, clips: [{ id: 'c1', captions: [{ end: 1 }] }, { id: 'c2' }] };
    const after = setAtPath(before, '$.clips[0].captions[0].end', 2.5) as typeof before;
    expect(getAtPath(after, '$.clips[0].captions[0].end')).toBe(2.5);
    expect(getAtPath(before, '$.clips[0].captions[0].end')).toBe(1);
    expect(after.metadata).toBe(before.metadata);
    expect(after.clips[1]).toBe(before.clips[1]);
    expect(setAtPath(before, '$.metadata.summary', undefined)).toEqual({ ...before, metadata: { title: 'a' } });
  });
});
