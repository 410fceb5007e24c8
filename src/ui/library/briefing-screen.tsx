import { useState } from 'react';
import type { CallMode } from '../../domain/call-response-schema';
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
  const [mode, setMode] = useState<CallMode>('practice');
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
        to ask next. Keep the incident log as you go: the grade (change it whenever the risk changes), THRIVE+, safeguarding
        actions, notes and systems checks. Every entry is time-stamped. After the call, check your log and submit it.
      </p>
      <fieldset className="mode-choice">
        <legend>
          <h2>Mode</h2>
        </legend>
        <label className="choice">
          <input type="radio" name="mode" value="practice" checked={mode === 'practice'} onChange={() => setMode('practice')} aria-describedby="mode-practice-hint" />
          Practice
        </label>
        <p className="hint" id="mode-practice-hint">
          Captions say exactly what is heard, you can pause and replay the caller, and a coaching hint follows your decisions.
        </p>
        <label className="choice">
          <input
            type="radio"
            name="mode"
            value="assessment"
            checked={mode === 'assessment'}
            onChange={() => setMode('assessment')}
            aria-describedby="mode-assessment-hint"
          />
          Assessment
        </label>
        <p className="hint" id="mode-assessment-hint">
          As on a live call: no pause, no replay and no hints. Captions stay available but describe sounds neutrally, so they give
          nothing away. The attempt is recorded as assessed.
        </p>
      </fieldset>
      <div className="actions">
        <a className="button primary" href={routeHref({ screen: 'call', scenarioId, mode })}>
          Start call
        </a>
        <a className="button" href={routeHref({ screen: 'library' })}>
          Back to library
        </a>
      </div>
    </>
  );
}
