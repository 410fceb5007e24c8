import type { AnswerKey } from './answer-key-schema';
import type { CallResponse, IncidentLogEntry } from './call-response-schema';
import { momentAtMs, replayCallPath, scenarioMomentAtMs } from './call-timeline';
import type { ForcePolicy } from './force-policy-schema';
import { systemsCheckResult, systemsCheckId, type Scenario } from './scenario-schema';
import { findPathAskingAll } from './scenario-graph';

/** When the expert pins the key location, in milliseconds after answering. */
export const EXPERT_TIME_TO_LOCATION_MS = 20_000;

/**
 * The response an expert following the answer key would give: expected ratings and grade, every
 * required and recommended safeguarding action, a path through the call that asks every key
 * question and, when the key has a location, a pin exactly on it (found by search, labelled with
 * the key's description, {@link EXPERT_TIME_TO_LOCATION_MS} after answering). Null when no single
 * path asks every key question. Used to prove a key scores full marks.
 *
 * Its call timeline replays that path (clips at their length, questions 2 s each). Its incident
 * log asks for every required systems check as soon as its subject is known (results logged after
 * their delay) and sets the expected grade at the earliest grade or re-grade cue it meets, so it
 * is in time for every re-grade the key requires.
 */
export function expertResponse(scenario: Scenario, answerKey: AnswerKey, policy: ForcePolicy): CallResponse | null {
  const path = findPathAskingAll(scenario, answerKey.keyQuestions.map((question) => question.optionIds));
  if (!path) return null;
  const thrive = Object.fromEntries(
    policy.framework.elements.map((element) => [
      element.id,
      { rating: answerKey.thrive[element.id]?.expected ?? null, rationale: answerKey.thrive[element.id]?.rationale ?? '' },
    ]),
  );
  const location = answerKey.location;
  const replay = replayCallPath(scenario, path);
  const log: IncidentLogEntry[] = [];
  for (const check of answerKey.requiredChecks ?? []) {
    const subject = scenario.systems?.subjects.find((s) => s.id === check.subject);
    const knownAt = subject?.knownFrom ? scenarioMomentAtMs(subject.knownFrom, replay.clipEnds) : 0;
    if (knownAt === null) continue;
    const checkId = systemsCheckId(check.database, check.subject);
    const result = systemsCheckResult(scenario, check.database, check.subject);
    log.push({ kind: 'check-requested', atMs: knownAt, checkId });
    log.push({ kind: 'check-result', atMs: knownAt + Math.round((result?.delaySeconds ?? 0) * 1000), checkId, noTrace: (result?.records.length ?? 0) === 0 });
  }
  const cueTimes = [...answerKey.grade.cues, ...(answerKey.regrades ?? []).map((r) => r.after)]
    .map((moment) => momentAtMs(scenario, moment, replay.callTimeline))
    .filter((at): at is number => at !== null);
  const gradedAtMs = cueTimes.length > 0 ? Math.min(...cueTimes) : 0;
  log.push({ kind: 'grade', atMs: gradedAtMs, grade: answerKey.grade.expected, rationale: answerKey.grade.rationale });
  log.sort((a, b) => a.atMs - b.atMs);
  return {
    questionsAsked: replay.questionsAsked,
    callTimeline: replay.callTimeline,
    incidentLog: log,
    endNodeId: path.endNodeId,
    assessment: {
      thrive,
      grade: answerKey.grade.expected,
      safeguardingActions: answerKey.safeguardingActions
        .filter((judgement) => judgement.verdict === 'required' || judgement.verdict === 'recommended')
        .map((judgement) => judgement.action),
    },
    timings: {
      timeToAnswerMs: 3_000,
      callDurationMs: replay.durationMs,
      timeToGradeMs: gradedAtMs,
      timeToSubmitMs: Math.max(replay.durationMs, ...log.map((entry) => entry.atMs)) + 60_000,
    },
    ...(location
      ? { location: { point: { ...location.point }, method: 'search' as const, label: location.description, atMs: EXPERT_TIME_TO_LOCATION_MS } }
      : {}),
  };
}
