import type { AnswerKey, CriticalMissRule, DeviationSeverity, KeyMoment } from './answer-key-schema';
import type { CallResponse } from './call-response-schema';
import { gradeAt, gradeHistory, momentAtMs, type GradeAt } from './call-timeline';
import { gradeRank, ratingRank, type ForcePolicy } from './force-policy-schema';
import { distanceMetres } from './map-geometry';
import { systemsCheckId, type Scenario } from './scenario-schema';
import type {
  ActionResult,
  CheckResult,
  Deviation,
  ElementResult,
  GradeResult,
  KeyQuestionResult,
  LocationResult,
  PanelResult,
  RegradeResult,
  ScoreCategoryId,
  ScoreReport,
  TimeToGrade,
  TriggeredCriticalMiss,
} from './score-report-schema';

/** Most severe first. */
const SEVERITY_RANK: Readonly<Record<DeviationSeverity, number>> = { critical: 0, major: 1, moderate: 2, minor: 3 };

/** The key's judgements by id, built once per answer key object (scoring runs thousands of times). */
interface AnswerKeyIndex {
  readonly action: ReadonlyMap<string, AnswerKey['safeguardingActions'][number]>;
  readonly keyQuestion: ReadonlyMap<string, AnswerKey['keyQuestions'][number]>;
  readonly criticalMiss: ReadonlyMap<string, AnswerKey['criticalMisses'][number]>;
}
const answerKeyIndexCache = new WeakMap<AnswerKey, AnswerKeyIndex>();

function indexAnswerKey(answerKey: AnswerKey): AnswerKeyIndex {
  let index = answerKeyIndexCache.get(answerKey);
  if (!index) {
    index = {
      action: new Map(answerKey.safeguardingActions.map((j) => [j.action, j])),
      keyQuestion: new Map(answerKey.keyQuestions.map((q) => [q.id, q])),
      criticalMiss: new Map(answerKey.criticalMisses.map((m) => [m.id, m])),
    };
    answerKeyIndexCache.set(answerKey, index);
  }
  return index;
}
/** Credit a late required check or re-grade keeps when the policy does not say. */
export const DEFAULT_LATE_CREDIT = 0.5;
/** Panel spreads that flag a scenario for review when the policy does not say. */
export const DEFAULT_PANEL_FLAG = { gradeSpreadFlagLevels: 2, ratingSpreadFlagSteps: 2 } as const;

/** How deviations and the debrief name each systems database. */
export const DATABASE_NAMES: Readonly<Record<string, string>> = {
  'incident-history': 'incident history',
  'warning-markers': 'warning markers',
  'orders-and-bail': 'orders and bail',
  'missing-person-history': 'missing-person history',
  'vehicle-records': 'vehicle records',
};

/** How the debrief names each category. */
export const CATEGORY_LABELS: Readonly<Record<ScoreCategoryId, string>> = {
  grade: 'Grade',
  thrive: 'THRIVE+ assessment',
  safeguarding: 'Safeguarding actions',
  keyQuestions: 'Information and checks',
  advice: 'Advice to the caller',
  recording: 'Recording',
  location: 'Location',
};

/**
 * Scores one attempt against the expert's answer key under a force policy. Pure: the same inputs
 * always give the same report.
 *
 * - THRIVE+: each element earns full credit for the expected or an acceptable rating, the policy's
 *   `oneStepOff` credit one step from every acceptable rating, nothing otherwise; elements are
 *   weighted by the policy.
 * - Grade: full credit when accepted; otherwise credit falls per level away from the nearest
 *   acceptable grade, faster when under-graded than over-graded (reviews criticise under-grading).
 * - Safeguarding: required and recommended actions earn units, harmful ones cost units.
 * - Key questions: the share the trainee asked.
 * - Location (only when the key has one): full credit for a pin within the accepted radius of the
 *   key location, half within twice the radius, nothing further out or with no pin. Weighted by
 *   the policy's `location` weight (0 when the policy sets none); left out of the total, like key
 *   questions on a key without any, when the key has no location. With the policy's
 *   `locationTiming`, a pin placed after the target keeps only `lateCreditFactor` of its credit
 *   (time to location counts; accuracy counts more). Time to location is always reported.
 * - Re-THRIVE (scoring v2): each re-grade the key requires earns credit in the grade category when
 *   the grade was urgent enough within its allowance after the cue (late: the policy's late
 *   credit); required systems checks count in "information and checks" beside key questions.
 * - With the policy's `advice` and `recording` weights, advice-and-evidence actions and
 *   recording-and-flagging actions (plus a written rationale per element) score in their own
 *   categories instead of safeguarding.
 * - Every departure from the key is listed as a deviation with an AQUA-style severity. Any
 *   critical deviation (every critical miss is one) puts the attempt in the policy's critical-miss
 *   band whatever its total; a major one keeps it at `majorDeviationBand` at best.
 * - A panel of other experts is reported (spread, the trainee's position, a disagreement flag)
 *   without changing the total.
 *
 * `scenario` is accepted so rules that need the call graph can grow here without changing callers.
 */
