import { isUpdateMoment, type AnswerKey, type Cue, type KeyMoment } from './answer-key-schema';
import { captionsForTranscript, estimatedSpeechSeconds } from './scenario-template';
import type { Caption, Clip, ContactKind, Scenario, Speaker, TranscriptLine } from './scenario-schema';
import { nextFreeId } from './studio-systems-edit';

/**
 * What the trainer studio changes in a scenario's clips and voices: adding and removing the
 * lines of a clip (speech or sound), who says a speech line, the voices themselves, and whether
 * a clip is heard (audio) or read (text messages). Each function returns a new value and leaves
 * its input alone, and keeps the captions consistent with the transcript, so the live checks
 * only ever ask for what the trainer has still to write:
 *
 * - a clip with audio has its captions re-derived over the audio's duration
 *   ({@link captionsForTranscript}), as when audio arrives;
 * - a clip without audio (not yet recorded, or text messages whose caption starts are the
 *   messages' arrival times) keeps the timings the trainer set: a new line's caption follows the
 *   last one, a removed line's caption goes and later captions point at their line's new index.
 *
 * Removing a line also moves the answer key's cues on later lines of that clip up by one; a cue
 * on the removed line itself goes (a re-grade, which cannot be without its moment, goes with it).
 */

/** How long a new sound line lasts, in seconds. */
export const DEFAULT_SOUND_SECONDS = 2;

/** What a sound line's caption says in assessment mode when it names no neutral caption. */
export const DEFAULT_NEUTRAL_CAPTION = '[background noise]';

/** The voice a new (background) voice starts with; the trainer's audio replaces it. */
const NEW_VOICE: Speaker['voice'] = { engine: 'flite', voice: 'rms' };

/** A caption name for each speaker id (the id itself when the scenario has no such speaker). */
export function speakerLabeller(speakers: readonly Speaker[]): (speakerId: string) => string {
  return (speakerId) => speakers.find((s) => s.id === speakerId)?.label ?? speakerId;
}

/** A new speech line for the caller (else the first voice), its words still to write. */
export function emptySpeechLine(speakers: readonly Speaker[]): TranscriptLine {
  const speaker = speakers.find((s) => s.role === 'caller') ?? speakers[0];
  return { kind: 'speech', speaker: speaker?.id ?? 'caller', text: '' };
}

/** A new sound line (a child crying, {@link DEFAULT_SOUND_SECONDS} long), its caption still to write. */
export function emptySoundLine(): TranscriptLine {
  return { kind: 'sound', sound: 'child-crying', caption: '', durationSeconds: DEFAULT_SOUND_SECONDS };
}

const round2 = (seconds: number) => Math.round(seconds * 100) / 100;

function lineSeconds(line: TranscriptLine): number {
  return line.kind === 'speech' ? estimatedSpeechSeconds(line.text) : line.durationSeconds;
}

function captionOf(line: TranscriptLine, index: number, start: number, end: number, label: (id: string) => string): Caption {
  return line.kind === 'speech'
    ? { start, end, text: line.text, speaker: label(line.speaker), line: index }
    : { start, end, text: line.caption, line: index };
}

function replaceClip(scenario: Scenario, clipIndex: number, clip: Clip): Scenario {
  return { ...scenario, clips: scenario.clips.map((c, i) => (i === clipIndex ? clip : c)) };
}

/**
 * The scenario with `line` added at the end of clip `clipIndex`, and a caption for it: after the
 * last caption, as long as the line (estimated), or all re-derived over the clip's audio.
 */
export function withLineAdded(scenario: Scenario, clipIndex: number, line: TranscriptLine): Scenario {
  const clip = scenario.clips[clipIndex];
  if (!clip) return scenario;
  const transcript = [...clip.transcript, line];
  const label = speakerLabeller(scenario.speakers);
  let captions: Caption[];
  if (clip.audio) captions = captionsForTranscript(transcript, label, clip.audio.durationSeconds);
  else if (clip.captions.length === 0) captions = captionsForTranscript(transcript, label);
  else {
    const start = Math.max(...clip.captions.map((c) => c.end));
    captions = [...clip.captions, captionOf(line, transcript.length - 1, start, round2(start + lineSeconds(line)), label)];
  }
  return replaceClip(scenario, clipIndex, { ...clip, transcript, captions });
}

/**
 * The scenario without line `lineIndex` of clip `clipIndex`, and its answer key with the cues
 * remapped ({@link answerKeyWithLineRemoved}). A clip's only line stays: a clip needs one.
 */
export function withLineRemoved(scenario: Scenario, answerKey: AnswerKey, clipIndex: number, lineIndex: number): { scenario: Scenario; answerKey: AnswerKey } {
  const clip = scenario.clips[clipIndex];
  if (!clip || clip.transcript.length <= 1 || lineIndex < 0 || lineIndex >= clip.transcript.length) return { scenario, answerKey };
  const transcript = clip.transcript.filter((_, j) => j !== lineIndex);
  const captions = clip.audio
    ? captionsForTranscript(transcript, speakerLabeller(scenario.speakers), clip.audio.durationSeconds)
    : clip.captions.filter((c) => c.line !== lineIndex).map((c) => (c.line > lineIndex ? { ...c, line: c.line - 1 } : c));
  return {
    scenario: replaceClip(scenario, clipIndex, { ...clip, transcript, captions }),
    answerKey: answerKeyWithLineRemoved(answerKey, clip.id, lineIndex),
  };
}

