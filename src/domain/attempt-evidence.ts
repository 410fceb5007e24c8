import { z } from 'zod';
import type { CallResponse, GradeConfidence } from './call-response-schema';
import type { ScoreReport } from './score-report-schema';

/**
 * The ONE place progress code reads a score report. The dashboard, competency map, CPD log and
 * practice schedule all work on the {@link AttemptEvidence} made here, so when the report changes
 * (scoring v2 added deviations, systems checks and re-grades beside the v1 fields) only this
 * file reads them.
 */

/** The ten competencies of the simulator's competency map (domain.md §7), in display order. */
export const competencyIds = [
  'location-and-call-control',
  'information-gathering',
  'systems-checks',
  'thrive',
  'grading',
  'safeguarding',
  'advice-to-caller',
  'recording',
  'communication',
  're-assessment',
] as const;
export type CompetencyId = (typeof competencyIds)[number];

/** The group a force policy puts a safeguarding action in (see force-policy-schema). */
export type ActionGroup = 'immediate' | 'advice-and-evidence' | 'recording-and-flagging' | 'referral';

/** What an attempt record must carry for progress figures (an `AttemptRecord` fits). */
export interface AttemptForProgress {
  readonly id: string;
  readonly scenarioId: string;
  readonly scenarioTitle: string;
  readonly incidentType: string;
  readonly startedAt: string;
  readonly completedAt: string;
  readonly response: CallResponse;
  readonly report: ScoreReport;
}

export type GradeVerdict = ScoreReport['grade']['verdict'];
export type ElementVerdict = ScoreReport['elements'][number]['verdict'];

/** One attempt as progress sees it: plain numbers and verdicts, no report internals. */
export interface AttemptEvidence {
  readonly attemptId: string;
  readonly scenarioId: string;
  readonly scenarioTitle: string;
  readonly incidentType: string;
  readonly startedAt: string;
  readonly completedAt: string;
  /** Answer to submit, whole minutes, at least 1: what a CPD log counts. */
  readonly minutes: number;
  readonly percent: number;
  readonly band: { readonly id: string; readonly label: string };
  readonly criticalMisses: number;
  readonly policyId: string;
  readonly grade: {
    readonly expected: string;
    readonly given: string | null;
    readonly verdict: GradeVerdict;
    readonly levelsOff: number;
    readonly confidence: GradeConfidence | undefined;
  };
  readonly elements: ReadonlyArray<{ readonly element: string; readonly verdict: ElementVerdict; readonly credit: number }>;
  readonly timeToGradeMs: number | null;
  /** Each competency this attempt evidences, with the share earned (0..1). Absent = no evidence. */
  readonly competencies: Readonly<Partial<Record<CompetencyId, number>>>;
}

function mean(values: readonly number[]): number | undefined {
  return values.length === 0 ? undefined : values.reduce((a, b) => a + b, 0) / values.length;
}

const share = z.number().min(0).max(1).optional();

/**
 * An attempt's score report boiled down to what progress reads: small enough to keep beside each
 * attempt (the store keeps one per attempt so the dashboard never parses 10,000 full reports),
 * and independent of the force policy, so it never goes stale when a policy changes.
 */
export const attemptDigestSchema = z.strictObject({
  digestVersion: z.literal(1),
  attemptId: z.string().min(1),
  scenarioId: z.string().min(1),
  scenarioTitle: z.string(),
  incidentType: z.string(),
  startedAt: z.string(),
  completedAt: z.string(),
  percent: z.number().min(0).max(100),
  band: z.strictObject({ id: z.string(), label: z.string() }),
  criticalMisses: z.number().int().min(0),
  policyId: z.string(),
  grade: z.strictObject({
    expected: z.string(),
    given: z.string().nullable(),
    verdict: z.enum(['expected', 'acceptable', 'over-graded', 'under-graded', 'not-graded']),
    levelsOff: z.number().int().min(0),
    confidence: z.enum(['guessing', 'unsure', 'fairly-sure', 'certain']).optional(),
  }),
  elements: z.array(z.strictObject({ element: z.string(), verdict: z.enum(['expected', 'acceptable', 'one-step-off', 'wrong', 'not-rated']), credit: z.number() })),
  timeToGradeMs: z.number().min(0).nullable(),
  /** Category shares the report gives (absent: the report does not score it). */
  shares: z.strictObject({
    location: share,
    keyQuestions: share,
    thrive: share,
    grade: z.number().min(0).max(1),
    safeguarding: share,
    checks: share,
    advice: share,
    recording: share,
    communication: share,
    reassessment: share,
  }),
  actions: z.array(z.strictObject({ action: z.string(), verdict: z.enum(['required', 'recommended', 'neutral', 'harmful']), chosen: z.boolean() })),
});
export type AttemptDigest = z.infer<typeof attemptDigestSchema>;

