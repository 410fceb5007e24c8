import type { SystemsDatabase, SystemsSubject } from '../../domain/scenario-schema';
import type { CheckView } from '../../call/call-selectors';
import { SystemsRecordText, systemsDatabaseLabels } from '../shared/systems-labels';
import { formatClock } from '../shared/time-format';

interface SystemsChecksPanelProps {
  readonly available: readonly { readonly subject: SystemsSubject; readonly databases: readonly SystemsDatabase[] }[];
  readonly checks: readonly CheckView[];
  readonly onRun: (database: SystemsDatabase, subject: string) => void;
}

/**
 * Force systems checks: each subject known so far (number, address, named person) against every
 * database, so the list never hints which matter. A check shows "Searching…" until its result
 * arrives after the scenario's delay; the latest is announced politely, and each is logged.
 */
export function SystemsChecksPanel({ available, checks, onRun }: SystemsChecksPanelProps) {
  const latest = checks.at(-1);
  const announcement = latest
    ? latest.status === 'running'
      ? `Searching ${systemsDatabaseLabels[latest.database].toLowerCase()} for ${latest.subjectLabel}…`
      : `${systemsDatabaseLabels[latest.database]} for ${latest.subjectLabel}: ${latest.status === 'no-trace' ? 'no trace' : `${latest.records.length} record${latest.records.length === 1 ? '' : 's'} found`}.`
    : '';
  return (
    <section className="systems-checks" aria-labelledby="systems-checks-heading" data-incident-log="">
      <h2 id="systems-checks-heading">Systems checks</h2>
      {available.length === 0 ? (
        <p className="hint">No force systems to search on this call.</p>
      ) : (
        available.map(({ subject, databases }) => (
          <fieldset key={subject.id} className="check-subject">
            <legend>{subject.label}</legend>
            <div className="check-buttons">
              {databases.map((database) => (
                <button key={database} type="button" className="button small" onClick={() => onRun(database, subject.id)}>
                  {systemsDatabaseLabels[database]}
                </button>
              ))}
            </div>
          </fieldset>
        ))
      )}
      <p role="status" className="check-announcement">
        {announcement}
      </p>
      {checks.length > 0 && (
        <>
          <h3 id="check-results-heading">Results</h3>
          <ol className="check-results" aria-labelledby="check-results-heading">
            {[...checks].reverse().map((check) => (
              <li key={`${check.checkId}@${check.requestedAtMs}`}>
                <span className="mono">{formatClock(check.requestedAtMs)}</span> {systemsDatabaseLabels[check.database]}: {check.subjectLabel}
                {check.status === 'running' && <span className="hint"> Searching…</span>}
                {check.status === 'no-trace' && <span> No trace.</span>}
                {check.status === 'records' && (
                  <ul>
                    {check.records.map((record, index) => (
                      <li key={index}>
                        <SystemsRecordText record={record} />
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
