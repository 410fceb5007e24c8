import type { AnswerKey, CriticalMissRule } from './answer-key-schema';
import type { CallResponse } from './call-response-schema';
import { gradeRank, ratingRank, type ForcePolicy } from './force-policy-schema';
import { distanceMetres } from './map-geometry';
import type { Scenario } from './scenario-schema';
import type {
  ActionResult,
  ElementResult,
  GradeResult,
  KeyQuestionResult,
  LocationResult,
  ScoreReport,
  TriggeredCriticalMiss,
} from './score-report-schema';

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
 * - Any critical miss puts the attempt in the policy's critical-miss band whatever its total.
 *
 * `scenario` is accepted so rules that need the call graph can grow here without changing callers.
 */
export function scoreAttempt(
  _scenario: Scenario,
  answerKey: AnswerKey,
  response: CallResponse,
  policy: ForcePolicy,
): ScoreReport {
  const elements = scoreElements(answerKey, response, policy);
  const grade = scoreGrade(answerKey, response, policy);
  const safeguarding = scoreSafeguarding(answerKey, response, policy);
  const keyQuestions = scoreKeyQuestions(answerKey, response);
  const location = scoreLocation(answerKey, response, policy);
  const criticalMisses = findCriticalMisses(answerKey, response, policy, keyQuestions, location);

  const weights = policy.scoring.categoryWeights;
  const categories: ScoreReport['categories'] = {
    thrive: { fraction: weightedThriveFraction(elements, policy), weight: weights.thrive },
    grade: { fraction: grade.credit, weight: weights.grade },
    safeguarding: { fraction: safeguarding.fraction, weight: weights.safeguarding },
    keyQuestions: {
      fraction: keyQuestions.length === 0 ? 1 : keyQuestions.reduce((count, q) => count + (q.asked ? 1 : 0), 0) / keyQuestions.length,
      weight: keyQuestions.length === 0 ? 0 : weights.keyQuestions,
    },
    ...(location ? { location: { fraction: location.credit, weight: weights.location ?? 0 } } : {}),
  };
  let totalWeight = 0;
  let earned = 0;
  for (const part of [categories.thrive, categories.grade, categories.safeguarding, categories.keyQuestions, categories.location]) {
    if (!part) continue;
    totalWeight += part.weight;
    earned += part.weight * part.fraction;
  }
  const percent = totalWeight === 0 ? 0 : (100 * earned) / totalWeight;

  return {
    policyId: policy.id,
    elements,
    grade,
    safeguarding: {
      actions: safeguarding.actions,
      requiredMissed: safeguarding.actions.filter((a) => a.verdict === 'required' && !a.chosen).map((a) => a.action),
      harmfulChosen: safeguarding.actions.filter((a) => a.verdict === 'harmful' && a.chosen).map((a) => a.action),
    },
    keyQuestions,
    ...(location ? { location } : {}),
    criticalMisses,
    categories,
    percent,
    band: bandFor(policy, percent, criticalMisses.length > 0),
  };
}

/**
 * Rank of each grade and rating id in a policy, built once per policy object: scoring looks ranks
 * up for every attempt (10,000 of them on the dashboard), and a Map beats a search each time.
 * Unknown ids fall back to the policy's own lookups, which throw with a clear message.
 */
const rankCache = new WeakMap<ForcePolicy, { grades: Map<string, number>; ratings: Map<string, number> }>();
function ranksOf(policy: ForcePolicy) {
  let ranks = rankCache.get(policy);
  if (!ranks) {
    ranks = {
      grades: new Map(policy.grades.map((g, index) => [g.id, index])),
      ratings: new Map(policy.framework.ratingScale.map((r, index) => [r.id, index])),
    };
    rankCache.set(policy, ranks);
  }
  return ranks;
}
function fastGradeRank(policy: ForcePolicy, gradeId: string): number {
  return ranksOf(policy).grades.get(gradeId) ?? gradeRank(policy, gradeId);
}
function fastRatingRank(policy: ForcePolicy, ratingId: string): number {
  return ranksOf(policy).ratings.get(ratingId) ?? ratingRank(policy, ratingId);
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
      const givenRank = fastRatingRank(policy, rating);
      let distance = Math.abs(fastRatingRank(policy, judgement.expected) - givenRank);
      for (const acceptable of judgement.acceptable) distance = Math.min(distance, Math.abs(fastRatingRank(policy, acceptable) - givenRank));
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
  // Built as one literal per outcome (no spreads): scoring runs for every attempt on the dashboard.
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
  const givenRank = fastGradeRank(policy, given);
  let leastUrgentAccepted = fastGradeRank(policy, key.expected);
  let mostUrgentAccepted = leastUrgentAccepted;
  for (const grade of key.acceptable) {
    const rank = fastGradeRank(policy, grade);
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

function scoreSafeguarding(
  answerKey: AnswerKey,
  response: CallResponse,
  policy: ForcePolicy,
): { actions: ActionResult[]; fraction: number } {
  const chosen = new Set(response.assessment.safeguardingActions);
  const units = policy.scoring.safeguardingUnits;
  let possible = 0;
  let earned = 0;
  const actions = answerKey.safeguardingActions.map((judgement): ActionResult => {
    const isChosen = chosen.has(judgement.action);
    if (judgement.verdict === 'required') {
      possible += units.required;
      if (isChosen) earned += units.required;
    } else if (judgement.verdict === 'recommended') {
      possible += units.recommended;
      if (isChosen) earned += units.recommended;
    } else if (judgement.verdict === 'harmful' && isChosen) {
      earned -= units.harmfulPenalty;
    }
    return { action: judgement.action, verdict: judgement.verdict, chosen: isChosen, reason: judgement.reason, cues: judgement.cues ?? [] };
  });
  const fraction = possible === 0 ? (earned < 0 ? 0 : 1) : Math.max(0, earned) / possible;
  return { actions, fraction };
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
      return assessment.grade === null || fastGradeRank(policy, assessment.grade) > fastGradeRank(policy, rule.grade);
    case 'actionNotTaken':
      return !assessment.safeguardingActions.includes(rule.action);
    case 'actionTaken':
      return assessment.safeguardingActions.includes(rule.action);
    case 'keyQuestionNotAsked':
      return !keyQuestions.some((q) => q.id === rule.keyQuestion && q.asked);
    case 'ratingBelow': {
      const rating = assessment.thrive[rule.element]?.rating ?? null;
      return rating === null || fastRatingRank(policy, rating) < fastRatingRank(policy, rule.rating);
    }
    case 'locationOutsideAcceptedArea':
      // A key without a location cannot be missed this way (scenarios:check refuses the pairing).
      return location !== null && location.verdict !== 'within';
  }
}

function bandFor(policy: ForcePolicy, percent: number, hasCriticalMiss: boolean): { id: string; label: string } {
  const bands = policy.scoring.bands;
  const band = hasCriticalMiss
    ? bands.find((b) => b.id === policy.scoring.criticalMissBand)
    : bands.find((b) => percent >= b.minPercent);
  const chosen = band ?? bands[bands.length - 1];
  if (!chosen) throw new Error(`force policy "${policy.id}" has no bands`);
  return { id: chosen.id, label: chosen.label };
}
