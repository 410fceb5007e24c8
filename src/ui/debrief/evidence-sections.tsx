import type { DeviationSeverity } from '../../domain/answer-key-schema';
import type { ForcePolicy } from '../../domain/force-policy-schema';
import type { Scenario } from '../../domain/scenario-schema';
import type { CheckResult, Deviation, PanelPosition, PanelResult, RegradeResult, ScoreReport } from '../../domain/score-report-schema';
import { CATEGORY_LABELS, DATABASE_NAMES, summariseReport } from '../../domain/scoring';
import { elementName, gradeLabel, ratingLabel } from '../shared/domain-labels';
import { formatDuration } from '../shared/time-format';
import { MomentButton } from './cue-reference';

/** The short summary at the top: what went well, the one or two things to work on (chosen in the domain). */
export function SummarySection({ report }: { report: ScoreReport }) {
  const summary = report.summary ?? summariseReport(report);
  return (
    <section aria-labelledby="summary-heading" className="debrief-summary">
      <h2 id="summary-heading">In short</h2>
      <div className="summary-columns">
        <div>
          <h3>What went well</h3>
          {summary.wentWell.length > 0 ? (
            <ul>
              {summary.wentWell.map((item) => (
                <li key={item}>{item}</li>
              ))}
            </ul>
          ) : (
            <p>No area reached full marks on this attempt; the side-by-side below shows what was close.</p>
          )}
        </div>
        <div>
          <h3>To work on</h3>
          {summary.workOn.length > 0 ? (
            <ol>
              {summary.workOn.map((item) => (
                <li key={item}>{item}</li>
              ))}
            </ol>
          ) : (
            <p>Nothing: every judgement agrees with the expert.</p>
          )}
        </div>
      </div>
    </section>
  );
}

const severities: readonly DeviationSeverity[] = ['critical', 'major', 'moderate', 'minor'];
/** Shapes that go with the words, so severity is never carried by colour alone. */
const severityShape: Record<DeviationSeverity, string> = { critical: '■', major: '▲', moderate: '●', minor: '○' };
const severityNames: Record<DeviationSeverity, string> = { critical: 'Critical', major: 'Major', moderate: 'Moderate', minor: 'Minor' };

/** Every departure from the key, grouped by severity (most severe first), each with its reason and its moment. */
export function DeviationsSection({ report, scenario }: { report: ScoreReport; scenario: Scenario | undefined }) {
  const deviations = report.deviations;
  if (!deviations) return null;
  return (
    <section aria-labelledby="deviations-heading">
      <h2 id="deviations-heading">Deviations from the expert, by severity</h2>
      {deviations.length === 0 && <p>None: every judgement agrees with the expert.</p>}
      {severities.map((severity) => {
        const group = deviations.filter((d) => d.severity === severity);
        if (group.length === 0) return null;
        return (
          <div key={severity} className={`deviation-group severity-${severity}`}>
            <h3 id={`deviations-${severity}`}>
              <span aria-hidden="true" className="severity-shape">
                {severityShape[severity]}
              </span>{' '}
              {severityNames[severity]} ({group.length})
            </h3>
            <ul aria-labelledby={`deviations-${severity}`} className="deviation-list">
              {group.map((deviation) => (
                <DeviationItem key={deviation.id} deviation={deviation} scenario={scenario} />
              ))}
            </ul>
          </div>
        );
      })}
    </section>
  );
}

function DeviationItem({ deviation, scenario }: { deviation: Deviation; scenario: Scenario | undefined }) {
  return (
    <li>
      <strong>{deviation.description}</strong> <span className="meta">({CATEGORY_LABELS[deviation.category]})</span> {deviation.reason}{' '}
      {deviation.cue && <MomentButton moment={deviation.cue} scenario={scenario} what={deviation.description} />}
    </li>
  );
}

const checkVerdictText: Record<CheckResult['verdict'], string> = { 'on-time': 'In time', late: 'Late', missed: 'Never run' };

