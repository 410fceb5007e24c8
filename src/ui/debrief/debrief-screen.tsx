import { useEffect, useState } from 'react';
import type { ForcePolicy } from '../../domain/force-policy-schema';
import type { Scenario } from '../../domain/scenario-schema';
import type { ElementResult, ScoreReport } from '../../domain/score-report-schema';
import type { AttemptRecord } from '../../store/attempt-record';
import { useServices } from '../app-services';
import { routeHref } from '../routing';
import { actionLabel, elementName, gradeLabel, ratingLabel } from '../shared/domain-labels';
import { useLoad } from '../shared/load-state';
import { ScreenHeading } from '../shared/screen-heading';
import { ErrorMessage, LoadingMessage } from '../shared/status-message';
import { formatDateTime, formatDuration } from '../shared/time-format';
import { CriticalMissList, ScoreCategoryTable } from '../shared/score-summary';
import { CallTimelineView } from './call-timeline-view';
import { CueList, CueReference } from './cue-reference';
import { DebriefPlayerProvider } from './debrief-player';
import { ChecksSection, DeviationsSection, PanelSection, RegradesSection, SummarySection } from './evidence-sections';
import './debrief.css';

type AttemptState = { status: 'loading' } | { status: 'missing' } | { status: 'failed'; message: string } | { status: 'ready'; attempt: AttemptRecord };

export function DebriefScreen({ attemptId }: { attemptId: string }) {
  const { history } = useServices();
  const [state, setState] = useState<AttemptState>({ status: 'loading' });
  useEffect(
    () =>
      history.observeAttempt(
        attemptId,
        (attempt) => setState(attempt ? { status: 'ready', attempt } : { status: 'missing' }),
        (message) => setState({ status: 'failed', message }),
      ),
    [history, attemptId],
  );
  if (state.status === 'loading') return <LoadingMessage what="the debrief" />;
  if (state.status === 'failed') return <ErrorMessage title="This attempt could not be read" message={state.message} />;
  if (state.status === 'missing') return <ErrorMessage title="Attempt not found" message="No saved attempt has this reference. It may have been made on another computer or profile." />;
  return <Debrief attempt={state.attempt} />;
}

function Debrief({ attempt }: { attempt: AttemptRecord }) {
  const { catalogue } = useServices();
  const context = useLoad(async () => {
    const scenario = await catalogue.load(attempt.scenarioId, attempt.scenarioVersion);
    return { scenario, policy: await catalogue.policyFor(scenario) };
  }, `${attempt.scenarioId}@${attempt.id}`);
  if (context.status === 'loading') return <LoadingMessage what="the debrief" />;
  if (context.status === 'failed') return <ErrorMessage title="The scenario behind this attempt could not be loaded" message={context.message} />;
  const { policy } = context.value;
  // Cue moments come from the scenario; only trust them when it is the version that was played.
  const scenario = context.value.scenario.version === attempt.scenarioVersion ? context.value.scenario : undefined;
  const { report } = attempt;
  return (
    <>
      <ScreenHeading title={`Debrief: ${attempt.scenarioTitle}`}>Debrief: {attempt.scenarioTitle}</ScreenHeading>
      <p className="meta">
        {formatDateTime(attempt.completedAt)} · {attempt.mode === 'assessment' ? 'Assessed attempt' : 'Practice attempt'} · scenario version{' '}
        {attempt.scenarioVersion}
        {!scenario && ' (the scenario has changed since: cue moments are not shown)'}
      </p>
      <SummarySection report={report} />
      <Outcome report={report} policy={policy} />
      <DebriefPlayerProvider scenario={scenario}>
        {scenario && <CallTimelineView scenario={scenario} response={attempt.response} report={report} policy={policy} />}
        <DeviationsSection report={report} scenario={scenario} />
        <GradeSection report={report} policy={policy} scenario={scenario} />
        <RegradesSection report={report} policy={policy} scenario={scenario} />
        <LocationSection report={report} scenario={scenario} />
        <ThriveSection report={report} policy={policy} scenario={scenario} />
        <SafeguardingSection report={report} policy={policy} scenario={scenario} />
        <KeyQuestionsSection report={report} scenario={scenario} />
        <ChecksSection report={report} scenario={scenario} />
        {report.panel && <PanelSection panel={report.panel} policy={policy} />}
      </DebriefPlayerProvider>
      <section aria-labelledby="timings-heading">
        <h2 id="timings-heading">Timings</h2>
        <dl className="facts">
          <div>
            <dt>Time to answer</dt>
            <dd>{formatDuration(attempt.response.timings.timeToAnswerMs)}</dd>
          </div>
          <div>
            <dt>Call length</dt>
            <dd>{formatDuration(attempt.response.timings.callDurationMs)}</dd>
          </div>
          <div>
            <dt>Time to grade (from answering)</dt>
            <dd>{formatDuration(attempt.response.timings.timeToGradeMs)}</dd>
          </div>
        </dl>
      </section>
      <TeachingSection attempt={attempt} />
      <div className="actions">
        <a className="button primary" href={routeHref({ screen: 'briefing', scenarioId: attempt.scenarioId })}>
          Try this call again
        </a>
        <a className="button" href={routeHref({ screen: 'reflection', attemptId: attempt.id })}>
          Reflect on this call (CPD log)
        </a>
        <a className="button" href={routeHref({ screen: 'history' })}>
          Your history
        </a>
        <a className="button" href={routeHref({ screen: 'library' })}>
          Back to library
        </a>
      </div>
    </>
  );
}

