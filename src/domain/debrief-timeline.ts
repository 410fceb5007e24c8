import { isUpdateMoment, type KeyMoment } from './answer-key-schema';
import type { CallResponse, CallTimelineEntry, IncidentLogEntry } from './call-response-schema';
import { clipSeconds, momentAtMs } from './call-timeline';
import { cueTime } from './cue-time';
import type { ForcePolicy } from './force-policy-schema';
import { isTextClip, type Clip, type Scenario } from './scenario-schema';
import type { ScoreReport } from './score-report-schema';
import { DATABASE_NAMES } from './scoring';

/** Seconds of call played before a moment when the debrief replays it ("play from just before"). */
export const REPLAY_LEAD_IN_SECONDS = 5;

/** The three lanes of the debrief timeline. */
export const timelineLanes = ['caller', 'trainee', 'expert'] as const;
export type TimelineLane = (typeof timelineLanes)[number];

/**
 * What a marker is, which also fixes its shape: caller clip (bar), update (diamond), trainee
 * action (circle), trainee decision: grade change (square), expert "should by" marker (triangle).
 */
export type TimelineMarkerKind = 'clip' | 'update' | 'action' | 'decision' | 'expected';

export interface TimelineMarker {
  /** Unique within the timeline. */
  readonly id: string;
  readonly lane: TimelineLane;
  readonly kind: TimelineMarkerKind;
  /** Milliseconds since answering. */
  readonly atMs: number;
  /** Plain words, shown as text (never HTML). */
  readonly label: string;
  /**
   * The key moment an expert marker stands for. Replaying the marker replays this cue in its own
   * clip, not whatever clip the trainee happened to be hearing at that time of their call.
   */
  readonly moment?: KeyMoment;
}

export interface DebriefTimeline {
  /** From answering to the last thing on the timeline (at least the call's length). */
  readonly durationMs: number;
  /** Every marker, in time order (then caller, trainee, expert). */
  readonly markers: readonly TimelineMarker[];
}

/** Where the debrief player starts to replay a moment: a clip, from a few seconds before the moment. */
export interface ReplayPoint {
  readonly clipId: string;
  /** Index of the clip in the scenario (0-based). */
  readonly clipIndex: number;
  /** Where playback starts, seconds into the clip: the moment minus the lead-in, never before 0. */
  readonly fromSeconds: number;
  /** The moment itself, seconds into the clip. */
  readonly momentSeconds: number;
  /** A text contact's clip: show its messages up to the moment instead of playing audio. */
  readonly text: boolean;
}

function replayPointIn(scenario: Scenario, clip: Clip, momentSeconds: number, leadInSeconds: number): ReplayPoint {
  const moment = Math.max(0, Math.min(momentSeconds, clipSeconds(clip)));
  return {
    clipId: clip.id,
    clipIndex: scenario.clips.indexOf(clip),
    fromSeconds: Math.max(0, moment - leadInSeconds),
    momentSeconds: moment,
    text: isTextClip(clip),
  };
}

/**
 * Where to replay a key moment from: a cue's clip, from `leadInSeconds` before the cue (clamped to
 * the clip's start). Null for an update (it has no clip: show its text) or a cue whose clip or
 * caption is missing.
 */
export function replayPointForMoment(scenario: Scenario, moment: KeyMoment, leadInSeconds = REPLAY_LEAD_IN_SECONDS): ReplayPoint | null {
  if (isUpdateMoment(moment)) return null;
  const clip = scenario.clips.find((c) => c.id === moment.clip);
  const seconds = cueTime(scenario, moment);
  if (!clip || seconds === null) return null;
  return replayPointIn(scenario, clip, seconds, leadInSeconds);
}

/**
 * Where to replay a moment of the call (ms since answering) from: the clip the trainee was
 * hearing then (the last one started at or before it; past its end, its end), from
 * `leadInSeconds` before. Null when the attempt has no call timeline or no clip had started.
 */
