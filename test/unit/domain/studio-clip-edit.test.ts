import { describe, expect, it } from 'vitest';
import type { AnswerKey, Cue, KeyMoment } from '../../../src/domain/answer-key-schema';
import { checkScenarioPackage } from '../../../src/domain/scenario-check';
import type { Clip, Scenario, TranscriptLine } from '../../../src/domain/scenario-schema';
import { captionsForTranscript, twoBranchTemplate } from '../../../src/domain/scenario-template';
import {
  DEFAULT_SOUND_SECONDS,
  answerKeyWithLineRemoved,
  canRemoveVoice,
  cueAfterLineRemoved,
  emptySoundLine,
  emptySpeechLine,
  linesSpokenBy,
  previewUtterances,
  speakerLabeller,
  WHISPER_PREVIEW_VOLUME,
  withClipMedium,
  withContactKind,
  withLineAdded,
  withLineRemoved,
  withLineSpeaker,
  withSpeakerLabel,
  withVoiceAdded,
  withVoiceRemoved,
} from '../../../src/domain/studio-clip-edit';
import { defaultPolicy } from '../../fixtures/default-policy';

const policy = defaultPolicy();
const { scenario: template, answerKey: templateKey } = twoBranchTemplate('lines-call', policy);
const withAudio = (clip: Clip): Clip => ({
  ...clip,
  audio: { sources: [{ src: `audio/lines-call/${clip.id}.webm`, type: 'audio/webm' }], durationSeconds: clip.captions.at(-1)?.end ?? 1 },
  provenance: { kind: 'recorded', by: 'Trainer', recordedOn: '2026-11-28' },
});
/** The template with audio on every clip: no problems, the expert scores full marks. */
const voiced: Scenario = { ...template, clips: template.clips.map(withAudio) };
const check = (scenario: Scenario, answerKey: AnswerKey = templateKey) =>
  checkScenarioPackage({ scenarioFile: 'scenario.json', scenario, answerKeyFile: 'answer-key.json', answerKey, policies: new Map([[policy.id, policy]]), audioExists: () => true });

/** A clip of three lines (caller, sound, caller) without audio, with hand-set timings. */
const threeLines: TranscriptLine[] = [
  { kind: 'speech', speaker: 'caller', text: 'He is at the door.' },
  { kind: 'sound', sound: 'child-crying', caption: '[child crying]', durationSeconds: 2 },
  { kind: 'speech', speaker: 'caller', text: 'That is my son.' },
];
const handTimed: Clip = {
  id: 'c-three',
  transcript: threeLines,
  captions: [
    { start: 0.5, end: 2, text: 'He is at the door.', speaker: 'Caller', line: 0 },
    { start: 2, end: 4, text: '[child crying]', line: 1 },
    { start: 4.5, end: 6, text: 'That is my son.', speaker: 'Caller', line: 2 },
  ],
};
const withThree: Scenario = { ...template, clips: [...template.clips, handTimed] };

describe('new lines', () => {
  it('a speech line is the caller\u2019s, a sound line a child crying, their words still to write', () => {
    const speakers = withVoiceAdded(template).speakers.map((s) => ({ ...s, role: 'background' as const }));
    expect(emptySpeechLine(template.speakers)).toEqual({ kind: 'speech', speaker: 'caller', text: '' });
    expect(emptySpeechLine(speakers)).toEqual({ kind: 'speech', speaker: 'caller', text: '' });
    expect(emptySoundLine()).toEqual({ kind: 'sound', sound: 'child-crying', caption: '', durationSeconds: DEFAULT_SOUND_SECONDS });
  });
});

