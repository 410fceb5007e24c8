import { lazy, Suspense, useId, useMemo, useState } from 'react';
import { useServices, type ScenarioSummary } from '../app-services';
import { routeHref } from '../routing';
import { channelLabel, difficultyLabels, incidentTypeLabels } from '../shared/domain-labels';
import { useLoad } from '../shared/load-state';
import { NextScenarioSlot } from '../shared/next-scenario-slot';
import { ScreenHeading } from '../shared/screen-heading';
import { ErrorMessage, LoadingMessage } from '../shared/status-message';
import { formatProblem } from '../../domain/problem';

// The suggestion brings the FSRS scheduler: it loads after the library, never in the first load.
const NextScenarioCard = lazy(() => import('../shared/next-scenario-card'));

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
      <Suspense fallback={<NextScenarioSlot />}>
        <NextScenarioCard />
      </Suspense>
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
          <FilteredLibrary scenarios={listing.value.scenarios} />
        </>
      )}
    </>
  );
}

interface LibraryFilter {
  readonly incidentType: string;
  readonly channel: string;
  readonly difficulty: string;
  readonly hideContentWarnings: boolean;
}

const noFilter: LibraryFilter = { incidentType: '', channel: '', difficulty: '', hideContentWarnings: false };

function matches(scenario: ScenarioSummary, filter: LibraryFilter): boolean {
  return (
    (!filter.incidentType || scenario.incidentType === filter.incidentType) &&
    (!filter.channel || scenario.channel === filter.channel) &&
    (!filter.difficulty || scenario.difficulty === filter.difficulty) &&
    (!filter.hideContentWarnings || scenario.contentWarnings.length === 0)
  );
}

/** The library with filters a trainee or trainer uses to find the right call to practise. */
function FilteredLibrary({ scenarios }: { scenarios: readonly ScenarioSummary[] }) {
  const [filter, setFilter] = useState<LibraryFilter>(noFilter);
  const id = useId();
  const shown = useMemo(() => scenarios.filter((scenario) => matches(scenario, filter)), [scenarios, filter]);
  const types = [...new Set(scenarios.map((s) => s.incidentType))].sort((a, b) => incidentTypeLabels[a].localeCompare(incidentTypeLabels[b]));
  const channels = [...new Set(scenarios.map((s) => s.channel))].sort();
  const levels = (['recruit', 'experienced', 'expert'] as const).filter((level) => scenarios.some((s) => s.difficulty === level));
  const set = (change: Partial<LibraryFilter>) => setFilter((current) => ({ ...current, ...change }));
  return (
    <>
      <form className="library-filter" aria-label="Filter scenarios" onSubmit={(e) => e.preventDefault()}>
        <div>
          <label htmlFor={`${id}-type`}>Incident type</label>
          <select id={`${id}-type`} value={filter.incidentType} onChange={(e) => set({ incidentType: e.target.value })}>
            <option value="">All types</option>
            {types.map((type) => (
              <option key={type} value={type}>
                {incidentTypeLabels[type]}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor={`${id}-channel`}>Channel</label>
          <select id={`${id}-channel`} value={filter.channel} onChange={(e) => set({ channel: e.target.value })}>
            <option value="">All channels</option>
            {channels.map((channel) => (
              <option key={channel} value={channel}>
                {channelLabel(channel)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor={`${id}-level`}>Level</label>
          <select id={`${id}-level`} value={filter.difficulty} onChange={(e) => set({ difficulty: e.target.value })}>
            <option value="">All levels</option>
            {levels.map((level) => (
              <option key={level} value={level}>
                {difficultyLabels[level]}
              </option>
            ))}
          </select>
        </div>
        <label className="choice">
          <input type="checkbox" checked={filter.hideContentWarnings} onChange={(e) => set({ hideContentWarnings: e.target.checked })} />
          Hide calls with content warnings
        </label>
      </form>
      <p role="status" className="meta">
        Showing {shown.length} of {scenarios.length} calls.
      </p>
      <ul className="scenario-list">
        {shown.map((scenario) => (
          <li key={scenario.id}>
            <ScenarioCard scenario={scenario} />
          </li>
        ))}
      </ul>
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