export function replayPointAt(
  scenario: Scenario,
  callTimeline: readonly CallTimelineEntry[] | undefined,
  atMs: number,
  leadInSeconds = REPLAY_LEAD_IN_SECONDS,
): ReplayPoint | null {
  let started: { atMs: number; clipId: string } | null = null;
  for (const entry of callTimeline ?? []) {
    if (entry.kind === 'clip-started' && entry.atMs <= atMs && (started === null || entry.atMs >= started.atMs)) started = entry;
  }
  const clip = started && scenario.clips.find((c) => c.id === started.clipId);
  if (!started || !clip) return null;
  return replayPointIn(scenario, clip, (atMs - started.atMs) / 1000, leadInSeconds);
}

/**
 * Where a timeline marker replays from: an expert marker replays its cue (from just before it, in
 * the cue's clip); every other marker replays what the trainee was hearing at that moment.
 */
export function replayPointForMarker(
  scenario: Scenario,
  callTimeline: readonly CallTimelineEntry[] | undefined,
  marker: TimelineMarker,
  leadInSeconds = REPLAY_LEAD_IN_SECONDS,
): ReplayPoint | null {
  const atCue = marker.moment ? replayPointForMoment(scenario, marker.moment, leadInSeconds) : null;
  return atCue ?? replayPointAt(scenario, callTimeline, marker.atMs, leadInSeconds);
}

/** "warning markers for the caller's number" from a check id "<database>:<subject>". */
export function checkLabel(scenario: Scenario, checkId: string): string {
  const [database = checkId, subject = ''] = checkId.split(':');
  const subjectLabel = scenario.systems?.subjects.find((s) => s.id === subject)?.label ?? subject;
  return `${DATABASE_NAMES[database] ?? database} for ${subjectLabel}`;
}

function shorten(text: string, max = 80): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

function clipWords(clip: Clip): string {
  const words = clip.transcript.map((line) => (line.kind === 'speech' ? line.text : line.caption)).join(' ');
  return shorten(words);
}

function gradeName(policy: ForcePolicy, grade: string | null): string {
  if (grade === null) return 'no grade';
  const found = policy.grades.find((g) => g.id === grade);
  return found ? `${found.shortLabel} ${found.name}` : grade;
}

function logMarker(scenario: Scenario, policy: ForcePolicy, entry: IncidentLogEntry, index: number): TimelineMarker | null {
  const id = `log-${index}`;
  switch (entry.kind) {
    case 'grade':
      return { id, lane: 'trainee', kind: 'decision', atMs: entry.atMs, label: `Grade set to ${gradeName(policy, entry.grade)}` };
    case 'check-requested':
      return { id, lane: 'trainee', kind: 'action', atMs: entry.atMs, label: `Checked ${checkLabel(scenario, entry.checkId)}` };
    case 'location-text':
      return { id, lane: 'trainee', kind: 'action', atMs: entry.atMs, label: `Location noted: ${shorten(entry.text)}` };
    case 'note':
      return { id, lane: 'trainee', kind: 'action', atMs: entry.atMs, label: `Note: ${shorten(entry.text)}` };
    case 'rating': {
      const element = policy.framework.elements.find((e) => e.id === entry.element)?.name ?? entry.element;
      const rating = policy.framework.ratingScale.find((r) => r.id === entry.rating)?.label ?? 'not rated';
      return { id, lane: 'trainee', kind: 'action', atMs: entry.atMs, label: `${element} rated ${rating}` };
    }
    case 'safeguarding': {
      const action = policy.safeguardingActions.find((a) => a.id === entry.action)?.label ?? entry.action;
      return { id, lane: 'trainee', kind: 'action', atMs: entry.atMs, label: `${entry.taken ? 'Action taken' : 'Action withdrawn'}: ${action}` };
    }
    case 'incident-type':
      return { id, lane: 'trainee', kind: 'action', atMs: entry.atMs, label: `Incident type set: ${entry.incidentType}` };
    case 'check-result':
      return null;
  }
}