export function scoreAttempt(
  scenario: Scenario,
  answerKey: AnswerKey,
  response: CallResponse,
  policy: ForcePolicy,
): ScoreReport {
  const weights = policy.scoring.categoryWeights;
  const splitAdvice = weights.advice !== undefined;
  const splitRecording = weights.recording !== undefined;
  const groups = actionGroups(policy);
  const categoryOfAction = (actionId: string): ScoreCategoryId => {
    const group = groups.get(actionId);
    if (splitAdvice && group === 'advice-and-evidence') return 'advice';
    if (splitRecording && group === 'recording-and-flagging') return 'recording';
    return 'safeguarding';
  };

  const elements = scoreElements(answerKey, response, policy);
  const history = gradeHistory(response);
  const grade = scoreGrade(answerKey, response, policy);
  const regrades = scoreRegrades(scenario, answerKey, response, policy, history);
  const safeguarding = scoreSafeguarding(answerKey, response, policy, categoryOfAction);
  const keyQuestions = scoreKeyQuestions(answerKey, response);
  const checks = scoreChecks(scenario, answerKey, response, policy);
  const location = scoreLocation(answerKey, response, policy);
  const criticalMisses = findCriticalMisses(answerKey, response, policy, keyQuestions, location);
  const rationaleUnits: number[] = splitRecording ? elements.map((e) => (e.givenRationale.trim().length > 0 ? 1 : 0)) : [];

  const reachedRegrades = regrades.filter((r) => r.verdict !== 'cue-not-reached');
  const informationParts = [...keyQuestions.map((q) => (q.asked ? 1 : 0)), ...checks.map((c) => c.credit)];
  const recordingPossible = safeguarding.possible.recording + rationaleUnits.length;
  const recordingEarned = safeguarding.earned.recording + rationaleUnits.reduce((sum, unit) => sum + unit, 0);
  const categories: ScoreReport['categories'] = {
    thrive: { fraction: weightedThriveFraction(elements, policy), weight: weights.thrive },
    grade: {
      fraction: (grade.credit + reachedRegrades.reduce((sum, r) => sum + r.credit, 0)) / (1 + reachedRegrades.length),
      weight: weights.grade,
    },
    safeguarding: { fraction: unitFraction(safeguarding.earned.safeguarding, safeguarding.possible.safeguarding), weight: weights.safeguarding },
    keyQuestions: {
      fraction: informationParts.length === 0 ? 1 : informationParts.reduce((sum, part) => sum + part, 0) / informationParts.length,
      weight: informationParts.length === 0 ? 0 : weights.keyQuestions,
    },
  };
  // Optional categories are added in place rather than spread in (scoring runs thousands of times).
  if (location) categories.location = { fraction: location.credit, weight: weights.location ?? 0 };
  if (splitAdvice) {
    categories.advice = {
      fraction: unitFraction(safeguarding.earned.advice, safeguarding.possible.advice),
      weight: safeguarding.possible.advice === 0 && safeguarding.earned.advice >= 0 ? 0 : (weights.advice ?? 0),
    };
  }
  if (splitRecording) {
    categories.recording = {
      fraction: unitFraction(recordingEarned, recordingPossible),
      weight: recordingPossible === 0 && recordingEarned >= 0 ? 0 : (weights.recording ?? 0),
    };
  }
  const parts = Object.values(categories);
  const totalWeight = parts.reduce((sum, c) => sum + c.weight, 0);
  const earned = parts.reduce((sum, c) => sum + c.weight * c.fraction, 0);
  const percent = totalWeight === 0 ? 0 : (100 * earned) / totalWeight;

  const deviations = collectDeviations({
    scenario,
    answerKey,
    response,
    policy,
    elements,
    grade,
    regrades,
    safeguarding: safeguarding.actions,
    categoryOfAction,
    keyQuestions,
    checks,
    location,
    criticalMisses,
    rationaleUnits,
  });
  const panel = scorePanel(answerKey, response, policy);
  const report: ScoreReport = {
    policyId: policy.id,
    elements,
    grade,
    safeguarding: {
      actions: safeguarding.actions,
      requiredMissed: safeguarding.actions.filter((a) => a.verdict === 'required' && !a.chosen).map((a) => a.action),
      harmfulChosen: safeguarding.actions.filter((a) => a.verdict === 'harmful' && a.chosen).map((a) => a.action),
    },
    keyQuestions,
    criticalMisses,
    categories,
    percent,
    // Any critical deviation (a critical-miss rule, or a check, re-grade, action or question the key marks critical) fails the attempt.
    band: bandFor(policy, percent, deviations.some((d) => d.severity === 'critical'), deviations.some((d) => d.severity === 'major')),
    deviations,
    checks,
    regrades,
    timeToGrade: scoreTimeToGrade(scenario, answerKey, response, policy, history),
    summary: summariseReport({ categories, deviations, checks, regrades }),
  };
  if (location) report.location = location;
  if (panel) report.panel = panel;
  if (response.mode) report.mode = response.mode;
  return report;
}