describe('adding a line keeps every line captioned', () => {
  const sound: TranscriptLine = { kind: 'sound', sound: 'door-banging', caption: '[door banging]', durationSeconds: 3 };
  it.each([
    [
      'without audio: after the last caption, as long as the line',
      withThree,
      3,
      [
        { start: 0.5, end: 2, line: 0 },
        { start: 2, end: 4, line: 1 },
        { start: 4.5, end: 6, line: 2 },
        { start: 6, end: 9, line: 3 },
      ],
    ],
    [
      'with audio: all re-derived over the audio\u2019s duration',
      voiced,
      0,
      captionsForTranscript([...(voiced.clips[0] as Clip).transcript, sound], () => 'Caller', (voiced.clips[0] as Clip).audio?.durationSeconds).map(({ start, end, line }) => ({ start, end, line })),
    ],
  ] as const)('%s', (_name, scenario, clipIndex, timings) => {
    const next = withLineAdded(scenario, clipIndex, sound);
    const clip = next.clips[clipIndex] as Clip;
    expect(clip.transcript.at(-1)).toEqual(sound);
    expect(clip.captions.map(({ start, end, line }) => ({ start, end, line }))).toEqual(timings);
    expect(clip.captions.at(-1)?.text).toBe('[door banging]');
    if (clip.audio) expect(clip.captions.at(-1)?.end).toBe(clip.audio.durationSeconds);
    expect(scenario.clips[clipIndex]?.transcript.length).toBe(clip.transcript.length - 1);
  });

  it('a speech line added to a voiced clip: the captions still fit the audio; the line\u2019s words are asked for', () => {
    const next = withLineAdded(voiced, 0, emptySpeechLine(voiced.speakers));
    expect(next.clips[0]?.captions.at(-1)).toMatchObject({ speaker: 'Caller', line: 1, text: '' });
    expect(check(next).problems.map((p) => p.path).sort()).toEqual(['$.clips[0].captions[1].text', '$.clips[0].transcript[1].text']);
  });
});

