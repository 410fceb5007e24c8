import { useServices, type ScenarioSummary } from '../app-services';
import { routeHref } from '../routing';
import { channelLabel, difficultyLabels, incidentTypeLabels } from '../shared/domain-labels';
import { useLoad } from '../shared/load-state';
import { ScreenHeading } from '../shared/screen-heading';
import { ErrorMessage, LoadingMessage } from '../shared/status-message';
import { formatProblem } from '../../domain/problem';

export function LibraryScreen() {
  const { catalogue } = useServices();
  const listing = useLoad(() => catalogue.list(), 'library');
  return (
    <>
      <ScreenHeading title="Scenario library">Scenario library</ScreenHeading>
      <p className="lead">
        Choose a call. You will hear the caller, choose what to ask, then assess the call with THRIVE+, grade it and choose your
        safeguarding actions. Your answer is compared with an expert&rsquo;s, element by element.
      </p>
      {listing.status === 'loading' && <LoadingMessage what="scenarios" />}
      {listing.status === 'failed' && <ErrorMessage title="The library could not be loaded" message={listing.message} />}
      {listing.status === 'ready' && (
        <>
          {listing.value.problems.length > 0 && (
            <ErrorMessage
              title={`${listing.value.problems.length} problem(s) stopped some scenarios from loading`}
              message={listing.value.problems.map(formatProblem).join('\n')}
            />
          )}
          <ul className="scenario-list">
            {listing.value.scenarios.map((scenario) => (
              <li key={scenario.id}>
                <ScenarioCard scenario={scenario} />
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}

function ScenarioCard({ scenario }: { scenario: ScenarioSummary }) {
  const headingId = `scenario-${scenario.id}`;
  return (
    <article className="scenario-card" aria-labelledby={headingId}>
      <h2 id={headingId}>{scenario.title}</h2>
      <dl className="facts">
        <div>
          <dt>Channel</dt>
          <dd>{channelLabel(scenario.channel)}</dd>
        </div>
        <div>
          <dt>Incident type</dt>
          <dd>{incidentTypeLabels[scenario.incidentType]}</dd>
        </div>
        <div>
          <dt>Level</dt>
          <dd>{difficultyLabels[scenario.difficulty]}</dd>
        </div>
        <div>
          <dt>Time</dt>
          <dd>about {scenario.estimatedMinutes} min</dd>
        </div>
      </dl>
      <p>{scenario.summary}</p>
      {scenario.contentWarnings.length > 0 && (
        <p className="content-warning">
          <strong>Content warning:</strong> {scenario.contentWarnings.join('; ')}.
        </p>
      )}
      <a className="button" href={routeHref({ screen: 'briefing', scenarioId: scenario.id })} aria-label={`Open briefing: ${scenario.title}`}>
        Open briefing
      </a>
    </article>
  );
}
