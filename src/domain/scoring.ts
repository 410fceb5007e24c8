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

  const elements = scoreElements(answerKey, response, policy);
  const history = gradeHistory(response);
  const grade = scoreGrade(answerKey, response, policy);
  const regrades = scoreRegrades(scenario, answerKey, response, policy, history);
  const safeguarding = scoreSafeguarding(answerKey, response, policy);
  const keyQuestions = scoreKeyQuestions(answerKey, response);
  const checks = scoreChecks(scenario, answerKey, response, policy);
  const location = scoreLocation(answerKey, response, policy);
  const criticalMisses = findCriticalMisses(answerKey, response, policy, keyQuestions, location);
  const rationaleUnits: number[] = splitRecording ? elements.map((e) => (e.givenRationale.trim().length > 0 ? 1 : 0)) : [];

  // Plain loops rather than filter/spread/reduce chains: scoring runs thousands of times. Sums
  // are added in the same order as the chains did, so every total is the same to the last bit.
  let reachedRegrades = 0;
  let regradeCredit = 0;
  for (const r of regrades) {
    if (r.verdict === 'cue-not-reached') continue;
    reachedRegrades += 1;
    regradeCredit += r.credit;
  }
  const informationCount = keyQuestions.length + checks.length;
  let informationSum = 0;
  for (const q of keyQuestions) informationSum += q.asked ? 1 : 0;
  for (const c of checks) informationSum += c.credit;
  let rationaleSum = 0;
  for (const unit of rationaleUnits) rationaleSum += unit;
  const recordingPossible = safeguarding.possible.recording + rationaleUnits.length;
  const recordingEarned = safeguarding.earned.recording + rationaleSum;
  const categories: ScoreReport['categories'] = {
    thrive: { fraction: weightedThriveFraction(elements, policy), weight: weights.thrive },
    grade: {
      fraction: (grade.credit + regradeCredit) / (1 + reachedRegrades),
      weight: weights.grade,
    },
    safeguarding: { fraction: unitFraction(safeguarding.earned.safeguarding, safeguarding.possible.safeguarding), weight: weights.safeguarding },
    keyQuestions: {
      fraction: informationCount === 0 ? 1 : informationSum / informationCount,
      weight: informationCount === 0 ? 0 : weights.keyQuestions,
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
  let totalWeight = 0;
  let earned = 0;
  // In the categories' own key order, as Object.values gave them.
  for (const id in categories) {
    const category = categories[id as ScoreCategoryId];
    if (!category) continue;
    totalWeight += category.weight;
    earned += category.weight * category.fraction;
  }
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
    keyQuestions,
    checks,
    location,
    criticalMisses,
    rationaleUnits,
  });
  const panel = scorePanel(answerKey, response, policy);
  let hasCritical = false;
  let hasMajor = false;
  for (const d of deviations) {
    if (d.severity === 'critical') hasCritical = true;
    else if (d.severity === 'major') hasMajor = true;
  }
  const report: ScoreReport = {
    policyId: policy.id,
    elements,
    grade,
    safeguarding: {
      actions: safeguarding.actions,
      requiredMissed: actionIdsWhere(safeguarding.actions, 'required', false),
      harmfulChosen: actionIdsWhere(safeguarding.actions, 'harmful', true),
    },
    keyQuestions,
    criticalMisses,
    categories,
    percent,
    // Any critical deviation (a critical-miss rule, or a check, re-grade, action or question the key marks critical) fails the attempt.
    band: bandFor(policy, percent, hasCritical, hasMajor),
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

/**
 * A policy's names and categories by id, built once per policy object (scoring runs thousands of
 * times, and these were array searches per call). Where an id appears twice the first wins, as
 * the `find` it replaces did.
 */
interface PolicyIndex {
  /** The score category each safeguarding action counts in under this policy's weights. */
  readonly actionCategory: ReadonlyMap<string, ScoreCategoryId>;
  readonly actionLabel: ReadonlyMap<string, string>;
  readonly gradeName: ReadonlyMap<string, string>;
  readonly elementName: ReadonlyMap<string, string>;
  /** Rating labels in lower case, as deviations quote them. */
  readonly ratingName: ReadonlyMap<string, string>;
}
const policyIndexCache = new WeakMap<ForcePolicy, PolicyIndex>();

function firstById<T extends { readonly id: string }>(items: readonly T[], value: (item: T) => string): Map<string, string> {
  const byId = new Map<string, string>();
  for (const item of items) if (!byId.has(item.id)) byId.set(item.id, value(item));
  return byId;
}

function indexPolicy(policy: ForcePolicy): PolicyIndex {
  let index = policyIndexCache.get(policy);
  if (!index) {
    const weights = policy.scoring.categoryWeights;
    const splitAdvice = weights.advice !== undefined;
    const splitRecording = weights.recording !== undefined;
    // Later duplicates overwrite earlier ones here, as the Map built from entries before did.
    const actionCategory = new Map<string, ScoreCategoryId>();
    for (const action of policy.safeguardingActions) {
      actionCategory.set(
        action.id,
        splitAdvice && action.group === 'advice-and-evidence' ? 'advice' : splitRecording && action.group === 'recording-and-flagging' ? 'recording' : 'safeguarding',
      );
    }
    index = {
      actionCategory,
      actionLabel: firstById(policy.safeguardingActions, (a) => a.label),
      gradeName: firstById(policy.grades, (g) => g.name),
      elementName: firstById(policy.framework.elements, (e) => e.name),
      ratingName: firstById(policy.framework.ratingScale, (r) => r.label.toLowerCase()),
    };
    policyIndexCache.set(policy, index);
  }
  return index;
}

/** The score category an action counts in: advice or recording when the policy weighs them apart, else safeguarding. */
function categoryOfAction(index: PolicyIndex, actionId: string): ScoreCategoryId {
  return index.actionCategory.get(actionId) ?? 'safeguarding';
}

/** The actions with this verdict that were (or were not) chosen, in the key's order. */
function actionIdsWhere(actions: readonly ActionResult[], verdict: ActionResult['verdict'], chosen: boolean): string[] {
  const ids: string[] = [];
  for (const a of actions) if (a.verdict === verdict && a.chosen === chosen) ids.push(a.action);
  return ids;
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
  if (given === null) return gradeResult(key, given, 'not-graded', 0, 0);
  if (given === key.expected) return gradeResult(key, given, 'expected', 0, 1);
  if (key.acceptable.includes(given)) return gradeResult(key, given, 'acceptable', 0, 1);

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
    return gradeResult(key, given, 'under-graded', levelsOff, Math.max(0, 1 - lostPerLevelUnder * levelsOff));
  }
  const levelsOff = givenRank < mostUrgentAccepted ? mostUrgentAccepted - givenRank : 1;
  return gradeResult(key, given, 'over-graded', levelsOff, Math.max(0, 1 - lostPerLevelOver * levelsOff));
}