/** Boils an attempt and its score report down to its {@link AttemptDigest}. */
export function attemptDigest(attempt: AttemptForProgress): AttemptDigest {
  const { report, response } = attempt;
  const shares: AttemptDigest['shares'] = { grade: report.categories.grade.fraction };
  const put = (key: keyof AttemptDigest['shares'], value: number | undefined) => {
    if (value !== undefined && Number.isFinite(value)) shares[key] = Math.min(1, Math.max(0, value));
  };
  put('location', report.location?.credit ?? report.categories.location?.fraction);
  put('keyQuestions', report.keyQuestions.length > 0 ? report.categories.keyQuestions.fraction : undefined);
  put('thrive', report.elements.length > 0 ? report.categories.thrive.fraction : undefined);
  put('safeguarding', report.safeguarding.actions.length > 0 ? report.categories.safeguarding.fraction : undefined);
  // Scoring v2 (absent in older reports, which then give no evidence for these competencies).
  put('checks', mean((report.checks ?? []).map((c) => c.credit)));
  put('advice', report.categories.advice && report.categories.advice.weight > 0 ? report.categories.advice.fraction : undefined);
  put('recording', report.categories.recording && report.categories.recording.weight > 0 ? report.categories.recording.fraction : undefined);
  // A re-grade whose cue the trainee's call never reached says nothing about re-assessment.
  put('reassessment', mean((report.regrades ?? []).filter((r) => r.verdict !== 'cue-not-reached').map((r) => r.credit)));
  const confidence = response.assessment.gradeConfidence;
  return {
    digestVersion: 1,
    attemptId: attempt.id,
    scenarioId: attempt.scenarioId,
    scenarioTitle: attempt.scenarioTitle,
    incidentType: attempt.incidentType,
    startedAt: attempt.startedAt,
    completedAt: attempt.completedAt,
    percent: report.percent,
    band: { id: report.band.id, label: report.band.label },
    criticalMisses: report.criticalMisses.length,
    policyId: report.policyId,
    grade: {
      expected: report.grade.expected,
      given: report.grade.given,
      verdict: report.grade.verdict,
      levelsOff: report.grade.levelsOff,
      ...(confidence ? { confidence } : {}),
    },
    elements: report.elements.map((e) => ({ element: e.element, verdict: e.verdict, credit: e.credit })),
    timeToGradeMs: response.timings.timeToGradeMs,
    shares,
    actions: report.safeguarding.actions.map((a) => ({ action: a.action, verdict: a.verdict, chosen: a.chosen })),
  };
}

/**
 * The share earned on the safeguarding actions of some groups: required actions count 2 units,
 * recommended 1, a harmful one chosen costs 2 (as scoring weighs them). Undefined when the key
 * says nothing about those groups for this call (no required, recommended or harmful chosen).
 */
function actionGroupShare(actions: AttemptDigest['actions'], groupOf: (actionId: string) => ActionGroup | undefined, groups: readonly ActionGroup[]): number | undefined {
  let possible = 0;
  let earned = 0;
  let touched = false;
  for (const action of actions) {
    const group = groupOf(action.action);
    if (!group || !groups.includes(group)) continue;
    const units = action.verdict === 'required' ? 2 : action.verdict === 'recommended' ? 1 : 0;
    if (units > 0) {
      touched = true;
      possible += units;
      if (action.chosen) earned += units;
    } else if (action.verdict === 'harmful' && action.chosen) {
      touched = true;
      earned -= 2;
    }
  }
  if (!touched) return undefined;
  if (possible === 0) return 0; // only harmful choices in these groups
  return Math.min(1, Math.max(0, earned / possible));
}

type Competencies = AttemptEvidence['competencies'];
type GradeEvidence = AttemptEvidence['grade'];

/**
 * Competencies and grade evidence already worked out for a digest's parts. Digests from an
 * `AttemptDigestPool` share their shares, actions and grade objects, so thousands of attempts
 * share one evidence object for each too instead of a copy per attempt.
 */