/**
 * The debrief's three-lane timeline of one attempt: what the caller said and the updates that
 * arrived (from the response's call timeline), what the trainee did (questions asked, the incident
 * log: grade changes, checks run, notes, location, ratings, actions; the pin), and what the expert
 * expected by when (each required check's moment, each required re-grade's cue, and the cue of
 * every deviation the trainee met). Attempts recorded before call timelines existed have only the
 * trainee's questions and pin, and no expert markers that need a time.
 */
export function debriefTimeline(scenario: Scenario, response: CallResponse, report: ScoreReport, policy: ForcePolicy): DebriefTimeline {
  const markers: TimelineMarker[] = [];
  const timeline = response.callTimeline;
  (timeline ?? []).forEach((entry, index) => {
    if (entry.kind === 'clip-started') {
      const clip = scenario.clips.find((c) => c.id === entry.clipId);
      if (!clip) return;
      const what = isTextClip(clip) ? 'Message' : 'Caller';
      markers.push({ id: `clip-${index}`, lane: 'caller', kind: 'clip', atMs: entry.atMs, label: `${what}: ${clipWords(clip)}` });
    } else {
      const update = scenario.updates?.find((u) => u.id === entry.updateId);
      if (update) markers.push({ id: `update-${index}`, lane: 'caller', kind: 'update', atMs: entry.atMs, label: `Update from ${update.from}: ${shorten(update.text)}` });
    }
  });

  response.questionsAsked.forEach((asked, index) => {
    const node = scenario.callGraph.nodes.find((n) => n.id === asked.nodeId);
    const option = node?.kind === 'questionChoice' ? node.options.find((o) => o.id === asked.optionId) : undefined;
    markers.push({ id: `question-${index}`, lane: 'trainee', kind: 'action', atMs: asked.atMs, label: `Asked: ${shorten(option?.text ?? asked.optionId)}` });
  });
  (response.incidentLog ?? []).forEach((entry, index) => {
    const marker = logMarker(scenario, policy, entry, index);
    if (marker) markers.push(marker);
  });
  if (response.location) {
    markers.push({ id: 'pin', lane: 'trainee', kind: 'action', atMs: response.location.atMs, label: `Location pinned: ${shorten(response.location.label)}` });
  }

  const expected = new Set<string>();
  const expect = (id: string, moment: KeyMoment | undefined, label: string) => {
    if (!moment) return;
    const atMs = momentAtMs(scenario, moment, timeline);
    if (atMs === null || expected.has(label)) return;
    expected.add(label);
    markers.push({ id, lane: 'expert', kind: 'expected', atMs, label, moment });
  };
  for (const check of report.checks ?? []) {
    expect(`check-${check.id}`, check.by, `Should check ${checkLabel(scenario, check.checkId)}`);
  }
  for (const regrade of report.regrades ?? []) {
    expect(`regrade-${regrade.id}`, regrade.after, `Should re-grade to ${gradeName(policy, regrade.expected)} within ${regrade.withinSeconds} s`);
  }
  for (const deviation of report.deviations ?? []) {
    if (deviation.id.startsWith('check:') || deviation.id.startsWith('regrade:')) continue;
    expect(`cue-${deviation.id}`, deviation.cue, `Cue: ${shorten(deviation.description)}`);
  }

  const laneOrder = (lane: TimelineLane) => timelineLanes.indexOf(lane);
  markers.sort((a, b) => a.atMs - b.atMs || laneOrder(a.lane) - laneOrder(b.lane));
  const lastClipEnd = (timeline ?? []).reduce((end, entry) => {
    if (entry.kind !== 'clip-started') return end;
    const clip = scenario.clips.find((c) => c.id === entry.clipId);
    return Math.max(end, entry.atMs + Math.round((clip ? clipSeconds(clip) : 0) * 1000));
  }, 0);
  const durationMs = Math.max(response.timings.callDurationMs, lastClipEnd, ...markers.map((m) => m.atMs), 1);
  return { durationMs, markers };
}