/** One literal per outcome, no spreads and no closure per call: scoring runs for every attempt in bulk views. */
function gradeResult(key: AnswerKey['grade'], given: string | null, verdict: GradeResult['verdict'], levelsOff: number, credit: number): GradeResult {
  return {
    given,
    expected: key.expected,
    acceptable: key.acceptable,
    expertRationale: key.rationale,
    cues: key.cues,
    verdict,
    levelsOff,
    credit,
  };
}

type ActionCategory = 'safeguarding' | 'advice' | 'recording';

function scoreSafeguarding(
  answerKey: AnswerKey,
  response: CallResponse,
  policy: ForcePolicy,
): { actions: ActionResult[]; possible: Record<ActionCategory, number>; earned: Record<ActionCategory, number> } {
  // A handful of actions chosen: a scan of the list is faster than a Set built per attempt.
  const chosen = response.assessment.safeguardingActions;
  const units = policy.scoring.safeguardingUnits;
  const possible: Record<ActionCategory, number> = { safeguarding: 0, advice: 0, recording: 0 };
  const earned: Record<ActionCategory, number> = { safeguarding: 0, advice: 0, recording: 0 };
  const index = indexPolicy(policy);
  const actions: ActionResult[] = [];
  for (const judgement of answerKey.safeguardingActions) {
    const isChosen = chosen.includes(judgement.action);
    const category = categoryOfAction(index, judgement.action) as ActionCategory;
    if (judgement.verdict === 'required') {
      possible[category] += units.required;
      if (isChosen) earned[category] += units.required;
    } else if (judgement.verdict === 'recommended') {
      possible[category] += units.recommended;
      if (isChosen) earned[category] += units.recommended;
    } else if (judgement.verdict === 'harmful' && isChosen) {
      earned[category] -= units.harmfulPenalty;
    }
    actions.push({ action: judgement.action, verdict: judgement.verdict, chosen: isChosen, reason: judgement.reason, cues: judgement.cues ?? [] });
  }
  return { actions, possible, earned };
}

