import type { SystemsDatabase, SystemsRecord, WarningMarker } from '../../domain/scenario-schema';

/** How the simulated force systems are named on screen. */
export const systemsDatabaseLabels: Record<SystemsDatabase, string> = {
  'incident-history': 'Incident history',
  'warning-markers': 'Warning markers',
  'orders-and-bail': 'Orders and bail',
  'missing-person-history': 'Missing-person history',
  'vehicle-records': 'Vehicle records',
};

/** Warning markers as upper-case labels (shown with an icon, never by colour alone). */
export const warningMarkerLabels: Record<WarningMarker, string> = {
  'domestic-abuse-high-risk': 'HIGH-RISK DOMESTIC ABUSE',
  'domestic-abuse': 'DOMESTIC ABUSE',
  stalking: 'STALKING',
  weapons: 'WEAPONS',
  violence: 'VIOLENCE',
  'self-harm': 'SELF-HARM',
  'suicide-risk': 'SUICIDE RISK',
  'mental-health': 'MENTAL HEALTH',
  'vulnerable-adult': 'VULNERABLE ADULT',
  'vulnerable-child': 'VULNERABLE CHILD',
  'hate-crime-victim': 'HATE CRIME VICTIM',
  'repeat-victim': 'REPEAT VICTIM',
  'dementia-herbert-protocol': 'DEMENTIA (HERBERT PROTOCOL)',
  'missing-person': 'MISSING PERSON',
};

export const systemsRecordKindLabels: Record<SystemsRecord['kind'], string> = {
  'previous-incident': 'Previous incident',
  'warning-marker': 'Warning marker',
  'court-order': 'Court order',
  'bail-condition': 'Bail condition',
  'missing-episode': 'Missing episode',
  'vehicle-keeper': 'Vehicle keeper',
  intelligence: 'Intelligence',
};

/** A warning marker as the house style shows it: a warning icon and an upper-case label. */
export function WarningMarkerLabel({ marker }: { marker: WarningMarker }) {
  return (
    <strong className="warning-marker">
      <span aria-hidden="true">⚠ </span>
      {warningMarkerLabels[marker]}
    </strong>
  );
}

/** One record a systems check returned: kind, marker, date, reference and summary, as text. */
export function SystemsRecordText({ record }: { record: SystemsRecord }) {
  return (
    <>
      {record.marker && (
        <>
          <WarningMarkerLabel marker={record.marker} />{' '}
        </>
      )}
      <span className="record-kind">{systemsRecordKindLabels[record.kind]}</span>
      {record.date && <span className="mono"> {record.date}</span>}
      {record.reference && <span className="mono"> ({record.reference})</span>}: {record.summary}
    </>
  );
}
