import { captionAt } from '../domain/cue-time';
import type { CallMode, CallTimelineEntry, IncidentLogEntry } from '../domain/call-response-schema';
import type {
  Caption,
  CallMoment,
  CallNode,
  CallUpdate,
  Clip,
  ContactKind,
  QuestionChoiceNode,
  SharedMedia,
  SystemsDatabase,
  SystemsSubject,
} from '../domain/scenario-schema';
import { contactKindOf, findClip, findNode, systemsCheckId, systemsDatabases } from '../domain/scenario-schema';
import type { CallEnding, CallSnapshot, LiveIncidentRecord, SystemsCheckState } from './call-machine';

/** How captions show sounds: verbatim ("[child crying]") or neutrally, as in assessment mode. */
export interface CaptionOptions {
  /** Show sound lines by their neutral caption (default "[background noise]") so they give nothing away. */
  readonly neutralSounds?: boolean;
}

/** One line of the transcript so far. */
export interface TranscriptEntry {
  /** `caller`: heard on the caller's line (the caller or someone in the background); `trainee`: asked. */
  readonly who: 'caller' | 'trainee';
  /** The speaker's label for speech on the caller's line (e.g. "Man in background"); absent for sounds and the trainee. */
  readonly speaker?: string;
  readonly text: string;
  /** The clip (caller lines) or question node (trainee lines) it came from. */
  readonly sourceId: string;
}

const DEFAULT_NEUTRAL_SOUND_CAPTION = '[background noise]';

/** True while a caller clip is playing (or loading to play). */
export function selectIsPlaying(snapshot: CallSnapshot): boolean {
  return snapshot.matches({ connected: 'callerSpeaking' });
}

/** True from answering until the call ends. */
export function selectIsConnected(snapshot: CallSnapshot): boolean {
  return snapshot.matches('connected');
}

/** True while a text clip's messages are arriving (emergency SMS, online report), paused or not. */
export function selectIsReceivingText(snapshot: CallSnapshot): boolean {
  return snapshot.matches({ connected: 'callerTexting' });
}

/** The call-graph node the call is at; undefined while ringing. */
export function selectCurrentNode(snapshot: CallSnapshot): CallNode | undefined {
  if (snapshot.matches('ringing')) return undefined;
  return findNode(snapshot.context.scenario, snapshot.context.nodeId);
}

/** The clip being played, or whose audio failed; undefined otherwise. */
export function selectCurrentClip(snapshot: CallSnapshot): Clip | undefined {
  if (!snapshot.matches({ connected: 'callerSpeaking' }) && !snapshot.matches({ connected: 'audioFailed' }) && !selectIsReceivingText(snapshot)) {
    return undefined;
  }
  const node = selectCurrentNode(snapshot);
  return node?.kind === 'callerSpeech' ? findClip(snapshot.context.scenario, node.clip) : undefined;
}

/** The caption showing now in the playing clip (by `captionAt` and `clipSeconds`), if any. */
export function selectCurrentCaption(snapshot: CallSnapshot, options: CaptionOptions = {}): Caption | undefined {
  if (!selectIsPlaying(snapshot)) return undefined;
  const clip = selectCurrentClip(snapshot);
  const caption = clip ? captionAt(clip.captions, snapshot.context.clipSeconds) : undefined;
  return clip && caption ? displayCaption(clip, caption, options) : undefined;
}

/** The question the trainee is choosing now (prompt and options); undefined otherwise. */
export function selectQuestionChoice(snapshot: CallSnapshot): Pick<QuestionChoiceNode, 'id' | 'prompt' | 'options'> | undefined {
  if (!snapshot.matches({ connected: 'traineeChoosing' })) return undefined;
  const node = selectCurrentNode(snapshot);
  return node?.kind === 'questionChoice' ? node : undefined;
}

/** The options the trainee can ask now; empty unless choosing. */
export function selectAvailableOptions(snapshot: CallSnapshot): QuestionChoiceNode['options'] {
  return selectQuestionChoice(snapshot)?.options ?? [];
}

/** Why the current clip could not play, when it could not; the screen then shows its full text. */
export function selectAudioProblem(snapshot: CallSnapshot): string | null {
  return snapshot.matches({ connected: 'audioFailed' }) ? snapshot.context.audioProblem : null;
}

