import { useState, type FormEvent } from 'react';
import type { IncidentLogEntry } from '../../domain/call-response-schema';
import type { ForcePolicy } from '../../domain/force-policy-schema';
import type { IncidentType } from '../../domain/scenario-schema';
import type { CallUserEvent, LiveIncidentRecord } from '../../call/call-machine';
import { actionLabel, elementName, gradeLabel, incidentTypeLabels, ratingLabel } from '../shared/domain-labels';
import { systemsDatabaseLabels } from '../shared/systems-labels';
import { formatClock } from '../shared/time-format';
import { safeguardingGroups } from './safeguarding-groups';

interface IncidentLogPanelProps {
  readonly policy: ForcePolicy;
  readonly grade: string | null;
  readonly live: LiveIncidentRecord;
  readonly entries: readonly IncidentLogEntry[];
  /** Names of systems subjects by id, to write check entries in words. */
  readonly subjectLabels: Readonly<Record<string, string>>;
  readonly send: (event: CallUserEvent) => void;
}

/**
 * The live incident log, kept while the caller is on the line: incident type, location, grade,
 * THRIVE+ per element, safeguarding actions and free-text notes. Every change goes to the call
 * machine, which time-stamps it; the narrative below lists those entries and cannot be edited
 * (a correction is a new entry, as in a real log).
 */
