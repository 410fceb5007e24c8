import { useServices } from '../app-services';
import { routeHref } from '../routing';
import { channelLabel, difficultyLabels, incidentTypeLabels } from '../shared/domain-labels';
import { useLoad } from '../shared/load-state';
import { ScreenHeading } from '../shared/screen-heading';
import { ErrorMessage, LoadingMessage } from '../shared/status-message';

/** What the trainee reads before the phone rings: objectives, content warnings, a way out. */
export function BriefingScreen({ scenarioId }: { scenarioId: string }) {
  const { catalogue } = useServices();
  const loaded = useLoad(() => catalogue.load(scenarioId), scenarioId);
  if (loaded.status === 'loading') return <LoadingMessage what="the briefing" />;
  if (loaded.status === 'failed') return <ErrorMessage title="This scenario could not be opened" message={loaded.message} />;
  const { metadata } = loaded.value;
  return (
    <>
      <ScreenHeading title={`Briefing: ${metadata.title}`}>Briefing: {metadata.title}</ScreenHeading>
      <p className="lead">{metadata.summary}</p>
      <dl className="facts">
        <div>
          <dt>Channel</dt>
          <dd>{channelLabel(metadata.channel)}</dd>
        </div>
        <div>
          <dt>Incident type</dt>
          <dd>{incidentTypeLabels[metadata.incidentType]}</dd>
        </div>
        <div>
          <dt>Level</dt>
          <dd>{difficultyLabels[metadata.difficulty]}</dd>
        </div>
      </dl>
      <h2>What you will practise</h2>
      <ul>
        {metadata.learningObjectives.map((objective) => (
          <li key={objective}>{objective}</li>
        ))}
      </ul>
      {metadata.contentWarnings.length > 0 && (
        <section className="content-warning" aria-labelledby="warning-heading">
          <h2 id="warning-heading">Before you start</h2>
          <p>This call contains: {metadata.contentWarnings.join('; ')}.</p>
          <p>You can skip it and come back later. If it affects you, talk to your trainer or supervisor.</p>
        </section>
      )}
      <h2>How the call works</h2>
      <p>
        When you start, the phone rings. Answer it to hear the caller; captions show what is said. When the caller stops, choose what
        to ask next. After the call, record your THRIVE+ assessment, your grade and your safeguarding actions.
      </p>
      <div className="actions">
        <a className="button primary" href={routeHref({ screen: 'call', scenarioId })}>
          Start call
        </a>
        <a className="button" href={routeHref({ screen: 'library' })}>
          Back to library
        </a>
      </div>
    </>
  );
}
