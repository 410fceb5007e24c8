import { useEffect, useRef, useState, type FormEvent, type RefObject } from 'react';
import type { ActionGroup } from '../../domain/attempt-evidence';
import { cohortFigures, mergeCohort, type Cohort, type CohortFigures, type ElementRatingSpread, type PolicyOrders, type RatingCell, type ScenarioCohortFigures, type ScoreTrend } from '../../domain/cohort-figures';
import type { ForcePolicy } from '../../domain/force-policy-schema';
import { formatProblem } from '../../domain/problem';
import { useServices, type CohortFileOutcome } from '../app-services';
import { elementName, gradeLabel, ratingLabel } from '../shared/domain-labels';
import { GradeConfusionTable } from '../shared/grade-confusion-table';
import { ScreenHeading } from '../shared/screen-heading';
import { formatDateTime } from '../shared/time-format';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const percent = (share: number) => `${Math.round(share * 100)}%`;

type CohortState =
  | { readonly kind: 'empty' }
  | { readonly kind: 'no-file' }
  | { readonly kind: 'reading'; readonly files: number }
  | { readonly kind: 'failed'; readonly message: string }
  | {
      readonly kind: 'ready';
      readonly outcomes: readonly CohortFileOutcome[];
      readonly cohort: Cohort;
      readonly figures: CohortFigures;
      readonly policies: ReadonlyMap<string, ForcePolicy>;
    };

/**
 * The cohort view (`#/cohort`): a trainer picks several trainees' backup files and sees, per
 * scenario, how the cohort graded and rated it against the expert and the commonest critical
 * misses, and per trainee their attempts, latest band, score trend and weakest competency. The
 * files are read in memory only: nothing of another trainee is stored on this PC.
 */