const actionGroupCache = new WeakMap<ForcePolicy, ReadonlyMap<string, string>>();

/** Each safeguarding action's group in a policy, built once per policy object (scoring runs thousands of times). */
function actionGroups(policy: ForcePolicy): ReadonlyMap<string, string> {
  let groups = actionGroupCache.get(policy);
  if (!groups) {
    groups = new Map(policy.safeguardingActions.map((action) => [action.id, action.group]));
    actionGroupCache.set(policy, groups);
  }
  return groups;
}

function unitFraction(earned: number, possible: number): number {
  return possible === 0 ? (earned < 0 ? 0 : 1) : Math.max(0, earned) / possible;
}

function scoreElements(answerKey: AnswerKey, response: CallResponse, policy: ForcePolicy): ElementResult[] {
  return policy.framework.elements.map((element) => {
    const judgement = answerKey.thrive[element.id];
    if (!judgement) throw new Error(`answer key for "${answerKey.scenarioId}" has no judgement for element "${element.id}"`);
    const given = response.assessment.thrive[element.id];
    const rating = given?.rating ?? null;
    let verdict: ElementResult['verdict'];
    let credit: number;
    if (rating === null) {
      verdict = 'not-rated';
      credit = 0;
    } else if (rating === judgement.expected) {
      verdict = 'expected';
      credit = 1;
    } else if (judgement.acceptable.includes(rating)) {
      verdict = 'acceptable';
      credit = 1;
    } else {
      const givenRank = ratingRank(policy, rating);
      let distance = Math.abs(ratingRank(policy, judgement.expected) - givenRank);
      for (const acceptable of judgement.acceptable) distance = Math.min(distance, Math.abs(ratingRank(policy, acceptable) - givenRank));
      verdict = distance === 1 ? 'one-step-off' : 'wrong';
      credit = distance === 1 ? policy.scoring.ratingCredit.oneStepOff : 0;
    }
    return {
      element: element.id,
      given: rating,
      givenRationale: given?.rationale ?? '',
      expected: judgement.expected,
      acceptable: judgement.acceptable,
      verdict,
      credit,
      expertRationale: judgement.rationale,
      cues: judgement.cues,
    };
  });
}

function weightedThriveFraction(elements: ElementResult[], policy: ForcePolicy): number {
  let total = 0;
  let earned = 0;
  // scoreElements returns one result per policy element, in the policy's order.
  policy.framework.elements.forEach((element, index) => {
    const result = elements[index]?.element === element.id ? elements[index] : elements.find((e) => e.element === element.id);
    total += element.weight;
    earned += element.weight * (result?.credit ?? 0);
  });
  return total === 0 ? 1 : earned / total;
}

function scoreGrade(answerKey: AnswerKey, response: CallResponse, policy: ForcePolicy): GradeResult {
  const key = answerKey.grade;
  const given = response.assessment.grade;
  // One literal per outcome, no spreads: scoring runs for every attempt in bulk views.
  const result = (verdict: GradeResult['verdict'], levelsOff: number, credit: number): GradeResult => ({
    given,
    expected: key.expected,
    acceptable: key.acceptable,
    expertRationale: key.rationale,
    cues: key.cues,
    verdict,
    levelsOff,
    credit,
  });
  if (given === null) return result('not-graded', 0, 0);
  if (given === key.expected) return result('expected', 0, 1);
  if (key.acceptable.includes(given)) return result('acceptable', 0, 1);

  // Rank 0 is the most urgent grade: a larger rank than every accepted grade is under-grading.
  const givenRank = gradeRank(policy, given);
  let leastUrgentAccepted = gradeRank(policy, key.expected);
  let mostUrgentAccepted = leastUrgentAccepted;
  for (const accepted of key.acceptable) {
    const rank = gradeRank(policy, accepted);
    if (rank > leastUrgentAccepted) leastUrgentAccepted = rank;
    if (rank < mostUrgentAccepted) mostUrgentAccepted = rank;
  }
  const { lostPerLevelUnder, lostPerLevelOver } = policy.scoring.gradeCredit;
  if (givenRank > leastUrgentAccepted) {
    const levelsOff = givenRank - leastUrgentAccepted;
    return result('under-graded', levelsOff, Math.max(0, 1 - lostPerLevelUnder * levelsOff));
  }
  const levelsOff = givenRank < mostUrgentAccepted ? mostUrgentAccepted - givenRank : 1;
  return result('over-graded', levelsOff, Math.max(0, 1 - lostPerLevelOver * levelsOff));
}

type ActionCategory = 'safeguarding' | 'advice' | 'recording';

