import { attemptEvidence, type ActionGroup, type AttemptEvidence, type AttemptForProgress, type CompetencyId } from './attempt-evidence';
import { competencyMap } from './competency-map';
import { gradeConfusion, scoreTimeline, type GradeConfusion, type ScorePoint } from './progress-figures';

/**
 * The cohort view's arithmetic: a trainer loads several trainees' backup files and sees, per
 * scenario, how the cohort graded and rated it against the expert, and per trainee how they are
 * getting on. Everything is computed here from the attempts' score reports (through
 * {@link attemptEvidence} and the dashboard's own figures), so the screen only displays. Nothing
 * here is stored: the cohort lives in memory for as long as the screen is open.
 */

/** A trainee as a backup file names them (a profile). */
export interface CohortProfile {
  readonly id: string;
  readonly name: string;
}

/** An attempt as a backup file carries it: an `AttemptRecord` fits. */
export interface CohortAttempt extends AttemptForProgress {
  readonly profileId: string;
}

/** What one backup file that passed its checks contributes. */
export interface CohortFile {
  readonly file: string;
  readonly profiles: readonly CohortProfile[];
  readonly attempts: readonly CohortAttempt[];
}

export interface CohortTrainee {
  readonly id: string;
  readonly name: string;
  /** Oldest first (ties by id). */
  readonly attempts: readonly CohortAttempt[];
  /** The files that carried this trainee's record. */
  readonly files: readonly string[];
}

/** Several backup files merged: each trainee and each attempt once. */
export interface Cohort {
  /** Trainees with at least one attempt, by name (then id). */
  readonly trainees: readonly CohortTrainee[];
  /** Profiles in the files with no attempts (e.g. a shared PC's default "Trainee"): not shown. */
  readonly traineesWithoutAttempts: number;
  /** Distinct attempts. */
  readonly attempts: number;
  /** Attempts met again in another file (or twice in one) and counted once. */
  readonly repeatedAttempts: number;
}

const byCompletion = (a: { completedAt: string; id: string }, b: { completedAt: string; id: string }) =>
  a.completedAt < b.completedAt ? -1 : a.completedAt > b.completedAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

/** A profile named by no file (an attempt whose profile was left out) is shown by its id. */
export function unnamedTraineeName(profileId: string): string {
  return `Unnamed trainee ${profileId.slice(0, 8)}`;
}

/**
 * Merges backup files into one cohort. A trainee is their profile id, so the same trainee's file
 * loaded twice (or two backups of one PC) counts each of their attempts once; an attempt is its id.
 * The first file to name a profile gives its name.
 */
