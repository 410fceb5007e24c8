import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import type { AttemptEvidence } from '../../domain/attempt-evidence';
import { competencyMap } from '../../domain/competency-map';
import type { ForcePolicy } from '../../domain/force-policy-schema';
import { complianceWindow, elementAccuracy, gradeConfusion, scoreTimeline, timeToGradeTrend } from '../../domain/progress-figures';
import { useServices } from '../app-services';
import { routeHref } from '../routing';
import { gradeLabel } from '../shared/domain-labels';
import { GradeConfusionTable } from '../shared/grade-confusion-table';
import { NextScenarioSlot } from '../shared/next-scenario-slot';
import { useProgressEvidence } from '../shared/progress-evidence';
import { ScreenHeading } from '../shared/screen-heading';
import { ErrorMessage, LoadingMessage } from '../shared/status-message';
import { formatDateTime } from '../shared/time-format';
import { DASHBOARD_READY_MARK } from './dashboard-marks';

const NextScenarioCard = lazy(() => import('../shared/next-scenario-card'));
// The charts (and recharts, most of this screen's weight) load in their own chunk, starting as
// soon as this screen's code runs: every figure is in a table first, and each chart takes its
// place (a box of the same size) when the chunk is ready. A chunk that fails to load (offline
// before the app was cached) leaves the tables, which carry the same figures.
type ChartsModule = typeof import('./progress-charts');
let chartsModule: ChartsModule | undefined;
const chartsLoading: Promise<ChartsModule | undefined> = import('./progress-charts').then(
  (loaded) => (chartsModule = loaded),
  () => undefined,
);

function useCharts(): ChartsModule | undefined {
  const [charts, setCharts] = useState(chartsModule);
  useEffect(() => {
    if (charts) return;
    let live = true;
    void chartsLoading.then((loaded) => live && loaded && setCharts(loaded));
    return () => {
      live = false;
    };
  }, [charts]);
  return charts;
}

const chartSpace = <div className="chart chart-placeholder" aria-hidden="true" />;

/** Charts show the latest attempts; tables the latest few (history lists every attempt). */
const CHART_ATTEMPTS = 50;
const TABLE_ROWS = 10;
const ROLLING_WINDOW = 10;
const MOVING_AVERAGE = 5;


const percent = (share: number) => `${Math.round(share * 100)}%`;

export function ProgressScreen() {
  const { profileName } = useServices();
  const progress = useProgressEvidence();
  return (
    <>
      <ScreenHeading title="Your progress">Your progress</ScreenHeading>
      <p className="lead">How {profileName}’s calls have gone: every figure comes from the attempts in this record.</p>
      {progress.status === 'loading' && <LoadingMessage what="your progress" />}
      {progress.status === 'failed' && <ErrorMessage title="Your progress could not be worked out" message={progress.message} />}
      {progress.status === 'ready' && progress.value.unreadable > 0 && (
        <ErrorMessage title={`${progress.value.unreadable} saved attempt(s) could not be read`} message="They are kept as they are and left out of these figures." />
      )}
      {progress.status === 'ready' && progress.value.evidence.length === 0 && (
        <p>
          No attempts yet: your progress appears here after your first call. <a href={routeHref({ screen: 'library' })}>Choose a call from the library</a>.
        </p>
      )}
      {progress.status === 'ready' && progress.value.evidence.length > 0 && <Dashboard evidence={progress.value.evidence} policy={progress.value.policy} />}
    </>
  );
}