function scoreKeyQuestions(answerKey: AnswerKey, response: CallResponse): KeyQuestionResult[] {
  // A few questions asked, a few options per key question: scanning the short lists is faster
  // than building a Set for every attempt.
  const asked = response.questionsAsked;
  const results: KeyQuestionResult[] = [];
  for (const question of answerKey.keyQuestions) {
    let wasAsked = false;
    for (let i = 0; i < asked.length && !wasAsked; i += 1) wasAsked = question.optionIds.includes(asked[i]!.optionId);
    const result: KeyQuestionResult = { id: question.id, question: question.question, asked: wasAsked, reason: question.reason };
    // Added last, in place, rather than spread in: same key order, less garbage.
    if (question.cue) result.cue = question.cue;
    results.push(result);
  }
  return results;
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
  // Literals in the report's key order rather than a shared part spread in (scoring runs thousands of times).
  if (!pin) {
    return {
      given: null,
      givenLabel: '',
      method: null,
      expected: key.point,
      description: key.description,
      acceptedRadiusMetres: key.acceptedRadiusMetres,
      expertRationale: key.rationale,
      cues: key.cues,
      distanceMetres: null,
      verdict: 'not-pinned',
      credit: 0,
      timeToLocationMs: null,
    };
  }
  const distance = distanceMetres(pin.point, key.point);
  const verdict: LocationResult['verdict'] =
    distance <= key.acceptedRadiusMetres ? 'within' : distance <= 2 * key.acceptedRadiusMetres ? 'near' : 'outside';
  const accuracyCredit = verdict === 'within' ? 1 : verdict === 'near' ? 0.5 : 0;
  const timing = policy.scoring.locationTiming;
  const late = timing ? pin.atMs > timing.targetSeconds * 1000 : false;
  const result: LocationResult = {
    given: pin.point,
    givenLabel: pin.label,
    method: pin.method,
    expected: key.point,
    description: key.description,
    acceptedRadiusMetres: key.acceptedRadiusMetres,
    expertRationale: key.rationale,
    cues: key.cues,
    distanceMetres: distance,
    verdict,
    credit: late && timing ? accuracyCredit * timing.lateCreditFactor : accuracyCredit,
    timeToLocationMs: pin.atMs,
  };
  if (timing) {
    result.targetSeconds = timing.targetSeconds;
    result.late = late;
  }
  return result;
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
    .map((miss) => {
      const triggered: TriggeredCriticalMiss = { id: miss.id, description: miss.description, reason: miss.reason };
      if (miss.cue) triggered.cue = miss.cue;
      return triggered;
    });
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
  return rankedWithin(policy, grade, mostLenientRank(policy, accepted));
}

/** The rank of the least urgent of these grades (rank 0 is the most urgent). */
function mostLenientRank(policy: ForcePolicy, accepted: readonly string[]): number {
  let max = -Infinity;
  for (const grade of accepted) max = Math.max(max, gradeRank(policy, grade));
  return max;
}

/** Whether a grade is at least as urgent as the given rank; no grade never is. */
function rankedWithin(policy: ForcePolicy, grade: string | null, maxRank: number): boolean {
  return grade !== null && gradeRank(policy, grade) <= maxRank;
}

/**
 * When the grade became urgent enough and stayed so up to `untilMs`: the start of the last run of
 * urgent-enough grades that covers `untilMs`. Null when the grade at `untilMs` is not.
 */
function reachedFor(history: readonly GradeAt[], untilMs: number, policy: ForcePolicy, maxRank: number): number | null {
  if (!rankedWithin(policy, gradeAt(history, untilMs), maxRank)) return null;
  let since: number | null = null;
  for (const entry of history) {
    if (entry.atMs > untilMs) break;
    if (rankedWithin(policy, entry.grade, maxRank)) since ??= entry.atMs;
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
    const maxRank = mostLenientRank(policy, [rule.expected, ...rule.acceptable]);
    const cueAtMs = momentAtMs(scenario, rule.after, response.callTimeline);
    if (cueAtMs === null) return regradeResult(rule, cueAtMs, null, null, null, 'cue-not-reached', 0);
    const deadline = cueAtMs + rule.withinSeconds * 1000;
    const gradeAtDeadline = gradeAt(history, deadline);
    const inTime = reachedFor(history, deadline, policy, maxRank);
    if (inTime !== null) {
      const already = inTime <= cueAtMs;
      return regradeResult(rule, cueAtMs, gradeAtDeadline, inTime, already ? 0 : (inTime - cueAtMs) / 1000, already ? 'already-there' : 'in-time', 1);
    }
    const later = history.find((entry) => entry.atMs > deadline && rankedWithin(policy, entry.grade, maxRank));
    if (later) return regradeResult(rule, cueAtMs, gradeAtDeadline, later.atMs, (later.atMs - cueAtMs) / 1000, 'late', lateCredit);
    return regradeResult(rule, cueAtMs, gradeAtDeadline, null, null, 'missed', 0);
  });
}