/**
 * Everything said on the call so far, in order: the lines of each caller clip and the text of
 * each question the trainee asked. A clip heard to its end, or whose audio failed (the screen
 * then shows it as text), gives all its transcript lines; the playing clip gives the lines whose
 * captions have started by `clipSeconds`; a clip cut off by hanging up, those started before it
 * stopped. Lines come from the clip's transcript, so a clip not yet rendered (no audio, no
 * captions) still reads in full when it fails.
 */
export function selectTranscript(snapshot: CallSnapshot, options: CaptionOptions = {}): TranscriptEntry[] {
  const { context } = snapshot;
  const playing = selectIsPlaying(snapshot) || selectIsReceivingText(snapshot);
  const entries: TranscriptEntry[] = [];
  context.heard.forEach((item, index) => {
    if (item.kind === 'trainee') {
      entries.push({ who: 'trainee', text: item.text, sourceId: item.nodeId });
      return;
    }
    const clip = findClip(context.scenario, item.clipId);
    if (!clip) return;
    const isCurrent = playing && index === context.heard.length - 1;
    const until = isCurrent ? context.clipSeconds : item.cutOffAtSeconds;
    const started = until === null ? null : new Set(clip.captions.filter((caption) => caption.start <= until).map((caption) => caption.line));
    clip.transcript.forEach((line, lineIndex) => {
      if (started && !started.has(lineIndex)) return;
      if (line.kind === 'speech') {
        const speaker = context.scenario.speakers.find((candidate) => candidate.id === line.speaker)?.label ?? line.speaker;
        entries.push({ who: 'caller', speaker, text: line.text, sourceId: clip.id });
      } else {
        const text = options.neutralSounds ? (line.neutralCaption ?? DEFAULT_NEUTRAL_SOUND_CAPTION) : line.caption;
        entries.push({ who: 'caller', text, sourceId: clip.id });
      }
    });
  });
  return entries;
}

/** How the call ended; null until it has. */
export function selectEnding(snapshot: CallSnapshot): CallEnding | null {
  return snapshot.context.ending;
}

/** What the trainee is told when the call ends: the end node's summary, or that they hung up. */
export function selectEndSummary(snapshot: CallSnapshot): string | null {
  const ending = snapshot.context.ending;
  if (!ending) return null;
  switch (ending.kind) {
    case 'endNode': {
      const node = findNode(snapshot.context.scenario, ending.nodeId);
      return node?.kind === 'end' ? node.summary : null;
    }
    case 'traineeHungUp':
      return 'You ended the call.';
    case 'callGraphBroken':
      return `The call could not continue: ${ending.message}`;
  }
}

/** The grade the trainee has chosen so far, to prefill the assessment form. */
export function selectGrade(snapshot: CallSnapshot): string | null {
  return snapshot.context.grade;
}

/** A caption as it should be shown: sound lines neutral when asked. */
function displayCaption(clip: Clip, caption: Caption, options: CaptionOptions): Caption {
  if (!options.neutralSounds) return caption;
  const line = clip.transcript[caption.line];
  if (line?.kind !== 'sound') return caption;
  return { ...caption, text: line.neutralCaption ?? DEFAULT_NEUTRAL_SOUND_CAPTION };
}

/** Practice or assessment, as the call was started. */
export function selectMode(snapshot: CallSnapshot): CallMode {
  return snapshot.context.mode;
}

/** Voice call, emergency SMS, online report or social-media message. */
export function selectContactKind(snapshot: CallSnapshot): ContactKind {
  return contactKindOf(snapshot.context.scenario);
}

/** Whether the screen may offer pause and replay: practice mode only. */
export function selectCanPause(snapshot: CallSnapshot): boolean {
  return snapshot.context.mode === 'practice';
}

/** True while the trainee has paused a text conversation (practice mode). */
export function selectIsTextPaused(snapshot: CallSnapshot): boolean {
  return snapshot.matches({ connected: { callerTexting: 'paused' } });
}

/**
 * The coaching hint to show now, practice mode only (always null in assessment): after a decision,
 * the chosen option's coaching while the call follows it; while choosing, the node's own hint.
 */