function Dashboard({ evidence, policy }: { evidence: AttemptEvidence[]; policy: ForcePolicy | undefined }) {
  // Every figure is computed once per change of the attempts (or policy), never per render.
  const charts = useCharts();
  const figures = useMemo(() => {
    const elementOrder = policy?.framework.elements.map((e) => e.id) ?? [];
    const gradeOrder = policy?.grades.map((g) => g.id) ?? [];
    const bands = policy?.scoring.bands.map((b) => ({ id: b.id, label: b.label })) ?? [];
    return {
      scores: scoreTimeline(evidence, CHART_ATTEMPTS),
      elements: elementAccuracy(evidence, elementOrder).map((e) => ({ ...e, name: policy?.framework.elements.find((x) => x.id === e.element)?.name ?? e.element })),
      confusion: gradeConfusion(evidence, gradeOrder),
      timeToGrade: timeToGradeTrend(evidence, CHART_ATTEMPTS, MOVING_AVERAGE),
      compliance: complianceWindow(evidence, ROLLING_WINDOW, bands),
      competencies: competencyMap(evidence, ROLLING_WINDOW, 5),
    };
  }, [evidence, policy]);
  useEffect(() => {
    performance.mark(DASHBOARD_READY_MARK);
  }, [figures]);
  const gradeName = (id: string | null) => (id === null ? 'Not graded' : policy ? gradeLabel(policy, id) : id);
  const latestScores = figures.scores.slice(-TABLE_ROWS).reverse();
  const latestTimes = figures.timeToGrade.slice(-TABLE_ROWS).reverse();

  return (
    <>
      <p className="meta">
        {evidence.length} {evidence.length === 1 ? 'attempt' : 'attempts'} in this record. Charts show the latest {Math.min(CHART_ATTEMPTS, evidence.length)}; each has a table
        with the same figures.
      </p>
      <Suspense fallback={<NextScenarioSlot />}>
        <NextScenarioCard evidence={evidence} />
      </Suspense>

      <section aria-labelledby="scores-heading">
        <h2 id="scores-heading">Scores over time</h2>
        {charts ? <charts.ScoreChart points={figures.scores} /> : chartSpace}
        <details>
          <summary>Scores as a table</summary>
          <table className="data-table">
            <caption>Scores of your latest {latestScores.length} attempts, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Completed</th>
                <th scope="col">Scenario</th>
                <th scope="col">Score</th>
                <th scope="col">Band</th>
              </tr>
            </thead>
            <tbody>
              {latestScores.map((p) => (
                <tr key={p.attemptId}>
                  <td>{formatDateTime(p.completedAt)}</td>
                  <th scope="row">{p.scenarioTitle}</th>
                  <td>{p.percent}%</td>
                  <td>{p.bandLabel}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      </section>

      <section aria-labelledby="elements-heading">
        <h2 id="elements-heading">Accuracy per THRIVE+ element</h2>
        {charts ? <charts.ElementAccuracyChart rows={figures.elements} /> : chartSpace}
        <table className="data-table">
          <caption>How often your rating matched the expert’s, per element</caption>
          <thead>
            <tr>
              <th scope="col">Element</th>
              <th scope="col">Matched</th>
              <th scope="col">One step off</th>
              <th scope="col">Wrong</th>
              <th scope="col">Not rated</th>
              <th scope="col">Accuracy</th>
            </tr>
          </thead>
          <tbody>
            {figures.elements.map((e) => (
              <tr key={e.element}>
                <th scope="row">{e.name}</th>
                <td>{e.matched}</td>
                <td>{e.oneStepOff}</td>
                <td>{e.wrong}</td>
                <td>{e.notRated}</td>
                <td>{e.attempts === 0 ? 'no attempts' : percent(e.accuracy)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section aria-labelledby="confusion-heading">
        <h2 id="confusion-heading">Grades: expected against given</h2>
        <p>
          Under-graded: <strong>{figures.confusion.underGraded}</strong> · over-graded: <strong>{figures.confusion.overGraded}</strong> of {figures.confusion.total}. Cells
          marked ▼ are under-grading (less urgent than the expert’s grade: reviews criticise this most), ▲ over-grading, ✓ the expert’s grade.
        </p>
        <GradeConfusionTable
          confusion={figures.confusion}
          caption="Grade confusion matrix: expected grade (rows) against the grade you gave (columns)"
          gradeName={gradeName}
        />
      </section>

      <section aria-labelledby="time-heading">
        <h2 id="time-heading">Time to grade</h2>
        {charts ? <charts.TimeToGradeChart points={figures.timeToGrade} /> : chartSpace}
        <details>
          <summary>Time to grade as a table</summary>
          <table className="data-table">
            <caption>Seconds from answering to your first grade, latest {latestTimes.length} graded attempts, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Completed</th>
                <th scope="col">Scenario</th>
                <th scope="col">Time to grade</th>
                <th scope="col">Average of last {MOVING_AVERAGE}</th>
              </tr>
            </thead>
            <tbody>
              {latestTimes.map((p) => (
                <tr key={p.attemptId}>
                  <td>{formatDateTime(p.completedAt)}</td>
                  <th scope="row">{p.scenarioTitle}</th>
                  <td>{p.seconds} s</td>
                  <td>{p.movingAverageSeconds} s</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      </section>

      <section aria-labelledby="compliance-heading">
        <h2 id="compliance-heading">Compliance over your last {figures.compliance.windowSize} attempts</h2>
        {charts ? <charts.ComplianceChart bands={figures.compliance.bands} /> : chartSpace}
        <table className="data-table">
          <caption>Compliance bands of your latest {figures.compliance.attempts} attempts, against the programme’s targets</caption>
          <thead>
            <tr>
              <th scope="col">Band</th>
              <th scope="col">Attempts</th>
              <th scope="col">Share</th>
              <th scope="col">Target</th>
            </tr>
          </thead>
          <tbody>
            {figures.compliance.bands.map((b) => (
              <tr key={b.id} className={b.overCeiling ? 'row-bad' : undefined}>
                <th scope="row">{b.label}</th>
                <td>{b.count}</td>
                <td>{percent(b.share)}</td>
                <td>{b.ceiling === undefined ? '—' : `at most ${percent(b.ceiling)}${b.overCeiling ? ' (above target)' : ' (met)'}`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section aria-labelledby="competency-heading">
        <h2 id="competency-heading">Competency map</h2>
        <p>Each competency links to the attempts that evidence it (newest first). Shares are over the latest {ROLLING_WINDOW} evidencing attempts.</p>
        <table className="data-table competency-map">
          <caption>Competencies and the attempts that evidence them</caption>
          <thead>
            <tr>
              <th scope="col">Competency</th>
              <th scope="col">Recent share</th>
              <th scope="col">Evidence</th>
            </tr>
          </thead>
          <tbody>
            {figures.competencies.map((c) => (
              <tr key={c.id}>
                <th scope="row">{c.name}</th>
                <td>{c.recentShare === undefined ? '—' : percent(c.recentShare)}</td>
                <td>
                  {c.evidenceCount === 0 ? (
                    <span className="hint">No evidence yet: it comes from {c.evidencedBy}.</span>
                  ) : (
                    <>
                      <span>
                        {c.evidenceCount} {c.evidenceCount === 1 ? 'attempt' : 'attempts'}:
                      </span>
                      <ul className="evidence-links">
                        {c.latest.map((e) => (
                          <li key={e.attemptId}>
                            <a href={routeHref({ screen: 'debrief', attemptId: e.attemptId })} aria-label={`${c.name} evidence: ${e.scenarioTitle}, ${formatDateTime(e.completedAt)}, ${percent(e.share)}`}>
                              {e.scenarioTitle}, {formatDateTime(e.completedAt)} ({percent(e.share)})
                            </a>
                          </li>
                        ))}
                      </ul>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}