function Outcome({ report, policy }: { report: ScoreReport; policy: ForcePolicy }) {
  return (
    <section aria-labelledby="outcome-heading" className={`outcome band-${report.band.id}`}>
      <h2 id="outcome-heading">Outcome</h2>
      <p className="score">
        <span className="score-total">{Math.round(report.percent)}%</span> <span className="score-band">{report.band.label}</span>
      </p>
      <p>
        Grade: you {gradeLabel(policy, report.grade.given)}, expert {gradeLabel(policy, report.grade.expected)}. THRIVE+:{' '}
        {report.elements.filter((e) => e.credit === 1).length} of {report.elements.length} elements agree with the expert. Required
        safeguarding actions missed: {report.safeguarding.requiredMissed.length}.
      </p>
      <CriticalMissList misses={report.criticalMisses} what="call" />
      <ScoreCategoryTable
        rows={[
          ['THRIVE+ ratings', report.categories.thrive] as const,
          ['Grade', report.categories.grade] as const,
          ['Safeguarding actions', report.categories.safeguarding] as const,
          [report.checks && report.checks.length > 0 ? 'Information and checks' : 'Key questions', report.categories.keyQuestions] as const,
          // Advice and recording are shown when they count on this call (the key gives them something to judge).
          ...(report.categories.advice?.weight ? [['Advice to the caller', report.categories.advice] as const] : []),
          ...(report.categories.recording?.weight ? [['Recording', report.categories.recording] as const] : []),
          ...(report.categories.location ? [['Caller location', report.categories.location] as const] : []),
        ].map(([name, category]) => ({ name, share: `${Math.round(category.fraction * 100)}%`, weight: category.weight }))}
      />
    </section>
  );
}

const percentLost = (fraction: number) => `${Math.round(fraction * 100)}%`;

/** Shapes beside the grade verdict (never colour alone): under-grading gets the heaviest one. */
const gradeVerdictShape: Record<ScoreReport['grade']['verdict'], string> = {
  expected: '✓',
  acceptable: '✓',
  'over-graded': '△',
  'under-graded': '▼',
  'not-graded': '▼',
};

const gradeVerdictText: Record<ScoreReport['grade']['verdict'], string> = {
  expected: 'Matches the expert',
  acceptable: 'An acceptable alternative',
  'over-graded': 'Over-graded',
  'under-graded': 'Under-graded',
  'not-graded': 'No grade chosen',
};

