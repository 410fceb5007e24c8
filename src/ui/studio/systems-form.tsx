import {
  callUpdateSchema,
  systemsDatabases,
  systemsRecordSchema,
  systemsSubjectKinds,
  warningMarkers,
  type CallUpdate,
  type Scenario,
  type SystemsRecords,
  type SystemsSubject,
} from '../../domain/scenario-schema';
import {
  emptyCallUpdate,
  withRecordAdded,
  withRecordKind,
  withRecordRemoved,
  withResultAdded,
  withResultRemoved,
  withSubjectAdded,
  withSubjectRemoved,
  withoutItem,
} from '../../domain/studio-systems-edit';
import { systemsDatabaseLabels, systemsRecordKindLabels, warningMarkerLabels } from '../shared/systems-labels';
import { FieldGroup, NumberField, SelectField, TextField, useDraftForm, type Choice } from './draft-fields';
import { CallMomentField } from './moment-fields';

const subjectKindLabels: Record<SystemsSubject['kind'], string> = {
  'phone-number': 'Phone number',
  address: 'Address',
  person: 'Person',
  vehicle: 'Vehicle',
};

const updateKindLabels: Record<CallUpdate['kind'], string> = {
  'second-call': 'Second call',
  'ambulance-update': 'Ambulance update',
  'officer-update': 'Officer update',
  'system-alert': 'System alert',
  'supervisor-message': 'Supervisor message',
};

const subjectKindChoices: Choice[] = systemsSubjectKinds.map((kind) => ({ value: kind, label: subjectKindLabels[kind] }));
const databaseChoices: Choice[] = systemsDatabases.map((database) => ({ value: database, label: systemsDatabaseLabels[database] }));
const recordKindChoices: Choice[] = systemsRecordSchema.shape.kind.options.map((kind) => ({ value: kind, label: systemsRecordKindLabels[kind] }));
const markerChoices: Choice[] = warningMarkers.map((marker) => ({ value: marker, label: warningMarkerLabels[marker] }));
const updateKindChoices: Choice[] = callUpdateSchema.shape.kind.options.map((kind) => ({ value: kind, label: updateKindLabels[kind] }));

/** How a subject is named in the form: its label, or its id while it has none. */
export const subjectName = (subject: SystemsSubject): string => subject.label || subject.id;

/**
 * The force systems the trainee can search during the call: the subjects (a number, an address,
 * a person, a vehicle), what a search of each database finds for them (results holding records),
 * and how long searches take. A subject and database without a result return "no trace".
 */
export function SystemsSection({ scenario }: { scenario: Scenario }) {
  const form = useDraftForm();
  const systems = scenario.systems;
  const setSystems = (next: SystemsRecords | undefined) => form.set('s', '$.systems', next);
  return (
    <section aria-labelledby="studio-systems">
      <h2 id="studio-systems">Force systems</h2>
      <p>
        What the trainee finds when they search force systems during the call. Every subject can be searched in every database; a search with no result here
        finds "no trace".
      </p>
      {!systems ? (
        <p>
          <button type="button" onClick={() => setSystems(withSubjectAdded(undefined))}>
            Add force systems
          </button>
        </p>
      ) : (
        <SystemsFields systems={systems} scenario={scenario} setSystems={setSystems} />
      )}
    </section>
  );
}