interface EvidenceParts {
  readonly competencies: WeakMap<AttemptDigest['shares'], WeakMap<AttemptDigest['actions'], Competencies>>;
  readonly grades: WeakMap<AttemptDigest['grade'], GradeEvidence>;
}

const newEvidenceParts = (): EvidenceParts => ({ competencies: new WeakMap(), grades: new WeakMap() });

function competenciesOf(shares: AttemptDigest['shares'], actions: AttemptDigest['actions'], groupOf: (actionId: string) => ActionGroup | undefined): Competencies {
  const competencies: Partial<Record<CompetencyId, number>> = {};
  const set = (id: CompetencyId, value: number | undefined) => {
    if (value !== undefined) competencies[id] = value;
  };
  set('location-and-call-control', shares.location);
  set('information-gathering', shares.keyQuestions);
  set('systems-checks', shares.checks);
  set('thrive', shares.thrive);
  set('grading', shares.grade);
  set('safeguarding', actionGroupShare(actions, groupOf, ['immediate', 'referral']) ?? shares.safeguarding);
  set('advice-to-caller', shares.advice ?? actionGroupShare(actions, groupOf, ['advice-and-evidence']));
  set('recording', shares.recording ?? actionGroupShare(actions, groupOf, ['recording-and-flagging']));
  set('communication', shares.communication);
  set('re-assessment', shares.reassessment);
  return Object.freeze(competencies);
}

function evidenceWith(digest: AttemptDigest, groupOf: (actionId: string) => ActionGroup | undefined, known: EvidenceParts): AttemptEvidence {
  let byActions = known.competencies.get(digest.shares);
  if (!byActions) known.competencies.set(digest.shares, (byActions = new WeakMap()));
  let competencies = byActions.get(digest.actions);
  if (!competencies) byActions.set(digest.actions, (competencies = competenciesOf(digest.shares, digest.actions, groupOf)));
  let grade = known.grades.get(digest.grade);
  if (!grade) known.grades.set(digest.grade, (grade = Object.freeze({ ...digest.grade, confidence: digest.grade.confidence })));
  const elapsed = Date.parse(digest.completedAt) - Date.parse(digest.startedAt);
  return {
    attemptId: digest.attemptId,
    scenarioId: digest.scenarioId,
    scenarioTitle: digest.scenarioTitle,
    incidentType: digest.incidentType,
    startedAt: digest.startedAt,
    completedAt: digest.completedAt,
    minutes: Math.max(1, Math.round((Number.isFinite(elapsed) ? elapsed : 0) / 60_000)),
    percent: digest.percent,
    band: digest.band,
    criticalMisses: digest.criticalMisses,
    policyId: digest.policyId,
    grade,
    elements: digest.elements,
    timeToGradeMs: digest.timeToGradeMs,
    competencies,
  };
}

/**
 * Progress evidence from a digest.
 *
 * @param groupOf the force policy's group for a safeguarding action (advice to the caller and
 *   recording are evidenced by the actions of those groups); unknown actions are ignored.
 */
export function evidenceFromDigest(digest: AttemptDigest, groupOf: (actionId: string) => ActionGroup | undefined): AttemptEvidence {
  return evidenceWith(digest, groupOf, newEvidenceParts());
}

/** Reads what progress needs from one attempt and its score report (digest, then evidence). */
export function attemptEvidence(attempt: AttemptForProgress, groupOf: (actionId: string) => ActionGroup | undefined): AttemptEvidence {
  return evidenceFromDigest(attemptDigest(attempt), groupOf);
}

/** Evidence from digests, oldest first (ties by id), the order every trend reads them in. */
export function evidenceFromDigestsOldestFirst(digests: readonly AttemptDigest[], groupOf: (actionId: string) => ActionGroup | undefined): AttemptEvidence[] {
  const known = newEvidenceParts();
  return digests
    .map((d) => evidenceWith(d, groupOf, known))
    .sort((a, b) => (a.completedAt < b.completedAt ? -1 : a.completedAt > b.completedAt ? 1 : a.attemptId < b.attemptId ? -1 : 1));
}

/** Evidence for many attempts, oldest first (ties by id), the order every trend reads them in. */
export function evidenceOldestFirst(attempts: readonly AttemptForProgress[], groupOf: (actionId: string) => ActionGroup | undefined): AttemptEvidence[] {
  return attempts
    .map((a) => attemptEvidence(a, groupOf))
    .sort((a, b) => (a.completedAt < b.completedAt ? -1 : a.completedAt > b.completedAt ? 1 : a.attemptId < b.attemptId ? -1 : 1));
}