function scoreSafeguarding(
  answerKey: AnswerKey,
  response: CallResponse,
  policy: ForcePolicy,
  categoryOfAction: (actionId: string) => ScoreCategoryId,
): { actions: ActionResult[]; possible: Record<ActionCategory, number>; earned: Record<ActionCategory, number> } {
  const chosen = new Set(response.assessment.safeguardingActions);
  const units = policy.scoring.safeguardingUnits;
  const possible: Record<ActionCategory, number> = { safeguarding: 0, advice: 0, recording: 0 };
  const earned: Record<ActionCategory, number> = { safeguarding: 0, advice: 0, recording: 0 };
  const actions = answerKey.safeguardingActions.map((judgement): ActionResult => {
    const isChosen = chosen.has(judgement.action);
    const category = categoryOfAction(judgement.action) as ActionCategory;
    if (judgement.verdict === 'required') {
      possible[category] += units.required;
      if (isChosen) earned[category] += units.required;
    } else if (judgement.verdict === 'recommended') {
      possible[category] += units.recommended;
      if (isChosen) earned[category] += units.recommended;
    } else if (judgement.verdict === 'harmful' && isChosen) {
      earned[category] -= units.harmfulPenalty;
    }
    return { action: judgement.action, verdict: judgement.verdict, chosen: isChosen, reason: judgement.reason, cues: judgement.cues ?? [] };
  });
  return { actions, possible, earned };
}

function scoreKeyQuestions(answerKey: AnswerKey, response: CallResponse): KeyQuestionResult[] {
  const asked = new Set(response.questionsAsked.map((q) => q.optionId));
  return answerKey.keyQuestions.map((question) => ({
    id: question.id,
    question: question.question,
    asked: question.optionIds.some((optionId) => asked.has(optionId)),
    reason: question.reason,
    ...(question.cue ? { cue: question.cue } : {}),
  }));
}

/**
 * Where the trainee pinned the incident against where the key puts it; null when the key has no
 * location. Distances are measured between the two points as given (a three-word code pin sits
 * at the centre of its 3 m square).
 */
function scoreLocation(answerKey: AnswerKey, response: CallResponse, policy: ForcePolicy): LocationResult | null {
  const key = answerKey.location;
  if (!key) return null;
  const pin = response.location;
  const base = {
    expected: key.point,
    description: key.description,
    acceptedRadiusMetres: key.acceptedRadiusMetres,
    expertRationale: key.rationale,
    cues: key.cues,
  };
  if (!pin) {
    return { given: null, givenLabel: '', method: null, ...base, distanceMetres: null, verdict: 'not-pinned', credit: 0, timeToLocationMs: null };
  }
  const distance = distanceMetres(pin.point, key.point);
  const verdict: LocationResult['verdict'] =
    distance <= key.acceptedRadiusMetres ? 'within' : distance <= 2 * key.acceptedRadiusMetres ? 'near' : 'outside';
  const accuracyCredit = verdict === 'within' ? 1 : verdict === 'near' ? 0.5 : 0;
  const timing = policy.scoring.locationTiming;
  const late = timing ? pin.atMs > timing.targetSeconds * 1000 : false;
  return {
    given: pin.point,
    givenLabel: pin.label,
    method: pin.method,
    ...base,
    distanceMetres: distance,
    verdict,
    credit: late && timing ? accuracyCredit * timing.lateCreditFactor : accuracyCredit,
    timeToLocationMs: pin.atMs,
    ...(timing ? { targetSeconds: timing.targetSeconds, late } : {}),
  };
}

function findCriticalMisses(
  answerKey: AnswerKey,
  response: CallResponse,
  policy: ForcePolicy,
  keyQuestions: KeyQuestionResult[],
  location: LocationResult | null,
): TriggeredCriticalMiss[] {
  return answerKey.criticalMisses
    .filter((miss) => ruleBroken(miss.rule, response, policy, keyQuestions, location))
    .map((miss) => ({ id: miss.id, description: miss.description, reason: miss.reason, ...(miss.cue ? { cue: miss.cue } : {}) }));
}

function ruleBroken(
  rule: CriticalMissRule,
  response: CallResponse,
  policy: ForcePolicy,
  keyQuestions: KeyQuestionResult[],
  location: LocationResult | null,
): boolean {
  const { assessment } = response;
  switch (rule.kind) {
    case 'gradeLessUrgentThan':
      return assessment.grade === null || gradeRank(policy, assessment.grade) > gradeRank(policy, rule.grade);
    case 'actionNotTaken':
      return !assessment.safeguardingActions.includes(rule.action);
    case 'actionTaken':
      return assessment.safeguardingActions.includes(rule.action);
    case 'keyQuestionNotAsked':
      return !keyQuestions.some((q) => q.id === rule.keyQuestion && q.asked);
    case 'ratingBelow': {
      const rating = assessment.thrive[rule.element]?.rating ?? null;
      return rating === null || ratingRank(policy, rating) < ratingRank(policy, rule.rating);
    }
    case 'locationOutsideAcceptedArea':
      // A key without a location cannot be missed this way (scenarios:check refuses the pairing).
      return location !== null && location.verdict !== 'within';
  }
}