/** Required systems checks: when the trainee ran each against when the expert expects it. */
export function ChecksSection({ report, scenario }: { report: ScoreReport; scenario: Scenario | undefined }) {
  const checks = report.checks ?? [];
  if (checks.length === 0) return null;
  return (
    <section aria-labelledby="checks-heading">
      <h2 id="checks-heading">Systems checks</h2>
      <table className="debrief-table">
        <caption className="visually-hidden">Your systems checks against the expert&rsquo;s</caption>
        <thead>
          <tr>
            <th scope="col">Check</th>
            <th scope="col">You</th>
            <th scope="col">Expert</th>
            <th scope="col">Verdict</th>
            <th scope="col">Why, and the moment</th>
          </tr>
        </thead>
        <tbody>
          {checks.map((check) => (
            <tr key={check.id} className={check.verdict === 'on-time' ? 'row-good' : 'row-missed'}>
              <th scope="row">
                {DATABASE_NAMES[check.database] ?? check.database} for {check.subjectLabel}
              </th>
              <td>{check.requestedAtMs === null ? 'Not run' : `Run ${formatDuration(check.requestedAtMs)} after answering`}</td>
              <td>
                {check.dueAtMs === null ? 'Run before the call ends' : `Run by ${formatDuration(check.dueAtMs)} after answering`} ({check.severity} if missed)
              </td>
              <td>
                <strong>{checkVerdictText[check.verdict]}</strong>
              </td>
              <td>
                {check.reason} {check.by && <MomentButton moment={check.by} scenario={scenario} what={`the moment to check ${DATABASE_NAMES[check.database] ?? check.database}`} />}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

const regradeVerdictText: Record<RegradeResult['verdict'], string> = {
  'in-time': 'Re-graded in time',
  'already-there': 'Already at that grade',
  late: 'Re-graded late',
  missed: 'Not re-graded',
  'cue-not-reached': 'Your call never reached this moment (not scored)',
};

/** Required re-grades after new information: the trainee's grade change against the expert's. */
export function RegradesSection({ report, policy, scenario }: { report: ScoreReport; policy: ForcePolicy; scenario: Scenario | undefined }) {
  const regrades = report.regrades ?? [];
  if (regrades.length === 0) return null;
  return (
    <section aria-labelledby="regrades-heading">
      <h2 id="regrades-heading">Re-THRIVE after new information</h2>
      <table className="debrief-table">
        <caption className="visually-hidden">Your re-grades against the expert&rsquo;s</caption>
        <thead>
          <tr>
            <th scope="col">After</th>
            <th scope="col">You</th>
            <th scope="col">Expert</th>
            <th scope="col">Verdict</th>
            <th scope="col">Why</th>
          </tr>
        </thead>
        <tbody>
          {regrades.map((regrade) => (
            <tr key={regrade.id} className={regrade.verdict === 'late' || regrade.verdict === 'missed' ? 'row-missed' : 'row-good'}>
              <th scope="row">
                {regrade.cueAtMs === null ? 'The new information' : `The new information at ${formatDuration(regrade.cueAtMs)}`}{' '}
                <MomentButton moment={regrade.after} scenario={scenario} what="the new information" />
              </th>
              <td>
                {regrade.secondsAfterCue === null
                  ? `${gradeLabel(policy, regrade.gradeAtDeadline)} when the time ran out`
                  : `${gradeLabel(policy, regrade.expected)} or more urgent, ${Math.round(regrade.secondsAfterCue)} s after it`}
              </td>
              <td>
                {gradeLabel(policy, regrade.expected)} within {regrade.withinSeconds} s
              </td>
              <td>
                <strong>{regradeVerdictText[regrade.verdict]}</strong>
              </td>
              <td>{regrade.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

const positionText: Record<PanelPosition, string> = {
  within: 'Within the experts’ spread',
  adjacent: 'Next to the spread (one step outside)',
  outside: 'Outside the spread',
  'not-given': 'No answer given',
};

/** Several experts: each judgement's spread and where the trainee sits; a note when they disagree strongly. */
export function PanelSection({ panel, policy }: { panel: PanelResult; policy: ForcePolicy }) {
  return (
    <section aria-labelledby="panel-heading">
      <h2 id="panel-heading">What other experts said</h2>
      <p>
        {panel.experts.length} experts answered this call: {panel.experts.map((e) => `${e.name} (${e.role})`).join(', ')}. The first is the standard you are
        scored against; the others show how far experts themselves differ.
      </p>
      {panel.disagreement.flagged && (
        <div role="note" className="panel-disagreement">
          <p>
            <strong>
              <span aria-hidden="true">⚠ </span>The experts disagree strongly on this call.
            </strong>{' '}
            It is flagged for review: treat its score as a talking point, not a verdict.
          </p>
          <ul>
            {panel.disagreement.reasons.map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ul>
        </div>
      )}
      <table className="debrief-table">
        <caption className="visually-hidden">The experts&rsquo; spread and where you sit</caption>
        <thead>
          <tr>
            <th scope="col">Judgement</th>
            <th scope="col">Experts&rsquo; answers</th>
            <th scope="col">Spread</th>
            <th scope="col">You</th>
            <th scope="col">Where you sit</th>
          </tr>
        </thead>
        <tbody>
          <tr className={panel.grade.position === 'within' ? 'row-good' : 'row-missed'}>
            <th scope="row">Grade</th>
            <td>{panel.grade.answers.map((g) => gradeLabel(policy, g)).join(', ')}</td>
            <td>
              {gradeLabel(policy, panel.grade.min)} to {gradeLabel(policy, panel.grade.max)}
            </td>
            <td>{gradeLabel(policy, panel.grade.given)}</td>
            <td>
              <strong>{positionText[panel.grade.position]}</strong>
            </td>
          </tr>
          {panel.elements.map((element) => (
            <tr key={element.element} className={element.position === 'within' ? 'row-good' : 'row-missed'}>
              <th scope="row">{elementName(policy, element.element)}</th>
              <td>{element.answers.map((r) => ratingLabel(policy, r)).join(', ')}</td>
              <td>
                {ratingLabel(policy, element.min)} to {ratingLabel(policy, element.max)}
              </td>
              <td>{ratingLabel(policy, element.given)}</td>
              <td>
                <strong>{positionText[element.position]}</strong>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