export function selectCoachingHint(snapshot: CallSnapshot): { readonly kind: 'before-decision' | 'after-decision'; readonly text: string } | null {
  const { context } = snapshot;
  if (context.mode !== 'practice') return null;
  const choosing = selectQuestionChoice(snapshot);
  if (choosing) {
    const node = findNode(context.scenario, choosing.id);
    return node?.kind === 'questionChoice' && node.coaching ? { kind: 'before-decision', text: node.coaching } : null;
  }
  const last = context.lastDecision;
  if (!last) return null;
  const node = findNode(context.scenario, last.nodeId);
  const option = node?.kind === 'questionChoice' ? node.options.find((o) => o.id === last.optionId) : undefined;
  return option?.coaching ? { kind: 'after-decision', text: option.coaching } : null;
}

/** Every entry of the live incident log so far, in time order. */
export function selectIncidentLog(snapshot: CallSnapshot): readonly IncidentLogEntry[] {
  return snapshot.context.incidentLog;
}

/** The live incident record as it stands (ratings, actions, incident type, location text); the grade is `selectGrade`. */
export function selectLiveRecord(snapshot: CallSnapshot): LiveIncidentRecord {
  return snapshot.context.live;
}

/** Clips started and updates shown so far, with ms since answering: the debrief timeline's caller lane. */
export function selectCallTimeline(snapshot: CallSnapshot): readonly CallTimelineEntry[] {
  return snapshot.context.callTimeline;
}

/** A systems check with what the screen shows of it: running, or its records ("no trace" when none). */
export interface CheckView extends SystemsCheckState {
  readonly status: 'running' | 'no-trace' | 'records';
  readonly subjectLabel: string;
}

/** Every systems check asked for so far, newest last. */
export function selectChecks(snapshot: CallSnapshot): CheckView[] {
  const subjects = snapshot.context.scenario.systems?.subjects ?? [];
  return snapshot.context.checks.map((check) => ({
    ...check,
    status: check.resultAtMs === null ? 'running' : check.records.length === 0 ? 'no-trace' : 'records',
    subjectLabel: subjects.find((s) => s.id === check.subject)?.label ?? check.subject,
  }));
}

/**
 * What the trainee can search now: each subject known so far (the caller's number and address
 * from the start; a named person once the caller has named them) with every database, so the list
 * never gives away which checks matter. Empty when the scenario has no systems.
 */
export function selectAvailableChecks(
  snapshot: CallSnapshot,
): { readonly subject: SystemsSubject; readonly databases: readonly SystemsDatabase[]; readonly checkIds: readonly string[] }[] {
  const systems = snapshot.context.scenario.systems;
  if (!systems || snapshot.context.answeredAtMs === null) return [];
  return systems.subjects
    .filter((subject) => !subject.knownFrom || momentReached(snapshot, subject.knownFrom))
    .map((subject) => ({ subject, databases: systemsDatabases, checkIds: systemsDatabases.map((database) => systemsCheckId(database, subject.id)) }));
}

/** The mid-call updates shown so far (second call, ambulance update, alert), with when. */
export function selectUpdatesShown(snapshot: CallSnapshot): { readonly update: CallUpdate; readonly atMs: number }[] {
  const updates = snapshot.context.scenario.updates ?? [];
  return snapshot.context.callTimeline.flatMap((entry) => {
    if (entry.kind !== 'update-shown') return [];
    const update = updates.find((u) => u.id === entry.updateId);
    return update ? [{ update, atMs: entry.atMs }] : [];
  });
}

/** Pictures or clips the caller has shared so far. */
export function selectSharedMedia(snapshot: CallSnapshot): SharedMedia[] {
  if (snapshot.context.answeredAtMs === null) return [];
  return (snapshot.context.scenario.sharedMedia ?? []).filter((media) => !media.at || momentReached(snapshot, media.at));
}

/** Whether a scenario moment has happened in this call: a clip heard to its end, or a time since answering. */
function momentReached(snapshot: CallSnapshot, moment: CallMoment): boolean {
  const { context } = snapshot;
  if ('atSeconds' in moment) return context.answeredAtMs !== null && context.now() - context.answeredAtMs >= moment.atSeconds * 1000;
  const last = context.heard.length - 1;
  const current = selectIsPlaying(snapshot) || selectIsReceivingText(snapshot) || snapshot.matches({ connected: 'audioFailed' });
  return context.heard.some((item, index) => item.kind === 'caller' && item.clipId === moment.afterClip && !(current && index === last));
}