export function mergeCohort(files: readonly CohortFile[]): Cohort {
  const names = new Map<string, string>();
  const filesOf = new Map<string, Set<string>>();
  const attempts = new Map<string, CohortAttempt>();
  let repeatedAttempts = 0;
  for (const file of files) {
    for (const profile of file.profiles) {
      if (!names.has(profile.id)) names.set(profile.id, profile.name);
    }
    for (const attempt of file.attempts) {
      if (attempts.has(attempt.id)) repeatedAttempts += 1;
      else attempts.set(attempt.id, attempt);
      const seen = filesOf.get(attempt.profileId) ?? new Set<string>();
      seen.add(file.file);
      filesOf.set(attempt.profileId, seen);
    }
  }
  const perTrainee = new Map<string, CohortAttempt[]>();
  for (const attempt of attempts.values()) {
    const list = perTrainee.get(attempt.profileId) ?? [];
    list.push(attempt);
    perTrainee.set(attempt.profileId, list);
  }
  const trainees: CohortTrainee[] = [...perTrainee].map(([id, list]) => ({
    id,
    name: names.get(id) ?? unnamedTraineeName(id),
    attempts: [...list].sort(byCompletion),
    files: [...(filesOf.get(id) ?? [])],
  }));
  trainees.sort((a, b) => a.name.localeCompare(b.name, 'en-GB') || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return {
    trainees,
    traineesWithoutAttempts: [...names.keys()].filter((id) => !perTrainee.has(id)).length,
    attempts: attempts.size,
    repeatedAttempts,
  };
}

/** The force policy's orders a scenario's figures are laid out in. */
export interface PolicyOrders {
  /** Grades, most urgent first. */
  readonly grades: readonly string[];
  /** The rating scale, lowest first. */
  readonly ratings: readonly string[];
  /** THRIVE+ elements in the policy's order. */
  readonly elements: readonly string[];
}

export type RatingCellKind = 'match' | 'under' | 'over' | 'not-rated';

/** How many trainees gave one rating where the expert expected another. */
export interface RatingCell {
  readonly expected: string;
  /** `null`: not rated. */
  readonly given: string | null;
  readonly count: number;
  /** Against the expert: the expected or an acceptable rating, lower (under-rating the risk), higher. */
  readonly kind: RatingCellKind;
  /** Of `count`, how many the key accepted (an acceptable rating other than the expected one). */
  readonly accepted: number;
}

/** The spread of the cohort's ratings of one THRIVE+ element against the expert's rating. */
export interface ElementRatingSpread {
  readonly element: string;
  /** The expert's rating (one row per expected rating: a new scenario version may change it). */
  readonly expected: string;
  /** One cell per rating of the scale (lowest first) and a last one for "not rated". */
  readonly cells: readonly RatingCell[];
  readonly underRated: number;
  readonly overRated: number;
  readonly total: number;
}

export interface CriticalMissCount {
  readonly id: string;
  readonly description: string;
  /** Attempts in which it was triggered. */
  readonly count: number;
  /** Trainees who triggered it at least once. */
  readonly trainees: number;
}

export interface ScenarioCohortFigures {
  readonly scenarioId: string;
  /** The title in the latest attempt. */
  readonly title: string;
  readonly attempts: number;
  readonly trainees: number;
  /** The policy the latest attempt was scored under (its orders lay out the tables). */
  readonly policyId: string;
  readonly grades: GradeConfusion;
  readonly ratings: readonly ElementRatingSpread[];
  /** Commonest first (ties by description), at most `criticalMissLimit`. */
  readonly criticalMisses: readonly CriticalMissCount[];
  /** Distinct critical misses triggered, including those past the limit. */
  readonly criticalMissKinds: number;
}

/** Which way a trainee's scores are going. */
export type ScoreTrend = 'improving' | 'steady' | 'declining' | 'one-attempt';

export interface TraineeCohortFigures {
  readonly id: string;
  readonly name: string;
  readonly attempts: number;
  readonly latest: { readonly band: { readonly id: string; readonly label: string }; readonly percent: number; readonly completedAt: string; readonly scenarioTitle: string };
  /** The latest `trendAttempts` scores, oldest first. */
  readonly scores: readonly ScorePoint[];
  readonly trend: ScoreTrend;
  /** Latest score minus the mean of the earlier ones shown, percentage points, one decimal; undefined with one attempt. */
  readonly change: number | undefined;
  /** The competency with the lowest recent share (ties: the competency map's order); undefined without evidence. */
  readonly weakest: { readonly id: CompetencyId; readonly name: string; readonly share: number; readonly evidenceCount: number } | undefined;
}

export interface CohortFigures {
  /** By title (then id). */
  readonly scenarios: readonly ScenarioCohortFigures[];
  /** In the cohort's order (by name). */
  readonly trainees: readonly TraineeCohortFigures[];
}

export interface CohortFigureOptions {
  /** The orders of a force policy by id; undefined when the policy is unknown (ids are then met in order). */
  readonly ordersOf: (policyId: string) => PolicyOrders | undefined;
  /** The force policies' group for a safeguarding action (see {@link attemptEvidence}). */
  readonly groupOf: (actionId: string) => ActionGroup | undefined;
  /** Commonest critical misses listed per scenario (default 3). */
  readonly criticalMissLimit?: number;
  /** Scores shown per trainee (default 5). */
  readonly trendAttempts?: number;
  /** Change in percentage points beyond which a trend is improving or declining (default 5). */
  readonly trendThreshold?: number;
  /** Evidencing attempts the weakest competency is judged over (default 10, as the dashboard). */
  readonly competencyWindow?: number;
}

const EMPTY_ORDERS: PolicyOrders = { grades: [], ratings: [], elements: [] };

/** The spread of ratings per element (policy order, then elements met), against the expert's rating. */
export function ratingSpread(attempts: readonly CohortAttempt[], orders: Pick<PolicyOrders, 'ratings' | 'elements'>): ElementRatingSpread[] {
  const scale = [...orders.ratings];
  const elements = [...orders.elements];
  for (const attempt of attempts) {
    for (const result of attempt.report.elements) {
      if (!elements.includes(result.element)) elements.push(result.element);
      if (!scale.includes(result.expected)) scale.push(result.expected);
      if (result.given !== null && !scale.includes(result.given)) scale.push(result.given);
    }
  }
  const rank = new Map(scale.map((r, i) => [r, i]));
  const key = (element: string, expected: string) => `${element}\u0000${expected}`;
  const rows = new Map<string, { element: string; expected: string; counts: Map<string | null, { count: number; accepted: number }>; underRated: number; overRated: number; total: number }>();
  for (const attempt of attempts) {
    for (const result of attempt.report.elements) {
      const k = key(result.element, result.expected);
      let row = rows.get(k);
      if (!row) rows.set(k, (row = { element: result.element, expected: result.expected, counts: new Map(), underRated: 0, overRated: 0, total: 0 }));
      const cell = row.counts.get(result.given) ?? { count: 0, accepted: 0 };
      cell.count += 1;
      row.total += 1;
      const accepted = result.given !== null && result.given !== result.expected && result.acceptable.includes(result.given);
      if (accepted) cell.accepted += 1;
      else if (result.given !== null && result.given !== result.expected) {
        if ((rank.get(result.given) ?? 0) < (rank.get(result.expected) ?? 0)) row.underRated += 1;
        else row.overRated += 1;
      }
      row.counts.set(result.given, cell);
    }
  }
  const kindOf = (expected: string, given: string | null, accepted: number, count: number): RatingCellKind => {
    if (given === null) return 'not-rated';
    if (given === expected || (count > 0 && accepted === count)) return 'match';
    return (rank.get(given) ?? 0) < (rank.get(expected) ?? 0) ? 'under' : 'over';
  };
  return [...rows.values()]
    .sort((a, b) => elements.indexOf(a.element) - elements.indexOf(b.element) || (rank.get(b.expected) ?? 0) - (rank.get(a.expected) ?? 0))
    .map((row) => ({
      element: row.element,
      expected: row.expected,
      cells: [...scale, null].map((given) => {
        const c = row.counts.get(given) ?? { count: 0, accepted: 0 };
        return { expected: row.expected, given, count: c.count, accepted: c.accepted, kind: kindOf(row.expected, given, c.accepted, c.count) };
      }),
      underRated: row.underRated,
      overRated: row.overRated,
      total: row.total,
    }));
}

/** The critical misses triggered across attempts, commonest first (ties by description, then id). */
export function commonestCriticalMisses(attempts: readonly CohortAttempt[]): CriticalMissCount[] {
  const misses = new Map<string, { description: string; count: number; trainees: Set<string> }>();
  for (const attempt of attempts) {
    for (const miss of new Map(attempt.report.criticalMisses.map((m) => [m.id, m])).values()) {
      const entry = misses.get(miss.id) ?? { description: miss.description, count: 0, trainees: new Set<string>() };
      entry.count += 1;
      entry.trainees.add(attempt.profileId);
      misses.set(miss.id, entry);
    }
  }
  return [...misses]
    .map(([id, m]) => ({ id, description: m.description, count: m.count, trainees: m.trainees.size }))
    .sort((a, b) => b.count - a.count || a.description.localeCompare(b.description, 'en-GB') || (a.id < b.id ? -1 : 1));
}

/** Improving / declining when the latest score is more than `threshold` points above / below the mean of the earlier ones. */
export function scoreTrend(percents: readonly number[], threshold: number): { trend: ScoreTrend; change: number | undefined } {
  if (percents.length < 2) return { trend: 'one-attempt', change: undefined };
  const earlier = percents.slice(0, -1);
  const change = Math.round((percents.at(-1)! - earlier.reduce((a, b) => a + b, 0) / earlier.length) * 10) / 10;
  return { trend: change > threshold ? 'improving' : change < -threshold ? 'declining' : 'steady', change };
}

/**
 * The cohort view's figures: per scenario, attempts and trainees, the grade confusion matrix and
 * the rating spread per THRIVE+ element against the expert, and the commonest critical misses;
 * per trainee, attempts, latest band, the trend of their latest scores and their weakest competency.
 */
export function cohortFigures(cohort: Cohort, options: CohortFigureOptions): CohortFigures {
  const missLimit = options.criticalMissLimit ?? 3;
  const trendAttempts = options.trendAttempts ?? 5;
  const threshold = options.trendThreshold ?? 5;
  const window = options.competencyWindow ?? 10;
  const evidenceOf = new Map<string, AttemptEvidence>();
  const evidence = (attempt: CohortAttempt) => {
    let e = evidenceOf.get(attempt.id);
    if (!e) evidenceOf.set(attempt.id, (e = attemptEvidence(attempt, options.groupOf)));
    return e;
  };

  const perScenario = new Map<string, CohortAttempt[]>();
  for (const trainee of cohort.trainees) {
    for (const attempt of trainee.attempts) {
      const list = perScenario.get(attempt.scenarioId) ?? [];
      list.push(attempt);
      perScenario.set(attempt.scenarioId, list);
    }
  }
  const scenarios: ScenarioCohortFigures[] = [...perScenario].map(([scenarioId, list]) => {
    const attempts = [...list].sort(byCompletion);
    const latest = attempts.at(-1)!;
    const orders = options.ordersOf(latest.report.policyId) ?? EMPTY_ORDERS;
    const misses = commonestCriticalMisses(attempts);
    return {
      scenarioId,
      title: latest.scenarioTitle,
      attempts: attempts.length,
      trainees: new Set(attempts.map((a) => a.profileId)).size,
      policyId: latest.report.policyId,
      grades: gradeConfusion(attempts.map(evidence), orders.grades),
      ratings: ratingSpread(attempts, orders),
      criticalMisses: misses.slice(0, missLimit),
      criticalMissKinds: misses.length,
    };
  });
  scenarios.sort((a, b) => a.title.localeCompare(b.title, 'en-GB') || (a.scenarioId < b.scenarioId ? -1 : 1));

  const trainees: TraineeCohortFigures[] = cohort.trainees.map((trainee) => {
    const list = trainee.attempts.map(evidence);
    const latest = list.at(-1)!;
    const scores = scoreTimeline(list, trendAttempts);
    const { trend, change } = scoreTrend(
      scores.map((s) => s.percent),
      threshold,
    );
    let weakest: TraineeCohortFigures['weakest'];
    for (const status of competencyMap(list, window, 0)) {
      if (status.recentShare === undefined) continue;
      if (!weakest || status.recentShare < weakest.share) weakest = { id: status.id, name: status.name, share: status.recentShare, evidenceCount: status.evidenceCount };
    }
    return {
      id: trainee.id,
      name: trainee.name,
      attempts: list.length,
      latest: { band: latest.band, percent: Math.round(latest.percent * 10) / 10, completedAt: latest.completedAt, scenarioTitle: latest.scenarioTitle },
      scores,
      trend,
      change,
      weakest,
    };
  });
  return { scenarios, trainees };
}
