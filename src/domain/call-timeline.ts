import { isUpdateMoment, type KeyMoment } from './answer-key-schema';
import type { AskedQuestion, CallResponse, CallTimelineEntry } from './call-response-schema';
import { cueTime } from './cue-time';
import type { CallPath } from './scenario-graph';
import { findClip, findNode, type CallMoment, type Clip, type Scenario } from './scenario-schema';

/** Seconds a clip lasts: its audio, else its last caption's end (text clips), else 0. */
export function clipSeconds(clip: Clip): number {
  return clip.audio?.durationSeconds ?? clip.captions.at(-1)?.end ?? 0;
}

/**
 * When a key moment reached the trainee, in ms since answering, read from the response's call
 * timeline: a cue is the start of its clip plus the cue's time in the clip (from captions); an
 * update is when it was shown. Null when the trainee never met it, or the response has no
 * timeline (attempts recorded before it existed).
 */
export function momentAtMs(scenario: Scenario, moment: KeyMoment, timeline: readonly CallTimelineEntry[] | undefined): number | null {
  if (!timeline) return null;
  if (isUpdateMoment(moment)) {
    return timeline.find((entry) => entry.kind === 'update-shown' && entry.updateId === moment.update)?.atMs ?? null;
  }
  const started = timeline.find((entry) => entry.kind === 'clip-started' && entry.clipId === moment.clip);
  if (!started) return null;
  const seconds = cueTime(scenario, moment) ?? 0;
  return started.atMs + Math.round(seconds * 1000);
}

/** One grade the trainee held from `atMs` on. */
export interface GradeAt {
  readonly atMs: number;
  readonly grade: string | null;
}

/**
 * The trainee's grade over time: the incident log's grade entries in order, then the submitted
 * grade at submission if it differs. A response without an incident log (older attempts) holds
 * its final grade from `timeToGradeMs` (or submission).
 */
export function gradeHistory(response: CallResponse): GradeAt[] {
  const history: GradeAt[] = [];
  const log = response.incidentLog;
  if (log) {
    for (const entry of log) if (entry.kind === 'grade') history.push({ atMs: entry.atMs, grade: entry.grade });
  } else if (response.assessment.grade !== null) {
    history.push({ atMs: response.timings.timeToGradeMs ?? response.timings.timeToSubmitMs, grade: response.assessment.grade });
  }
  const last = history.at(-1);
  if ((last?.grade ?? null) !== response.assessment.grade) {
    history.push({ atMs: Math.max(response.timings.timeToSubmitMs, last?.atMs ?? 0), grade: response.assessment.grade });
  }
  return history;
}

/** The grade held at `atMs` (the last one set at or before it); null before any. */
export function gradeAt(history: readonly GradeAt[], atMs: number): string | null {
  let grade: string | null = null;
  for (const entry of history) if (entry.atMs <= atMs) grade = entry.grade;
  return grade;
}

/** When a scenario moment happens on a replayed path: ms since answering, or null if the path never reaches it. */
export function scenarioMomentAtMs(moment: CallMoment, clipEnds: ReadonlyMap<string, number>): number | null {
  if ('atSeconds' in moment) return moment.atSeconds * 1000;
  return clipEnds.get(moment.afterClip) ?? null;
}

/** A path through the call with the time each thing happens, as an expert taking it would meet them. */
export interface ReplayedCall {
  readonly questionsAsked: AskedQuestion[];
  readonly callTimeline: CallTimelineEntry[];
  /** When each clip on the path finished, ms since answering. */
  readonly clipEnds: ReadonlyMap<string, number>;
  readonly durationMs: number;
}

/** Milliseconds an expert takes to choose a question when replaying a path. */
export const EXPERT_QUESTION_MS = 2_000;

/**
 * Replays a call path: each clip lasts its audio (or, for text, its last caption), each question
 * takes {@link EXPERT_QUESTION_MS}; updates are shown after their clip ends or at their time, if
 * the call lasts that long.
 */
export function replayCallPath(scenario: Scenario, path: CallPath): ReplayedCall {
  const questionsAsked: AskedQuestion[] = [];
  const timeline: CallTimelineEntry[] = [];
  const clipEnds = new Map<string, number>();
  const pending = [...path.asked];
  let nodeId = scenario.callGraph.start;
  let atMs = 0;
  for (let guard = 0; guard < 10_000; guard += 1) {
    const node = findNode(scenario, nodeId);
    if (!node || node.kind === 'end') break;
    if (node.kind === 'callerSpeech') {
      const clip = findClip(scenario, node.clip);
      timeline.push({ kind: 'clip-started', atMs, clipId: node.clip });
      atMs += Math.round((clip ? clipSeconds(clip) : 0) * 1000);
      if (!clipEnds.has(node.clip)) clipEnds.set(node.clip, atMs);
      nodeId = node.next;
    } else {
      const step = pending.shift();
      if (!step || step.nodeId !== node.id) break;
      const option = node.options.find((o) => o.id === step.optionId);
      if (!option) break;
      atMs += EXPERT_QUESTION_MS;
      questionsAsked.push({ nodeId: node.id, optionId: option.id, atMs });
      nodeId = option.next;
    }
  }
  for (const update of scenario.updates ?? []) {
    const shownAt = scenarioMomentAtMs(update.at, clipEnds);
    if (shownAt !== null && shownAt <= atMs) timeline.push({ kind: 'update-shown', atMs: shownAt, updateId: update.id });
  }
  timeline.sort((a, b) => a.atMs - b.atMs);
  return { questionsAsked, callTimeline: timeline, clipEnds, durationMs: atMs };
}
