import { useMemo } from 'react';
import type { AttemptEvidence } from '../../domain/attempt-evidence';
import { nextScenario } from '../../domain/practice-schedule';
import type { IncidentType } from '../../domain/scenario-schema';
import { useServices } from '../app-services';
import { routeHref } from '../routing';
import { incidentTypeLabels } from './domain-labels';
import { useLoad } from './load-state';
import { NextScenarioSlot } from './next-scenario-slot';
import { useProgressEvidence } from './progress-evidence';

const typeLabel = (type: string) => (incidentTypeLabels[type as IncidentType] ?? type).toLowerCase();

/**
 * "Practise next": the scenario spaced repetition picks from the open profile's attempts, with
 * the reason in plain words and a link to its briefing. Loaded lazily (it brings the FSRS
 * scheduler), so the library's first load stays light.
 */
export default function NextScenarioCard({ evidence: given }: { evidence?: AttemptEvidence[] }) {
  return given ? <Suggestion evidence={given} /> : <OwnEvidence />;
}

/** Reads the attempts itself (on the library); the dashboard passes the evidence it already has. */
function OwnEvidence() {
  const progress = useProgressEvidence();
  if (progress.status === 'loading') return <NextScenarioSlot />;
  return progress.status === 'ready' ? <Suggestion evidence={progress.value.evidence} /> : null;
}

function Suggestion({ evidence }: { evidence: AttemptEvidence[] }) {
  const { catalogue, now } = useServices();
  const library = useLoad(() => catalogue.list(), 'library');
  const scenarios = library.status === 'ready' ? library.value.scenarios : undefined;
  // Deterministic given the attempts and the clock: recomputed when either list changes.
  const suggestion = useMemo(
    () => (scenarios ? nextScenario(evidence, scenarios, new Date(now()), typeLabel) : undefined),
    [evidence, scenarios, now],
  );
  if (library.status === 'loading') return <NextScenarioSlot />;
  if (!suggestion) return null;
  return (
    <aside className="next-scenario" aria-labelledby="next-scenario-heading">
      <h2 id="next-scenario-heading">Practise next</h2>
      <p className="next-scenario-title">{suggestion.scenarioTitle}</p>
      <p>
        <strong>Why:</strong> {suggestion.reason}
      </p>
      {/* The title is just above: the visible words stay short, the accessible name keeps the title. */}
      <a className="button primary" href={routeHref({ screen: 'briefing', scenarioId: suggestion.scenarioId })} aria-label={`Practise this call: ${suggestion.scenarioTitle}`}>
        Practise this call
      </a>
    </aside>
  );
}