describe('removing a line remaps captions and cues', () => {
  it.each([
    ['the first line: later captions move up', 0, [{ start: 2, end: 4, line: 0 }, { start: 4.5, end: 6, line: 1 }]],
    ['the middle line', 1, [{ start: 0.5, end: 2, line: 0 }, { start: 4.5, end: 6, line: 1 }]],
    ['the last line', 2, [{ start: 0.5, end: 2, line: 0 }, { start: 2, end: 4, line: 1 }]],
  ] as const)('without audio, %s (hand-set timings kept)', (_name, lineIndex, timings) => {
    const { scenario } = withLineRemoved(withThree, templateKey, 3, lineIndex);
    const clip = scenario.clips[3] as Clip;
    expect(clip.transcript).toEqual(threeLines.filter((_, j) => j !== lineIndex));
    expect(clip.captions.map(({ start, end, line }) => ({ start, end, line }))).toEqual(timings);
  });

  it('with audio, the captions are re-derived over the audio\u2019s duration', () => {
    const twoLine = withLineAdded(voiced, 1, { kind: 'speech', speaker: 'caller', text: 'Hurry.' });
    const { scenario } = withLineRemoved(twoLine, templateKey, 1, 0);
    const clip = scenario.clips[1] as Clip;
    expect(clip.captions).toEqual([{ start: 0, end: clip.audio?.durationSeconds, text: 'Hurry.', speaker: 'Caller', line: 0 }]);
  });

  it('a clip\u2019s only line stays', () => {
    expect(withLineRemoved(voiced, templateKey, 0, 0)).toEqual({ scenario: voiced, answerKey: templateKey });
  });

  it.each([
    ['another clip', { clip: 'c-other', line: 2 }, { clip: 'c-other', line: 2 }],
    ['an earlier line', { clip: 'c-three', line: 0 }, { clip: 'c-three', line: 0 }],
    ['the removed line', { clip: 'c-three', line: 1 }, undefined],
    ['a later line, with its offset and quote', { clip: 'c-three', line: 2, offset: 0.4, quote: 'my son' }, { clip: 'c-three', line: 1, offset: 0.4, quote: 'my son' }],
  ] as const)('a cue on %s', (_name, cue: Cue, expected: Cue | undefined) => {
    expect(cueAfterLineRemoved(cue, 'c-three', 1)).toEqual(expected);
  });

  it('every place a key holds a cue follows: lists lose it, single cues and check moments go, a re-grade after it goes whole', () => {
    const on = (line: number): Cue => ({ clip: 'c-three', line });
    const update: KeyMoment = { update: 'update-1' };
    const key: AnswerKey = {
      ...templateKey,
      thrive: Object.fromEntries(Object.entries(templateKey.thrive).map(([id, j]) => [id, { ...j, cues: [on(1), on(2)] }])),
      grade: { ...templateKey.grade, cues: [on(0), on(1), on(2)] },
      safeguardingActions: [
        { ...(templateKey.safeguardingActions[0] as AnswerKey['safeguardingActions'][number]), cues: [on(1)] },
        { action: 'x', verdict: 'neutral', reason: 'r', cues: [on(2)] },
      ],
      keyQuestions: [
        { id: 'kq-1', question: 'q', optionIds: ['o-ask-safe'], reason: 'r', cue: on(1) },
        { id: 'kq-2', question: 'q', optionIds: ['o-ask-safe'], reason: 'r', cue: on(2) },
      ],
      criticalMisses: [{ id: 'cm-1', description: 'd', reason: 'r', rule: { kind: 'keyQuestionNotAsked', keyQuestion: 'kq-1' }, cue: on(1) }],
      location: { point: { x: 1, y: 1 }, description: 'd', acceptedRadiusMetres: 100, rationale: 'r', cues: [on(1), on(2)] },
      requiredChecks: [
        { id: 'check-1', database: 'warning-markers', subject: 's', reason: 'r', severity: 'major', by: on(1), withinSeconds: 10 },
        { id: 'check-2', database: 'warning-markers', subject: 's', reason: 'r', severity: 'major', by: on(2), withinSeconds: 10 },
        { id: 'check-3', database: 'warning-markers', subject: 's', reason: 'r', severity: 'major', by: update },
      ],
      regrades: [
        { id: 'regrade-1', after: on(1), expected: 'g', acceptable: [], withinSeconds: 60, reason: 'r', severity: 'major' },
        { id: 'regrade-2', after: on(2), expected: 'g', acceptable: [], withinSeconds: 60, reason: 'r', severity: 'major' },
      ],
    };
    const next = answerKeyWithLineRemoved(key, 'c-three', 1);
    for (const judgement of Object.values(next.thrive)) expect(judgement.cues).toEqual([on(1)]);
    expect(next.grade.cues).toEqual([on(0), on(1)]);
    expect(next.safeguardingActions.map((a) => a.cues)).toEqual([undefined, [on(1)]]);
    expect('cues' in (next.safeguardingActions[0] ?? {})).toBe(false);
    expect(next.keyQuestions.map((q) => q.cue)).toEqual([undefined, on(1)]);
    expect(next.criticalMisses[0]).not.toHaveProperty('cue');
    expect(next.location?.cues).toEqual([on(1)]);
    expect(next.requiredChecks).toEqual([
      { id: 'check-1', database: 'warning-markers', subject: 's', reason: 'r', severity: 'major' },
      { ...key.requiredChecks?.[1], by: on(1) },
      key.requiredChecks?.[2],
    ]);
    expect(next.regrades).toEqual([{ ...key.regrades?.[1], after: on(1) }]);
    expect(answerKeyWithLineRemoved({ ...key, regrades: [key.regrades?.[0] as NonNullable<AnswerKey['regrades']>[number]] }, 'c-three', 1)).not.toHaveProperty('regrades');
    // The input is left alone.
    expect(key.grade.cues).toEqual([on(0), on(1), on(2)]);
  });

  it('the template\u2019s key, after its cue line\u2019s clip gains and loses a line before the cue, still scores full marks', () => {
    // c-answer-safe: a sound line added, then the original line (where every cue is) removed: the cues go with it.
    const added = withLineAdded(voiced, 1, { kind: 'sound', sound: 'glass-breaking', caption: '[glass breaking]', durationSeconds: 1 });
    const gone = withLineRemoved(added, templateKey, 1, 0);
    expect(gone.answerKey.grade.cues).toEqual([]);
    expect(check(gone.scenario, gone.answerKey).problems.map((p) => p.path)).toContain('$.grade.cues');
    // Removing the added line instead leaves the key as it was, and the call checks clean.
    const back = withLineRemoved(added, templateKey, 1, 1);
    expect(back.answerKey).toEqual(templateKey);
    expect(check(back.scenario, back.answerKey).problems).toEqual([]);
  });
});