export function CohortScreen() {
  const { cohort: backups, catalogue } = useServices();
  const fileInput = useRef<HTMLInputElement>(null);
  const resultHeading = useRef<HTMLHeadingElement>(null);
  const [state, setState] = useState<CohortState>({ kind: 'empty' });

  useEffect(() => {
    if (state.kind === 'ready' || state.kind === 'no-file' || state.kind === 'failed') resultHeading.current?.focus();
  }, [state]);

  async function showCohort(event: FormEvent) {
    event.preventDefault();
    const files = [...(fileInput.current?.files ?? [])];
    if (files.length === 0) {
      setState({ kind: 'no-file' });
      return;
    }
    setState({ kind: 'reading', files: files.length });
    try {
      const outcomes = await backups.read(files);
      const cohort = mergeCohort(outcomes.flatMap((o) => (o.kind === 'read' ? [{ file: o.file, profiles: o.profiles, attempts: o.attempts }] : [])));
      const policyIds = [...new Set(cohort.trainees.flatMap((t) => t.attempts.map((a) => a.report.policyId)))].sort();
      const loaded = await Promise.all(policyIds.map((id) => catalogue.policy(id).catch(() => undefined)));
      const policies = new Map(loaded.filter((p): p is ForcePolicy => p !== undefined).map((p) => [p.id, p]));
      const groups = new Map<string, ActionGroup>();
      for (const policy of policies.values()) for (const action of policy.safeguardingActions) groups.set(action.id, action.group);
      const ordersOf = (id: string): PolicyOrders | undefined => {
        const policy = policies.get(id);
        return policy && { grades: policy.grades.map((g) => g.id), ratings: policy.framework.ratingScale.map((r) => r.id), elements: policy.framework.elements.map((e) => e.id) };
      };
      const figures = cohortFigures(cohort, { ordersOf, groupOf: (id) => groups.get(id) });
      setState({ kind: 'ready', outcomes, cohort, figures, policies });
    } catch (error) {
      setState({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
    }
  }

  return (
    <>
      <ScreenHeading title="Cohort view">Cohort view</ScreenHeading>
      <p className="lead">
        For trainers: load your trainees’ backup files (each made with “Your data”, Export backup) to see how the group handles each call and how
        each trainee is getting on.
      </p>
      <p>
        The files are read in this browser tab only. Nothing from them is saved on this PC or sent anywhere, and leaving this screen forgets them.
      </p>
      <form onSubmit={(event) => void showCohort(event)} noValidate>
        <p>
          <label htmlFor="cohort-files">Trainees’ backup files</label>
          <br />
          <input id="cohort-files" ref={fileInput} type="file" multiple accept=".json,application/json" aria-describedby="cohort-files-hint" />
          <br />
          <span id="cohort-files-hint" className="hint">
            Choose several call-trainer-backup-….json files at once. The same trainee’s file twice is counted once.
          </span>
        </p>
        <p className="actions">
          <button type="submit" className="button primary" disabled={state.kind === 'reading'}>
            Show the cohort
          </button>
        </p>
      </form>
      <div aria-live="polite" aria-busy={state.kind === 'reading'}>
        {state.kind === 'reading' && <p className="status-message">Reading {plural(state.files, 'file')}…</p>}
        {state.kind === 'no-file' && (
          <div className="error-panel">
            <h2 ref={resultHeading} tabIndex={-1}>
              Choose one or more backup files first
            </h2>
          </div>
        )}
        {state.kind === 'failed' && (
          <div className="error-panel">
            <h2 ref={resultHeading} tabIndex={-1}>
              The cohort could not be shown
            </h2>
            <p>{state.message}</p>
          </div>
        )}
        {state.kind === 'ready' && <CohortSummary state={state} headingRef={resultHeading} />}
      </div>
      {state.kind === 'ready' && <CohortFiguresView figures={state.figures} policies={state.policies} />}
    </>
  );
}

/** What was loaded and what was refused: the part of the result announced in the live region. */
function CohortSummary({ state, headingRef }: { state: Extract<CohortState, { kind: 'ready' }>; headingRef: RefObject<HTMLHeadingElement | null> }) {
  const { outcomes, cohort } = state;
  const read = outcomes.filter((o) => o.kind === 'read').length;
  const problems = outcomes.filter((o) => o.kind !== 'read');
  return (
    <section aria-labelledby="cohort-result-heading">
      <h2 id="cohort-result-heading" ref={headingRef} tabIndex={-1}>
        Cohort: {plural(cohort.trainees.length, 'trainee')}, {plural(cohort.attempts, 'attempt')}
      </h2>
      <p>
        {plural(read, 'file')} of {outcomes.length} loaded.
        {cohort.repeatedAttempts > 0 && ` ${plural(cohort.repeatedAttempts, 'attempt')} found in more than one file ${cohort.repeatedAttempts === 1 ? 'was' : 'were'} counted once.`}
        {cohort.traineesWithoutAttempts > 0 &&
          ` ${plural(cohort.traineesWithoutAttempts, 'profile')} with no attempts ${cohort.traineesWithoutAttempts === 1 ? 'is' : 'are'} not shown.`}
      </p>
      {problems.length > 0 && (
        <div className="error-panel">
          <h3>{problems.length === 1 ? '1 file was not loaded' : `${problems.length} files were not loaded`}</h3>
          <ul aria-label="Files not loaded">
            {problems.map((outcome, index) =>
              outcome.kind === 'refused' ? (
                <li key={index}>
                  {outcome.file}:
                  <ul>
                    {outcome.problems.map((problem, i) => (
                      <li key={i}>{formatProblem(problem)}</li>
                    ))}
                    {outcome.more > 0 && <li>…and {plural(outcome.more, 'more problem')}</li>}
                  </ul>
                </li>
              ) : outcome.kind === 'failed' ? (
                <li key={index}>
                  {outcome.file}: {outcome.message}
                </li>
              ) : null,
            )}
          </ul>
        </div>
      )}
    </section>
  );
}

function CohortFiguresView({ figures, policies }: { figures: CohortFigures; policies: ReadonlyMap<string, ForcePolicy> }) {
  if (figures.trainees.length === 0) return <p>No attempts in these files yet: nothing to compare.</p>;
  return (
    <>
      <section aria-labelledby="cohort-trainees-heading">
        <h2 id="cohort-trainees-heading">Each trainee</h2>
        <TraineeTable figures={figures} />
      </section>
      <section aria-labelledby="cohort-scenarios-heading">
        <h2 id="cohort-scenarios-heading">Each scenario</h2>
        <p>
          Grades and ratings are set against the expert’s. ▼ marks under-grading or under-rating (less urgent or lower than the expert’s: reviews
          criticise this most), ▲ over-grading or over-rating, ✓ the expert’s answer or one the key accepts.
        </p>
        {figures.scenarios.map((scenario) => (
          <ScenarioSection key={scenario.scenarioId} scenario={scenario} policy={policies.get(scenario.policyId)} />
        ))}
      </section>
    </>
  );
}

const trendWords: Record<ScoreTrend, string> = { improving: '↗ improving', steady: '→ steady', declining: '↘ declining', 'one-attempt': 'one attempt so far' };

function TraineeTable({ figures }: { figures: CohortFigures }) {
  return (
    <table className="data-table">
      <caption>Each trainee’s attempts, latest band, recent scores and weakest competency</caption>
      <thead>
        <tr>
          <th scope="col">Trainee</th>
          <th scope="col">Attempts</th>
          <th scope="col">Latest band</th>
          <th scope="col">Latest scores, oldest first</th>
          <th scope="col">Trend</th>
          <th scope="col">Weakest competency</th>
        </tr>
      </thead>
      <tbody>
        {figures.trainees.map((t) => (
          <tr key={t.id}>
            <th scope="row">{t.name}</th>
            <td>{t.attempts}</td>
            <td>
              {t.latest.band.label} ({t.latest.percent}%)
              <br />
              <span className="hint">
                {t.latest.scenarioTitle}, {formatDateTime(t.latest.completedAt)}
              </span>
            </td>
            <td>{t.scores.map((s) => `${s.percent}%`).join(', ')}</td>
            <td>
              {trendWords[t.trend]}
              {t.change !== undefined && ` (${t.change > 0 ? '+' : ''}${t.change} points)`}
            </td>
            <td>{t.weakest ? `${t.weakest.name} (${percent(t.weakest.share)})` : '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ScenarioSection({ scenario, policy }: { scenario: ScenarioCohortFigures; policy: ForcePolicy | undefined }) {
  const id = `cohort-scenario-${scenario.scenarioId}`;
  const gradeName = (g: string | null) => (g === null ? 'Not graded' : policy ? gradeLabel(policy, g) : g);
  const ratingName = (r: string | null) => (r === null ? 'Not rated' : policy ? ratingLabel(policy, r) : r);
  const elementLabel = (e: string) => (policy ? elementName(policy, e) : e);
  const { grades } = scenario;
  const usedGrades = grades.grades.filter((g) => grades.cells.some((c) => c.expected === g && c.count > 0));
  return (
    <section aria-labelledby={id}>
      <h3 id={id}>{scenario.title}</h3>
      <p>
        {plural(scenario.attempts, 'attempt')} by {plural(scenario.trainees, 'trainee')}. Under-graded: <strong>{grades.underGraded}</strong> · over-graded:{' '}
        <strong>{grades.overGraded}</strong> of {grades.total}.
      </p>
      <GradeConfusionTable confusion={grades} caption={`Grades given against the expert’s: ${scenario.title}`} gradeName={gradeName} rows={usedGrades} />

      {scenario.ratings.length > 0 && <RatingTable scenario={scenario} rows={scenario.ratings} ratingName={ratingName} elementLabel={elementLabel} />}

      <table className="data-table">
        <caption>Commonest critical misses: {scenario.title}</caption>
        <thead>
          <tr>
            <th scope="col">Critical miss</th>
            <th scope="col">Attempts</th>
            <th scope="col">Trainees</th>
          </tr>
        </thead>
        <tbody>
          {scenario.criticalMisses.length === 0 ? (
            <tr>
              <td colSpan={3}>No critical misses in these attempts.</td>
            </tr>
          ) : (
            scenario.criticalMisses.map((m) => (
              <tr key={m.id}>
                <th scope="row">{m.description}</th>
                <td>{m.count}</td>
                <td>{m.trainees}</td>
              </tr>
            ))
          )}
        </tbody>
      </table>
      {scenario.criticalMissKinds > scenario.criticalMisses.length && (
        <p className="hint">
          The {scenario.criticalMisses.length} commonest of {scenario.criticalMissKinds} kinds of critical miss.
        </p>
      )}
    </section>
  );
}

function RatingTable({
  scenario,
  rows,
  ratingName,
  elementLabel,
}: {
  scenario: ScenarioCohortFigures;
  rows: readonly ElementRatingSpread[];
  ratingName: (r: string | null) => string;
  elementLabel: (e: string) => string;
}) {
  const columns = rows[0]!.cells.map((c) => c.given);
  return (
    <table className="data-table confusion-matrix">
      <caption>THRIVE+ ratings given against the expert’s, per element: {scenario.title}</caption>
      <thead>
        <tr>
          <th scope="col">Element (expert’s rating)</th>
          {columns.map((r) => (
            <th scope="col" key={r ?? 'none'}>
              {r === null ? 'Not rated' : `Given: ${ratingName(r)}`}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={`${row.element}-${row.expected}`}>
            <th scope="row">
              {elementLabel(row.element)} (expert: {ratingName(row.expected)})
            </th>
            {row.cells.map((c) => (
              <RatingSpreadCell key={c.given ?? 'none'} cell={c} />
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const ratingMark: Record<RatingCell['kind'], string> = { match: '✓', under: '▼ under', over: '▲ over', 'not-rated': '○ none' };

function RatingSpreadCell({ cell }: { cell: RatingCell }) {
  if (cell.count === 0) return <td className="cell-empty">0</td>;
  return (
    <td className={`cell-${cell.kind === 'not-rated' ? 'not-graded' : cell.kind}`}>
      <strong>{cell.count}</strong> <span className="mark">{ratingMark[cell.kind]}</span>
      {cell.accepted > 0 && `, ${cell.accepted} accepted`}
    </td>
  );
}