/** A cue once line `lineIndex` of clip `clipId` is gone: the same, one line up, or undefined (it was on that line). */
export function cueAfterLineRemoved<T extends Cue>(cue: T, clipId: string, lineIndex: number): T | undefined {
  if (cue.clip !== clipId || cue.line < lineIndex) return cue;
  return cue.line === lineIndex ? undefined : { ...cue, line: cue.line - 1 };
}

function momentAfterLineRemoved(moment: KeyMoment, clipId: string, lineIndex: number): KeyMoment | undefined {
  return isUpdateMoment(moment) ? moment : cueAfterLineRemoved(moment, clipId, lineIndex);
}

function cuesAfter(cues: readonly Cue[], clipId: string, lineIndex: number): Cue[] {
  return cues.flatMap((cue) => {
    const kept = cueAfterLineRemoved(cue, clipId, lineIndex);
    return kept ? [kept] : [];
  });
}

/**
 * The answer key once line `lineIndex` of clip `clipId` is removed: every cue and key moment on
 * a later line of that clip moves up one line; one on the removed line goes: from a list of
 * cues, as a key question's or critical miss's cue, as a required check's `by` (the check is
 * then due any time before the call ends), and a re-grade after it goes whole. Optional lists
 * left empty are left out, as a hand-written key would.
 */
export function answerKeyWithLineRemoved(key: AnswerKey, clipId: string, lineIndex: number): AnswerKey {
  const at = (cues: readonly Cue[]) => cuesAfter(cues, clipId, lineIndex);
  const next: AnswerKey = {
    ...key,
    thrive: Object.fromEntries(Object.entries(key.thrive).map(([id, judgement]) => [id, { ...judgement, cues: at(judgement.cues) }])),
    grade: { ...key.grade, cues: at(key.grade.cues) },
    safeguardingActions: key.safeguardingActions.map((judgement) => {
      if (!judgement.cues) return judgement;
      const { cues, ...rest } = judgement;
      const kept = at(cues);
      return kept.length > 0 ? { ...rest, cues: kept } : rest;
    }),
    keyQuestions: key.keyQuestions.map((question) => {
      if (!question.cue) return question;
      const { cue, ...rest } = question;
      const kept = cueAfterLineRemoved(cue, clipId, lineIndex);
      return kept ? { ...rest, cue: kept } : rest;
    }),
    criticalMisses: key.criticalMisses.map((miss) => {
      if (!miss.cue) return miss;
      const { cue, ...rest } = miss;
      const kept = cueAfterLineRemoved(cue, clipId, lineIndex);
      return kept ? { ...rest, cue: kept } : rest;
    }),
  };
  if (key.location) next.location = { ...key.location, cues: at(key.location.cues) };
  if (key.requiredChecks) {
    next.requiredChecks = key.requiredChecks.map((check) => {
      if (!check.by) return check;
      const { by, withinSeconds, ...rest } = check;
      const kept = momentAfterLineRemoved(by, clipId, lineIndex);
      return kept ? { ...rest, by: kept, ...(withinSeconds !== undefined ? { withinSeconds } : {}) } : rest;
    });
  }
  if (key.regrades) {
    const regrades = key.regrades.flatMap((regrade) => {
      const after = momentAfterLineRemoved(regrade.after, clipId, lineIndex);
      return after ? [{ ...regrade, after }] : [];
    });
    if (regrades.length > 0) next.regrades = regrades;
    else delete next.regrades;
  }
  return next;
}

/** The scenario with speech line `lineIndex` of clip `clipIndex` said by `speakerId`, its caption naming them. */
export function withLineSpeaker(scenario: Scenario, clipIndex: number, lineIndex: number, speakerId: string): Scenario {
  const clip = scenario.clips[clipIndex];
  const line = clip?.transcript[lineIndex];
  if (!clip || line?.kind !== 'speech') return scenario;
  const name = speakerLabeller(scenario.speakers)(speakerId);
  return replaceClip(scenario, clipIndex, {
    ...clip,
    transcript: clip.transcript.map((l, j) => (j === lineIndex ? { ...line, speaker: speakerId } : l)),
    captions: clip.captions.map((c) => (c.line === lineIndex ? { ...c, speaker: name } : c)),
  });
}