describe('voices', () => {
  it('a new voice gets the next free id, in the background, its caption name still to write', () => {
    const once = withVoiceAdded(template);
    const twice = withVoiceAdded(once);
    expect(once.speakers[1]).toMatchObject({ id: 'voice-1', label: '', role: 'background' });
    expect(twice.speakers.map((s) => s.id)).toEqual(['caller', 'voice-1', 'voice-2']);
    expect(check({ ...voiced, speakers: once.speakers }).problems.map((p) => p.path)).toEqual(['$.speakers[1].label']);
  });

  it('a line given to the new voice is captioned with its name, and renaming the voice renames its captions', () => {
    let s = withVoiceAdded(withLineAdded(voiced, 0, emptySpeechLine(voiced.speakers)));
    s = withSpeakerLabel(s, 1, 'Child');
    s = withLineSpeaker(s, 0, 1, 'voice-1');
    expect(s.clips[0]?.captions.map((c) => c.speaker)).toEqual(['Caller', 'Child']);
    s = withSpeakerLabel(s, 1, 'Boy, about six');
    expect(s.clips[0]?.captions.map((c) => c.speaker)).toEqual(['Caller', 'Boy, about six']);
    expect(linesSpokenBy(s, 'voice-1')).toBe(1);
    expect(speakerLabeller(s.speakers)('voice-1')).toBe('Boy, about six');
    // A sound line has no speaker to change.
    expect(withLineSpeaker(withThree, 3, 1, 'caller')).toBe(withThree);
  });

  it.each([
    ['an unused voice goes', withVoiceAdded(template), 1, true],
    ['a voice a line uses stays', withLineSpeaker(withLineAdded(withVoiceAdded(template), 0, emptySpeechLine(template.speakers)), 0, 1, 'voice-1'), 1, false],
    ['the only voice stays', template, 0, false],
  ] as const)('%s', (_name, scenario, index, removable) => {
    expect(canRemoveVoice(scenario, index)).toBe(removable);
    const next = withVoiceRemoved(scenario, index);
    expect(next.speakers.length).toBe(scenario.speakers.length - (removable ? 1 : 0));
  });
});

