import type { AttemptEvidence } from './attempt-evidence';

/**
 * The dashboard's arithmetic: every figure is computed here, from {@link AttemptEvidence} listed
 * oldest first, so charts and their tables only display.
 */

/** One attempt on the score-over-time chart. */
export interface ScorePoint {
  readonly attemptId: string;
  readonly completedAt: string;
  readonly scenarioTitle: string;
  readonly percent: number;
  readonly bandLabel: string;
}

/** The latest `limit` attempts' scores, oldest first (a chart of 10,000 points helps nobody). */
export function scoreTimeline(evidence: readonly AttemptEvidence[], limit: number): ScorePoint[] {
  return evidence.slice(-limit).map((e) => ({
    attemptId: e.attemptId,
    completedAt: e.completedAt,
    scenarioTitle: e.scenarioTitle,
    percent: Math.round(e.percent * 10) / 10,
    bandLabel: e.band.label,
  }));
}

/** How often the trainee's rating of one THRIVE+ element matched the expert's. */
export interface ElementAccuracy {
  readonly element: string;
  /** Attempts in which the element was part of the key. */
  readonly attempts: number;
  /** Expected or acceptable rating. */
  readonly matched: number;
  readonly oneStepOff: number;
  readonly wrong: number;
  readonly notRated: number;
  /** matched / attempts, 0..1; 0 when there are no attempts. */
  readonly accuracy: number;
}

/**
 * Accuracy per THRIVE+ element, in `elementOrder` (the force policy's), then any other element
 * met in the reports.
 */
export function elementAccuracy(evidence: readonly AttemptEvidence[], elementOrder: readonly string[]): ElementAccuracy[] {
  const counts = new Map<string, { attempts: number; matched: number; oneStepOff: number; wrong: number; notRated: number }>();
  for (const id of elementOrder) counts.set(id, { attempts: 0, matched: 0, oneStepOff: 0, wrong: 0, notRated: 0 });
  for (const e of evidence) {
    for (const result of e.elements) {
      let c = counts.get(result.element);
      if (!c) counts.set(result.element, (c = { attempts: 0, matched: 0, oneStepOff: 0, wrong: 0, notRated: 0 }));
      c.attempts += 1;
      if (result.verdict === 'expected' || result.verdict === 'acceptable') c.matched += 1;
      else if (result.verdict === 'one-step-off') c.oneStepOff += 1;
      else if (result.verdict === 'wrong') c.wrong += 1;
      else c.notRated += 1;
    }
  }
  return [...counts].map(([element, c]) => ({ element, ...c, accuracy: c.attempts === 0 ? 0 : c.matched / c.attempts }));
}

/** Where a cell of the confusion matrix sits: on the diagonal, or the direction of the error. */
export type GradeCellKind = 'match' | 'under' | 'over' | 'not-graded';

export interface GradeCell {
  readonly expected: string;
  /** The grade given; `null` for attempts submitted without one. */
  readonly given: string | null;
  readonly count: number;
  readonly kind: GradeCellKind;
  /** Of `count`, how many the key accepted (an acceptable grade other than the expected one). */
  readonly accepted: number;
}

export interface GradeConfusion {
  /** Rows and columns, most urgent first (the policy's order), then any unknown grade met. */
  readonly grades: readonly string[];
  /** Every (expected, given) pair, including zero counts; `given: null` is the "not graded" column. */
  readonly cells: readonly GradeCell[];
  readonly underGraded: number;
  readonly overGraded: number;
  readonly total: number;
}

/**
 * The grade confusion matrix: expected grade (rows) against the grade given (columns). A given
 * grade less urgent than the expected one is under-grading (reviews criticise it most), more urgent
 * is over-grading. `gradeOrder` is the force policy's grades, most urgent first.
 */
