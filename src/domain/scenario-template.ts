import type { AnswerKey, ElementJudgement } from './answer-key-schema';
import type { ForcePolicy } from './force-policy-schema';
import { SCENARIO_FORMAT_VERSION, type Caption, type Scenario, type TranscriptLine } from './scenario-schema';

/** A scenario and its answer key as a trainer starts them. */
export interface ScenarioStart {
  readonly scenario: Scenario;
  readonly answerKey: AnswerKey;
}

/** Seconds of speech a line of text takes, at about 2.5 words a second (at least 1 s). */
export function estimatedSpeechSeconds(text: string): number {
  const words = text.trim().split(/\s+/).filter(Boolean).length;
  return Math.max(1, Math.round((words / 2.5) * 10) / 10);
}

/**
 * Caption timings for a clip's transcript, shared across `durationSeconds` in proportion to each
 * line's estimated length (sounds by their own duration). Used when a clip has no audio yet and
 * when audio arrives (its decoded duration then sets the total); the trainer can adjust them.
 */
export function captionsForTranscript(transcript: readonly TranscriptLine[], speakerLabel: (speakerId: string) => string, durationSeconds?: number): Caption[] {
  const weights = transcript.map((line) => (line.kind === 'speech' ? estimatedSpeechSeconds(line.text) : line.durationSeconds));
  const natural = weights.reduce((sum, w) => sum + w, 0);
  const total = durationSeconds ?? natural;
  let start = 0;
  return transcript.map((line, index) => {
    const isLast = index === transcript.length - 1;
    const end = isLast ? total : Math.round((start + ((weights[index] ?? 0) / natural) * total) * 100) / 100;
    const caption: Caption =
      line.kind === 'speech'
        ? { start, end, text: line.text, speaker: speakerLabel(line.speaker), line: index }
        : { start, end, text: line.caption, line: index };
    start = end;
    return caption;
  });
}

const speech = (text: string): TranscriptLine[] => [{ kind: 'speech', speaker: 'caller', text }];

/**
 * The "two-branch call" template: an opening caller line, one question choice whose two options
 * lead to two different caller lines, each ending the call; with a complete answer key under
 * `policy` (a judgement per THRIVE+ element, a grade, a required safeguarding action, a key
 * question on the first option, a teaching point), so the expert answer scores full marks once
 * every clip has audio. Ids and words are placeholders for the trainer to rewrite.
 */
export function twoBranchTemplate(scenarioId: string, policy: ForcePolicy): ScenarioStart {
  const lines = {
    'c-opening': 'Police? There is a man shouting outside my flat and banging on the door.',
    'c-answer-safe': 'Yes, I have locked the door. He is still out there, he has a bottle.',
    'c-answer-name': 'It is Sam. Please hurry, he is kicking the door now.',
  } as const;
  const label = () => 'Caller';
  const clips = Object.entries(lines).map(([id, text]) => {
    const transcript = speech(text);
    return { id, transcript, captions: captionsForTranscript(transcript, label) };
  });
  const scenario: Scenario = {
    formatVersion: SCENARIO_FORMAT_VERSION,
    id: scenarioId,
    version: 1,
    forcePolicy: policy.id,
    metadata: {
      title: 'New two-branch call',
      summary: 'A caller reports a man at their door. Rewrite this summary without giving the answer away.',
      incidentType: 'suspicious-circumstances',
      channel: '999',
      difficulty: 'recruit',
      estimatedMinutes: 3,
      learningObjectives: ['Establish whether the caller is safe'],
      contentWarnings: [],
    },
    callContext: { callerNumber: '07700 900000' },
    speakers: [{ id: 'caller', label: 'Caller', role: 'caller', voice: { engine: 'flite', voice: 'slt' } }],
    clips,
    callGraph: {
      start: 'n-opening',
      nodes: [
        { id: 'n-opening', kind: 'callerSpeech', clip: 'c-opening', next: 'q-first' },
        {
          id: 'q-first',
          kind: 'questionChoice',
          prompt: 'What do you ask first?',
          options: [
            { id: 'o-ask-safe', text: 'Are you safe where you are? Can you lock the door?', next: 'n-answer-safe' },
            { id: 'o-ask-name', text: 'What is your name?', next: 'n-answer-name' },
          ],
        },
        { id: 'n-answer-safe', kind: 'callerSpeech', clip: 'c-answer-safe', next: 'end-safe' },
        { id: 'n-answer-name', kind: 'callerSpeech', clip: 'c-answer-name', next: 'end-name' },
        { id: 'end-safe', kind: 'end', outcome: 'call-completed', summary: 'Officers are on their way; the caller stays behind the locked door.' },
        { id: 'end-name', kind: 'end', outcome: 'call-completed', summary: 'Officers are on their way.' },
      ],
    },
  };
  const scale = policy.framework.ratingScale.map((r) => r.id);
  const top = scale[scale.length - 1] as string;
  const cue = { clip: 'c-answer-safe', line: 0 };
  const thrive: Record<string, ElementJudgement> = Object.fromEntries(
    policy.framework.elements.map((element) => [
      element.id,
      { expected: top, acceptable: [], rationale: `Why ${element.name} is rated ${top}: replace with the expert's reasoning.`, cues: [cue] },
    ]),
  );
  const firstAction = policy.safeguardingActions[0];
  const answerKey: AnswerKey = {
    formatVersion: 1,
    scenarioId,
    scenarioVersion: 1,
    expert: { name: 'Trainer', role: 'Call handling trainer' },
    thrive,
    grade: { expected: policy.grades[0]?.id ?? 'emergency', acceptable: [], rationale: 'A man armed with a bottle is trying to get in now.', cues: [cue] },
    safeguardingActions: firstAction ? [{ action: firstAction.id, verdict: 'required', reason: 'Replace with why the expert takes this action.' }] : [],
    keyQuestions: [{ id: 'kq-safe', question: 'Is the caller safe?', optionIds: ['o-ask-safe'], reason: 'The caller\u2019s safety comes first.' }],
    criticalMisses: [],
    teachingPoints: [{ text: 'Establish the caller\u2019s safety before details.', reference: 'APP Call handling' }],
  };
  return { scenario, answerKey };
}

/** An empty start: the template under another name is the least a trainer must fill in. */
export const SCENARIO_TEMPLATES = [{ id: 'two-branch-call', name: 'Two-branch call', make: twoBranchTemplate }] as const;
