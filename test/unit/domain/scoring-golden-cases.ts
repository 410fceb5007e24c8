import { createHash } from 'node:crypto';
import path from 'node:path';
import { loadScoringPackages, variedScoringAttempt, type ScoringAttempt, type ScoringPackage } from '../../../src/cli/bench/scoring-attempts';
import type { AnswerKey } from '../../../src/domain/answer-key-schema';
import type { CallResponse, IncidentLogEntry } from '../../../src/domain/call-response-schema';
import { replayCallPath } from '../../../src/domain/call-timeline';
import { expertResponse } from '../../../src/domain/expert-response';
import type { ForcePolicy } from '../../../src/domain/force-policy-schema';
import { systemsCheckId, type Scenario } from '../../../src/domain/scenario-schema';
import type { ScoreReport } from '../../../src/domain/score-report-schema';
import { defaultPolicy } from '../../fixtures/default-policy';

/**
 * The attempts the scoring golden test scores (scoring-golden.test.ts): a few hundred, across
 * every bundled scenario, built from the scoring benchmark's own generator
 * (src/cli/bench/scoring-attempts.ts) plus variations the benchmark lacks, so every branch of
 * scoring is reached: call timelines and incident logs (cue times, re-grades, checks on time,
 * late and missed, time to grade), unrated elements, blank rationales, no grade, practice and
 * assessment modes, pins within, near and outside the key's area and late, the expert's own
 * answer, and a policy without the optional advice, recording, location, timing and panel rules.
 */
export interface GoldenCase {
  /** Unique and stable: the fixture is keyed by it. */
  readonly name: string;
  readonly scenario: Scenario;
  readonly answerKey: AnswerKey;
  readonly response: CallResponse;
  readonly policy: ForcePolicy;
}

const ROOT = path.join(import.meta.dirname, '../../..');
/** Attempts per series: ten per bundled scenario, give or take. */
const SERIES_LENGTH = 220;

/** The default policy without its optional rules: advice and recording scored as safeguarding, no location weight, timing, timeliness, panel flags or major-deviation cap. */
export function plainPolicy(policy: ForcePolicy): ForcePolicy {
  const { advice: _advice, recording: _recording, location: _location, ...categoryWeights } = policy.scoring.categoryWeights;
  const { locationTiming: _timing, timeliness: _timeliness, panel: _panel, majorDeviationBand: _cap, ...scoring } = policy.scoring;
  return { ...policy, id: `${policy.id}-plain`, scoring: { ...scoring, categoryWeights } };
}

/** A deterministic spread of `i` over 0..modulo-1 that does not move in step with `i % n` for small n. */
function spread(i: number, salt: number, modulo: number): number {
  return ((i + 1) * 7_919 + salt * 104_729) % modulo;
}