export function gradeConfusion(evidence: readonly AttemptEvidence[], gradeOrder: readonly string[]): GradeConfusion {
  const grades = [...gradeOrder];
  for (const e of evidence) {
    if (!grades.includes(e.grade.expected)) grades.push(e.grade.expected);
    if (e.grade.given !== null && !grades.includes(e.grade.given)) grades.push(e.grade.given);
  }
  const rank = new Map(grades.map((g, i) => [g, i]));
  const counts = new Map<string, { count: number; accepted: number }>();
  const key = (expected: string, given: string | null) => `${expected}\u0000${given ?? ''}`;
  let underGraded = 0;
  let overGraded = 0;
  for (const e of evidence) {
    const k = key(e.grade.expected, e.grade.given);
    const c = counts.get(k) ?? { count: 0, accepted: 0 };
    c.count += 1;
    if (e.grade.verdict === 'acceptable') c.accepted += 1;
    counts.set(k, c);
    if (e.grade.verdict === 'under-graded') underGraded += 1;
    if (e.grade.verdict === 'over-graded') overGraded += 1;
  }
  const kindOf = (expected: string, given: string | null): GradeCellKind => {
    if (given === null) return 'not-graded';
    const diff = (rank.get(given) ?? 0) - (rank.get(expected) ?? 0);
    return diff === 0 ? 'match' : diff > 0 ? 'under' : 'over';
  };
  const cells: GradeCell[] = [];
  for (const expected of grades) {
    for (const given of [...grades, null]) {
      const c = counts.get(key(expected, given)) ?? { count: 0, accepted: 0 };
      cells.push({ expected, given, count: c.count, accepted: c.accepted, kind: kindOf(expected, given) });
    }
  }
  return { grades, cells, underGraded, overGraded, total: evidence.length };
}

/** Time to grade per attempt and its moving average. */
export interface TimeToGradePoint {
  readonly attemptId: string;
  readonly completedAt: string;
  readonly scenarioTitle: string;
  /** Seconds from answering to the first grade chosen. */
  readonly seconds: number;
  /** Mean of this and up to `window - 1` earlier graded attempts, seconds, one decimal. */
  readonly movingAverageSeconds: number;
}

/**
 * The time-to-grade trend over the latest `limit` graded attempts, with a moving average over
 * `window` attempts (attempts never graded are left out: they have no time to grade).
 */
export function timeToGradeTrend(evidence: readonly AttemptEvidence[], limit: number, window: number): TimeToGradePoint[] {
  const graded = evidence.filter((e) => e.timeToGradeMs !== null);
  const start = Math.max(0, graded.length - limit);
  const points: TimeToGradePoint[] = [];
  for (let i = start; i < graded.length; i += 1) {
    const from = Math.max(0, i - window + 1);
    let sum = 0;
    for (let j = from; j <= i; j += 1) sum += graded[j]!.timeToGradeMs!;
    const e = graded[i]!;
    points.push({
      attemptId: e.attemptId,
      completedAt: e.completedAt,
      scenarioTitle: e.scenarioTitle,
      seconds: Math.round(e.timeToGradeMs! / 100) / 10,
      movingAverageSeconds: Math.round(sum / (i - from + 1) / 100) / 10,
    });
  }
  return points;
}

/** A compliance band's share of the rolling window, against the programme's ceiling for it. */
export interface BandShare {
  readonly id: string;
  readonly label: string;
  readonly count: number;
  /** count / attempts in the window, 0..1. */
  readonly share: number;
  /** At most this share is wanted (domain.md §7, after ACE targets); undefined: no ceiling. */
  readonly ceiling: number | undefined;
  readonly overCeiling: boolean;
}

/** Programme targets for a rolling window: at most 10 % partial, 10 % low, 7 % not yet competent. */
export const BAND_CEILINGS: Readonly<Record<string, number>> = { partial: 0.1, low: 0.1, 'not-yet-competent': 0.07 };

export interface ComplianceWindow {
  /** Attempts in the window (at most the window size). */
  readonly attempts: number;
  readonly windowSize: number;
  readonly bands: readonly BandShare[];
}

/**
 * Compliance bands over the latest `windowSize` attempts, in the policy's band order (highest
 * first), each with its share and the ceiling it is held to.
 */
export function complianceWindow(
  evidence: readonly AttemptEvidence[],
  windowSize: number,
  bandOrder: ReadonlyArray<{ readonly id: string; readonly label: string }>,
  ceilings: Readonly<Record<string, number>> = BAND_CEILINGS,
): ComplianceWindow {
  const recent = evidence.slice(-windowSize);
  const bands = [...bandOrder];
  for (const e of recent) if (!bands.some((b) => b.id === e.band.id)) bands.push(e.band);
  return {
    attempts: recent.length,
    windowSize,
    bands: bands.map((band) => {
      const count = recent.filter((e) => e.band.id === band.id).length;
      const share = recent.length === 0 ? 0 : count / recent.length;
      const ceiling = ceilings[band.id];
      return { id: band.id, label: band.label, count, share, ceiling, overCeiling: ceiling !== undefined && share > ceiling };
    }),
  };
}