function GradeSection({ report, policy, scenario }: { report: ScoreReport; policy: ForcePolicy; scenario: Scenario | undefined }) {
  const { grade } = report;
  const levels = grade.levelsOff > 0 ? ` by ${grade.levelsOff} level${grade.levelsOff === 1 ? '' : 's'}` : '';
  return (
    <section aria-labelledby="grade-heading">
      <h2 id="grade-heading">Grade</h2>
      <dl className="comparison">
        <div>
          <dt>You</dt>
          <dd>{gradeLabel(policy, grade.given)}</dd>
        </div>
        <div>
          <dt>Expert</dt>
          <dd>
            {gradeLabel(policy, grade.expected)}
            {grade.acceptable.length > 0 && ` (also acceptable: ${grade.acceptable.map((g) => gradeLabel(policy, g)).join(', ')})`}
          </dd>
        </div>
        <div>
          <dt>Verdict</dt>
          <dd className={`verdict verdict-${grade.verdict}`}>
            <span aria-hidden="true" className="verdict-shape">
              {gradeVerdictShape[grade.verdict]}{' '}
            </span>
            {gradeVerdictText[grade.verdict]}
            {levels}
          </dd>
        </div>
      </dl>
      {grade.verdict === 'under-graded' && (
        <p className="under-grade-warning">
          <span aria-hidden="true">⚠ </span>
          <strong>Under-graded: the more serious error.</strong> The response you chose is slower than the risk allows. Reviews and inquests criticise
          under-grading far more than over-grading, and so does the score ({percentLost(policy.scoring.gradeCredit.lostPerLevelUnder)} of the grade&rsquo;s credit per level under,{' '}
          {percentLost(policy.scoring.gradeCredit.lostPerLevelOver)} per level over).
        </p>
      )}
      {grade.verdict === 'over-graded' && (
        <p className="over-grade-note">Over-graded: this costs resources rather than safety, so it weighs less than under-grading.</p>
      )}
      <p>
        <strong>Why:</strong> {grade.expertRationale}
      </p>
      <CueList cues={grade.cues} scenario={scenario} />
    </section>
  );
}

const locationVerdictText: Record<NonNullable<ScoreReport['location']>['verdict'], string> = {
  within: 'Within the accepted area',
  near: 'Close, but outside the accepted area',
  outside: 'Outside the accepted area',
  'not-pinned': 'No location pinned',
};

const methodText = { map: 'on the map', search: 'from a place search', 'three-word-code': 'from a three-word code' } as const;

function LocationSection({ report, scenario }: { report: ScoreReport; scenario: Scenario | undefined }) {
  const location = report.location;
  if (!location) return null;
  const verdictClass = location.verdict === 'within' ? 'expected' : location.verdict === 'near' ? 'one-step-off' : 'wrong';
  return (
    <section aria-labelledby="location-heading">
      <h2 id="location-heading">Caller location</h2>
      <dl className="comparison">
        <div>
          <dt>You</dt>
          <dd>
            {location.given && location.method
              ? `${location.givenLabel} (${methodText[location.method]}), ${Math.round(location.distanceMetres ?? 0)} m from the incident, pinned ${formatDuration(location.timeToLocationMs)} after answering${location.late && location.targetSeconds ? ` (after the ${formatDuration(location.targetSeconds * 1000)} target, so part of the credit is lost)` : ''}`
              : 'No location pinned'}
          </dd>
        </div>
        <div>
          <dt>Expert</dt>
          <dd>
            {location.description} (accepted within {location.acceptedRadiusMetres} m)
          </dd>
        </div>
        <div>
          <dt>Verdict</dt>
          <dd className={`verdict verdict-${verdictClass}`}>{locationVerdictText[location.verdict]}</dd>
        </div>
      </dl>
      <p>
        <strong>Why:</strong> {location.expertRationale}
      </p>
      <CueList cues={location.cues} scenario={scenario} />
    </section>
  );
}

const elementVerdictText: Record<ElementResult['verdict'], string> = {
  expected: 'Matches',
  acceptable: 'Acceptable',
  'one-step-off': 'One step off',
  wrong: 'Differs',
  'not-rated': 'Not rated',
};

