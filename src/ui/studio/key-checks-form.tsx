import { deviationSeverities, type AnswerKey, type DeviationSeverity } from '../../domain/answer-key-schema';
import type { ForcePolicy } from '../../domain/force-policy-schema';
import { systemsDatabases, type Scenario } from '../../domain/scenario-schema';
import { acceptableBeside, emptyRegrade, emptyRequiredCheck, withoutItem } from '../../domain/studio-systems-edit';
import { systemsDatabaseLabels } from '../shared/systems-labels';
import { ChoiceSetField, FieldGroup, NumberField, SelectField, TextField, useDraftForm, type Choice } from './draft-fields';
import { CueOffsetField, keyMomentChoices, keyMomentFrom, keyMomentValue } from './moment-fields';
import { subjectName } from './systems-form';

const severityLabels: Record<DeviationSeverity, string> = {
  minor: 'Minor',
  moderate: 'Moderate',
  major: 'Major (keeps the attempt out of the top band)',
  critical: 'Critical (fails the attempt)',
};
const severityChoices: Choice[] = deviationSeverities.map((severity) => ({ value: severity, label: severityLabels[severity] }));
const databaseChoices: Choice[] = systemsDatabases.map((database) => ({ value: database, label: systemsDatabaseLabels[database] }));

/**
 * The answer key's timed expectations: the systems checks the expert would run (which database,
 * on which subject, by which moment) and the re-grades they would make after new information.
 */
export function KeyChecksSection({ scenario, answerKey, policy }: { scenario: Scenario; answerKey: AnswerKey; policy: ForcePolicy }) {
  const { set } = useDraftForm();
  const checks = answerKey.requiredChecks ?? [];
  const regrades = answerKey.regrades ?? [];
  const moments = keyMomentChoices(scenario);
  const grades: Choice[] = policy.grades.map((g) => ({ value: g.id, label: g.name }));
  const subjects: Choice[] = (scenario.systems?.subjects ?? []).map((s) => ({ value: s.id, label: subjectName(s) }));
  const firstMoment = moments[0];
  return (
    <section aria-labelledby="studio-key-checks">
      <h2 id="studio-key-checks">Answer key: systems checks and re-grades</h2>
      <FieldGroup part="k" path="$.requiredChecks" legend="Systems checks the expert would run">
        {scenario.systems ? null : <p>Add force systems to the scenario first: a required check searches one of its subjects.</p>}
        {checks.map((check, i) => {
          const at = `$.requiredChecks[${i}]`;
          const name = `Required check ${i + 1}`;
          return (
            <FieldGroup key={i} part="k" path={at} legend={`${name} (${check.id})`}>
              <div className="studio-row">
                <SelectField part="k" path={`${at}.database`} label={`${name}: database`} value={check.database} choices={databaseChoices} />
                <SelectField part="k" path={`${at}.subject`} label={`${name}: subject`} value={check.subject} choices={subjects} />
              </div>
              <div className="studio-row">
                <SelectField
                  part="k"
                  path={`${at}.by`}
                  label={`${name}: asked for by`}
                  value={keyMomentValue(check.by)}
                  choices={[{ value: '', label: 'Any time before the call ends' }, ...moments]}
                  onChoose={(v) => {
                    set('k', `${at}.by`, v ? keyMomentFrom(v) : undefined);
                    if (!v) set('k', `${at}.withinSeconds`, undefined);
                  }}
                />
                <CueOffsetField path={`${at}.by`} label={`${name}: asked for by`} moment={check.by} />
                {check.by ? <NumberField part="k" path={`${at}.withinSeconds`} label={`${name}: seconds allowed after that moment (empty: none)`} value={check.withinSeconds} /> : null}
              </div>
              <TextField part="k" path={`${at}.reason`} label={`${name}: why it matters`} value={check.reason} multiline />
              <SelectField part="k" path={`${at}.severity`} label={`${name}: severity when never run`} value={check.severity} choices={severityChoices} />
              <button type="button" onClick={() => set('k', '$.requiredChecks', withoutItem(checks, i))}>
                Remove required check {i + 1}
              </button>
            </FieldGroup>
          );
        })}
        {scenario.systems ? (
          <button type="button" onClick={() => set('k', '$.requiredChecks', [...checks, emptyRequiredCheck(answerKey, scenario.systems)])}>
            Add a required check
          </button>
        ) : null}
      </FieldGroup>
      <FieldGroup part="k" path="$.regrades" legend="Re-grades after new information">
        {regrades.map((regrade, i) => {
          const at = `$.regrades[${i}]`;
          const name = `Re-grade ${i + 1}`;
          return (
            <FieldGroup key={i} part="k" path={at} legend={`${name} (${regrade.id})`}>
              <div className="studio-row">
                <SelectField part="k" path={`${at}.after`} label={`${name}: after`} value={keyMomentValue(regrade.after)} choices={moments} onChoose={(v) => set('k', `${at}.after`, keyMomentFrom(v))} />
                <CueOffsetField path={`${at}.after`} label={`${name}: after`} moment={regrade.after} />
              </div>
              <div className="studio-row">
                <SelectField
                  part="k"
                  path={`${at}.expected`}
                  label={`${name}: grade expected`}
                  value={regrade.expected}
                  choices={grades}
                  onChoose={(v) => {
                    set('k', `${at}.expected`, v);
                    if (regrade.acceptable?.includes(v)) set('k', `${at}.acceptable`, acceptableBeside(regrade.acceptable, v));
                  }}
                />
                <NumberField part="k" path={`${at}.withinSeconds`} label={`${name}: seconds allowed after it`} value={regrade.withinSeconds} />
              </div>
              <ChoiceSetField part="k" path={`${at}.acceptable`} legend={`${name}: other grades accepted`} value={regrade.acceptable} choices={grades.filter((g) => g.value !== regrade.expected)} />
              <TextField part="k" path={`${at}.reason`} label={`${name}: why`} value={regrade.reason} multiline />
              <SelectField part="k" path={`${at}.severity`} label={`${name}: severity when the grade never gets there`} value={regrade.severity} choices={severityChoices} />
              <button type="button" onClick={() => set('k', '$.regrades', withoutItem(regrades, i))}>
                Remove re-grade {i + 1}
              </button>
            </FieldGroup>
          );
        })}
        {firstMoment ? (
          <button type="button" onClick={() => set('k', '$.regrades', [...regrades, emptyRegrade(answerKey, keyMomentFrom(firstMoment.value))])}>
            Add a re-grade
          </button>
        ) : null}
      </FieldGroup>
    </section>
  );
}