function bandFor(policy: ForcePolicy, percent: number, hasCriticalMiss: boolean, hasMajorDeviation: boolean): { id: string; label: string } {
  const bands = policy.scoring.bands;
  let index = hasCriticalMiss
    ? bands.findIndex((b) => b.id === policy.scoring.criticalMissBand)
    : bands.findIndex((b) => percent >= b.minPercent);
  if (index < 0) index = bands.length - 1;
  const cap = policy.scoring.majorDeviationBand;
  if (hasMajorDeviation && cap !== undefined) {
    const capIndex = bands.findIndex((b) => b.id === cap);
    if (capIndex > index) index = capIndex;
  }
  const chosen = bands[index];
  if (!chosen) throw new Error(`force policy "${policy.id}" has no bands`);
  return { id: chosen.id, label: chosen.label };
}

/** True when `grade` is at least as urgent as the least urgent of `accepted`. */
function urgentEnough(policy: ForcePolicy, grade: string | null, accepted: readonly string[]): boolean {
  if (grade === null) return false;
  return gradeRank(policy, grade) <= Math.max(...accepted.map((g) => gradeRank(policy, g)));
}

/**
 * When the grade became urgent enough and stayed so up to `untilMs`: the start of the last run of
 * urgent-enough grades that covers `untilMs`. Null when the grade at `untilMs` is not.
 */
function reachedFor(history: readonly GradeAt[], untilMs: number, ok: (grade: string | null) => boolean): number | null {
  if (!ok(gradeAt(history, untilMs))) return null;
  let since: number | null = null;
  for (const entry of history) {
    if (entry.atMs > untilMs) break;
    if (ok(entry.grade)) since ??= entry.atMs;
    else since = null;
  }
  return since;
}

/**
 * Re-THRIVE: for each re-grade the key requires, whether the trainee's grade was urgent enough
 * `withinSeconds` after the cue reached them (in time, or already there before the cue), only
 * later (late: the policy's late credit), or never (missed: the key's severity). A cue the
 * trainee's call never reached is not scored.
 */
function scoreRegrades(
  scenario: Scenario,
  answerKey: AnswerKey,
  response: CallResponse,
  policy: ForcePolicy,
  history: readonly GradeAt[],
): RegradeResult[] {
  const lateCredit = policy.scoring.timeliness?.lateRegradeCredit ?? DEFAULT_LATE_CREDIT;
  return (answerKey.regrades ?? []).map((rule): RegradeResult => {
    const accepted = [rule.expected, ...rule.acceptable];
    const ok = (grade: string | null) => urgentEnough(policy, grade, accepted);
    const cueAtMs = momentAtMs(scenario, rule.after, response.callTimeline);
    const base = {
      id: rule.id,
      expected: rule.expected,
      acceptable: rule.acceptable,
      after: rule.after,
      cueAtMs,
      withinSeconds: rule.withinSeconds,
      reason: rule.reason,
      severity: rule.severity,
    };
    if (cueAtMs === null) {
      return { ...base, gradeAtDeadline: null, reachedAtMs: null, secondsAfterCue: null, verdict: 'cue-not-reached', credit: 0 };
    }
    const deadline = cueAtMs + rule.withinSeconds * 1000;
    const gradeAtDeadline = gradeAt(history, deadline);
    const inTime = reachedFor(history, deadline, ok);
    if (inTime !== null) {
      const already = inTime <= cueAtMs;
      return {
        ...base,
        gradeAtDeadline,
        reachedAtMs: inTime,
        secondsAfterCue: already ? 0 : (inTime - cueAtMs) / 1000,
        verdict: already ? 'already-there' : 'in-time',
        credit: 1,
      };
    }
    const later = history.find((entry) => entry.atMs > deadline && ok(entry.grade));
    if (later) {
      return { ...base, gradeAtDeadline, reachedAtMs: later.atMs, secondsAfterCue: (later.atMs - cueAtMs) / 1000, verdict: 'late', credit: lateCredit };
    }
    return { ...base, gradeAtDeadline, reachedAtMs: null, secondsAfterCue: null, verdict: 'missed', credit: 0 };
  });
}

/**
 * Required systems checks: asked for by the key's moment (plus allowance) is on time; asked for
 * later is late (the policy's late credit); never is missed. A check whose moment the trainee's
 * call never reached is on time whenever it was asked for.
 */
function scoreChecks(scenario: Scenario, answerKey: AnswerKey, response: CallResponse, policy: ForcePolicy): CheckResult[] {
  const lateCredit = policy.scoring.timeliness?.lateCheckCredit ?? DEFAULT_LATE_CREDIT;
  return (answerKey.requiredChecks ?? []).map((rule): CheckResult => {
    const checkId = systemsCheckId(rule.database, rule.subject);
    const requested = response.incidentLog?.find((entry) => entry.kind === 'check-requested' && entry.checkId === checkId);
    const requestedAtMs = requested?.atMs ?? null;
    const byAtMs = rule.by ? momentAtMs(scenario, rule.by, response.callTimeline) : null;
    const dueAtMs = byAtMs === null ? null : byAtMs + (rule.withinSeconds ?? 0) * 1000;
    const verdict: CheckResult['verdict'] =
      requestedAtMs === null ? 'missed' : dueAtMs === null || requestedAtMs <= dueAtMs ? 'on-time' : 'late';
    return {
      id: rule.id,
      checkId,
      database: rule.database,
      subject: rule.subject,
      subjectLabel: scenario.systems?.subjects.find((s) => s.id === rule.subject)?.label ?? rule.subject,
      requestedAtMs,
      dueAtMs,
      verdict,
      credit: verdict === 'on-time' ? 1 : verdict === 'late' ? lateCredit : 0,
      severity: rule.severity,
      reason: rule.reason,
      ...(rule.by ? { by: rule.by } : {}),
    };
  });
}