export function IncidentLogPanel({ policy, grade, live, entries, subjectLabels, send }: IncidentLogPanelProps) {
  const elements = policy.framework.elements;
  const [rationales, setRationales] = useState<Record<string, string>>(() =>
    Object.fromEntries(elements.map((e) => [e.id, live.thrive[e.id]?.rationale ?? ''])),
  );
  const [locationText, setLocationText] = useState(live.locationText);
  const [note, setNote] = useState('');

  const commitRationale = (elementId: string) => {
    const rationale = rationales[elementId]?.trim() ?? '';
    const current = live.thrive[elementId];
    if ((current?.rationale ?? '') === rationale) return;
    send({ type: 'user.rateElement', element: elementId, rating: current?.rating ?? null, rationale });
  };
  const commitNote = (event: FormEvent) => {
    event.preventDefault();
    if (note.trim().length === 0) return;
    send({ type: 'user.addNote', text: note });
    setNote('');
  };

  return (
    <section className="incident-log" aria-labelledby="incident-log-heading" data-incident-log="">
      <h2 id="incident-log-heading">Incident log</h2>
      <p className="hint">Record as you go: every change is time-stamped. Change the grade whenever the risk changes.</p>
      <div className="log-header-fields">
        <div>
          <label htmlFor="log-incident-type">Incident type</label>
          <select
            id="log-incident-type"
            value={live.incidentType ?? ''}
            onChange={(e) => e.target.value && send({ type: 'user.setIncidentType', incidentType: e.target.value })}
          >
            <option value="">Not set</option>
            {(Object.keys(incidentTypeLabels) as IncidentType[]).map((type) => (
              <option key={type} value={type}>
                {incidentTypeLabels[type]}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="log-location-text">Location (as given)</label>
          <input
            id="log-location-text"
            type="text"
            maxLength={500}
            value={locationText}
            onChange={(e) => setLocationText(e.target.value)}
            onBlur={() => locationText.trim() !== live.locationText && send({ type: 'user.setLocationText', text: locationText.trim() })}
          />
        </div>
      </div>

      <fieldset className="log-grade">
        <legend>
          <h3>Grade</h3>
        </legend>
        <p className="hint">
          Current: <span className={grade ? `grade-chip grade-${grade}` : 'grade-chip ungraded'}>{gradeLabel(policy, grade)}</span>
        </p>
        <div role="radiogroup" aria-label="Grade">
          {policy.grades.map((level) => (
            <label key={level.id} className="choice">
              <input
                type="radio"
                name="log-grade"
                value={level.id}
                checked={grade === level.id}
                onChange={() => send({ type: 'user.setGrade', grade: level.id })}
              />
              <span className={`grade-chip grade-${level.id}`}>{level.shortLabel}</span> {level.name}
            </label>
          ))}
        </div>
      </fieldset>

      <fieldset className="log-thrive">
        <legend>
          <h3>{policy.framework.name}</h3>
        </legend>
        {elements.map((element) => (
          <div key={element.id} className="log-element">
            <div role="radiogroup" aria-label={`${element.name} rating`} className="rating-options">
              <span className="element-name" aria-hidden="true">
                {element.letter}: {element.name}
              </span>
              {policy.framework.ratingScale.map((rating) => (
                <label key={rating.id} className="choice">
                  <input
                    type="radio"
                    name={`log-rating-${element.id}`}
                    value={rating.id}
                    checked={live.thrive[element.id]?.rating === rating.id}
                    onChange={() =>
                      send({ type: 'user.rateElement', element: element.id, rating: rating.id, rationale: rationales[element.id]?.trim() ?? '' })
                    }
                  />
                  {rating.label}
                </label>
              ))}
            </div>
            <label htmlFor={`log-rationale-${element.id}`} className="rationale-label">
              Rationale for {element.name}
            </label>
            <textarea
              id={`log-rationale-${element.id}`}
              rows={1}
              maxLength={2000}
              value={rationales[element.id] ?? ''}
              onChange={(e) => setRationales((r) => ({ ...r, [element.id]: e.target.value }))}
              onBlur={() => commitRationale(element.id)}
            />
          </div>
        ))}
      </fieldset>

      <fieldset className="log-actions">
        <legend>
          <h3>Safeguarding actions</h3>
        </legend>
        {safeguardingGroups(policy).map(({ group, name, actions }) => (
          <fieldset key={group} className="action-group">
            <legend>{name}</legend>
            {actions.map((action) => (
              <label key={action.id} className="choice">
                <input
                  type="checkbox"
                  name="log-safeguarding"
                  value={action.id}
                  checked={live.safeguardingActions.includes(action.id)}
                  onChange={(e) => send({ type: 'user.setSafeguardingAction', action: action.id, taken: e.target.checked })}
                />
                {action.label}
              </label>
            ))}
          </fieldset>
        ))}
      </fieldset>

      <form className="log-note" onSubmit={commitNote}>
        <label htmlFor="log-note">Log entry</label>
        <p className="hint" id="log-note-hint">
          Enter adds the line to the log with the time. Earlier lines cannot be changed.
        </p>
        <div className="log-note-line">
          <input id="log-note" type="text" maxLength={2000} value={note} aria-describedby="log-note-hint" onChange={(e) => setNote(e.target.value)} />
          <button type="submit" className="button">
            Add to log
          </button>
        </div>
      </form>

      <h3 id="log-narrative-heading">Log</h3>
      {entries.length === 0 ? (
        <p className="hint">Nothing logged yet.</p>
      ) : (
        <ol className="log-narrative mono" aria-labelledby="log-narrative-heading">
          {entries.map((entry, index) => (
            <li key={index}>
              <span className="log-time">{formatClock(entry.atMs)}</span> {describeEntry(policy, entry, subjectLabels)}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

/** One log entry in words, as the narrative shows it. */
export function describeEntry(policy: ForcePolicy, entry: IncidentLogEntry, subjectLabels: Readonly<Record<string, string>>): string {
  switch (entry.kind) {
    case 'grade':
      return `GRADE ${gradeLabel(policy, entry.grade).toUpperCase()}${entry.rationale ? `: ${entry.rationale}` : ''}`;
    case 'rating':
      return `THRIVE ${elementName(policy, entry.element)}: ${ratingLabel(policy, entry.rating)}${entry.rationale ? `. ${entry.rationale}` : ''}`;
    case 'safeguarding':
      return `${entry.taken ? 'ACTION' : 'ACTION WITHDRAWN'}: ${actionLabel(policy, entry.action)}`;
    case 'incident-type':
      return `TYPE ${incidentTypeLabels[entry.incidentType as IncidentType] ?? entry.incidentType}`;
    case 'location-text':
      return `LOCATION ${entry.text}`;
    case 'note':
      return entry.text;
    case 'check-requested':
      return `CHECK ${checkName(entry.checkId, subjectLabels)}`;
    case 'check-result':
      return `RESULT ${checkName(entry.checkId, subjectLabels)}: ${entry.noTrace ? 'no trace' : 'records found'}`;
  }
}

function checkName(checkId: string, subjectLabels: Readonly<Record<string, string>>): string {
  const [database, subject] = checkId.split(':');
  const databaseName = systemsDatabaseLabels[database as keyof typeof systemsDatabaseLabels] ?? database;
  return `${databaseName}, ${subject ? (subjectLabels[subject] ?? subject) : ''}`;
}