/** One literal per outcome in the report's key order, rather than a shared part spread in. */
function regradeResult(
  rule: NonNullable<AnswerKey['regrades']>[number],
  cueAtMs: number | null,
  gradeAtDeadline: string | null,
  reachedAtMs: number | null,
  secondsAfterCue: number | null,
  verdict: RegradeResult['verdict'],
  credit: number,
): RegradeResult {
  return {
    id: rule.id,
    expected: rule.expected,
    acceptable: rule.acceptable,
    after: rule.after,
    cueAtMs,
    withinSeconds: rule.withinSeconds,
    reason: rule.reason,
    severity: rule.severity,
    gradeAtDeadline,
    reachedAtMs,
    secondsAfterCue,
    verdict,
    credit,
  };
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
  const gradeAnswers = [answerKey.grade.expected];
  for (const p of panel) gradeAnswers.push(p.grade);
  const gradeSpread = panelSpread(gradeAnswers, response.assessment.grade, (id) => gradeRank(policy, id));
  const grade: PanelResult['grade'] = { answers: gradeAnswers, min: gradeSpread.min, max: gradeSpread.max, given: response.assessment.grade, position: gradeSpread.position };
  if (gradeSpread.width >= flag.gradeSpreadFlagLevels) {
    reasons.push(`The experts' grades are ${gradeSpread.width} levels apart (${grade.min} to ${grade.max}).`);
  }
  const elements = policy.framework.elements.map((element): PanelResult['elements'][number] => {
    const expected = answerKey.thrive[element.id]?.expected;
    const answers: string[] = expected ? [expected] : [];
    for (const p of panel) {
      const rating = p.thrive[element.id];
      if (rating) answers.push(rating);
    }
    const given = response.assessment.thrive[element.id]?.rating ?? null;
    const result = panelSpread(answers, given, (id) => ratingRank(policy, id));
    if (result.width >= flag.ratingSpreadFlagSteps) reasons.push(`The experts rate ${element.name} from ${result.min} to ${result.max}.`);
    return { element: element.id, answers, min: result.min, max: result.max, given, position: result.position };
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

/**
 * The spread of the panel's answers by rank: the lowest (the first of equals) and highest (the
 * last of equals), as a stable sort by rank would give them, its width, and where `given` sits.
 * A loop rather than a copy and sort: scoring runs thousands of times.
 */
function panelSpread(
  answers: readonly string[],
  given: string | null,
  rank: (id: string) => number,
): { min: string; max: string; width: number; position: PanelResult['grade']['position'] } {
  let min = answers[0] ?? '';
  let max = min;
  if (answers.length > 0) {
    let minRank = rank(min);
    let maxRank = minRank;
    for (let i = 1; i < answers.length; i += 1) {
      const answer = answers[i]!;
      const r = rank(answer);
      if (r < minRank) {
        min = answer;
        minRank = r;
      }
      if (r >= maxRank) {
        max = answer;
        maxRank = r;
      }
    }
  }
  let position: PanelResult['grade']['position'] = 'not-given';
  if (given !== null) {
    const r = rank(given);
    const distance = r < rank(min) ? rank(min) - r : r > rank(max) ? r - rank(max) : 0;
    position = distance === 0 ? 'within' : distance === 1 ? 'adjacent' : 'outside';
  }
  return { min, max, width: rank(max) - rank(min), position };
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
  const names = indexPolicy(policy);
  const timeline = response.callTimeline;
  // Scoring runs thousands of times (progress screens, bench): fresh literals are filled in
  // place rather than copied with spreads, which V8 handles far more slowly; `add` is a plain
  // function below rather than a closure made per call.
  const judgementOf = indexAnswerKey(answerKey);

  for (const miss of inputs.criticalMisses) {
    const rule = judgementOf.criticalMiss.get(miss.id)?.rule;
    addDeviation(deviations, scenario, timeline, { id: `critical:${miss.id}`, category: criticalCategory(rule, names), severity: 'critical', description: miss.description, reason: miss.reason }, miss.cue);
  }
  const { grade } = inputs;
  if (grade.verdict === 'under-graded' || grade.verdict === 'not-graded' || grade.verdict === 'over-graded') {
    addDeviation(deviations, scenario, timeline, {
      id: 'grade',
      category: 'grade',
      severity: grade.verdict === 'over-graded' ? 'minor' : 'major',
      description:
        grade.verdict === 'not-graded'
          ? 'No grade was given.'
          : `Graded ${gradeName(names, grade.given)}, ${grade.levelsOff} level${grade.levelsOff === 1 ? '' : 's'} ${grade.verdict === 'over-graded' ? 'more' : 'less'} urgent than the expert (${gradeName(names, grade.expected)}).`,
      reason: grade.expertRationale,
    }, grade.cues[0]);
  }
  for (const regrade of inputs.regrades) {
    if (regrade.verdict !== 'late' && regrade.verdict !== 'missed') continue;
    addDeviation(deviations, scenario, timeline, {
      id: `regrade:${regrade.id}`,
      category: 'grade',
      severity: regrade.verdict === 'late' ? (regrade.severity === 'minor' ? 'minor' : 'moderate') : regrade.severity,
      description:
        regrade.verdict === 'late'
          ? `Re-graded to ${gradeName(names, regrade.expected)} ${Math.round(regrade.secondsAfterCue ?? 0)} s after the new information; the expert allows ${regrade.withinSeconds} s.`
          : `The grade did not rise to ${gradeName(names, regrade.expected)} after the new information.`,
      reason: regrade.reason,
    }, regrade.after);
  }
  for (const element of inputs.elements) {
    if (element.verdict === 'expected' || element.verdict === 'acceptable') continue;
    addDeviation(deviations, scenario, timeline, {
      id: `thrive:${element.element}`,
      category: 'thrive',
      severity: element.verdict === 'one-step-off' ? 'minor' : 'moderate',
      description:
        element.given === null
          ? `${elementName(names, element.element)} was not rated.`
          : `${elementName(names, element.element)} rated ${ratingName(names, element.given)}; the expert says ${ratingName(names, element.expected)}.`,
      reason: element.expertRationale,
    }, element.cues[0]);
  }
  for (let index = 0; index < inputs.elements.length; index += 1) {
    const element = inputs.elements[index]!;
    if (inputs.rationaleUnits[index] === 0) {
      addDeviation(deviations, scenario, timeline, { id: `rationale:${element.element}`, category: 'recording', severity: 'minor', description: `No rationale was written for ${elementName(names, element.element)}.`, reason: 'A recorded rationale is what a supervisor and a review judge the decision by.' });
    }
  }
  for (const action of inputs.safeguarding) {
    const judgement = judgementOf.action.get(action.action);
    const missed = (action.verdict === 'required' || action.verdict === 'recommended') && !action.chosen;
    const harmful = action.verdict === 'harmful' && action.chosen;
    if (!missed && !harmful) continue;
    const fallback: DeviationSeverity = action.verdict === 'recommended' ? 'minor' : 'major';
    addDeviation(deviations, scenario, timeline, {
      id: `action:${action.action}`,
      category: categoryOfAction(names, action.action),
      severity: judgement?.severity ?? fallback,
      description: harmful ? `Took a harmful action: ${actionName(names, action.action)}.` : `Did not take the ${action.verdict} action: ${actionName(names, action.action)}.`,
      reason: action.reason,
    }, action.cues[0]);
  }
  for (const question of inputs.keyQuestions) {
    if (question.asked) continue;
    const severity = judgementOf.keyQuestion.get(question.id)?.severity ?? 'moderate';
    addDeviation(deviations, scenario, timeline, { id: `question:${question.id}`, category: 'keyQuestions', severity, description: `Did not ask: ${question.question}`, reason: question.reason }, question.cue);
  }
  for (const check of inputs.checks) {
    if (check.verdict === 'on-time') continue;
    addDeviation(deviations, scenario, timeline, {
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
    addDeviation(deviations, scenario, timeline, {
      id: 'location',
      category: 'location',
      severity: location.verdict === 'near' ? 'minor' : 'moderate',
      description: location.verdict === 'not-pinned' ? 'No location was pinned.' : `The pin is ${Math.round(location.distanceMetres ?? 0)} m from the incident.`,
      reason: location.expertRationale,
    }, location.cues[0]);
  }
  return sortDeviations(deviations);
}

// Names as deviations quote them. Module functions, not closures made per call: scoring runs
// thousands of times.
function gradeName(names: PolicyIndex, id: string | null): string {
  return id === null ? 'no grade' : (names.gradeName.get(id) ?? id);
}
function elementName(names: PolicyIndex, id: string): string {
  return names.elementName.get(id) ?? id;
}
function ratingName(names: PolicyIndex, id: string | null): string {
  return id === null ? 'not rated' : (names.ratingName.get(id) ?? id);
}
function actionName(names: PolicyIndex, id: string): string {
  return names.actionLabel.get(id) ?? id;
}

/** Adds a deviation, with its cue and when the cue reached the trainee when it has one. */
function addDeviation(
  deviations: Deviation[],
  scenario: Scenario,
  timeline: CallResponse['callTimeline'],
  deviation: Deviation,
  cue?: KeyMoment,
): void {
  if (cue) {
    deviation.cue = cue;
    deviation.cueAtMs = momentAtMs(scenario, cue, timeline);
  }
  deviations.push(deviation);
}

/** Where a deviation's cue falls when ordering: those without a cue time go last. */
function cueOrder(deviation: Deviation): number {
  return deviation.cueAtMs ?? Number.MAX_SAFE_INTEGER;
}

/**
 * Most severe first, then by cue time; equal ones keep the order found. The same order as a
 * stable sort on (severity, cue time), built by bucketing on severity and sorting a bucket only
 * when its cue times differ (scoring runs thousands of times; most buckets need no sort).
 */
function sortDeviations(deviations: Deviation[]): Deviation[] {
  const buckets: Deviation[][] = [[], [], [], []];
  for (const d of deviations) buckets[SEVERITY_RANK[d.severity]]!.push(d);
  const sorted: Deviation[] = [];
  for (const bucket of buckets) {
    let ordered = true;
    for (let i = 1; i < bucket.length && ordered; i += 1) ordered = cueOrder(bucket[i - 1]!) <= cueOrder(bucket[i]!);
    // Array.prototype.sort is stable, so equal cue times keep the order found.
    if (!ordered) bucket.sort((a, b) => cueOrder(a) - cueOrder(b));
    for (const d of bucket) sorted.push(d);
  }
  return sorted;
}

function criticalCategory(rule: CriticalMissRule | undefined, index: PolicyIndex): ScoreCategoryId {
  switch (rule?.kind) {
    case 'gradeLessUrgentThan':
      return 'grade';
    case 'actionNotTaken':
    case 'actionTaken':
      return categoryOfAction(index, rule.action);
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
  // Loops rather than entries/flatMap/filter/sort chains: scoring runs thousands of times.
  const wentWell: string[] = [];
  // The first weighted category with the highest fraction, as a stable sort would put first.
  let best: { id: ScoreCategoryId; fraction: number } | undefined;
  for (const key in report.categories) {
    const id = key as ScoreCategoryId;
    const category = report.categories[id];
    if (!category || !(category.weight > 0)) continue;
    if (category.fraction >= 1 - 1e-9) wentWell.push(CATEGORY_LABELS[id]);
    if (!best || category.fraction > best.fraction) best = { id, fraction: category.fraction };
  }
  let reachedRegrades = 0;
  let regradesInTime = true;
  for (const r of report.regrades ?? []) {
    if (r.verdict === 'cue-not-reached') continue;
    reachedRegrades += 1;
    if (r.verdict !== 'in-time' && r.verdict !== 'already-there') regradesInTime = false;
  }
  if (reachedRegrades > 0 && regradesInTime) wentWell.push('Re-graded in time when new information came in');
  const checks = report.checks ?? [];
  if (checks.length > 0 && checks.every((c) => c.verdict === 'on-time') && !wentWell.includes(CATEGORY_LABELS.keyQuestions)) {
    wentWell.push('Ran every required systems check in time');
  }
  if (wentWell.length === 0 && best && best.fraction >= 0.75) {
    wentWell.push(`Mostly right: ${CATEGORY_LABELS[best.id]} (${Math.round(best.fraction * 100)} %)`);
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