/**
 * Time to grade from the answer (the first grade of any kind) and from the cue that should have
 * triggered it: the earliest of the key's grade cues the trainee heard, to the first moment their
 * grade was at least as urgent as the least urgent accepted one.
 */
function scoreTimeToGrade(
  scenario: Scenario,
  answerKey: AnswerKey,
  response: CallResponse,
  policy: ForcePolicy,
  history: readonly GradeAt[],
): TimeToGrade {
  const accepted = [answerKey.grade.expected, ...answerKey.grade.acceptable];
  const acceptedAtMs = history.find((entry) => urgentEnough(policy, entry.grade, accepted))?.atMs ?? null;
  const heard = answerKey.grade.cues
    .map((cue) => ({ cue, atMs: momentAtMs(scenario, cue, response.callTimeline) }))
    .filter((c): c is { cue: (typeof answerKey.grade.cues)[number]; atMs: number } => c.atMs !== null)
    .sort((a, b) => a.atMs - b.atMs)[0];
  const cueAtMs = heard?.atMs ?? null;
  return {
    fromAnswerMs: response.timings.timeToGradeMs,
    acceptedAtMs,
    ...(heard ? { cue: heard.cue } : {}),
    cueAtMs,
    fromCueMs: acceptedAtMs === null || cueAtMs === null ? null : Math.max(0, acceptedAtMs - cueAtMs),
  };
}

/**
 * The panel of experts (main key first): the spread of their grades and of their ratings per
 * element, where the trainee sits against it (within, adjacent: one step outside, outside), and a
 * flag when they disagree by the policy's spread or more. Null when the key has no panel.
 */
function scorePanel(answerKey: AnswerKey, response: CallResponse, policy: ForcePolicy): PanelResult | null {
  const panel = answerKey.panel;
  if (!panel || panel.length === 0) return null;
  const flag = policy.scoring.panel ?? DEFAULT_PANEL_FLAG;
  const reasons: string[] = [];
  const spread = (answers: string[], given: string | null, rank: (id: string) => number) => {
    const ranked = [...answers].sort((a, b) => rank(a) - rank(b));
    const min = ranked[0] ?? answers[0] ?? '';
    const max = ranked.at(-1) ?? min;
    let position: PanelResult['grade']['position'] = 'not-given';
    if (given !== null) {
      const r = rank(given);
      const distance = r < rank(min) ? rank(min) - r : r > rank(max) ? r - rank(max) : 0;
      position = distance === 0 ? 'within' : distance === 1 ? 'adjacent' : 'outside';
    }
    return { answers, min, max, given, position, width: rank(max) - rank(min) };
  };
  const gradeRankOf = (id: string) => gradeRank(policy, id);
  const { width: gradeWidth, ...grade } = spread([answerKey.grade.expected, ...panel.map((p) => p.grade)], response.assessment.grade, gradeRankOf);
  if (gradeWidth >= flag.gradeSpreadFlagLevels) {
    reasons.push(`The experts' grades are ${gradeWidth} levels apart (${grade.min} to ${grade.max}).`);
  }
  const elements = policy.framework.elements.map((element) => {
    const expected = answerKey.thrive[element.id]?.expected;
    const answers = [...(expected ? [expected] : []), ...panel.flatMap((p) => (p.thrive[element.id] ? [p.thrive[element.id] as string] : []))];
    const { width, ...result } = spread(answers, response.assessment.thrive[element.id]?.rating ?? null, (id) => ratingRank(policy, id));
    if (width >= flag.ratingSpreadFlagSteps) reasons.push(`The experts rate ${element.name} from ${result.min} to ${result.max}.`);
    return { element: element.id, ...result };
  });
  return {
    experts: [answerKey.expert, ...panel.map((p) => p.expert)].map((expert, index) => {
      const note = index === 0 ? undefined : panel[index - 1]?.note;
      return { name: expert.name, role: expert.role, ...(note ? { note } : {}) };
    }),
    grade,
    elements,
    disagreement: { flagged: reasons.length > 0, reasons },
  };
}

interface DeviationInputs {
  readonly scenario: Scenario;
  readonly answerKey: AnswerKey;
  readonly response: CallResponse;
  readonly policy: ForcePolicy;
  readonly elements: readonly ElementResult[];
  readonly grade: GradeResult;
  readonly regrades: readonly RegradeResult[];
  readonly safeguarding: readonly ActionResult[];
  readonly categoryOfAction: (actionId: string) => ScoreCategoryId;
  readonly keyQuestions: readonly KeyQuestionResult[];
  readonly checks: readonly CheckResult[];
  readonly location: LocationResult | null;
  readonly criticalMisses: readonly TriggeredCriticalMiss[];
  readonly rationaleUnits: readonly number[];
}