describe('text clips and text contacts', () => {
  const label = speakerLabeller(template.speakers);

  it('a clip switched to text loses its audio and provenance, keeps its captions as arrival times; back to audio, it needs audio again', () => {
    const voicedClip = voiced.clips[0] as Clip;
    const text = withClipMedium(voicedClip, 'text', label);
    expect(text).toEqual({ id: voicedClip.id, medium: 'text', transcript: voicedClip.transcript, captions: voicedClip.captions });
    expect(withClipMedium(text, 'text', label)).toBe(text);
    const back = withClipMedium(text, 'audio', label);
    expect(back).toEqual({ id: voicedClip.id, transcript: voicedClip.transcript, captions: voicedClip.captions });
    expect(withClipMedium({ ...voicedClip, captions: [] }, 'text', label).captions).toEqual(captionsForTranscript(voicedClip.transcript, label));
  });

  it.each([
    ['one text clip in a voice call: the checks ask for a text contact', (s: Scenario) => ({ ...s, clips: s.clips.map((c, i) => (i === 2 ? withClipMedium(c, 'text', label) : c)) }), ['$.clips[2].medium']],
    ['an emergency SMS: every clip text, no audio needed', (s: Scenario) => withContactKind(s, 'emergency-sms'), []],
    ['an emergency SMS and back to a voice call: audio needed again', (s: Scenario) => withContactKind(withContactKind(s, 'emergency-sms'), 'voice-call'), ['$.clips[0].audio', '$.clips[1].audio', '$.clips[2].audio']],
    [
      'an emergency SMS holding a sound line: the checks name the line',
      (s: Scenario) => withContactKind(withLineAdded(s, 0, { kind: 'sound', sound: 'traffic', caption: '[traffic]', durationSeconds: 1 }), 'emergency-sms'),
      ['$.clips[0].transcript[1]'],
    ],
  ] as const)('%s', (_name, edit, paths) => {
    const next = edit(voiced);
    expect(check(next).problems.map((p) => p.path)).toEqual(paths);
  });

  it('the contact kind is written only for a text contact', () => {
    const sms = withContactKind(voiced, 'online-report');
    expect(sms.metadata.contactKind).toBe('online-report');
    expect(sms.clips.every((c) => c.medium === 'text' && !c.audio)).toBe(true);
    expect(withContactKind(sms, 'voice-call').metadata).not.toHaveProperty('contactKind');
    expect(voiced.clips[0]?.audio).toBeDefined();
  });
});

describe('previewing a clip with the system voice', () => {
  const speakers = [
    { id: 'caller', label: 'Caller', role: 'caller' as const, voice: { engine: 'flite' as const, voice: 'slt', rate: 1.2 } },
    { id: 'man', label: 'Man', role: 'background' as const, voice: { engine: 'flite' as const, voice: 'rms' } },
  ];
  const clip = (transcript: TranscriptLine[]): Clip => ({ id: 'c', transcript, captions: captionsForTranscript(transcript, () => 'Caller') });

  it.each([
    ['the voice\u2019s own speed, full volume', { kind: 'speech', speaker: 'caller', text: 'Hello?' }, { text: 'Hello?', rate: 1.2, volume: 1 }],
    ['a voice with no speed set: normal', { kind: 'speech', speaker: 'man', text: 'Who is that?' }, { text: 'Who is that?', rate: 1, volume: 1 }],
    ['the line\u2019s speed over the voice\u2019s', { kind: 'speech', speaker: 'caller', text: 'Quick.', delivery: { rate: 1.5 } }, { text: 'Quick.', rate: 1.5, volume: 1 }],
    ['whispered: quieter', { kind: 'speech', speaker: 'caller', text: 'He is here.', delivery: { whisper: true } }, { text: 'He is here.', rate: 1.2, volume: WHISPER_PREVIEW_VOLUME }],
    ['louder than normal is as loud as the system voice goes', { kind: 'speech', speaker: 'man', text: 'Open up!', delivery: { volume: 1.8 } }, { text: 'Open up!', rate: 1, volume: 1 }],
    ['quiet and whispered', { kind: 'speech', speaker: 'man', text: 'Shh.', delivery: { volume: 0.5, whisper: true } }, { text: 'Shh.', rate: 1, volume: 0.5 * WHISPER_PREVIEW_VOLUME }],
  ] as const)('%s', (_what, line, utterance) => {
    expect(previewUtterances(clip([line as TranscriptLine]), speakers)).toEqual([utterance]);
  });

  it('speaks each line in turn and leaves sounds and empty lines to the caption', () => {
    const lines: TranscriptLine[] = [
      { kind: 'speech', speaker: 'caller', text: 'Police, please.' },
      { kind: 'sound', sound: 'door-banging', caption: '[banging]', durationSeconds: 2 },
      { kind: 'speech', speaker: 'caller', text: '  ' },
      { kind: 'speech', speaker: 'man', text: 'Open the door!' },
    ];
    expect(previewUtterances(clip(lines), speakers).map((u) => u.text)).toEqual(['Police, please.', 'Open the door!']);
  });
});
