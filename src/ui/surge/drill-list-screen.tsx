import { formatProblem } from '../../domain/problem';
import { useServices, type SurgeDrillSummary } from '../app-services';
import { routeHref } from '../routing';
import { difficultyLabels } from '../shared/domain-labels';
import { useLoad } from '../shared/load-state';
import { ScreenHeading } from '../shared/screen-heading';
import { ErrorMessage, LoadingMessage } from '../shared/status-message';

/** `#/drills`: the call-surge drills, each a queue of calls to put in order. */
export function DrillListScreen() {
  const { drills } = useServices();
  const listing = useLoad(() => drills.list(), 'drills');
  return (
    <>
      <ScreenHeading title="Call-surge drills">Call-surge drills</ScreenHeading>
      <p className="lead">
        Several calls at once: some ringing, some waiting, some abandoned. Decide which to take first and which to call back, and see
        your order next to an expert&rsquo;s, with the reason for each place.
      </p>
      {listing.status === 'loading' && <LoadingMessage what="drills" />}
      {listing.status === 'failed' && <ErrorMessage title="The drills could not be loaded" message={listing.message} />}
      {listing.status === 'ready' && (
        <>
          {listing.value.problems.length > 0 && (
            <ErrorMessage
              title={`${listing.value.problems.length} problem(s) stopped some drills from loading`}
              message={listing.value.problems.map(formatProblem).join('\n')}
            />
          )}
          {listing.value.drills.length === 0 && <p>There are no drills installed.</p>}
          <ul className="scenario-list">
            {listing.value.drills.map((drill) => (
              <li key={drill.id}>
                <DrillCard drill={drill} />
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}

function DrillCard({ drill }: { drill: SurgeDrillSummary }) {
  const headingId = `drill-${drill.id}`;
  return (
    <article className="scenario-card" aria-labelledby={headingId}>
      <h2 id={headingId}>{drill.title}</h2>
      <dl className="facts">
        <div>
          <dt>Calls</dt>
          <dd>{drill.callCount}</dd>
        </div>
        <div>
          <dt>Level</dt>
          <dd>{difficultyLabels[drill.difficulty]}</dd>
        </div>
      </dl>
      <p>{drill.summary}</p>
      {drill.contentWarnings.length > 0 && (
        <p className="content-warning">
          <strong>Content warning:</strong> {drill.contentWarnings.join('; ')}.
        </p>
      )}
      <a className="button" href={routeHref({ screen: 'drill', drillId: drill.id })} aria-label={`Open drill: ${drill.title}`}>
        Open drill
      </a>
    </article>
  );
}