/**
 * Every departure from the key as an AQUA-style deviation, most severe first (then by when its
 * cue happened). Default severities (see src/domain/README.md): critical misses critical;
 * under-grading or no grade major, over-grading minor; a THRIVE+ rating wrong or missing
 * moderate, one step off minor; a required action missed major, a recommended one minor, a
 * harmful one taken major (each overridable in the key); a key question not asked moderate
 * (overridable); a required check or re-grade missed at the key's severity, late minor (check)
 * or moderate (re-grade); a pin near the area minor, outside it or none moderate; a THRIVE+
 * element without a written rationale minor (when the policy scores recording).
 */
function collectDeviations(inputs: DeviationInputs): Deviation[] {
  const { scenario, answerKey, response, policy } = inputs;
  const deviations: Deviation[] = [];
  const gradeName = (id: string | null) => policy.grades.find((g) => g.id === id)?.name ?? id ?? 'no grade';
  const elementName = (id: string) => policy.framework.elements.find((e) => e.id === id)?.name ?? id;
  const ratingName = (id: string | null) => policy.framework.ratingScale.find((r) => r.id === id)?.label.toLowerCase() ?? id ?? 'not rated';
  const actionName = (id: string) => policy.safeguardingActions.find((a) => a.id === id)?.label ?? id;
  // Scoring runs thousands of times (progress screens, bench): fresh literals are filled in
  // place rather than copied with spreads, which V8 handles far more slowly.
  const add = (deviation: Deviation, cue?: KeyMoment) => {
    if (cue) {
      deviation.cue = cue;
      deviation.cueAtMs = momentAtMs(scenario, cue, response.callTimeline);
    }
    deviations.push(deviation);
  };
  const judgementOf = indexAnswerKey(answerKey);

  for (const miss of inputs.criticalMisses) {
    const rule = judgementOf.criticalMiss.get(miss.id)?.rule;
    add({ id: `critical:${miss.id}`, category: criticalCategory(rule, inputs.categoryOfAction), severity: 'critical', description: miss.description, reason: miss.reason }, miss.cue);
  }
  const { grade } = inputs;
  if (grade.verdict === 'under-graded' || grade.verdict === 'not-graded' || grade.verdict === 'over-graded') {
    add({
      id: 'grade',
      category: 'grade',
      severity: grade.verdict === 'over-graded' ? 'minor' : 'major',
      description:
        grade.verdict === 'not-graded'
          ? 'No grade was given.'
          : `Graded ${gradeName(grade.given)}, ${grade.levelsOff} level${grade.levelsOff === 1 ? '' : 's'} ${grade.verdict === 'over-graded' ? 'more' : 'less'} urgent than the expert (${gradeName(grade.expected)}).`,
      reason: grade.expertRationale,
    }, grade.cues[0]);
  }
  for (const regrade of inputs.regrades) {
    if (regrade.verdict !== 'late' && regrade.verdict !== 'missed') continue;
    add({
      id: `regrade:${regrade.id}`,
      category: 'grade',
      severity: regrade.verdict === 'late' ? (regrade.severity === 'minor' ? 'minor' : 'moderate') : regrade.severity,
      description:
        regrade.verdict === 'late'
          ? `Re-graded to ${gradeName(regrade.expected)} ${Math.round(regrade.secondsAfterCue ?? 0)} s after the new information; the expert allows ${regrade.withinSeconds} s.`
          : `The grade did not rise to ${gradeName(regrade.expected)} after the new information.`,
      reason: regrade.reason,
    }, regrade.after);
  }
  for (const element of inputs.elements) {
    if (element.verdict === 'expected' || element.verdict === 'acceptable') continue;
    add({
      id: `thrive:${element.element}`,
      category: 'thrive',
      severity: element.verdict === 'one-step-off' ? 'minor' : 'moderate',
      description:
        element.given === null
          ? `${elementName(element.element)} was not rated.`
          : `${elementName(element.element)} rated ${ratingName(element.given)}; the expert says ${ratingName(element.expected)}.`,
      reason: element.expertRationale,
    }, element.cues[0]);
  }
  inputs.elements.forEach((element, index) => {
    if (inputs.rationaleUnits[index] === 0) {
      add({ id: `rationale:${element.element}`, category: 'recording', severity: 'minor', description: `No rationale was written for ${elementName(element.element)}.`, reason: 'A recorded rationale is what a supervisor and a review judge the decision by.' });
    }
  });
  for (const action of inputs.safeguarding) {
    const judgement = judgementOf.action.get(action.action);
    const missed = (action.verdict === 'required' || action.verdict === 'recommended') && !action.chosen;
    const harmful = action.verdict === 'harmful' && action.chosen;
    if (!missed && !harmful) continue;
    const fallback: DeviationSeverity = action.verdict === 'recommended' ? 'minor' : 'major';
    add({
      id: `action:${action.action}`,
      category: inputs.categoryOfAction(action.action),
      severity: judgement?.severity ?? fallback,
      description: harmful ? `Took a harmful action: ${actionName(action.action)}.` : `Did not take the ${action.verdict} action: ${actionName(action.action)}.`,
      reason: action.reason,
    }, action.cues[0]);
  }
  for (const question of inputs.keyQuestions) {
    if (question.asked) continue;
    const severity = judgementOf.keyQuestion.get(question.id)?.severity ?? 'moderate';
    add({ id: `question:${question.id}`, category: 'keyQuestions', severity, description: `Did not ask: ${question.question}`, reason: question.reason }, question.cue);
  }
  for (const check of inputs.checks) {
    if (check.verdict === 'on-time') continue;
    add({
      id: `check:${check.checkId}`,
      category: 'keyQuestions',
      severity: check.verdict === 'late' ? 'minor' : check.severity,
      description:
        check.verdict === 'late'
          ? `Checked ${DATABASE_NAMES[check.database] ?? check.database} for ${check.subjectLabel} late.`
          : `Did not check ${DATABASE_NAMES[check.database] ?? check.database} for ${check.subjectLabel}.`,
      reason: check.reason,
    }, check.by);
  }
  const location = inputs.location;
  if (location && location.verdict !== 'within') {
    add({
      id: 'location',
      category: 'location',
      severity: location.verdict === 'near' ? 'minor' : 'moderate',
      description: location.verdict === 'not-pinned' ? 'No location was pinned.' : `The pin is ${Math.round(location.distanceMetres ?? 0)} m from the incident.`,
      reason: location.expertRationale,
    }, location.cues[0]);
  }
  // Array.prototype.sort is stable, so equal severity and cue time keep the order found.
  return deviations.sort(
    (a, b) =>
      SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
      (a.cueAtMs ?? Number.MAX_SAFE_INTEGER) - (b.cueAtMs ?? Number.MAX_SAFE_INTEGER),
  );
}