function SystemsFields({ systems, scenario, setSystems }: { systems: SystemsRecords; scenario: Scenario; setSystems: (next: SystemsRecords | undefined) => void }) {
  const { set } = useDraftForm();
  const subjects = systems.subjects ?? [];
  const results = systems.results ?? [];
  const subjectChoices: Choice[] = subjects.map((s) => ({ value: s.id, label: subjectName(s) }));
  return (
    <>
      <FieldGroup part="s" path="$.systems" legend="Searches">
        <NumberField part="s" path="$.systems.defaultDelaySeconds" label="Seconds a search takes (unless its result says otherwise)" value={systems.defaultDelaySeconds} />
      </FieldGroup>
      <FieldGroup part="s" path="$.systems.subjects" legend="Subjects the trainee can search">
        {subjects.map((subject, i) => (
          <FieldGroup key={i} part="s" path={`$.systems.subjects[${i}]`} legend={`Subject ${i + 1} (${subject.id})`}>
            <div className="studio-row">
              <SelectField part="s" path={`$.systems.subjects[${i}].kind`} label={`Subject ${i + 1}: kind`} value={subject.kind} choices={subjectKindChoices} />
              <TextField
                part="s"
                path={`$.systems.subjects[${i}].label`}
                label={`Subject ${i + 1}: how the check screen names it`}
                hint={'e.g. "Caller\u2019s number 07700 900123" or "Darren Pike (ex-partner)"'}
                value={subject.label}
              />
            </div>
            <CallMomentField path={`$.systems.subjects[${i}].knownFrom`} label={`Subject ${i + 1}: can be searched`} value={subject.knownFrom} scenario={scenario} optional />
            <button type="button" onClick={() => setSystems(withSubjectRemoved(systems, i))}>
              Remove subject {i + 1}
            </button>
          </FieldGroup>
        ))}
        <button type="button" onClick={() => setSystems(withSubjectAdded(systems))}>
          Add a subject
        </button>
      </FieldGroup>
      <FieldGroup part="s" path="$.systems.results" legend="What searches find">
        {results.length === 0 ? <p>Every search finds "no trace".</p> : null}
        {results.map((result, i) => {
          const at = `$.systems.results[${i}]`;
          const subject = subjects.find((s) => s.id === result.subject);
          const database = systemsDatabaseLabels[result.database] ?? result.database;
          return (
            <FieldGroup key={i} part="s" path={at} legend={`Result ${i + 1}: ${database} for ${subject ? subjectName(subject) : result.subject}`}>
              <div className="studio-row">
                <SelectField part="s" path={`${at}.subject`} label={`Result ${i + 1}: subject`} value={result.subject} choices={subjectChoices} />
                <SelectField part="s" path={`${at}.database`} label={`Result ${i + 1}: database`} value={result.database} choices={databaseChoices} />
                <NumberField part="s" path={`${at}.delaySeconds`} label={`Result ${i + 1}: seconds the search takes (empty: as set above)`} value={result.delaySeconds} />
              </div>
              <FieldGroup part="s" path={`${at}.records`} legend={`Records result ${i + 1} finds`}>
                {(result.records ?? []).map((record, j) => {
                  const rat = `${at}.records[${j}]`;
                  const name = `Result ${i + 1}, record ${j + 1}`;
                  return (
                    <FieldGroup key={j} part="s" path={rat} legend={`Record ${j + 1}`}>
                      <div className="studio-row">
                        <SelectField part="s" path={`${rat}.kind`} label={`${name}: kind`} value={record.kind} choices={recordKindChoices} onChoose={(kind) => set('s', rat, withRecordKind(record, kind as typeof record.kind))} />
                        {record.kind === 'warning-marker' ? (
                          <SelectField part="s" path={`${rat}.marker`} label={`${name}: marker`} value={record.marker} choices={markerChoices} empty="(choose a marker)" onChoose={(v) => set('s', `${rat}.marker`, v || undefined)} />
                        ) : null}
                        <TextField part="s" path={`${rat}.date`} label={`${name}: date (YYYY-MM-DD, optional)`} value={record.date} optional />
                        <TextField part="s" path={`${rat}.reference`} label={`${name}: reference (optional)`} value={record.reference} optional />
                      </div>
                      <TextField part="s" path={`${rat}.summary`} label={`${name}: what it says`} value={record.summary} multiline />
                      <button type="button" onClick={() => setSystems(withRecordRemoved(systems, i, j))}>
                        Remove record {j + 1} of result {i + 1}
                      </button>
                    </FieldGroup>
                  );
                })}
                <button type="button" onClick={() => setSystems(withRecordAdded(systems, i))}>
                  Add a record to result {i + 1}
                </button>
              </FieldGroup>
              <button type="button" onClick={() => setSystems(withResultRemoved(systems, i))}>
                Remove result {i + 1}
              </button>
            </FieldGroup>
          );
        })}
        <button type="button" onClick={() => setSystems(withResultAdded(systems))}>
          Add a result
        </button>
      </FieldGroup>
    </>
  );
}

/**
 * News that reaches the call handler mid-call from somewhere other than the caller's line: a
 * second call, an ambulance or officer update, an alert; each with who it is from, what it says
 * and when it arrives. (Update audio is not authored here: the update is shown as text.)
 */
export function UpdatesSection({ scenario }: { scenario: Scenario }) {
  const { set } = useDraftForm();
  const updates = scenario.updates ?? [];
  return (
    <section aria-labelledby="studio-updates">
      <h2 id="studio-updates">Mid-call updates</h2>
      <FieldGroup part="s" path="$.updates" legend="Updates the call handler receives during the call">
        {updates.length === 0 ? <p>{'None: only the caller\u2019s line brings news.'}</p> : null}
        {updates.map((update, i) => {
          const at = `$.updates[${i}]`;
          return (
            <FieldGroup key={i} part="s" path={at} legend={`Update ${i + 1} (${update.id})`}>
              <div className="studio-row">
                <SelectField part="s" path={`${at}.kind`} label={`Update ${i + 1}: kind`} value={update.kind} choices={updateKindChoices} />
                <TextField part="s" path={`${at}.from`} label={`Update ${i + 1}: from`} hint='e.g. "Ambulance control" or "Second 999 call (neighbour)"' value={update.from} />
              </div>
              <TextField part="s" path={`${at}.text`} label={`Update ${i + 1}: what it says`} value={update.text} multiline />
              <CallMomentField path={`${at}.at`} label={`Update ${i + 1}: arrives`} value={update.at} scenario={scenario} />
              <button type="button" onClick={() => set('s', '$.updates', withoutItem(updates, i))}>
                Remove update {i + 1}
              </button>
            </FieldGroup>
          );
        })}
        <button type="button" onClick={() => set('s', '$.updates', [...updates, emptyCallUpdate(updates, scenario.clips[0]?.id)])}>
          Add a mid-call update
        </button>
      </FieldGroup>
    </section>
  );
}