/** Attempt `i` of the benchmark's series, given a call timeline, an incident log and the other variations. */
function timedAttempt(policy: ForcePolicy, base: ScoringAttempt, i: number): CallResponse {
  const { scenario, answerKey, route, response } = base;
  const replay = replayCallPath(scenario, route);
  const endMs = Math.max(replay.durationMs, 1_000);
  const grades = policy.grades.map((g) => g.id);
  const finalGrade = i % 11 === 0 ? null : response.assessment.grade;
  const log: IncidentLogEntry[] = [];
  // Grade histories: none, one grade, a rise or fall to the final grade, or a grade cleared and set again.
  const pattern = i % 4;
  // Pattern 2 starts least urgent and settles after the call's last moment (late re-grades).
  const first = pattern === 2 ? grades.at(-1)! : grades[(i + pattern) % grades.length]!;
  if (pattern >= 1) log.push({ kind: 'grade', atMs: spread(i, 1, endMs), grade: first });
  if (pattern === 3) log.push({ kind: 'grade', atMs: spread(i, 2, endMs) + 500, grade: null });
  if (pattern === 2) log.push({ kind: 'grade', atMs: endMs + spread(i, 3, 90_000), grade: finalGrade });
  if (pattern === 3) log.push({ kind: 'grade', atMs: spread(i, 3, endMs + 90_000), grade: finalGrade });
  (answerKey.requiredChecks ?? []).forEach((check, k) => {
    if ((i + k) % 3 === 0) return; // never asked for
    log.push({ kind: 'check-requested', atMs: spread(i, 10 + k, endMs + 120_000), checkId: systemsCheckId(check.database, check.subject) });
  });
  log.sort((a, b) => a.atMs - b.atMs);
  const thrive = Object.fromEntries(
    policy.framework.elements.map((element, n) => {
      const given = response.assessment.thrive[element.id]!;
      return [element.id, { rating: (i + n) % 7 === 0 ? null : given.rating, rationale: (i + n) % 3 === 0 ? '  ' : `Because ${element.name}.` }];
    }),
  );
  const timed: CallResponse = {
    questionsAsked: replay.questionsAsked,
    endNodeId: response.endNodeId,
    assessment: { thrive, grade: finalGrade, safeguardingActions: response.assessment.safeguardingActions },
    timings: { ...response.timings, timeToGradeMs: finalGrade === null ? null : 40_000, timeToSubmitMs: endMs + 60_000 },
    callTimeline: replay.callTimeline,
  };
  if (pattern !== 0) timed.incidentLog = log;
  if (i % 3 !== 2) timed.mode = i % 3 === 0 ? 'practice' : 'assessment';
  const key = answerKey.location;
  if (key && i % 5 !== 4) {
    // Within, near, outside the accepted radius; placed before or after the policy's target time.
    const offset = key.acceptedRadiusMetres * [0, 0.9, 1.5, 2.5][i % 4]!;
    timed.location = { point: { x: key.point.x + offset, y: key.point.y }, method: 'search', label: 'near the key', atMs: i % 2 === 0 ? 30_000 : 200_000 };
  } else if (response.location) {
    timed.location = response.location;
  }
  return timed;
}

/** Every golden case, in a fixed order. */
export function goldenCases(): GoldenCase[] {
  const policy = defaultPolicy();
  const plain = plainPolicy(policy);
  const packages: ScoringPackage[] = loadScoringPackages(ROOT);
  const cases: GoldenCase[] = [];
  for (let i = 0; i < SERIES_LENGTH; i += 1) {
    const attempt = variedScoringAttempt(policy, packages, i);
    const id = attempt.scenario.id;
    cases.push({ name: `bench ${i} ${id}`, scenario: attempt.scenario, answerKey: attempt.answerKey, response: attempt.response, policy });
    const timed = timedAttempt(policy, attempt, i);
    cases.push({ name: `timed ${i} ${id}`, scenario: attempt.scenario, answerKey: attempt.answerKey, response: timed, policy });
    if (i % 2 === 1) cases.push({ name: `plain ${i} ${id}`, scenario: attempt.scenario, answerKey: attempt.answerKey, response: timed, policy: plain });
  }
  for (const { scenario, answerKey } of packages) {
    for (const which of [policy, plain]) {
      const expert = expertResponse(scenario, answerKey, which);
      if (expert) cases.push({ name: `expert ${which.id} ${scenario.id}`, scenario, answerKey, response: expert, policy: which });
    }
  }
  return cases;
}

/** What the fixture keeps of a report: its exact text's SHA-256, and a readable digest to show what changed when the hash does not match. */
export interface GoldenReport {
  readonly sha256: string;
  readonly percent: number;
  readonly band: string;
  readonly deviations: string;
  readonly summary: string;
}

/** The fixture entry for a report. */
export function goldenReport(report: ScoreReport): GoldenReport {
  return {
    sha256: createHash('sha256').update(reportText(report)).digest('hex'),
    percent: report.percent,
    band: report.band.id,
    deviations: (report.deviations ?? []).map((d) => `${d.id} ${d.severity}`).join(', '),
    summary: [...(report.summary?.wentWell ?? []), '|', ...(report.summary?.workOn ?? [])].join(' / '),
  };
}

/**
 * A report as exact text: JSON, in the report's own key order, with the two things JSON would
 * hide made visible: a key holding `undefined` (an IndexedDB row keeps it) and negative zero.
 */
export function reportText(report: unknown): string {
  return JSON.stringify(report, (_key, value: unknown) => (value === undefined ? '<undefined>' : Object.is(value, -0) ? '<-0>' : value), 2);
}