function criticalCategory(rule: CriticalMissRule | undefined, categoryOfAction: (actionId: string) => ScoreCategoryId): ScoreCategoryId {
  switch (rule?.kind) {
    case 'gradeLessUrgentThan':
      return 'grade';
    case 'actionNotTaken':
    case 'actionTaken':
      return categoryOfAction(rule.action);
    case 'keyQuestionNotAsked':
      return 'keyQuestions';
    case 'ratingBelow':
      return 'thrive';
    case 'locationOutsideAcceptedArea':
      return 'location';
    default:
      return 'safeguarding';
  }
}

/** What {@link summariseReport} reads from a report. */
export type SummaryInputs = Pick<ScoreReport, 'categories' | 'deviations' | 'checks' | 'regrades'>;

/**
 * The debrief's short summary, chosen from a report.
 *
 * What went well: each weighted category at full marks (by its label); every required re-grade
 * made in time, and every required check run in time, when the key asked for any; when nothing
 * reached full marks, the strongest weighted category at 75 % or more ("Mostly right: ..."), so a
 * trainee is never told nothing went well when something nearly did.
 *
 * To work on: the most severe deviation, then the next most severe one from a *different*
 * category (a critical miss and the check it repeats are one lesson, not two), and only if it
 * matters as much: a minor second point is left out when the first is worse than minor.
 */
export function summariseReport(report: SummaryInputs): { wentWell: string[]; workOn: string[] } {
  const weighted = (Object.entries(report.categories) as [ScoreCategoryId, { fraction: number; weight: number } | undefined][]).flatMap(([id, category]) =>
    category && category.weight > 0 ? [{ id, fraction: category.fraction }] : [],
  );
  const wentWell = weighted.filter((c) => c.fraction >= 1 - 1e-9).map((c) => CATEGORY_LABELS[c.id]);
  const regrades = (report.regrades ?? []).filter((r) => r.verdict !== 'cue-not-reached');
  if (regrades.length > 0 && regrades.every((r) => r.verdict === 'in-time' || r.verdict === 'already-there')) {
    wentWell.push('Re-graded in time when new information came in');
  }
  const checks = report.checks ?? [];
  if (checks.length > 0 && checks.every((c) => c.verdict === 'on-time') && !wentWell.includes(CATEGORY_LABELS.keyQuestions)) {
    wentWell.push('Ran every required systems check in time');
  }
  if (wentWell.length === 0) {
    const best = [...weighted].sort((a, b) => b.fraction - a.fraction)[0];
    if (best && best.fraction >= 0.75) wentWell.push(`Mostly right: ${CATEGORY_LABELS[best.id]} (${Math.round(best.fraction * 100)} %)`);
  }
  const deviations = report.deviations ?? [];
  const first = deviations[0];
  const workOn: string[] = [];
  if (first) {
    workOn.push(first.description);
    const second = deviations.find((d) => d.category !== first.category);
    if (second && (second.severity !== 'minor' || first.severity === 'minor')) workOn.push(second.description);
  }
  return { wentWell, workOn };
}