/** The scenario with voice `speakerIndex` given the caption name `label`, in its captions too. */
export function withSpeakerLabel(scenario: Scenario, speakerIndex: number, label: string): Scenario {
  const speaker = scenario.speakers[speakerIndex];
  if (!speaker) return scenario;
  // Another voice with the same id (a duplicate the checks name) keeps the captions as they are.
  const unique = scenario.speakers.filter((s) => s.id === speaker.id).length === 1;
  return {
    ...scenario,
    speakers: scenario.speakers.map((s, i) => (i === speakerIndex ? { ...s, label } : s)),
    clips: !unique
      ? scenario.clips
      : scenario.clips.map((clip) => ({
          ...clip,
          captions: clip.captions.map((c) => {
            const line = clip.transcript[c.line];
            return line?.kind === 'speech' && line.speaker === speaker.id ? { ...c, speaker: label } : c;
          }),
        })),
  };
}

/** How many speech lines voice `speakerId` says, across every clip. */
export function linesSpokenBy(scenario: Scenario, speakerId: string): number {
  return scenario.clips.reduce((n, clip) => n + clip.transcript.filter((l) => l.kind === 'speech' && l.speaker === speakerId).length, 0);
}

/** The scenario with one more voice (`voice-N`, heard in the background), its caption name still to write. */
export function withVoiceAdded(scenario: Scenario): Scenario {
  const id = nextFreeId('voice', scenario.speakers.map((s) => s.id));
  return { ...scenario, speakers: [...scenario.speakers, { id, label: '', role: 'background', voice: NEW_VOICE }] };
}

/** Whether voice `speakerIndex` can go: no line uses it and it is not the only voice. */
export function canRemoveVoice(scenario: Scenario, speakerIndex: number): boolean {
  const speaker = scenario.speakers[speakerIndex];
  if (!speaker || scenario.speakers.length <= 1) return false;
  const namesake = scenario.speakers.some((s, i) => i !== speakerIndex && s.id === speaker.id);
  return namesake || linesSpokenBy(scenario, speaker.id) === 0;
}

/** The scenario without voice `speakerIndex`; unchanged when a line still uses it ({@link canRemoveVoice}). */
export function withVoiceRemoved(scenario: Scenario, speakerIndex: number): Scenario {
  if (!canRemoveVoice(scenario, speakerIndex)) return scenario;
  return { ...scenario, speakers: scenario.speakers.filter((_, i) => i !== speakerIndex) };
}

/** How a clip reaches the call handler. */
export type ClipMedium = 'audio' | 'text';

export function clipMediumOf(clip: Clip): ClipMedium {
  return clip.medium === 'text' ? 'text' : 'audio';
}

/**
 * The clip heard (`audio`) or read as text messages (`text`). A text clip has no audio (nor its
 * provenance); its captions stay, their starts now the messages' arrival times (a clip with
 * none gets estimated ones). Back to audio, the clip needs audio again. Sound lines stay, for
 * the checks to name in a text clip.
 */
export function withClipMedium(clip: Clip, medium: ClipMedium, label: (speakerId: string) => string): Clip {
  if (clipMediumOf(clip) === medium) return clip;
  const { medium: _medium, audio: _audio, provenance: _provenance, ...rest } = clip;
  const captions = clip.captions.length > 0 ? clip.captions : captionsForTranscript(clip.transcript, label);
  return medium === 'text' ? { ...rest, medium: 'text', captions } : { ...rest, captions };
}

/**
 * The scenario as a `kind` contact, every clip with it: a voice call's clips heard, a text
 * contact's (emergency SMS, online report, social-media message) read. `voice-call` is left out
 * of the metadata, as it is the default.
 */
export function withContactKind(scenario: Scenario, kind: ContactKind): Scenario {
  const { contactKind: _kind, ...metadata } = scenario.metadata;
  const label = speakerLabeller(scenario.speakers);
  const medium: ClipMedium = kind === 'voice-call' ? 'audio' : 'text';
  return {
    ...scenario,
    metadata: kind === 'voice-call' ? metadata : { ...metadata, contactKind: kind },
    clips: scenario.clips.map((clip) => withClipMedium(clip, medium, label)),
  };
}

/** One utterance of a clip's preview with the system's speech voice, in SpeechSynthesis terms. */
export interface PreviewUtterance {
  readonly text: string;
  /** 1 is normal speed. */
  readonly rate: number;
  /** 0 to 1. */
  readonly volume: number;
}

/** The share of its volume a whispered line is previewed at: a system voice cannot whisper. */
export const WHISPER_PREVIEW_VOLUME = 0.4;

/**
 * A clip as the studio previews it with a system voice: each spoken line with its speed (the
 * line's delivery, else its voice's, else normal) and volume (quieter when whispered). Sounds
 * are not spoken: their captions are shown.
 */
export function previewUtterances(clip: Clip, speakers: readonly Speaker[]): PreviewUtterance[] {
  return clip.transcript.flatMap((line) => {
    if (line.kind !== 'speech' || line.text.trim() === '') return [];
    const voice = speakers.find((s) => s.id === line.speaker)?.voice;
    const volume = Math.min(1, line.delivery?.volume ?? 1) * (line.delivery?.whisper ? WHISPER_PREVIEW_VOLUME : 1);
    return [{ text: line.text, rate: line.delivery?.rate ?? voice?.rate ?? 1, volume }];
  });
}