function ThriveSection({ report, policy, scenario }: { report: ScoreReport; policy: ForcePolicy; scenario: Scenario | undefined }) {
  return (
    <section aria-labelledby="thrive-heading">
      <h2 id="thrive-heading">{policy.framework.name}, element by element</h2>
      <table className="debrief-table">
        <caption className="visually-hidden">Your THRIVE+ ratings against the expert&rsquo;s</caption>
        <thead>
          <tr>
            <th scope="col">Element</th>
            <th scope="col">You</th>
            <th scope="col">Expert</th>
            <th scope="col">Verdict</th>
            <th scope="col">Expert&rsquo;s reason and the cue</th>
          </tr>
        </thead>
        <tbody>
          {report.elements.map((element) => (
            <tr key={element.element}>
              <th scope="row">{elementName(policy, element.element)}</th>
              <td>
                {ratingLabel(policy, element.given)}
                {element.givenRationale && <span className="rationale">{element.givenRationale}</span>}
              </td>
              <td>
                {ratingLabel(policy, element.expected)}
                {element.acceptable.length > 0 && <span className="rationale">Also acceptable: {element.acceptable.map((r) => ratingLabel(policy, r)).join(', ')}</span>}
              </td>
              <td className={`verdict verdict-${element.verdict}`}>{elementVerdictText[element.verdict]}</td>
              <td>
                {element.expertRationale}
                <CueList cues={element.cues} scenario={scenario} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

const actionVerdictText = { required: 'Required', recommended: 'Recommended', neutral: 'Neither here nor there', harmful: 'Harmful' } as const;

function SafeguardingSection({ report, policy, scenario }: { report: ScoreReport; policy: ForcePolicy; scenario: Scenario | undefined }) {
  const judged = report.safeguarding.actions.filter((a) => a.verdict !== 'neutral' || a.chosen);
  return (
    <section aria-labelledby="safeguarding-heading">
      <h2 id="safeguarding-heading">Safeguarding actions</h2>
      <table className="debrief-table">
        <caption className="visually-hidden">Your safeguarding actions against the expert&rsquo;s</caption>
        <thead>
          <tr>
            <th scope="col">Action</th>
            <th scope="col">Expert says</th>
            <th scope="col">You</th>
            <th scope="col">Why</th>
          </tr>
        </thead>
        <tbody>
          {judged.map((action) => {
            const good = action.verdict === 'harmful' ? !action.chosen : action.verdict === 'neutral' || action.chosen;
            return (
              <tr key={action.action} className={good ? 'row-good' : 'row-missed'}>
                <th scope="row">{actionLabel(policy, action.action)}</th>
                <td>{actionVerdictText[action.verdict]}</td>
                <td>
                  {action.chosen ? 'Chosen' : 'Not chosen'}
                  <span className="visually-hidden">{good ? ' (agrees with the expert)' : ' (differs from the expert)'}</span>
                  <span aria-hidden="true" className="mark">
                    {good ? ' ✓' : ' ✗'}
                  </span>
                </td>
                <td>
                  {action.reason}
                  <CueList cues={action.cues} scenario={scenario} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

function KeyQuestionsSection({ report, scenario }: { report: ScoreReport; scenario: Scenario | undefined }) {
  if (report.keyQuestions.length === 0) return null;
  return (
    <section aria-labelledby="questions-heading">
      <h2 id="questions-heading">Key questions</h2>
      <ul className="key-questions">
        {report.keyQuestions.map((question) => (
          <li key={question.id} className={question.asked ? 'row-good' : 'row-missed'}>
            <strong>
              {question.question} {question.asked ? '(asked)' : '(not asked)'}
            </strong>{' '}
            {question.reason} {question.cue && <CueReference cue={question.cue} scenario={scenario} />}
          </li>
        ))}
      </ul>
    </section>
  );
}

function TeachingSection({ attempt }: { attempt: AttemptRecord }) {
  const { catalogue } = useServices();
  const key = useLoad(() => catalogue.answerKey(attempt.scenarioId, attempt.scenarioVersion), `key-${attempt.scenarioId}-${attempt.scenarioVersion}`);
  if (key.status !== 'ready') return null;
  return (
    <section aria-labelledby="teaching-heading">
      <h2 id="teaching-heading">What to take away</h2>
      <ul>
        {key.value.teachingPoints.map((point) => (
          <li key={point.text}>
            {point.text} <span className="reference">({point.reference})</span>
          </li>
        ))}
      </ul>
      <p className="meta">
        Expert: {key.value.expert.name}, {key.value.expert.role}.
      </p>
      {key.value.wellbeing && (
        <aside className="wellbeing" aria-labelledby="wellbeing-heading">
          <h3 id="wellbeing-heading">Looking after yourself</h3>
          <p>{key.value.wellbeing}</p>
        </aside>
      )}
    </section>
  );
}
